package io.tally.local;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tally replay}: re-submits a day's quarantined events after a fix and reports each event's fate. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a day's quarantined events with today's rules; valid ones are queued under their original channel, the rest stay quarantined.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--date", description = "UTC day, yyyy-MM-dd (default: today)")
    String date;

    @Option(names = "--reason", description = "Only events quarantined for this reason")
    String reason;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        return client.admin().call("POST", ApiPath.of("/v1/quarantine/replay")
                .query("date", date).query("reason", reason).toString());
    }
}

package io.tally.local;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tally quarantine}: what the gateway quarantined on a day, by reason, or the events themselves. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Show a day's quarantined events: counts by reason, or with --events the events and their errors.")
final class QuarantineCommand implements Callable<Integer> {

    @Option(names = "--date", description = "UTC day, yyyy-MM-dd (default: today)")
    String date;

    @Option(names = "--reason", description = "Only this reason (with --events)")
    String reason;

    @Option(names = "--events", description = "List the quarantined events instead of counting them")
    boolean events;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        return client.admin().call("GET", ApiPath.of(events ? "/v1/quarantine/events" : "/v1/quarantine")
                .query("date", date).query("reason", events ? reason : null).toString());
    }
}

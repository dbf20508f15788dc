package io.tally.local;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code tally run-job NAME}: fires a scheduled job in the running local stack now. */
@Command(name = "run-job", mixinStandardHelpOptions = true,
        description = "Run a scheduled job (segments, census, clv, daily-report, …) in the running local stack now.")
final class RunJobCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "Job name: a catalog schedule's job, e.g. segments, census, clv or daily-report")
    String name;

    @Option(names = "--date", description = "Business date (yyyy-MM-dd) to run it for, as a schedule payload's "
            + "\"date\"; today when absent")
    String date;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        return client.admin().call("POST", ApiPath.of("/local/jobs").segment(name).query("date", date).toString());
    }
}

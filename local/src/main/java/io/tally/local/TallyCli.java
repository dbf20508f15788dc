package io.tally.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tally} command line: run the suite locally and talk to it. */
@Command(name = "tally", mixinStandardHelpOptions = true, version = "tally 0.1.0",
        description = "Tally: omni-channel consumer operations, run locally on embedded AWS emulators.",
        subcommands = {UpCommand.class, SendCommand.class, RunJobCommand.class, KeysCommand.class, SegmentsCommand.class,
                QuarantineCommand.class, ReplayCommand.class})
public final class TallyCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TallyCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

package io.tally.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The {@code tally} command line: run the suite locally and talk to it.
 *
 * <p>Exit codes: 0 done; 1 failed — the gateway answered an error (its JSON is printed), or a {@link CliFailure}
 * such as an unreachable gateway or no saved keys, printed as one line {@code tally: …} on stderr; 2 a usage error,
 * as picocli reports it. Any other exception is a bug: one line too, and its stack trace with {@code --verbose} or
 * {@code TALLY_VERBOSE=1}.
 */
@Command(name = "tally", mixinStandardHelpOptions = true, version = "tally 0.1.0",
        description = "Tally: omni-channel consumer operations, run locally on embedded AWS emulators.",
        subcommands = {UpCommand.class, SendCommand.class, RunJobCommand.class, KeysCommand.class, SegmentsCommand.class,
                QuarantineCommand.class, ReplayCommand.class})
public final class TallyCli implements Runnable {

    /** Set to 1 (or true) to print the stack trace of every failure, like {@code --verbose}. */
    static final String VERBOSE_VARIABLE = "TALLY_VERBOSE";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "On a failure, print its stack trace too (or set " + VERBOSE_VARIABLE + "=1)")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line with its failure handling; {@code environment} may turn on {@value #VERBOSE_VARIABLE}. */
    static CommandLine commandLine(Map<String, String> environment) {
        TallyCli cli = new TallyCli();
        return new CommandLine(cli).setExecutionExceptionHandler((failure, commandLine, parseResult) ->
                cli.report(failure, commandLine, isOn(environment.get(VERBOSE_VARIABLE))));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the failure as one line on stderr (and its stack trace if asked for); returns the exit code. */
    private int report(Exception failure, CommandLine commandLine, boolean verboseByEnvironment) {
        boolean trace = verbose || verboseByEnvironment;
        PrintWriter err = commandLine.getErr();
        if (failure instanceof CliFailure) {
            err.println("tally: " + failure.getMessage());
        } else {
            err.println("tally: unexpected error: " + failure.toString().strip().lines().findFirst().orElseThrow()
                    + (trace ? "" : " — rerun with --verbose to see its stack trace"));
        }
        if (trace) {
            failure.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    private static boolean isOn(String value) {
        return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}

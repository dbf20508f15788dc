package io.tally.local;

import io.micronaut.json.JsonMapper;
import io.tally.aws.job.JobReport;
import io.tally.core.port.in.IssueKeyUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tally up}: the whole suite on embedded emulators, seeded, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the whole suite locally (embedded DynamoDB, SQS, S3; gateway on localhost), load the seed data, print URLs and keys.")
final class UpCommand implements Callable<Integer> {

    static final Map<String, List<String>> LOCAL_BRANDS = Map.of(
            "demo", List.of("web", "miniprogram", "pos", "ads"),
            "cdnow", List.of("web"));

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", description = "Persist tables, objects and keys here between runs (default: in memory)")
    Path dataDir;

    @Option(names = "--seeds", defaultValue = "seeds", description = "Seed data directory (default: ${DEFAULT-VALUE})")
    Path seeds;

    @Option(names = "--no-seed", description = "Start empty")
    boolean noSeed;

    @Option(names = "--retry-delay", description = "Retry failed queue messages after this ISO-8601 duration (e.g. PT5S) instead of the queue's visibility timeout")
    Duration retryDelay;

    @Option(names = "--exit-after-seed", description = "Stop once seeding and the first report are done (for scripts and smoke tests)")
    boolean exitAfterSeed;

    @Override
    public Integer call() throws Exception {
        Path stateDir = dataDir != null ? dataDir : Path.of(".tally");
        LocalTally tally = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping Tally…");
            tally.close();
            stopped.countDown();
        }, "tally-shutdown"));
        JsonMapper json = tally.context().getBean(JsonMapper.class);
        LocalKeys keys = dataDir != null ? LocalKeys.read(stateDir, json).orElse(null) : null;
        if (keys == null) {
            keys = LocalKeys.issue(tally.context().getBean(IssueKeyUseCase.class), new LinkedHashMap<>(LOCAL_BRANDS));
            keys.write(stateDir, json);
        }
        printBanner(tally, keys, stateDir);
        if (!noSeed && Files.isDirectory(seeds)) {
            seed(tally, keys, json);
        }
        if (exitAfterSeed) {
            Runtime.getRuntime().halt(0);
        }
        System.out.println("Tally is running. Ctrl-C stops it.");
        stopped.await();
        return 0;
    }

    private LocalTally start() {
        try {
            return LocalTally.start(new LocalOptions(port, Optional.ofNullable(dataDir), Optional.ofNullable(retryDelay),
                    true, true));
        } catch (RuntimeException e) {
            if (CliFailure.causedBy(e, BindException.class)) {
                throw new CliFailure("port " + port + " of 127.0.0.1 is already in use — is Tally already running?"
                        + " Stop it, or pass --port " + (port + 1) + " (and --url http://localhost:" + (port + 1)
                        + " to the other commands)", e);
            }
            throw e;
        }
    }

    private void seed(LocalTally tally, LocalKeys keys, JsonMapper json) {
        GatewayClient gateway = new GatewayClient(tally.gatewayUrl(), json);
        for (SeedEvents.ChannelEvents channel : SeedEvents.load(seeds, Instant.now(), json)) {
            SendCommand.SendSummary summary = SendCommand.send(gateway, keys.writeKey(channel.brand(), channel.channel()),
                    channel.events(), channel.brand() + "/" + channel.channel());
            if (summary.rejected + summary.failed > 0) {
                System.out.println("seed " + channel.brand() + "/" + channel.channel() + ": " + summary.errors);
            }
        }
        boolean drained = tally.awaitQueuesDrained(Duration.ofMinutes(3));
        System.out.println(drained ? "seed data processed." : "seed data still processing; continuing.");
        JobReport census = tally.runJob("census");
        System.out.println("census: " + census.status() + " " + census.details());
        tally.awaitQueuesDrained(Duration.ofMinutes(3));
        JobReport report = tally.runJob("daily-report");
        System.out.println("daily report: " + report.status()
                + (report.location() != null ? "\n  open: " + report.location() : " " + report.details()));
    }

    private static void printBanner(LocalTally tally, LocalKeys keys, Path stateDir) {
        String url = tally.gatewayUrl().toString();
        StringBuilder out = new StringBuilder("\nTally is up.\n  gateway   " + url + "\n");
        for (String brand : keys.brands()) {
            out.append("  brand ").append(brand).append("\n    admin key       ").append(keys.adminKey(brand)).append('\n');
            for (String channel : keys.channels(brand)) {
                out.append(String.format("    %-15s %s%n", channel + " key", keys.writeKey(brand, channel)));
            }
        }
        out.append("  keys saved in ").append(stateDir.resolve(LocalKeys.FILE_NAME)).append("\n\nTry it:\n")
                .append("  curl -u ").append(keys.writeKey("demo", "web"))
                .append(": -H 'Content-Type: application/json' -d '{\"type\":\"track\",\"event\":\"Product Viewed\",\"anonymousId\":\"a1\"}' ")
                .append(url).append("/v1/track\n")
                .append("  curl -u ").append(keys.adminKey("demo")).append(": '").append(url)
                .append("/v1/consumers?anonymousId=a1'\n");
        System.out.println(out);
    }
}

package io.tally.local;

import io.micronaut.json.JsonMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tally segments …}: a brand's audience segments through the admin API. */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = "List, create, update, delete, preview, list members of and export a brand's audience segments.",
        subcommands = {SegmentsCommand.List.class, SegmentsCommand.Get.class, SegmentsCommand.Create.class,
                SegmentsCommand.Update.class, SegmentsCommand.Delete.class, SegmentsCommand.Preview.class,
                SegmentsCommand.Members.class, SegmentsCommand.Export.class})
final class SegmentsCommand {

    private SegmentsCommand() {
    }

    /** A JSON object from a file. */
    static Map<String, Object> readJson(Path file) {
        try {
            return JsonMapper.createDefault().readValue(Files.readAllBytes(file),
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw CliFailure.unreadable("the segment file", file, e);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the brand's segments with sizes.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("GET", "/v1/segments");
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show SEGMENT_ID with its size and latest recompute.")
    static final class Get implements Callable<Integer> {
        @Parameters(paramLabel = "SEGMENT_ID")
        String id;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("GET", ApiPath.of("/v1/segments").segment(id).toString());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a segment from FILE (a JSON definition: id, name, description, rule).")
    static final class Create implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("POST", "/v1/segments", readJson(file));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Replace SEGMENT_ID's definition with FILE (a different one is the next version).")
    static final class Update implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SEGMENT_ID")
        String id;
        @Parameters(index = "1", paramLabel = "FILE")
        Path file;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("PUT", ApiPath.of("/v1/segments").segment(id).toString(), readJson(file));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete SEGMENT_ID.")
    static final class Delete implements Callable<Integer> {
        @Parameters(paramLabel = "SEGMENT_ID")
        String id;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("DELETE", ApiPath.of("/v1/segments").segment(id).toString());
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Estimate the size of the rule in FILE (a rule, or a definition holding one) on a sample.")
    static final class Preview implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;
        @Option(names = "--sample-size", defaultValue = "1000", description = "Profiles to sample (default: ${DEFAULT-VALUE})")
        int sampleSize;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            Map<String, Object> json = readJson(file);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rule", json.containsKey("rule") ? json.get("rule") : json);
            body.put("sampleSize", sampleSize);
            return client.admin().call("POST", "/v1/segments/preview", body);
        }
    }

    @Command(name = "members", mixinStandardHelpOptions = true, description = "A page of SEGMENT_ID's members.")
    static final class Members implements Callable<Integer> {
        @Parameters(paramLabel = "SEGMENT_ID")
        String id;
        @Option(names = "--limit", defaultValue = "100", description = "Members per page, 1 to 1000 (default: ${DEFAULT-VALUE})")
        int limit;
        @Option(names = "--cursor", description = "The nextCursor of the previous page")
        String cursor;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("GET", ApiPath.of("/v1/segments").segment(id).segment("members")
                    .query("limit", limit).query("cursor", cursor).toString());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write SEGMENT_ID's audience CSV (hashed identifiers) to S3 and print its link.")
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "SEGMENT_ID")
        String id;
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.admin().call("POST", ApiPath.of("/v1/segments").segment(id).segment("export").toString());
        }
    }
}

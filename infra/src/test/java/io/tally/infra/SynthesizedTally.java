package io.tally.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.catalog.FunctionSpec;
import io.tally.catalog.TallyCatalog;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The app exactly as {@code cdk synth} builds it ({@link TallyApp#build}, cdk.json's feature flags, cdk-nag),
 * synthesized once per JVM: jsii start-up and synthesis take 15-30 s, and every test class shares the result.
 */
final class SynthesizedTally {

    private static SynthesizedTally instance;

    final App app;
    final TallyStack stack;
    final Template template;
    final Annotations annotations;
    final Path outdir;

    private SynthesizedTally(App app, TallyStack stack, Path outdir) {
        this.app = app;
        this.stack = stack;
        this.outdir = outdir;
        this.template = Template.fromStack(stack);
        this.annotations = Annotations.fromStack(stack);
    }

    static synchronized SynthesizedTally get() throws IOException {
        if (instance == null) {
            requireLambdaJars();
            Path outdir = moduleDirectory().resolve("target").resolve("cdk-test.out");
            deleteRecursively(outdir);
            App app = App.Builder.create()
                    .outdir(outdir.toString())
                    .context(cdkJsonContext())
                    .build();
            TallyStack stack = TallyApp.build(app);
            try {
                instance = new SynthesizedTally(app, stack, outdir);
            } catch (RuntimeException e) {
                // with cdk.json's flags, error annotations (e.g. an unsuppressed cdk-nag finding) fail the synth
                throw new AssertionError("cdk synth failed: " + e.getMessage() + validationReport(outdir), e);
            }
        }
        return instance;
    }

    /** The jars come from the reactor ({@code mvn verify} at the root): without them the tests must fail, not skip. */
    private static void requireLambdaJars() {
        LambdaJars jars;
        try {
            jars = LambdaJars.locate();
            for (FunctionSpec function : TallyCatalog.FUNCTIONS) {
                jars.jar(function);
            }
        } catch (IllegalStateException e) {
            throw new AssertionError("The infra tests synthesize the real stack, which needs the function jars. "
                    + e.getMessage(), e);
        }
    }

    /** The violations of the validation report the failed synth left, one line each. */
    @SuppressWarnings("unchecked")
    private static String validationReport(Path outdir) {
        Path report = outdir.resolve("validation-report.json");
        if (!Files.isRegularFile(report)) {
            return "";
        }
        StringBuilder digest = new StringBuilder("\nViolations:");
        try {
            Map<String, Object> json = new ObjectMapper().readValue(report.toFile(),
                    new TypeReference<Map<String, Object>>() {
                    });
            for (Map<String, Object> plugin : (List<Map<String, Object>>) json.get("pluginReports")) {
                for (Map<String, Object> violation : (List<Map<String, Object>>) plugin.get("violations")) {
                    String description = String.valueOf(violation.get("description")).lines().findFirst().orElse("");
                    for (Map<String, Object> construct
                            : (List<Map<String, Object>>) violation.get("violatingConstructs")) {
                        digest.append("\n  ").append(violation.get("severity")).append(' ')
                                .append(construct.get("constructPath")).append(": ")
                                .append(description.length() > 160 ? description.substring(0, 160) + "..." : description);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            digest.append(" unreadable (").append(e).append("), see ").append(report);
        }
        return digest.toString();
    }

    static Path moduleDirectory() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("cdk.json"))) {
            return cwd;
        }
        if (Files.isRegularFile(cwd.resolve("infra").resolve("cdk.json"))) {
            return cwd.resolve("infra");
        }
        throw new AssertionError("cdk.json not found from " + cwd + ": run the tests from infra/ (Maven does)");
    }

    /** The feature flags of cdk.json, as the CDK CLI passes them to the app. */
    static Map<String, Object> cdkJsonContext() throws IOException {
        Map<String, Object> cdkJson = new ObjectMapper().readValue(moduleDirectory().resolve("cdk.json").toFile(),
                new TypeReference<Map<String, Object>>() {
                });
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
        if (context == null || context.isEmpty()) {
            throw new AssertionError("cdk.json has no context (feature flags)");
        }
        return context;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

package io.tally.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.tally.catalog.BucketSpec;
import io.tally.catalog.FunctionSpec;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack passes cdk-nag's AwsSolutions pack: no unsuppressed error or warning, every suppression has a reason
 * and IAM5 ones name their wildcard. The pack's own report shows which rules it evaluated on which resources, so
 * the test cannot pass because the checks did not run.
 */
@SuppressWarnings("deprecation") // Annotations.find* still return cxapi.SynthesisMessage
class CdkNagTest {

    private static SynthesizedTally synthesized;

    @BeforeAll
    static void synthesize() throws Exception {
        synthesized = SynthesizedTally.get();
    }

    @Test
    void noUnsuppressedAwsSolutionsErrors() {
        List<SynthesisMessage> errors = synthesized.annotations.findError("*",
                Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void noUnsuppressedAwsSolutionsWarnings() {
        List<SynthesisMessage> warnings = synthesized.annotations.findWarning("*",
                Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    @Test
    void noSynthesisErrorsAtAll() {
        List<SynthesisMessage> errors = synthesized.annotations.findError("*", Match.anyValue());
        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void nagReportHasNoNonCompliantRuleAndCoversTheCatalog() throws IOException {
        List<List<String>> rows = nagReport();
        assertThat(rows).as("rows of the cdk-nag report").hasSizeGreaterThan(20);
        assertThat(rows).as("non-compliant rules")
                .noneMatch(row -> row.get(2).equals("Non-Compliant"));

        for (TableSpec table : TallyCatalog.TABLES) {
            assertRule(rows, "AwsSolutions-DDB3", synthesized.stack.table(table), "Compliant"); // PITR
        }
        for (BucketSpec bucket : TallyCatalog.BUCKETS) {
            for (String rule : List.of("AwsSolutions-S1", "AwsSolutions-S2", "AwsSolutions-S10")) {
                assertRule(rows, rule, synthesized.stack.bucket(bucket), "Compliant");
            }
        }
        for (String rule : List.of("AwsSolutions-S1", "AwsSolutions-S2", "AwsSolutions-S10")) {
            assertRule(rows, rule, synthesized.stack.accessLogBucket(), "Compliant");
        }
        for (QueueSpec queue : TallyCatalog.QUEUES) {
            for (IConstruct q : List.of(synthesized.stack.queue(queue), synthesized.stack.deadLetterQueue(queue))) {
                assertRule(rows, "AwsSolutions-SQS3", q, "Compliant");
                assertRule(rows, "AwsSolutions-SQS4", q, "Compliant");
            }
        }
        for (FunctionSpec function : TallyCatalog.FUNCTIONS) {
            assertRule(rows, "AwsSolutions-IAM4", synthesized.stack.function(function).getRole(), "Compliant");
            assertRule(rows, "AwsSolutions-L1", synthesized.stack.function(function), "Suppressed");
        }
        assertRule(rows, "AwsSolutions-APIG1", synthesized.stack.httpStage(), "Compliant"); // access logs
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySuppressionHasAReasonAndIam5SuppressionsNameTheirWildcards() {
        Map<String, Object> resources = (Map<String, Object>) synthesized.template.toJSON().get("Resources");
        int suppressions = 0;
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) resource.getValue())
                    .get("Metadata");
            if (metadata == null || !(metadata.get("cdk_nag") instanceof Map<?, ?> nag)) {
                continue;
            }
            for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
                suppressions++;
                String where = resource.getKey() + " " + rule.get("id");
                assertThat((String) rule.get("reason")).as("reason of %s", where).hasSizeGreaterThan(40);
                if ("AwsSolutions-IAM5".equals(rule.get("id"))) {
                    List<Object> appliesTo = (List<Object>) rule.get("applies_to");
                    assertThat(appliesTo).as("IAM5 of %s must name its wildcards", where).isNotEmpty();
                    assertThat(appliesTo).as("IAM5 of %s", where)
                            .doesNotContain("Resource::*", "Action::*")
                            .allSatisfy(finding -> assertThat(finding).isInstanceOf(String.class));
                }
            }
        }
        assertThat(suppressions).as("suppressions found in the template").isPositive();
    }

    /** The harness itself: the same checks on a bare bucket must report errors, else the tests above prove nothing. */
    @Test
    void theChecksReportAViolation() {
        App app = new App();
        Stack stack = new Stack(app, "Bare");
        Bucket.Builder.create(stack, "Bare").build();
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().reports(false).build()));
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-S1.*"))).isNotEmpty();
        assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-S10.*"))).isNotEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertRule(List<List<String>> rows, String rule, IConstruct construct, String compliance) {
        String path = construct.getNode().getDefaultChild().getNode().getPath();
        assertThat(rows).as("%s on %s is %s", rule, path, compliance)
                .anyMatch(row -> row.get(0).equals(rule) && row.get(1).equals(path) && row.get(2).equals(compliance));
    }

    /** The CSV report cdk-nag writes next to the template: rule, resource path, compliance, reason, level, info. */
    private static List<List<String>> nagReport() throws IOException {
        Path report = synthesized.outdir.resolve("AwsSolutions-" + TallyApp.STACK_ID + "-NagReport.csv");
        assertThat(report).as("cdk-nag report (is AwsSolutionsChecks applied by TallyApp.build?)").exists();
        List<String> lines = Files.readAllLines(report);
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(csv(line));
            }
        }
        return rows;
    }

    private static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String describe(List<SynthesisMessage> messages) {
        return messages.stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining("\n", "cdk-nag findings:\n", ""));
    }
}

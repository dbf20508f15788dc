package io.tally.local;

import io.micronaut.core.type.Argument;
import io.tally.aws.job.JobReport;
import io.tally.catalog.TallyCatalog;
import io.tally.gateway.NotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Integration scope: the scheduled jobs on the whole local stack — the census scatter-gather (planner → scans
 * queue → worker handler per segment → gather) and the daily report written to S3 behind a presigned link.
 * Needs only the JVM.
 */
class CensusReportIT {

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    @BeforeAll
    static void seed() {
        for (int i = 0; i < 30; i++) {
            stack.track("demo", i % 3 == 0 ? "pos" : "web", Map.of("type", "track", "event", "Product Viewed",
                    "userId", "census-" + i));
        }
        for (int i = 0; i < 7; i++) {
            stack.track("other", "web", Map.of("type", "track", "event", "Product Viewed", "anonymousId", "o-" + i));
        }
        stack.tally.awaitQueuesDrained(Duration.ofSeconds(20));
    }

    @Test
    void givenConsumersOfTwoBrands_whenCensusAndReportRun_thenThePublishedReportCountsEachBrand() throws Exception {
        JobReport census = stack.tally.runJob("census");
        assertThat(census.status()).isEqualTo("planned");
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(30))).isTrue();

        JobReport report = stack.tally.runJob("daily-report");

        assertThat(report.status()).isEqualTo("published");
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, Object> document = stack.json.readValue(stack.tally.context().getBean(S3Client.class)
                .getObjectAsBytes(r -> r.bucket((String) stack.tally.resources().get(
                        TallyCatalog.bucketProperty(TallyCatalog.REPORTS_BUCKET))).key("daily/" + date + "/report.json"))
                .asByteArray(), Argument.mapOf(String.class, Object.class));
        Map<String, Map<String, Object>> brands = cast(document.get("brands"));
        assertThat(brands.get("demo")).containsEntry("consumers", 30).containsEntry("events", 30)
                .containsEntry("consumersByChannel", Map.of("pos", 10, "web", 20));
        assertThat(brands.get("other")).containsEntry("consumers", 7);
        assertThat(document).containsEntry("scanSegments", 4);

        HttpResponse<String> html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(report.location()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Brand demo", "<b>30</b>consumers", "Brand other");
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @Test
    void givenNoCensusForTheDate_whenReportRuns_thenItIsSkippedWithTheReason() {
        JobReport report = stack.tally.context().getBean(io.tally.reporter.ReportJobAdapter.class)
                .run(new io.tally.aws.job.JobRequest("daily-report", "2001-01-01"));

        assertThat(report.status()).isEqualTo("skipped");
        assertThat(report.location()).isNull();
        assertThat(report.details()).containsEntry("date", "2001-01-01");
    }

    @Test
    void givenUnknownJobName_whenRun_thenItIsRefusedNamingTheKnownJobs() {
        assertThatThrownBy(() -> stack.tally.runJob("nightly-magic")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("census").hasMessageContaining("daily-report");
        assertThat(List.of("census", "daily-report")).allMatch(job -> TallyCatalog.SCHEDULES.stream()
                .anyMatch(s -> s.job().equals(job)));
    }
}

package io.tally.reporter;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.report.ReportLocation;
import io.tally.core.port.out.ReportPublisherPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the daily report to the reports bucket as {@code daily/<date>/report.json} and a self-contained
 * {@code daily/<date>/index.html}, and presigns the HTML for a week.
 */
@Singleton
public class S3ReportPublisher implements ReportPublisherPort {

    /** How long the presigned link works. */
    static final Duration LINK_VALIDITY = Duration.ofDays(7);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final JsonMapper json;
    private final String bucket;

    public S3ReportPublisher(S3Client s3, S3Presigner presigner, JsonMapper json, ResourceNames names) {
        this.s3 = s3;
        this.presigner = presigner;
        this.json = json;
        this.bucket = names.bucket(TallyCatalog.REPORTS_BUCKET);
    }

    /** The JSON document of the report. */
    @Serdeable
    public record ReportDocument(String date, String asOf, int scanSegments, Map<String, BrandFigures> brands) {
    }

    /** One brand's figures in the JSON document. */
    @Serdeable
    public record BrandFigures(long consumers, long events, long active30Days, Map<String, Long> consumersByChannel,
                               long annualActive, Map<String, Map<String, Long>> stages) {
    }

    @Override
    public ReportLocation publish(CensusResult census) {
        String prefix = "daily/" + census.date() + "/";
        put(prefix + "report.json", toJson(census), "application/json");
        put(prefix + "index.html", HtmlReport.render(census).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
        String link = presigner.presignGetObject(r -> r.signatureDuration(LINK_VALIDITY)
                .getObjectRequest(g -> g.bucket(bucket).key(prefix + "index.html"))).url().toString();
        return new ReportLocation("s3://" + bucket + "/" + prefix + "index.html", link, Instant.now().plus(LINK_VALIDITY));
    }

    private byte[] toJson(CensusResult census) {
        Map<String, BrandFigures> brands = new LinkedHashMap<>();
        census.byBrand().forEach((brand, c) -> brands.put(brand, figures(c)));
        try {
            return json.writeValueAsBytes(new ReportDocument(census.date().toString(), census.asOf().toString(),
                    census.segments(), brands));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the report of " + census.date(), e);
        }
    }

    private static BrandFigures figures(BrandCensus census) {
        return new BrandFigures(census.consumers(), census.events(), census.active30Days(), census.consumersByChannel(),
                census.annualActive(), census.stages());
    }

    private void put(String key, byte[] content, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }
}

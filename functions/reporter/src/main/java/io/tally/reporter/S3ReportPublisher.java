package io.tally.reporter;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.aws.config.ResourceNames;
import io.tally.aws.s3.S3SharedObjects;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.report.ReportLocation;
import io.tally.core.port.out.ReportPublisherPort;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    private final S3SharedObjects objects;
    private final JsonMapper json;
    private final String bucket;

    public S3ReportPublisher(S3SharedObjects objects, JsonMapper json, ResourceNames names) {
        this.objects = objects;
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
        objects.put(bucket, prefix + "report.json", toJson(census), "application/json");
        var html = objects.putAndShare(bucket, prefix + "index.html",
                HtmlReport.render(census).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", LINK_VALIDITY);
        return new ReportLocation(html.uri(), html.link(), html.linkExpires());
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
}

package io.tally.aws.s3;

import io.micronaut.context.annotation.Requires;
import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.segment.SegmentExport;
import io.tally.core.port.out.AudienceExportPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.time.Duration;

/**
 * Audience files in the exports bucket at {@code segments/brand=<brand>/<segment>/v<version>/<epoch ms>.csv}
 * ({@code text/csv}), handed out as a presigned GET valid for {@link #LINK_VALIDITY}. The bucket expires objects
 * after a week (catalog).
 */
@Singleton
@Requires(classes = {S3Client.class, S3Presigner.class})
public class S3AudienceExporter implements AudienceExportPort {

    /** How long an export link works. */
    static final Duration LINK_VALIDITY = Duration.ofHours(24);

    private final S3SharedObjects objects;
    private final ResourceNames names;
    private final Clock clock;

    public S3AudienceExporter(S3SharedObjects objects, ResourceNames names, Clock clock) {
        this.objects = objects;
        this.names = names;
        this.clock = clock;
    }

    @Override
    public SegmentExport store(String brandId, String segmentId, long version, byte[] csv, long rows) {
        String key = "segments/brand=" + brandId + "/" + segmentId + "/v" + version + "/"
                + clock.instant().toEpochMilli() + ".csv";
        var shared = objects.putAndShare(names.bucket(TallyCatalog.EXPORTS_BUCKET), key, csv,
                "text/csv; charset=utf-8", LINK_VALIDITY);
        return new SegmentExport(shared.uri(), shared.link(), shared.linkExpires(), rows, version);
    }
}

package io.tally.aws.s3;

import io.micronaut.context.annotation.Requires;
import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.segment.SegmentExport;
import io.tally.core.port.out.AudienceExportPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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

    private final S3Client s3;
    private final S3Presigner presigner;
    private final ResourceNames names;
    private final Clock clock;

    public S3AudienceExporter(S3Client s3, S3Presigner presigner, ResourceNames names, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.names = names;
        this.clock = clock;
    }

    @Override
    public SegmentExport store(String brandId, String segmentId, long version, byte[] csv, long rows) {
        String bucket = names.bucket(TallyCatalog.EXPORTS_BUCKET);
        Instant now = clock.instant();
        String key = "segments/brand=" + brandId + "/" + segmentId + "/v" + version + "/" + now.toEpochMilli()
                + ".csv";
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"),
                RequestBody.fromBytes(csv));
        String link = presigner.presignGetObject(r -> r.signatureDuration(LINK_VALIDITY)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
        return new SegmentExport("s3://" + bucket + "/" + key, link, now.plus(LINK_VALIDITY), rows, version);
    }
}

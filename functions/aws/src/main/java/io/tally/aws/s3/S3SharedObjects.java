package io.tally.aws.s3;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Objects written to a private bucket and handed out as presigned GET links: the one place that puts, presigns
 * and dates a link, for audience exports and reports alike.
 */
@Singleton
@Requires(classes = {S3Client.class, S3Presigner.class})
public class S3SharedObjects {

    /**
     * A written object and its link.
     *
     * @param uri         permanent address ({@code s3://bucket/key})
     * @param link        presigned GET that works without credentials until {@code linkExpires}
     * @param linkExpires when {@code link} stops working (sooner if the signing credentials expire first)
     */
    public record SharedObject(String uri, String link, Instant linkExpires) {
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final Clock clock;

    public S3SharedObjects(S3Client s3, S3Presigner presigner, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.clock = clock;
    }

    /** Writes {@code content} at {@code bucket}/{@code key}. */
    public void put(String bucket, String key, byte[] content, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    /** Writes {@code content} and links to it for {@code validity}. */
    public SharedObject putAndShare(String bucket, String key, byte[] content, String contentType,
                                    Duration validity) {
        put(bucket, key, content, contentType);
        return share(bucket, key, validity);
    }

    /** Links to an existing object for {@code validity}. */
    public SharedObject share(String bucket, String key, Duration validity) {
        Instant now = clock.instant();
        String link = presigner.presignGetObject(r -> r.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
        return new SharedObject("s3://" + bucket + "/" + key, link, now.plus(validity));
    }
}

package io.tally.catalog;

/**
 * A private, encrypted S3 bucket.
 *
 * @param logicalName    stable name used in configuration ({@code tally.buckets.<logicalName>})
 * @param expirationDays objects expire after this many days; 0 keeps them
 */
public record BucketSpec(String logicalName, int expirationDays) {
}

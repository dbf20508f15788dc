package io.tally.aws.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What a scheduled invocation did.
 *
 * @param job      the job that ran
 * @param status   {@code planned}, {@code completed}, …
 * @param location where its output is (an S3 URI or presigned link), if it wrote one
 * @param details  job-specific figures
 */
@Serdeable
public record JobReport(String job, String status, @Nullable String location, Map<String, Object> details) {
}

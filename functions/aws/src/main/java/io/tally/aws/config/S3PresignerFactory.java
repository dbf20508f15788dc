package io.tally.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;

/**
 * The S3 presigner, configured like Micronaut's S3 client: same credentials, region, endpoint override
 * ({@code aws.services.s3.endpoint-override}) and path-style setting ({@code aws.s3.path-style-access-enabled}).
 */
@Factory
@Requires(classes = S3Presigner.class)
public class S3PresignerFactory {

    @Singleton
    @Bean(preDestroy = "close")
    S3Presigner s3Presigner(AwsCredentialsProvider credentials, AwsRegionProvider region,
                            @Value("${aws.services.s3.endpoint-override:}") String endpointOverride,
                            @Value("${aws.s3.path-style-access-enabled:false}") boolean pathStyle) {
        S3Presigner.Builder builder = S3Presigner.builder().credentialsProvider(credentials).region(region.getRegion())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        if (!endpointOverride.isBlank()) {
            builder.endpointOverride(URI.create(endpointOverride));
        }
        return builder.build();
    }
}

package io.tally.local;

import java.net.URI;

/** Where the AWS-compatible services of a local run are: the embedded emulators, or LocalStack. */
public interface AwsEndpoints extends AutoCloseable {

    URI dynamoEndpoint();

    URI sqsEndpoint();

    URI s3Endpoint();

    String region();

    String accessKey();

    String secretKey();

    @Override
    void close();
}

package io.tally.aws.metrics;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Adds the {@link WriteCapacityMeter} to the DynamoDB client Micronaut builds. */
@Singleton
@Requires(property = WriteCapacityMeter.ENABLED, value = "true")
public class DynamoDbMeteringRegistration implements BeanCreatedEventListener<DynamoDbClientBuilder> {

    private final WriteCapacityMeter meter;

    public DynamoDbMeteringRegistration(WriteCapacityMeter meter) {
        this.meter = meter;
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        DynamoDbClientBuilder builder = event.getBean();
        builder.overrideConfiguration(c -> c.addExecutionInterceptor(meter));
        return builder;
    }
}

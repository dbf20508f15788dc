package io.tally.aws.metrics;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the DynamoDB write capacity units Tally consumes: asks every write for its consumed capacity and adds
 * up what DynamoDB reports. Registered on the DynamoDB client (see {@link DynamoDbMeteringRegistration}) only when
 * {@value #ENABLED} is {@code true} — the local stack sets it, for the write-cost measurement in
 * {@code IdentityGraphIT}; deployed functions leave their requests untouched.
 */
@Singleton
@Requires(property = WriteCapacityMeter.ENABLED, value = "true")
public class WriteCapacityMeter implements ExecutionInterceptor {

    /** Configuration key that turns the meter on. */
    public static final String ENABLED = "tally.metrics.write-capacity";

    private final DoubleAdder writeUnits = new DoubleAdder();
    private final LongAdder writeRequests = new LongAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof DeleteItemRequest delete) {
            return delete.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof TransactWriteItemsRequest transact) {
            return transact.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchWriteItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        if (response instanceof PutItemResponse put) {
            add(put.consumedCapacity());
        } else if (response instanceof UpdateItemResponse update) {
            add(update.consumedCapacity());
        } else if (response instanceof DeleteItemResponse delete) {
            add(delete.consumedCapacity());
        } else if (response instanceof TransactWriteItemsResponse transact) {
            addAll(transact.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse batch) {
            addAll(batch.consumedCapacity());
        }
    }

    private void addAll(List<ConsumedCapacity> capacities) {
        writeRequests.increment();
        capacities.forEach(c -> writeUnits.add(units(c)));
    }

    private void add(ConsumedCapacity capacity) {
        writeRequests.increment();
        if (capacity != null) {
            writeUnits.add(units(capacity));
        }
    }

    private static double units(ConsumedCapacity capacity) {
        if (capacity.writeCapacityUnits() != null) {
            return capacity.writeCapacityUnits();
        }
        return capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    /** Write capacity units consumed since start (or the last {@link #reset}). */
    public double writeUnits() {
        return writeUnits.sum();
    }

    /** Write requests made since start (or the last {@link #reset}). */
    public long writeRequests() {
        return writeRequests.sum();
    }

    public void reset() {
        writeUnits.reset();
        writeRequests.reset();
    }
}

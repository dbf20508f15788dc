package io.tally.catalog;

import java.util.List;

/**
 * A DynamoDB table as both the CDK stack and the local stack create it: on-demand billing, string keys.
 *
 * @param logicalName   stable name used in configuration ({@code tally.tables.<logicalName>})
 * @param partitionKey  partition key attribute (type S)
 * @param sortKey       sort key attribute (type S)
 * @param indexes       global secondary indexes, all projecting every attribute
 * @param ttlAttribute  attribute holding the expiry epoch second
 */
public record TableSpec(String logicalName, String partitionKey, String sortKey,
                        List<IndexSpec> indexes, String ttlAttribute) {

    /** A global secondary index with string keys and an ALL projection. */
    public record IndexSpec(String name, String partitionKey, String sortKey) {
    }

    public TableSpec {
        indexes = List.copyOf(indexes);
    }
}

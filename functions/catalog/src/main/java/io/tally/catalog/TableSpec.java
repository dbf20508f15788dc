package io.tally.catalog;

import java.util.List;

/**
 * A DynamoDB table as both the CDK stack and the local stack create it: on-demand billing, string keys.
 *
 * @param logicalName   stable name used in configuration ({@code tally.tables.<logicalName>})
 * @param partitionKey  partition key attribute (type S)
 * @param sortKey       sort key attribute (type S)
 * @param indexes       global secondary indexes
 * @param ttlAttribute  attribute holding the expiry epoch second
 */
public record TableSpec(String logicalName, String partitionKey, String sortKey,
                        List<IndexSpec> indexes, String ttlAttribute) {

    /**
     * A global secondary index with string keys.
     *
     * @param projected attributes projected besides the keys: null for every attribute ({@code ALL}), empty for
     *                  the keys only ({@code KEYS_ONLY}), else these ({@code INCLUDE})
     */
    public record IndexSpec(String name, String partitionKey, String sortKey, List<String> projected) {

        /** An index projecting every attribute. */
        public IndexSpec(String name, String partitionKey, String sortKey) {
            this(name, partitionKey, sortKey, null);
        }

        public IndexSpec {
            projected = projected == null ? null : List.copyOf(projected);
        }

        public boolean projectsAll() {
            return projected == null;
        }
    }

    public TableSpec {
        indexes = List.copyOf(indexes);
    }
}

package io.tally.aws.config;

import io.micronaut.core.value.PropertyResolver;
import io.micronaut.context.exceptions.ConfigurationException;
import io.tally.catalog.BucketSpec;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;
import jakarta.inject.Singleton;

/**
 * Physical names of the catalog's resources in this deployment, read from the configuration keys the catalog
 * names (set as environment variables by the CDK stack, as properties by the local stack).
 */
@Singleton
public class ResourceNames {

    private final PropertyResolver properties;

    public ResourceNames(PropertyResolver properties) {
        this.properties = properties;
    }

    public String table(TableSpec table) {
        return required(TallyCatalog.tableProperty(table));
    }

    public String queueUrl(QueueSpec queue) {
        return required(TallyCatalog.queueProperty(queue));
    }

    public String bucket(BucketSpec bucket) {
        return required(TallyCatalog.bucketProperty(bucket));
    }

    private String required(String property) {
        return properties.get(property, String.class).orElseThrow(() -> new ConfigurationException(
                "missing configuration '" + property + "' (environment variable "
                        + TallyCatalog.environmentVariable(property) + ")"));
    }
}

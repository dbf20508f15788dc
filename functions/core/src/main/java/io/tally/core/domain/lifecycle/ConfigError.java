package io.tally.core.domain.lifecycle;

/**
 * One reason a lifecycle configuration was rejected.
 *
 * @param path    JSON path of the offending value, e.g. {@code models.deeplink.stages[3].when.ordersWithinDays.days}
 * @param message what is wrong, e.g. {@code must be a positive integer}
 */
public record ConfigError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}

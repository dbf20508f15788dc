package io.tally.core.domain.segment;

/**
 * One reason a segment rule or definition was rejected.
 *
 * @param path    JSON path of the offending value, e.g. {@code rule.all[2].orders.withinDays}
 * @param message what is wrong with it, e.g. {@code must be a positive integer}
 */
public record RuleError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}

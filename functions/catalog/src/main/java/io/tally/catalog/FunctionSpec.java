package io.tally.catalog;

/**
 * A Lambda function: the module whose {@code lambda} jar it runs and its handler.
 *
 * @param logicalName    stable name, also the module's artifact suffix ({@code tally-<module>})
 * @param module         Maven module that packages the function
 * @param handler        fully qualified handler ({@code class} or {@code class::method})
 * @param memoryMb       memory size
 * @param timeoutSeconds invocation timeout
 */
public record FunctionSpec(String logicalName, String module, String handler, int memoryMb, int timeoutSeconds) {
}

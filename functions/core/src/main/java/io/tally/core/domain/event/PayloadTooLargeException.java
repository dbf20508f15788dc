package io.tally.core.domain.event;

/** A request over one of the {@link IngestLimits}; nothing of it is accepted. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}

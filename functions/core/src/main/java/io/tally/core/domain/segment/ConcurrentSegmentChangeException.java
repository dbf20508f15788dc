package io.tally.core.domain.segment;

/** The segment changed between reading and writing it; read it again and retry. */
public class ConcurrentSegmentChangeException extends RuntimeException {

    public ConcurrentSegmentChangeException(String message) {
        super(message);
    }
}

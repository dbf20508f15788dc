package io.tally.core.domain.segment;

/** A segment with this id already exists in the brand. */
public class SegmentAlreadyExistsException extends RuntimeException {

    public SegmentAlreadyExistsException(String message) {
        super(message);
    }
}

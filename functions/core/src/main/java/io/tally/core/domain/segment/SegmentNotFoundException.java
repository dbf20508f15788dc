package io.tally.core.domain.segment;

/** No live segment with this id in the brand (also another brand's segment). */
public class SegmentNotFoundException extends RuntimeException {

    public SegmentNotFoundException(String message) {
        super(message);
    }
}

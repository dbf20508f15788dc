package io.tally.core.domain.event;

/** Size limits of the Tracking API, as Segment documents them. */
public final class IngestLimits {

    /** Largest single event, in bytes of JSON. */
    public static final int MAX_EVENT_BYTES = 32 * 1024;
    /** Largest batch request body, in bytes. */
    public static final int MAX_BATCH_BYTES = 500 * 1024;
    /** Most events in one batch. */
    public static final int MAX_BATCH_EVENTS = 2_500;

    private IngestLimits() {
    }
}

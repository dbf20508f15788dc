package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerProfile;

import java.util.function.Consumer;

/** Reads every consumer profile of one parallel-scan segment of the consumer table. */
public interface ProfileScanPort {

    /** Calls {@code sink} for each profile in segment {@code segment} of {@code totalSegments}. */
    void scan(int segment, int totalSegments, Consumer<ConsumerProfile> sink);
}

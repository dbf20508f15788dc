package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.Membership;

import java.util.List;

/** Reads the consumer table one parallel-scan segment at a time, for the full recompute and for previews. */
public interface SegmentScanPort {

    /** Receives what a scan finds, in no particular order. */
    interface ScanSink {

        /** A profile, live or merged away ({@link ConsumerProfile#merged()}). */
        void profile(ConsumerProfile profile);

        /** A stored membership of a consumer. */
        void membership(ConsumerKey consumer, Membership membership);
    }

    /**
     * Every profile and every stored membership in segment {@code segment} of {@code totalSegments}.
     *
     * @param brandId only this brand's consumers, or null for every brand
     */
    void scan(int segment, int totalSegments, String brandId, ScanSink sink);

    /**
     * Up to {@code maxProfiles} live profiles of {@code brandId} from scan segment {@code segment}, reading at most
     * {@code maxPages} pages.
     */
    SampleRead sample(String brandId, int segment, int totalSegments, int maxProfiles, int maxPages);

    /**
     * What a sample read found.
     *
     * @param profiles  the brand's live profiles read
     * @param exhausted whether the whole scan segment was read
     * @param pages     pages read
     */
    record SampleRead(List<ConsumerProfile> profiles, boolean exhausted, int pages) {

        public SampleRead {
            profiles = List.copyOf(profiles);
        }
    }
}

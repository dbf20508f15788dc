package io.tally.testkit;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.port.out.SegmentScanPort;

import java.util.Comparator;
import java.util.List;

/**
 * {@link SegmentScanPort} over an {@link InMemoryProfileStore} and
 * {@link InMemorySegmentMemberships}: a consumer falls in scan segment {@code hash(brand, id) mod totalSegments}, as a
 * partition falls in one DynamoDB parallel-scan segment. A sample "page" is {@link #PAGE} profiles of any brand.
 */
public class InMemorySegmentScanner implements SegmentScanPort {

    /** Profiles per sample page. */
    public static final int PAGE = 100;

    private final InMemoryProfileStore profiles;
    private final InMemorySegmentMemberships memberships;

    public InMemorySegmentScanner(InMemoryProfileStore profiles, InMemorySegmentMemberships memberships) {
        this.profiles = profiles;
        this.memberships = memberships;
    }

    private static boolean inSegment(ConsumerKey key, int segment, int totalSegments) {
        return Math.floorMod((key.brandId() + "\n" + key.consumerId()).hashCode(), totalSegments) == segment;
    }

    @Override
    public void scan(int segment, int totalSegments, String brandId, ScanSink sink) {
        for (ConsumerProfile profile : profiles.all()) {
            if (inSegment(profile.key(), segment, totalSegments)
                    && (brandId == null || brandId.equals(profile.key().brandId()))) {
                sink.profile(profile);
            }
        }
        memberships.all().forEach((consumer, stored) -> {
            if (inSegment(consumer, segment, totalSegments)
                    && (brandId == null || brandId.equals(consumer.brandId()))) {
                stored.values().forEach(m -> sink.membership(consumer, m));
            }
        });
    }

    @Override
    public SampleRead sample(String brandId, int segment, int totalSegments, int maxProfiles, int maxPages) {
        List<ConsumerProfile> inSegment = profiles.all().stream()
                .filter(p -> inSegment(p.key(), segment, totalSegments))
                .sorted(Comparator.comparing(p -> p.key().consumerId())).toList();
        List<ConsumerProfile> found = new java.util.ArrayList<>();
        int read = 0;
        int pages = 0;
        while (read < inSegment.size() && pages < maxPages && found.size() < maxProfiles) {
            pages++;
            for (int i = 0; i < PAGE && read < inSegment.size(); i++, read++) {
                ConsumerProfile profile = inSegment.get(read);
                if (profile.key().brandId().equals(brandId) && !profile.merged() && found.size() < maxProfiles) {
                    found.add(profile);
                }
            }
        }
        return new SampleRead(found, read >= inSegment.size(), pages);
    }
}

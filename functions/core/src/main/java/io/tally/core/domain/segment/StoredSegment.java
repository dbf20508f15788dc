package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * A brand's segment definition as stored, with its version. Every change of the definition bumps the version; the
 * memberships computed for older versions are superseded. A deleted segment stays for a while as a tombstone
 * ({@code deletedAt} set) so that creating it again continues its versions and never revives old memberships.
 *
 * @param brandId    the brand
 * @param definition the checked definition
 * @param version    1 for a new segment, one more on each change
 * @param createdAt  when the segment was first created
 * @param updatedAt  when this version was written
 * @param deletedAt  when the segment was deleted, or null while it is live
 */
public record StoredSegment(String brandId, SegmentDefinition definition, long version, Instant createdAt,
                            Instant updatedAt, Instant deletedAt) {

    public StoredSegment {
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    public String id() {
        return definition.id();
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** The next version, holding {@code next}. */
    public StoredSegment changedTo(SegmentDefinition next, Instant at) {
        return new StoredSegment(brandId, next, version + 1, deleted() ? at : createdAt, at, null);
    }

    /** This segment as a tombstone. */
    public StoredSegment deletedAt(Instant at) {
        return new StoredSegment(brandId, definition, version, createdAt, at, at);
    }
}

package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The pure decision behind incremental and full membership updates: from what is stored and what the consumer
 * matches now, which enters and exits to record. A consumer whose memberships did not change yields no change, so
 * it costs no write.
 */
public final class MembershipDiff {

    private MembershipDiff() {
    }

    /**
     * @param stored  the consumer's stored memberships by segment id
     * @param matched the segments the consumer matches now, by id, with each definition's current version
     * @param at      the time of the evaluation: the entry time of new memberships
     * @return the changes in segment-id order: an enter for each matched segment not stored at its current
     *     version (replacing an older version's membership), an exit for each stored segment no longer matched
     *     (also when the segment was deleted); empty when nothing changed
     */
    public static List<MembershipChange> changes(Map<String, Membership> stored, Map<String, Long> matched,
                                                 Instant at) {
        List<MembershipChange> changes = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(stored.keySet());
        ids.addAll(matched.keySet());
        for (String id : ids) {
            Membership before = stored.get(id);
            Long version = matched.get(id);
            if (version == null) {
                changes.add(new MembershipChange(id, before, null));
            } else if (before == null || before.version() != version) {
                changes.add(new MembershipChange(id, before, new Membership(id, version, at)));
            }
        }
        return changes;
    }
}

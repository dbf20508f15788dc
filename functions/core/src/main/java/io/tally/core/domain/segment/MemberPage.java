package io.tally.core.domain.segment;

import java.util.List;

/**
 * A page of a segment's members.
 *
 * @param members    at most the requested number of members
 * @param nextCursor opaque cursor of the next page, or null after the last page
 */
public record MemberPage(List<Member> members, String nextCursor) {

    public MemberPage {
        members = List.copyOf(members);
    }
}

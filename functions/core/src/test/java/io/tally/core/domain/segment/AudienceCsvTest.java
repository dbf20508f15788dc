package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.EventTimes;
import io.tally.core.domain.consumer.RecentMessages;
import io.tally.core.domain.lifecycle.LifecycleState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceCsvTest {

    private static final Instant ENTERED = Instant.parse("2026-11-25T02:00:00Z");

    private static ConsumerProfile profile(String id, List<String> identifiers, List<String> channels) {
        return new ConsumerProfile(new ConsumerKey("demo", id), 1, ENTERED, ENTERED, new TreeSet<>(channels),
                new TreeSet<>(identifiers), new TreeMap<>(), new TreeMap<>(), RecentMessages.empty(), null,
                new TreeSet<>(), LifecycleState.empty(), EventTimes.empty(), 1);
    }

    @Test
    void givenMembersWithIdentifiers_whenRendered_thenEveryIdentifierIsHashedAndNoRawValueAppears() {
        ConsumerProfile alice = profile("c_1", List.of("userId:alice@example.com", "email:h1_abc", "phone:h1_def",
                "member:pos:M-001", "device:dev-9", "anonymousId:anon-1"), List.of("pos", "web"));
        ConsumerProfile bob = profile("c_2", List.of("member:tmall:T7"), List.of("tmall"));

        AudienceCsv.Rendered csv = AudienceCsv.render(List.of(new Member("c_1", ENTERED), new Member("c_2", ENTERED),
                new Member("c_erased", ENTERED)), Map.of("c_1", alice, "c_2", bob));

        String text = new String(csv.bytes(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(csv.rows()).isEqualTo(2);
        assertThat(lines[0]).isEqualTo("consumer_id,entered_at,channels,email_token,phone_token,user_id_sha256,"
                + "anonymous_id_sha256,device_id_sha256,member_pos_sha256,member_tmall_sha256");
        assertThat(lines[1]).isEqualTo("c_1,2026-11-25T02:00:00Z,pos|web,h1_abc,h1_def,"
                + AudienceCsv.sha256("alice@example.com") + "," + AudienceCsv.sha256("anon-1") + ","
                + AudienceCsv.sha256("dev-9") + "," + AudienceCsv.sha256("M-001") + ",");
        assertThat(lines[2]).isEqualTo("c_2,2026-11-25T02:00:00Z,tmall,,,,,,," + AudienceCsv.sha256("T7"));
        assertThat(text).doesNotContain("alice@example.com", "M-001", "dev-9", "anon-1", "c_erased");
    }

    @Test
    void givenAKnownValue_whenHashed_thenItIsLowerCaseHexSha256() {
        assertThat(AudienceCsv.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

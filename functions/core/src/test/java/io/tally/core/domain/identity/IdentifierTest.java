package io.tally.core.domain.identity;

import io.tally.core.domain.consumer.IdentifierType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierTest {

    @Test
    void givenIdentifier_whenWritingItsKey_thenParsingGivesItBack() {
        Identifier member = new Identifier(IdentifierType.MEMBER, "pos:42");

        assertThat(member.key()).isEqualTo("member:pos:42").isEqualTo(member.toString());
        assertThat(Identifier.parse(member.key())).isEqualTo(member);
        assertThat(Identifier.parse("anonymousId:a1")).isEqualTo(new Identifier(IdentifierType.ANONYMOUS_ID, "a1"));
    }

    @Test
    void givenKeysThatAreNotIdentifiers_whenParsing_thenRejectsThem() {
        for (String key : List.of("a1", "nickname:a1", "userId:", ":a1")) {
            assertThatThrownBy(() -> Identifier.parse(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givenEmptyValueOrNoType_whenCreating_thenRejectsIt() {
        assertThatThrownBy(() -> new Identifier(IdentifierType.USER_ID, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identifier(IdentifierType.USER_ID, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identifier(null, "u1")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void givenIdentifiersOfEveryType_whenSorting_thenStrongerTypesComeFirstThenValues() {
        TreeSet<Identifier> sorted = new TreeSet<>(List.of(
                new Identifier(IdentifierType.DEVICE, "d1"),
                new Identifier(IdentifierType.ANONYMOUS_ID, "a2"),
                new Identifier(IdentifierType.ANONYMOUS_ID, "a1"),
                new Identifier(IdentifierType.PHONE, "h1_p"),
                new Identifier(IdentifierType.EMAIL, "h1_e"),
                new Identifier(IdentifierType.MEMBER, "web:m"),
                new Identifier(IdentifierType.USER_ID, "u9")));

        assertThat(sorted).extracting(Identifier::key).containsExactly("userId:u9", "member:web:m", "email:h1_e",
                "phone:h1_p", "anonymousId:a1", "anonymousId:a2", "device:d1");
    }
}

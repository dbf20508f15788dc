package io.tally.core.service;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.segment.InvalidRuleException;
import io.tally.core.domain.segment.MemberPage;
import io.tally.core.domain.segment.RuleError;
import io.tally.core.domain.segment.SegmentAlreadyExistsException;
import io.tally.core.domain.segment.SegmentNotFoundException;
import io.tally.core.domain.segment.SegmentPreview;
import io.tally.core.domain.segment.StoredSegment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tally.testkit.ProfileBuilder.aProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentServiceTest {

    private final SegmentsFixture fixture = new SegmentsFixture(4);
    private final SegmentService service = fixture.segments;

    private static Map<String, Object> gold(String id) {
        return Map.of("id", id, "name", "Gold", "rule", Map.of("trait", "tier", "eq", "gold"));
    }

    @Test
    void givenAValidDefinition_whenCreated_thenItIsVersionOneAndARecomputeOfTheBrandIsQueued() {
        StoredSegment created = service.create("demo", gold("gold"));

        assertThat(created.version()).isEqualTo(1);
        assertThat(service.list("demo")).extracting(s -> s.segment().id()).containsExactly("gold");
        assertThat(fixture.queue.drainRecompute()).hasSize(4)
                .allSatisfy(task -> assertThat(task.brandId()).isEqualTo("demo"));
    }

    @Test
    void givenAnInvalidDefinition_whenCreated_thenEveryErrorNamesItsPathAndNothingIsStored() {
        Map<String, Object> bad = Map.of("id", "bad id!", "name", "x", "rule",
                Map.of("all", List.of(Map.of("channel", "pos"), Map.of("orders", Map.of("withinDays", 0, "gte", 1)))));

        assertThatThrownBy(() -> service.create("demo", bad)).isInstanceOf(InvalidRuleException.class)
                .satisfies(e -> assertThat(((InvalidRuleException) e).errors()).extracting(RuleError::path)
                        .containsExactly("id", "rule.all[1].orders.withinDays"));
        assertThat(service.list("demo")).isEmpty();
        assertThat(fixture.queue.drainRecompute()).isEmpty();
    }

    @Test
    void givenTheSameDefinitionTwice_whenCreated_thenTheSecondAnswersTheStoredOneAndADifferentOneConflicts() {
        StoredSegment first = service.create("demo", gold("gold"));

        assertThat(service.create("demo", gold("gold"))).isEqualTo(first);
        assertThatThrownBy(() -> service.create("demo", Map.of("id", "gold", "name", "Other",
                "rule", Map.of("channel", "pos")))).isInstanceOf(SegmentAlreadyExistsException.class);
    }

    @Test
    void givenAChangedDefinition_whenUpdated_thenTheVersionIsBumpedAndTheSameDefinitionChangesNothing() {
        service.create("demo", gold("gold"));
        fixture.clock.advance(Duration.ofMinutes(1));

        StoredSegment changed = service.update("demo", "gold", Map.of("name", "Gold or platinum",
                "rule", Map.of("trait", "tier", "in", List.of("gold", "platinum"))));
        StoredSegment same = service.update("demo", "gold", Map.of("name", "Gold or platinum",
                "rule", Map.of("trait", "tier", "in", List.of("gold", "platinum"))));

        assertThat(changed.version()).isEqualTo(2);
        assertThat(same).isEqualTo(changed);
        assertThat(changed.createdAt()).isEqualTo(SegmentsFixture.START);
    }

    @Test
    void givenAnUpdateWhoseIdDiffersFromThePath_whenUpdated_thenTheErrorNamesTheId() {
        service.create("demo", gold("gold"));

        assertThatThrownBy(() -> service.update("demo", "gold", gold("silver")))
                .isInstanceOf(InvalidRuleException.class)
                .satisfies(e -> assertThat(((InvalidRuleException) e).errors().get(0).path()).isEqualTo("id"));
    }

    @Test
    void givenADeletedSegment_whenCreatedAgain_thenItContinuesTheVersionsAndIsHiddenWhileDeleted() {
        service.create("demo", gold("gold"));
        service.delete("demo", "gold");

        assertThatThrownBy(() -> service.get("demo", "gold")).isInstanceOf(SegmentNotFoundException.class);
        assertThatThrownBy(() -> service.delete("demo", "gold")).isInstanceOf(SegmentNotFoundException.class);
        assertThat(service.create("demo", gold("gold")).version()).isEqualTo(2);
    }

    @Test
    void givenAnotherBrandsSegment_whenRead_thenItIsNotFound() {
        service.create("demo", gold("gold"));

        assertThatThrownBy(() -> service.get("other", "gold")).isInstanceOf(SegmentNotFoundException.class);
        assertThatThrownBy(() -> service.members("other", "gold", 10, null))
                .isInstanceOf(SegmentNotFoundException.class);
    }

    @Test
    void givenASmallBase_whenPreviewed_thenEveryProfileIsSampledAndTheSizeIsExact() {
        for (int i = 0; i < 30; i++) {
            fixture.store(aProfile("demo", "c_" + i).withTrait("tier", i % 3 == 0 ? "gold" : "silver").build());
        }
        fixture.store(aProfile("other", "c_x").withTrait("tier", "gold").build());

        SegmentPreview preview = service.preview("demo", Map.of("trait", "tier", "eq", "gold"), 1000);

        assertThat(preview.sampled()).isEqualTo(30);
        assertThat(preview.matched()).isEqualTo(10);
        assertThat(preview.estimatedSize()).isEqualTo(10);
        assertThat(preview.basis().method()).isEqualTo("complete");
    }

    @Test
    void givenACensusAndASampleLimit_whenPreviewed_thenTheRateIsAppliedToTheCensusCount() {
        for (int i = 0; i < 200; i++) {
            fixture.store(aProfile("demo", "c_" + i).withTrait("tier", i % 2 == 0 ? "gold" : "silver").build());
        }
        BrandCensus.Counter counter = new BrandCensus.Counter(SegmentsFixture.START);
        var someone = aProfile("demo", "c_0").build();
        for (int i = 0; i < 10_000; i++) {
            counter.count(someone);
        }
        fixture.census.saveResult(new CensusResult(LocalDate.parse("2026-11-25"), SegmentsFixture.START, 4,
                Map.of("demo", counter.result())));

        SegmentPreview preview = service.preview("demo", Map.of("trait", "tier", "eq", "gold"), 50);

        assertThat(preview.sampled()).isEqualTo(50);
        assertThat(preview.basis().method()).isEqualTo("census");
        assertThat(preview.basis().population()).isEqualTo(10_000);
        assertThat(preview.estimatedSize()).isEqualTo(Math.round(preview.matchRate() * 10_000));
    }

    @Test
    void givenAnInvalidRule_whenPreviewed_thenTheErrorPathStartsAtRule() {
        assertThatThrownBy(() -> service.preview("demo", Map.of("clv", Map.of("gtee", 1)), 10))
                .isInstanceOf(InvalidRuleException.class).hasMessageStartingWith("rule.clv.gtee");
    }

    @Test
    void givenMembers_whenPagedThroughAndExported_thenEveryMemberIsListedOnceAndTheCsvHoldsHashes() {
        for (int i = 0; i < 25; i++) {
            fixture.store(aProfile("demo", String.format("c_%02d", i)).withTrait("tier", "gold")
                    .withIdentifier("member:pos:M" + i).build());
        }
        service.create("demo", gold("gold"));
        fixture.runQueuedTasks();

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            MemberPage page = service.members("demo", "gold", 10, cursor);
            page.members().forEach(m -> listed.add(m.consumerId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        var export = service.export("demo", "gold");
        String csv = fixture.exports.text(export.uri());

        assertThat(listed).hasSize(25).doesNotHaveDuplicates();
        assertThat(service.get("demo", "gold").size()).isEqualTo(25);
        assertThat(export.rows()).isEqualTo(25);
        assertThat(csv.split("\n")).hasSize(26);
        assertThat(csv).contains("member_pos_sha256").doesNotContain(",M1,", "M1\n");
    }
}

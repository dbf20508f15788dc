package io.tally.core.service;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.census.ScanTask;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.testkit.InMemoryCensusStore;
import io.tally.testkit.InMemoryTaskQueue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tally.testkit.ProfileBuilder.aProfile;
import static org.assertj.core.api.Assertions.assertThat;

/** The census over scan segments: per-brand counts from each segment, summed once every segment has reported. */
class CensusServiceTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-25");
    private static final Instant AS_OF = DAY.atTime(3, 0).toInstant(ZoneOffset.UTC);

    private final InMemoryTaskQueue queue = new InMemoryTaskQueue();
    private final InMemoryCensusStore store = new InMemoryCensusStore();
    /** Segment i holds the i-th list. */
    private final List<List<ConsumerProfile>> segments = List.of(
            List.of(aProfile("demo", "c1").at(AS_OF.minus(Duration.ofDays(2))).seenIn("web").seenIn("pos")
                            .ordered(new BigDecimal("30")).build(),
                    aProfile("cdnow", "c9").at(AS_OF.minus(Duration.ofDays(400))).seenIn("web").build()),
            List.of(aProfile("demo", "c2").at(AS_OF.minus(Duration.ofDays(45))).seenIn("web")
                    .ordered(new BigDecimal("10")).ordered(new BigDecimal("20")).build()),
            List.of());
    private final CensusService census = new CensusService(queue, (segment, total, sink) ->
            segments.get(segment).forEach(sink), store, Clock.fixed(AS_OF, ZoneOffset.UTC), segments.size());

    @Test
    void givenThreeSegments_whenEachIsWorked_thenOnlyTheLastGathersAndBrandsAreCountedExactly() {
        census.plan(DAY);
        List<ScanTask> tasks = queue.drainCensus();
        List<Optional<CensusResult>> results = new ArrayList<>();
        tasks.forEach(task -> results.add(census.work(task)));

        assertThat(tasks).hasSize(3);
        assertThat(results.subList(0, 2)).allSatisfy(result -> assertThat(result).isEmpty());
        CensusResult result = results.get(2).orElseThrow();
        assertThat(store.loadResult(DAY)).contains(result);
        BrandCensus demo = result.byBrand().get("demo");
        assertThat(demo.consumers()).isEqualTo(2);
        assertThat(demo.events()).isEqualTo(2 + 1 + 1 + 2);
        assertThat(demo.active30Days()).as("c2 was last seen 45 days ago").isEqualTo(1);
        assertThat(demo.consumersByChannel()).containsExactlyInAnyOrderEntriesOf(Map.of("web", 2L, "pos", 1L));
        assertThat(demo.annualActive()).isEqualTo(2);
        assertThat(demo.stages().get("aipl")).containsExactlyInAnyOrderEntriesOf(Map.of("P", 1L, "L", 1L));
        BrandCensus cdnow = result.byBrand().get("cdnow");
        assertThat(cdnow.consumers()).isEqualTo(1);
        assertThat(cdnow.annualActive()).isZero();
        assertThat(cdnow.active30Days()).isZero();
    }

    @Test
    void givenASegmentWorkedTwice_whenGathered_thenItsConsumersAreCountedOnce() {
        census.plan(DAY);
        List<ScanTask> tasks = queue.drainCensus();
        census.work(tasks.get(0));
        census.work(tasks.get(0));
        census.work(tasks.get(1));

        CensusResult result = census.work(tasks.get(2)).orElseThrow();

        assertThat(result.byBrand().get("demo").consumers()).isEqualTo(2);
        assertThat(result.byBrand().get("cdnow").consumers()).isEqualTo(1);
    }
}

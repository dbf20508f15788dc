package io.tally.core.service;

import io.tally.core.domain.clv.AssetChangeSummary;
import io.tally.core.domain.clv.AssetTotals;
import io.tally.core.domain.clv.BgNbdParameters;
import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ClvSettings;
import io.tally.core.domain.clv.ConsumerValuation;
import io.tally.core.domain.clv.ConsumerValuer;
import io.tally.core.domain.clv.FirstPurchaseFlows;
import io.tally.core.domain.clv.FirstPurchaseModel;
import io.tally.core.domain.clv.FitOptions;
import io.tally.core.domain.clv.GammaGammaParameters;
import io.tally.core.domain.clv.StoredAsset;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.lifecycle.StageModels;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.ProfileGuard;
import io.tally.core.domain.segment.SegmentSubject;
import io.tally.core.port.in.ConsumerAssetJobUseCase.Gathered;
import io.tally.core.port.in.ConsumerAssetUseCase.AssetReport;
import io.tally.testkit.ProfileBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.tally.core.service.ClvFixture.buyer;
import static io.tally.core.service.ClvFixture.cdnowSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Unit scope: the daily CLV job over the testkit's in-memory ports, on the CDNOW 1/10 sample as lifecycle facts
 * (2,357 buyers, purchases to the end of the 39-week calibration period) plus a few consumers who only viewed.
 */
class ClvJobServiceTest {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final LocalDate DAY_2 = LocalDate.of(1997, 10, 1);
    private static final LocalDate MONTH_LATER = LocalDate.of(1997, 11, 1);
    private static final int VIEWERS = 10;

    private final ClvFixture fixture = new ClvFixture(4);

    private void cdnowBrand() {
        cdnowSample(CALIBRATION_END).forEach((id, purchases) ->
                fixture.store(buyer("cdnow", "c" + id, purchases)));
        for (int i = 0; i < VIEWERS; i++) {
            fixture.store(ProfileBuilder.aProfile("cdnow", "viewer-" + i).seenIn("app")
                    .at(Instant.parse("1997-09-20T10:00:00Z")).tracked("Product Viewed", Map.of()).build());
        }
    }

    private static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    }

    @Test
    void givenTheCdnowSample_whenTheJobRuns_thenTheBrandsFitIsStoredConvergedWithTheCrossCheckedParameters() {
        cdnowBrand();

        Optional<Gathered> gathered = fixture.run(fixture.job(), CALIBRATION_END);

        ClvFit fit = fixture.store.fit("cdnow", CALIBRATION_END).orElseThrow();
        assertThat(gathered).isPresent();
        assertThat(gathered.get().fits()).containsExactly(fit);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.buyers()).isEqualTo(2_357);
        assertThat(fit.asOf()).isEqualTo(endOf(CALIBRATION_END));
        // docs/tools/clv_crosscheck.py (SciPy, Nelder-Mead), "sample through stored lifecycle facts": the summaries
        // read off facts keeping 16 order times, spend averaged over all x + 1 purchase days (docs/clv.md section 3)
        BgNbdParameters p = fit.purchases().parameters();
        assertThat(p.r()).isCloseTo(0.240840, withinPercentage(0.01));
        assertThat(p.alpha()).isCloseTo(4.345136, withinPercentage(0.01));
        assertThat(p.a()).isCloseTo(0.786028, withinPercentage(0.01));
        assertThat(p.b()).isCloseTo(2.392242, withinPercentage(0.01));
        GammaGammaParameters g = fit.spend().parameters();
        assertThat(g.p()).isCloseTo(9.856674, withinPercentage(0.01));
        assertThat(g.q()).isCloseTo(3.402743, withinPercentage(0.01));
        assertThat(g.gamma()).isCloseTo(7.958898, withinPercentage(0.01));
        assertThat(fit.purchases().diagnostics().iterations()).isPositive();
        assertThat(fit.purchases().diagnostics().logLikelihood()).isNegative();
        assertThat(fixture.store.asset("cdnow", CALIBRATION_END)).as("no earlier fit to value with").isEmpty();
    }

    @Test
    void givenAConvergedFitOfTheDayBefore_whenTheJobRuns_thenEveryConsumerIsValuedWithItAndTheAssetAddsUp() {
        cdnowBrand();
        fixture.run(fixture.job(), CALIBRATION_END);
        ClvFit used = fixture.store.fit("cdnow", CALIBRATION_END).orElseThrow();

        fixture.run(fixture.job(), DAY_2);

        StoredAsset stored = fixture.store.asset("cdnow", DAY_2).orElseThrow();
        ConsumerValuer valuer = ConsumerValuer.of(used.purchases(), used.spend(), FirstPurchaseModel.unobserved(),
                ClvSettings.defaults());
        BigDecimal expected = BigDecimal.ZERO;
        for (ConsumerProfile profile : fixture.profiles.all()) {
            ConsumerValuation valuation = valuer.value(profile.lifecycle().facts(), ConsumerValuation.stageCodes(
                    StageModels.defaults().evaluate(profile.lifecycle().facts(), endOf(DAY_2))), Set.of(), Set.of(),
                    endOf(DAY_2));
            expected = expected.add(BigDecimal.valueOf(Math.round(valuation.value() * 1e6), 6));
        }
        AssetTotals total = stored.asset().total();
        assertThat(stored.fitDate()).isEqualTo(CALIBRATION_END);
        assertThat(total.consumers()).isEqualTo(2_357 + VIEWERS);
        assertThat(total.buyers()).isEqualTo(2_357);
        assertThat(total.nonBuyers()).isEqualTo(VIEWERS);
        assertThat(total.value()).isEqualByComparingTo(expected);
        assertThat(total.nonBuyerValue()).as("no first-purchase flows observed yet").isEqualByComparingTo("0");
        for (String model : List.of("aipl", "deeplink")) {
            assertThat(stored.asset().byStage(model).values().stream().map(AssetTotals::value)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(total.value());
            assertThat(stored.asset().byStage(model).values().stream().mapToLong(AssetTotals::consumers).sum())
                    .isEqualTo(total.consumers());
        }
        assertThat(stored.asset().byChannel()).containsOnlyKeys("web", "app");
        assertThat(stored.asset().byChannel().get("web").value()).isEqualByComparingTo(total.buyerValue());
        assertThat(stored.previousDate()).as("the previous date had no asset").isNull();
    }

    @Test
    void givenThreeRuns_whenConsumersBuyJoinAndAreErased_thenTheChangeSummaryAndTheMonthsFlowsFollow() {
        cdnowBrand();
        fixture.memberships.apply(new ConsumerKey("cdnow", "c2"), ProfileGuard.NONE, List.of(new MembershipChange("vip", null,
                new Membership("vip", 1, Instant.parse("1997-09-01T00:00:00Z")))));
        fixture.run(fixture.job(), CALIBRATION_END);
        fixture.run(fixture.job(), DAY_2);
        StoredAsset before = fixture.store.asset("cdnow", DAY_2).orElseThrow();
        fixture.profiles.delete(new ConsumerKey("cdnow", "c1"));
        fixture.profiles.delete(new ConsumerKey("cdnow", "viewer-0"));
        fixture.store(ProfileBuilder.aProfile("cdnow", "viewer-0").seenIn("app")
                .at(Instant.parse("1997-09-20T10:00:00Z")).tracked("Product Viewed", Map.of())
                .at(Instant.parse("1997-10-15T12:00:00Z")).ordered(new BigDecimal("40")).build());
        fixture.store(buyer("cdnow", "newbie", List.of(new ClvFixture.Purchase(LocalDate.of(1997, 10, 20),
                new BigDecimal("25")))));

        fixture.run(fixture.job(), MONTH_LATER);

        StoredAsset after = fixture.store.asset("cdnow", MONTH_LATER).orElseThrow();
        AssetChangeSummary change = after.summary();
        assertThat(after.previousDate()).isEqualTo(DAY_2);
        assertThat(after.fitDate()).isEqualTo(DAY_2);
        assertThat(change.consumersBefore()).isEqualTo(2_357 + VIEWERS);
        assertThat(change.consumersAfter()).isEqualTo(2_357 + VIEWERS);
        assertThat(change.newConsumers()).isEqualTo(1);
        assertThat(change.goneConsumers()).isEqualTo(1);
        assertThat(change.newBuyers()).isEqualTo(2);
        assertThat(change.valueBefore()).isEqualByComparingTo(before.asset().total().value());
        assertThat(change.valueAfter()).isEqualByComparingTo(after.asset().total().value());
        assertThat(change.newConsumersValue().subtract(change.goneConsumersValue())
                .add(change.newBuyersValueChange()).add(change.buyersValueChange())
                .add(change.nonBuyersValueChange())).isEqualByComparingTo(change.valueGrowth());
        assertThat(change.buyersValueChange().signum()).as("a month older, no new purchases").isNegative();
        assertThat(after.asset().bySegment()).containsOnlyKeys("vip");
        assertThat(after.asset().bySegment().get("vip").consumers()).isEqualTo(1);
        FirstPurchaseFlows flows = fixture.store.flows("cdnow").get(MONTH_LATER);
        assertThat(flows.atRisk("ENGAGE")).isEqualTo(VIEWERS);
        assertThat(flows.firstPurchases("ENGAGE")).isEqualTo(1);
    }

    @Test
    void givenAFitStoppedByATinyIterationCap_whenStored_thenItIsUnconvergedAndTheLastConvergedFitStaysInUse() {
        cdnowBrand();
        fixture.run(fixture.job(), CALIBRATION_END);
        fixture.clock.advance(Duration.ofDays(1));

        fixture.run(fixture.job(new FitOptions(2, 1e-8)), DAY_2);
        fixture.clock.advance(Duration.ofDays(1));
        fixture.run(fixture.job(), DAY_2.plusDays(1));

        ClvFit stopped = fixture.store.fit("cdnow", DAY_2).orElseThrow();
        assertThat(stopped.converged()).isFalse();
        assertThat(stopped.purchases().diagnostics().iterations()).isEqualTo(2);
        assertThat(fixture.store.asset("cdnow", DAY_2.plusDays(1)).orElseThrow().fitDate())
                .as("valued with the converged fit, not the later stopped one").isEqualTo(CALIBRATION_END);
        AssetReport report = new AssetReportService(fixture.store).asset("cdnow", DAY_2).orElseThrow();
        assertThat(report.fitUsed().date()).isEqualTo(CALIBRATION_END);
        assertThat(report.latestAttempt()).isEqualTo(stopped);
    }

    @Test
    void givenOnlyUnconvergedFits_whenTheJobRunsAgain_thenNoConsumerIsValued() {
        cdnowBrand();
        fixture.run(fixture.job(new FitOptions(2, 1e-8)), CALIBRATION_END);

        fixture.run(fixture.job(), DAY_2);

        assertThat(fixture.store.fit("cdnow", CALIBRATION_END).orElseThrow().converged()).isFalse();
        assertThat(fixture.store.asset("cdnow", DAY_2)).isEmpty();
        assertThat(fixture.store.fit("cdnow", DAY_2).orElseThrow().converged()).isTrue();
    }

    @Test
    void givenBrandsWithOneBuyerAndWithNone_whenFitted_thenTheirFitsAreStoredUnconverged() {
        fixture.store(buyer("tiny", "t1", List.of(new ClvFixture.Purchase(LocalDate.of(1997, 9, 1),
                new BigDecimal("10")))), ProfileBuilder.aProfile("empty", "e1").seenIn("web").build());

        fixture.run(fixture.job(), CALIBRATION_END);

        ClvFit tiny = fixture.store.fit("tiny", CALIBRATION_END).orElseThrow();
        assertThat(tiny.converged()).isFalse();
        assertThat(tiny.buyers()).isEqualTo(1);
        assertThat(tiny.spend().diagnostics().converged()).isFalse();
        assertThat(fixture.store.fit("empty", CALIBRATION_END).orElseThrow().problem()).isEqualTo("no buyer");
    }

    @Test
    void givenARunThatAlreadyHappened_whenItsTasksRunAgain_thenTheStoredFitAndAssetAreTheSame() {
        cdnowBrand();
        fixture.run(fixture.job(), CALIBRATION_END);
        ClvJobService job = fixture.job();
        job.plan(DAY_2);
        var tasks = fixture.queue.drainClv();
        tasks.forEach(job::work);
        StoredAsset asset = fixture.store.asset("cdnow", DAY_2).orElseThrow();
        ClvFit fit = fixture.store.fit("cdnow", DAY_2).orElseThrow();

        List<Optional<Gathered>> again = tasks.stream().map(job::work).toList();

        assertThat(again).allSatisfy(g -> assertThat(g).isPresent());
        assertThat(fixture.store.asset("cdnow", DAY_2)).contains(asset);
        assertThat(fixture.store.fit("cdnow", DAY_2)).contains(fit);
    }

    @Test
    void givenAConvergedFit_whenSegmentRulesReadAConsumer_thenClvAndPAliveAreItsValuation() {
        cdnowBrand();
        fixture.run(fixture.job(), CALIBRATION_END);
        fixture.clock.set(endOf(DAY_2));
        ClvProfileSubjects subjects = new ClvProfileSubjects(fixture.store, fixture.brands, fixture.clock,
                Duration.ofMinutes(10));
        ConsumerProfile buyer = fixture.profiles.load(new ConsumerKey("cdnow", "c2")).orElseThrow();
        ClvFit fit = fixture.store.fit("cdnow", CALIBRATION_END).orElseThrow();

        SegmentSubject subject = subjects.subjectOf(buyer);
        SegmentSubject viewer = subjects.subjectOf(fixture.profiles.load(new ConsumerKey("cdnow", "viewer-1"))
                .orElseThrow());
        SegmentSubject unfitted = subjects.subjectOf(ProfileBuilder.aProfile("nofit", "n1").seenIn("web").build());

        ConsumerValuation expected = ConsumerValuer.of(fit.purchases(), fit.spend(), FirstPurchaseModel.unobserved(),
                ClvSettings.defaults()).value(buyer.lifecycle().facts(),
                ConsumerValuation.stageCodes(buyer.lifecycle().stages()), Set.of(), Set.of(), endOf(DAY_2));
        assertThat(subject.clv()).isEqualTo(expected.value()).isPositive();
        assertThat(subject.pAlive()).isEqualTo(expected.probabilityAlive());
        assertThat(viewer.clv()).isZero();
        assertThat(viewer.pAlive()).isNaN();
        assertThat(unfitted.clv()).isNaN();
    }
}

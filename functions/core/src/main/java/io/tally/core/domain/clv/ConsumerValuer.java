package io.tally.core.domain.clv;

import io.tally.core.domain.lifecycle.LifecycleFacts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values consumers from their stored lifecycle facts, with a brand's fitted models: a buyer
 * ({@link BuyerHistory}) by BG/NBD and Gamma-Gamma, a non-buyer by the first-purchase probabilities of their stage in
 * the valuation model and the value of a new buyer. Thread-safe; the value of a non-buyer depends on the stage only
 * and is computed once per stage.
 */
public final class ConsumerValuer {

    private final ClvCalculator calculator;
    private final FirstPurchaseModel firstPurchases;
    private final ClvSettings settings;
    private final Map<String, NonBuyerValue> nonBuyerValues = new ConcurrentHashMap<>();

    /**
     * A valuer with models built from stored parameters, which must come from converged fits: straight from a fit,
     * use {@link #of}, which checks.
     *
     * @param purchases      the brand's fitted BG/NBD model, in the time unit of {@code settings}
     * @param spend          the brand's fitted Gamma-Gamma model, on spend summaries of {@link BuyerHistory}
     * @param firstPurchases first-purchase rates by stage of {@code settings.valuationModel()}, monthly
     */
    public ConsumerValuer(BgNbdModel purchases, GammaGammaModel spend, FirstPurchaseModel firstPurchases,
                          ClvSettings settings) {
        this.calculator = new ClvCalculator(purchases, spend, settings.horizon());
        this.firstPurchases = firstPurchases;
        this.settings = settings;
    }

    /**
     * A valuer with the models of two fits, only if both converged: a fit that stopped early is never used.
     *
     * @throws ModelNotConvergedException if either fit did not converge
     */
    public static ConsumerValuer of(BgNbdFit purchases, GammaGammaFit spend, FirstPurchaseModel firstPurchases,
                                    ClvSettings settings) {
        return new ConsumerValuer(purchases.requireConverged().model(), spend.requireConverged().model(),
                firstPurchases, settings);
    }

    /**
     * The consumer's valuation on {@code asOf}.
     *
     * @param stages   stage code by lifecycle model key (null values for no stage; see
     *                 {@link ConsumerValuation#stageCodes})
     * @param channels the channels the consumer was seen on
     * @param segments the segments the consumer belongs to
     * @throws UndefinedSpendException if the fitted spend model has no finite expected spend for this consumer
     */
    public ConsumerValuation value(LifecycleFacts facts, Map<String, String> stages, Set<String> channels,
                                   Set<String> segments, Instant asOf) {
        Optional<BuyerHistory> history = BuyerHistory.of(facts, asOf, settings.zone(), settings.daysPerUnit());
        if (history.isPresent()) {
            CustomerValue value = calculator.value(history.get().purchases(), history.get().spend());
            return ConsumerValuation.buyer(value, stages, channels, segments);
        }
        String stage = ConsumerValuation.stageKey(stages.get(settings.valuationModel()));
        return ConsumerValuation.nonBuyer(nonBuyerValue(stage), stages, channels, segments);
    }

    /** The value of a consumer who has not bought and is in {@code stage} of the valuation model. */
    public NonBuyerValue nonBuyerValue(String stage) {
        return nonBuyerValues.computeIfAbsent(ConsumerValuation.stageKey(stage), key -> calculator.nonBuyerValue(
                firstPurchases.firstPurchaseByPeriod(key, settings.horizonMonths())));
    }

    public ClvCalculator calculator() {
        return calculator;
    }
}

package io.tally.core.domain.clv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P(first purchase within a horizon | lifecycle stage now), for consumers who have never bought, estimated from
 * observed one-period {@link FirstPurchaseFlows} of one lifecycle model: a discrete-time Markov chain over the
 * non-buyer stages (no stage included) with "first purchase" as its absorbing state.
 *
 * <ul>
 *   <li><b>Hazard.</b> The one-period probability of a first purchase from stage s is the posterior mean under a
 *       Beta prior centred on the pooled rate of all stages, h = (k_s + m&middot;h&#772;) / (n_s + m), with n_s
 *       non-buyers observed in s at the start of a period, k_s of them buying during it, h&#772; = &Sigma;k /
 *       &Sigma;n and prior strength m (in consumer-periods). A stage seen a few times is pulled to the pooled rate
 *       instead of to 0 or 1; one seen thousands of times keeps its own rate.</li>
 *   <li><b>Moves.</b> Consumers who did not buy end the period in some stage: from s to t with the observed share
 *       of s's non-buying consumers (maximum likelihood; staying in s when none of s's consumers was left without a
 *       purchase).</li>
 *   <li><b>Horizon.</b> The probability of a first purchase in period j is the chance of reaching each stage
 *       without buying after j - 1 periods times its hazard, so stages that decay (an exposure is forgotten after
 *       30 days) and stages that consumers climb into (interest, then intent) are followed over the horizon instead
 *       of assuming the consumer stays where they are.</li>
 * </ul>
 *
 * The chain assumes the outcomes of a period depend only on the stage at its start and are the same in every period
 * (pooled over the periods observed). A stage never observed at the start of a period gets the pooled hazard and
 * stays. The period is the one the flows were observed over, one month of a {@link ClvHorizon} when used with
 * {@link ClvCalculator#nonBuyerValue}.
 */
public final class FirstPurchaseModel {

    /** Default prior strength: 20 consumer-periods. */
    public static final double DEFAULT_PRIOR_STRENGTH = 20;

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> stages;
    private final double pooledHazard;
    private final double[] hazard;
    private final double[][] moveIfNoPurchase;

    private FirstPurchaseModel(List<String> stages, double pooledHazard, double[] hazard, double[][] moves) {
        this.stages = List.copyOf(stages);
        for (int i = 0; i < stages.size(); i++) {
            index.put(stages.get(i), i);
        }
        this.pooledHazard = pooledHazard;
        this.hazard = hazard;
        this.moveIfNoPurchase = moves;
    }

    /**
     * The model before any period has been observed (a brand's first report): every hazard is 0, so non-buyers are
     * valued at 0 until flows exist, rather than at a guessed rate.
     */
    public static FirstPurchaseModel unobserved() {
        return new FirstPurchaseModel(List.of(), 0, new double[0], new double[0][0]);
    }

    /** The model estimated with {@link #DEFAULT_PRIOR_STRENGTH}. */
    public static FirstPurchaseModel estimate(FirstPurchaseFlows flows) {
        return estimate(flows, DEFAULT_PRIOR_STRENGTH);
    }

    /**
     * The model estimated from these flows.
     *
     * @param priorStrength m, the weight of the pooled rate in consumer-periods, &ge; 0 (0: each stage's own rate)
     * @throws IllegalArgumentException if no non-buyer was observed, or the prior strength is negative or infinite
     */
    public static FirstPurchaseModel estimate(FirstPurchaseFlows flows, double priorStrength) {
        if (!(priorStrength >= 0) || Double.isInfinite(priorStrength)) {
            throw new IllegalArgumentException("priorStrength must be finite and >= 0, got " + priorStrength);
        }
        List<String> stages = new ArrayList<>(flows.stages());
        long observed = 0;
        long bought = 0;
        for (String stage : stages) {
            observed += flows.atRisk(stage);
            bought += flows.firstPurchases(stage);
        }
        if (observed == 0) {
            throw new IllegalArgumentException("no non-buyer observed: cannot estimate first-purchase rates");
        }
        double pooled = (double) bought / observed;
        int n = stages.size();
        double[] hazard = new double[n];
        double[][] moves = new double[n][n];
        for (int i = 0; i < n; i++) {
            String stage = stages.get(i);
            long atRisk = flows.atRisk(stage);
            long firstPurchases = flows.firstPurchases(stage);
            hazard[i] = atRisk + priorStrength == 0 ? pooled
                    : (firstPurchases + priorStrength * pooled) / (atRisk + priorStrength);
            long stayedNonBuyers = atRisk - firstPurchases;
            if (stayedNonBuyers == 0) {
                moves[i][i] = 1;
                continue;
            }
            for (int j = 0; j < n; j++) {
                moves[i][j] = (double) flows.outcomes(stage).getOrDefault(stages.get(j), 0L) / stayedNonBuyers;
            }
        }
        return new FirstPurchaseModel(stages, pooled, hazard, moves);
    }

    /** The stages the model was estimated on. */
    public List<String> stages() {
        return stages;
    }

    /** &Sigma;k / &Sigma;n over every stage: the one-period first-purchase rate of all non-buyers observed. */
    public double pooledHazard() {
        return pooledHazard;
    }

    /** The one-period probability of a first purchase from {@code stage} (null for no stage). */
    public double hazard(String stage) {
        Integer i = index.get(ConsumerValuation.stageKey(stage));
        return i == null ? pooledHazard : hazard[i];
    }

    /**
     * P(the first purchase falls in period j | in {@code stage} now), for j = 1..{@code periods} (element j - 1).
     *
     * @param stage a stage code, or null for no stage
     */
    public double[] firstPurchaseByPeriod(String stage, int periods) {
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be >= 1, got " + periods);
        }
        double[] byPeriod = new double[periods];
        Integer start = index.get(ConsumerValuation.stageKey(stage));
        if (start == null) {
            double notYet = 1;
            for (int j = 0; j < periods; j++) {
                byPeriod[j] = notYet * pooledHazard;
                notYet *= 1 - pooledHazard;
            }
            return byPeriod;
        }
        int n = stages.size();
        double[] nonBuyers = new double[n];
        nonBuyers[start] = 1;
        for (int j = 0; j < periods; j++) {
            double[] next = new double[n];
            for (int from = 0; from < n; from++) {
                if (nonBuyers[from] == 0) {
                    continue;
                }
                byPeriod[j] += nonBuyers[from] * hazard[from];
                double stay = nonBuyers[from] * (1 - hazard[from]);
                for (int to = 0; to < n; to++) {
                    next[to] += stay * moveIfNoPurchase[from][to];
                }
            }
            nonBuyers = next;
        }
        return byPeriod;
    }

    /** P(a first purchase within {@code periods} periods | in {@code stage} now). */
    public double probabilityWithin(String stage, int periods) {
        double sum = 0;
        for (double p : firstPurchaseByPeriod(stage, periods)) {
            sum += p;
        }
        return Math.min(1, sum);
    }
}

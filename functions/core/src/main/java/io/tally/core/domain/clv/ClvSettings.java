package io.tally.core.domain.clv;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A brand's CLV configuration.
 *
 * @param horizonMonths       months valued, &ge; 1 (default 12)
 * @param monthlyDiscountRate discount rate per month, &ge; 0 (default 0.01: month m is worth 1/1.01^m)
 * @param daysPerUnit         the models' time unit in days (default 7: weeks, like the CDNOW analyses)
 * @param zone                the zone whose calendar days are transactions (default UTC)
 * @param aliveThreshold      P(alive) from which a buyer counts as alive, below which as churned (default 0.5)
 * @param priorStrength       weight of the pooled first-purchase rate in consumer-months (default 20, see
 *                            {@link FirstPurchaseModel})
 * @param valuationModel      the lifecycle model whose stages value non-buyers (default {@code deeplink})
 */
public record ClvSettings(int horizonMonths, double monthlyDiscountRate, double daysPerUnit, ZoneId zone,
                          double aliveThreshold, double priorStrength, String valuationModel) {

    public ClvSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(valuationModel, "valuationModel");
        if (!(daysPerUnit > 0) || Double.isInfinite(daysPerUnit) || !(aliveThreshold > 0 && aliveThreshold <= 1)
                || !(priorStrength >= 0) || Double.isInfinite(priorStrength)) {
            throw new IllegalArgumentException("need a positive finite daysPerUnit, an aliveThreshold in (0, 1] and "
                    + "a finite priorStrength >= 0, got " + daysPerUnit + ", " + aliveThreshold + ", "
                    + priorStrength);
        }
        new ClvHorizon(horizonMonths, monthlyDiscountRate, ClvHorizon.DAYS_PER_MONTH / daysPerUnit);
    }

    /** 12 months at 1 % a month, weeks, UTC days, alive from P(alive) 0.5, prior strength 20, DEEPLINK stages. */
    public static ClvSettings defaults() {
        return new ClvSettings(12, 0.01, 7, ZoneId.of("UTC"), ConsumerAsset.DEFAULT_ALIVE_THRESHOLD,
                FirstPurchaseModel.DEFAULT_PRIOR_STRENGTH, "deeplink");
    }

    /** The horizon in the models' time unit (a month is 365.25 / 12 days). */
    public ClvHorizon horizon() {
        return new ClvHorizon(horizonMonths, monthlyDiscountRate, ClvHorizon.DAYS_PER_MONTH / daysPerUnit);
    }
}

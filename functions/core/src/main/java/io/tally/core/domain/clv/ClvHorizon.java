package io.tally.core.domain.clv;

/**
 * The horizon and discounting of a customer lifetime value, and how the model's time unit relates to a month.
 *
 * @param months              months summed, &ge; 1
 * @param monthlyDiscountRate discount rate per month, &ge; 0; month m is discounted by (1 + rate)^m
 * @param unitsPerMonth       length of one month in the time unit of the fitted model, e.g.
 *                            {@link #WEEKS_PER_MONTH} for a model fitted on weeks
 */
public record ClvHorizon(int months, double monthlyDiscountRate, double unitsPerMonth) {

    /** 365.25 / 12 / 7 = 4.348 weeks: an average Gregorian-calendar month in weeks. */
    public static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;
    /** 365.25 / 12 = 30.44 days. */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    public ClvHorizon {
        if (months < 1 || !(monthlyDiscountRate >= 0) || Double.isInfinite(monthlyDiscountRate)
                || !BgNbdParameters.isPositiveFinite(unitsPerMonth)) {
            throw new IllegalArgumentException("need months >= 1, a finite monthlyDiscountRate >= 0 and a positive "
                    + "unitsPerMonth, got " + months + ", " + monthlyDiscountRate + ", " + unitsPerMonth);
        }
    }

    /** 12 months at 1 % per month, for a model whose time unit makes a month {@code unitsPerMonth} long. */
    public static ClvHorizon twelveMonths(double unitsPerMonth) {
        return new ClvHorizon(12, 0.01, unitsPerMonth);
    }
}

package io.tally.core.domain.clv;

/**
 * Customer lifetime value over a finite horizon from a BG/NBD purchase model and a Gamma-Gamma spend model:
 * CLV = sum over months m = 1..H of E[purchases in month m] &times; E[spend] / (1 + d)^m, where month m is the
 * interval (T + (m-1)u, T + mu] after the end of the customer's observation period T, u is the month length in the
 * model's time unit, and E[purchases in month m] is the difference of the BG/NBD cumulative conditional
 * expectations at mu and (m-1)u. Purchases and spend are taken as independent, as in Fader, Hardie &amp; Lee.
 */
public final class ClvCalculator {

    private final BgNbdModel purchases;
    private final GammaGammaModel spend;
    private final ClvHorizon horizon;

    public ClvCalculator(BgNbdModel purchases, GammaGammaModel spend, ClvHorizon horizon) {
        this.purchases = purchases;
        this.spend = spend;
        this.horizon = horizon;
    }

    /**
     * The value of a customer with this purchase history and mean repeat-transaction value {@code meanSpend}
     * (ignored when {@code customer.x() = 0}).
     *
     * @throws UndefinedSpendException if the customer's expected spend is infinite (see
     *                                 {@link GammaGammaModel#expectedAverageSpend})
     */
    public CustomerValue value(CustomerSummary customer, double meanSpend) {
        double expectedSpend = spend.expectedAverageSpend(new SpendSummary(customer.x(), meanSpend));
        double[] monthly = expectedPurchasesByMonth(customer);
        double purchasesTotal = 0;
        double discounted = 0;
        double discount = 1;
        for (double month : monthly) {
            discount /= 1 + horizon.monthlyDiscountRate();
            purchasesTotal += month;
            discounted += month * discount;
        }
        return new CustomerValue(purchases.probabilityAlive(customer), purchasesTotal, expectedSpend,
                discounted * expectedSpend);
    }

    /** E[purchases in month m] for m = 1..H, element m-1. */
    public double[] expectedPurchasesByMonth(CustomerSummary customer) {
        double alive = purchases.probabilityAlive(customer);
        double[] monthly = new double[horizon.months()];
        double previous = 0;
        for (int m = 1; m <= horizon.months(); m++) {
            double cumulative = alive
                    * purchases.expectedPurchasesIfAlive(customer.x(), customer.T(), m * horizon.unitsPerMonth());
            monthly[m - 1] = Math.max(0, cumulative - previous);
            previous = cumulative;
        }
        return monthly;
    }
}

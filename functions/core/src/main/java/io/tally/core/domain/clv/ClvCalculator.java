package io.tally.core.domain.clv;

/**
 * Customer lifetime value over a finite horizon from a BG/NBD purchase model and a Gamma-Gamma spend model:
 * CLV = sum over months m = 1..H of E[purchases in month m] &times; E[spend] / (1 + d)^m, where month m is the
 * interval (T + (m-1)u, T + mu] after the end of the customer's observation period T, u is the month length in the
 * model's time unit, and E[purchases in month m] is the difference of the BG/NBD cumulative conditional
 * expectations at mu and (m-1)u. Purchases and spend are taken as independent, as in Fader, Hardie &amp; Lee.
 *
 * <p>Consumers who have not bought yet are valued through the value of a new buyer ({@link #newBuyerValue()}) and
 * the probability of their first purchase in each month ({@link #nonBuyerValue}).
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

    public ClvHorizon horizon() {
        return horizon;
    }

    /**
     * The value of a customer with this purchase history and mean repeat-transaction value {@code meanSpend}
     * (ignored when {@code customer.x() = 0}): the CDNOW convention, where the spend summary covers the x repeat
     * transactions.
     *
     * @throws UndefinedSpendException if the customer's expected spend is infinite (see
     *                                 {@link GammaGammaModel#expectedAverageSpend})
     */
    public CustomerValue value(CustomerSummary customer, double meanSpend) {
        return value(customer, new SpendSummary(customer.x(), meanSpend));
    }

    /**
     * The value of a customer with this purchase history and spend history (which may count other transactions
     * than the x repeat purchases, e.g. all x + 1 of a {@link BuyerHistory}).
     *
     * @throws UndefinedSpendException if the customer's expected spend is infinite (see
     *                                 {@link GammaGammaModel#expectedAverageSpend})
     */
    public CustomerValue value(CustomerSummary customer, SpendSummary spendHistory) {
        double expectedSpend = spend.expectedAverageSpend(spendHistory);
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

    /**
     * The value of a consumer who makes a first purchase now: the population mean spend E[M] times the first
     * purchase plus the discounted expected repeat purchases over the horizon of a customer with x = 0, T = 0,
     * E[M] (1 + &Sigma;<sub>j=1..H</sub> (E[X(j u)] - E[X((j-1) u)]) / (1 + d)^j).
     *
     * @throws UndefinedSpendException if the population mean spend is infinite
     */
    public double newBuyerValue() {
        return newBuyerValueByMonthsLeft()[horizon.months()];
    }

    /**
     * Element k: the value of a new buyer counted over the first k months after the first purchase (k = 0..H), in
     * money of the time of that purchase.
     */
    double[] newBuyerValueByMonthsLeft() {
        double meanSpend = spend.populationMeanSpend();
        double[] value = new double[horizon.months() + 1];
        value[0] = meanSpend;
        double previous = 0;
        double discount = 1;
        for (int j = 1; j <= horizon.months(); j++) {
            double cumulative = purchases.expectedRepeatPurchases(j * horizon.unitsPerMonth());
            discount /= 1 + horizon.monthlyDiscountRate();
            value[j] = value[j - 1] + meanSpend * Math.max(0, cumulative - previous) * discount;
            previous = cumulative;
        }
        return value;
    }

    /**
     * The value of a consumer who has not bought yet, whose first purchase falls in month m of the horizon with
     * probability {@code firstPurchaseByMonth[m - 1]} (e.g. {@link FirstPurchaseModel#firstPurchaseByPeriod}):
     * &Sigma;<sub>m</sub> P(first in m) (1 + d)^-m V(H - m), where V(k) is the value of a new buyer over the k months
     * of the horizon left after month m (see {@link #newBuyerValue()}). A first purchase is counted at the end of
     * its month, like every purchase of month m.
     *
     * @throws IllegalArgumentException if the array is not one probability per month of the horizon, or they sum
     *                                  to more than 1
     * @throws UndefinedSpendException  if the population mean spend is infinite
     */
    public NonBuyerValue nonBuyerValue(double[] firstPurchaseByMonth) {
        int months = horizon.months();
        if (firstPurchaseByMonth.length != months) {
            throw new IllegalArgumentException("need one probability per month of the " + months
                    + "-month horizon, got " + firstPurchaseByMonth.length);
        }
        double[] newBuyer = newBuyerValueByMonthsLeft();
        double probability = 0;
        double expectedPurchases = 0;
        double value = 0;
        double discount = 1;
        for (int m = 1; m <= months; m++) {
            double p = firstPurchaseByMonth[m - 1];
            if (!(p >= 0) || p > 1) {
                throw new IllegalArgumentException("probabilities must be in [0, 1], got " + p + " for month " + m);
            }
            discount /= 1 + horizon.monthlyDiscountRate();
            probability += p;
            expectedPurchases += p * (1 + purchases.expectedRepeatPurchases((months - m) * horizon.unitsPerMonth()));
            value += p * discount * newBuyer[months - m];
        }
        if (probability > 1 + 1e-9) {
            throw new IllegalArgumentException("first-purchase probabilities sum to " + probability + " > 1");
        }
        return new NonBuyerValue(Math.min(1, probability), expectedPurchases, value);
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

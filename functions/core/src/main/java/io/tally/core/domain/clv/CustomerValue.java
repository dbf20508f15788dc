package io.tally.core.domain.clv;

/**
 * One customer's value over a {@link ClvHorizon}.
 *
 * @param probabilityAlive  P(alive) at the end of the observation period
 * @param expectedPurchases expected purchases over the whole horizon, undiscounted
 * @param expectedSpend     expected value of each of those purchases
 * @param discountedValue   the customer lifetime value over the horizon: the discounted sum of the expected
 *                          purchases of each month times the expected spend
 */
public record CustomerValue(double probabilityAlive, double expectedPurchases, double expectedSpend,
                            double discountedValue) {
}

package io.tally.core.domain.clv;

/**
 * The value over a {@link ClvHorizon} of a consumer who has never bought.
 *
 * @param probabilityFirstPurchase P(a first purchase within the horizon)
 * @param expectedPurchases        expected purchases within the horizon, the first one included, undiscounted
 * @param discountedValue          the expected discounted value of those purchases (see
 *                                 {@link ClvCalculator#nonBuyerValue})
 */
public record NonBuyerValue(double probabilityFirstPurchase, double expectedPurchases, double discountedValue) {
}

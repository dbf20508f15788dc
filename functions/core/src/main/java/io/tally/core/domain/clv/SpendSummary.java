package io.tally.core.domain.clv;

/**
 * One customer's spend over the calibration period, the input of the Gamma-Gamma model: the mean value of the
 * {@code x} repeat transactions. A customer without repeat transactions has {@code x = 0} and no usable mean.
 *
 * @param x         number of repeat transactions, &ge; 0
 * @param meanSpend mean value of those transactions (zbar), &ge; 0; ignored when {@code x = 0}
 */
public record SpendSummary(int x, double meanSpend) {

    public SpendSummary {
        if (x < 0 || !(meanSpend >= 0) || Double.isInfinite(meanSpend)) {
            throw new IllegalArgumentException("need x >= 0 and a finite meanSpend >= 0, got x=" + x
                    + ", meanSpend=" + meanSpend);
        }
    }

    /** Whether this customer informs the Gamma-Gamma fit: at least one repeat transaction of positive value. */
    public boolean isInformative() {
        return x > 0 && meanSpend > 0;
    }
}

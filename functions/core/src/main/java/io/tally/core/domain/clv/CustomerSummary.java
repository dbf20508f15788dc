package io.tally.core.domain.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One customer's repeat-purchase history over a calibration period, the input of the BG/NBD model: {@code x}
 * repeat purchases (purchases after the first one), the last of them at {@code tx}, observed until {@code T}.
 * Both times are measured from the customer's first purchase, in one time unit of the caller's choice (the
 * fitted parameter alpha and every prediction horizon are then in that unit too).
 *
 * @param x  number of repeat purchases, &ge; 0
 * @param tx time of the last repeat purchase (recency), 0 when {@code x = 0}, otherwise in [0, T]
 * @param T  length of the observation period from the first purchase, &ge; 0
 */
public record CustomerSummary(int x, double tx, double T) {

    public CustomerSummary {
        requireValid(x, tx, T);
        tx += 0.0;
    }

    /**
     * The summary of one customer's purchase dates, the convention of the CDNOW analyses: purchases on the same day
     * count once, the first purchase day is time 0 and is not a repeat purchase, only days up to and including
     * {@code calibrationEnd} count, and T runs from the first purchase day to {@code calibrationEnd}.
     *
     * @param purchaseDates  all purchase dates of the customer (duplicates and later dates allowed)
     * @param calibrationEnd last day of the calibration period, not before the first purchase
     * @param daysPerUnit    length of the time unit in days, e.g. 7 for weeks
     */
    public static CustomerSummary fromPurchaseDates(Collection<LocalDate> purchaseDates, LocalDate calibrationEnd,
                                                    double daysPerUnit) {
        if (!(daysPerUnit > 0)) {
            throw new IllegalArgumentException("daysPerUnit must be positive, got " + daysPerUnit);
        }
        TreeSet<LocalDate> days = new TreeSet<>(purchaseDates);
        if (days.isEmpty() || days.first().isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("no purchase on or before " + calibrationEnd);
        }
        LocalDate first = days.first();
        NavigableSet<LocalDate> calibration = days.headSet(calibrationEnd, true);
        return new CustomerSummary(calibration.size() - 1,
                ChronoUnit.DAYS.between(first, calibration.last()) / daysPerUnit,
                ChronoUnit.DAYS.between(first, calibrationEnd) / daysPerUnit);
    }

    static void requireValid(int x, double tx, double T) {
        if (x < 0 || !(T >= 0) || Double.isInfinite(T) || !(tx >= 0) || tx > T || x == 0 && tx != 0) {
            throw new IllegalArgumentException(
                    "need x >= 0, 0 <= tx <= T finite and tx = 0 when x = 0, got x=" + x + ", tx=" + tx + ", T=" + T);
        }
    }
}

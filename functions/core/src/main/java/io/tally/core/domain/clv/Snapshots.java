package io.tally.core.domain.clv;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Reading back the JSON-shaped snapshots ({@code toMap()}) of the asset accumulators. */
final class Snapshots {

    private Snapshots() {
    }

    /** The value as a map; {@code path} names it in the error. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    throw invalid(path, "keys must be strings");
                }
            }
            return (Map<String, Object>) map;
        }
        throw invalid(path, "must be an object");
    }

    /** The value as a list of strings. */
    static List<String> strings(Object value, String path) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid(path, "must be a list of strings");
    }

    /** An integral number: Integer, Long, BigInteger, or a BigDecimal or Double without a fraction, in long range. */
    static long integer(Object value, String path) {
        try {
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
            if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return d.longValue();
            }
        } catch (ArithmeticException e) {
            throw invalid(path, "must be a whole number in the range of a long");
        }
        throw invalid(path, "must be a whole number");
    }

    /** A number as a double. */
    static double number(Object value, String path) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw invalid(path, "must be a number");
    }

    static IllegalArgumentException invalid(String path, String message) {
        return new IllegalArgumentException("invalid snapshot: " + path + " " + message);
    }
}

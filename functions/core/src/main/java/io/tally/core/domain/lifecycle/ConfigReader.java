package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Shared checks for configuration trees as parsed from JSON; every problem is added to {@link #errors}. */
final class ConfigReader {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final List<ConfigError> errors = new ArrayList<>();

    static String child(String path, String key) {
        String segment = PLAIN_KEY.matcher(key).matches() ? key : "[" + JsonText.compact(key) + "]";
        if (path.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? path + segment : path + "." + segment;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    void error(String path, String message) {
        errors.add(new ConfigError(path, message));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        error(path, value == null ? "is required" : "must be an object");
        return null;
    }

    List<?> list(Object value, String path, boolean nonEmpty) {
        if (value instanceof List<?> list) {
            if (nonEmpty && list.isEmpty()) {
                error(path, "must not be empty");
                return null;
            }
            return list;
        }
        error(path, value == null ? "is required" : "must be an array");
        return null;
    }

    /** Reports keys of {@code object} outside {@code allowed}. */
    void onlyKeys(Map<String, Object> object, String path, Set<String> allowed) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                error(child(path, key), "unknown field; expected one of " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    String string(Object value, String path, Pattern pattern, String expected) {
        if (value instanceof String s && (pattern == null || pattern.matcher(s).matches())) {
            return s;
        }
        error(path, value == null ? "is required" : "must be " + expected);
        return null;
    }

    Boolean bool(Object value, String path) {
        if (value instanceof Boolean b) {
            return b;
        }
        error(path, value == null ? "is required" : "must be true or false");
        return null;
    }

    /** An integer in [{@code min}, {@code max}], or null after reporting why not. */
    Integer integer(Object value, String path, int min, int max, String expected) {
        BigDecimal decimal = decimal(value);
        if (decimal == null || decimal.stripTrailingZeros().scale() > 0 || decimal.compareTo(BigDecimal.valueOf(min)) < 0) {
            error(path, value == null ? "is required" : "must be " + expected);
            return null;
        }
        if (decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(path, "must be at most " + max);
            return null;
        }
        return decimal.intValueExact();
    }

    Integer positiveInteger(Object value, String path, int max) {
        return integer(value, path, 1, max, "a positive integer");
    }

    /** A finite, non-negative number, or null after reporting why not. */
    BigDecimal nonNegativeNumber(Object value, String path) {
        BigDecimal decimal = decimal(value);
        if (decimal == null || decimal.signum() < 0) {
            error(path, value == null ? "is required" : "must be a non-negative number");
            return null;
        }
        return decimal;
    }

    /** A JSON number as a decimal, or null if {@code value} is not a finite number. */
    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
        }
        return null;
    }
}

package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders JSON-compatible trees (maps, lists, strings, numbers, booleans, null) as JSON text, for docs and logs. */
final class JsonText {

    private static final int LINE_WIDTH = 100;

    private JsonText() {
    }

    static String compact(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> string(String.valueOf(e.getKey())) + ": " + compact(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonText::compact).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    /** Two-space indented; a map or list that fits on its line stays on one line. */
    static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        pretty(value, 0, 0, out);
        return out.toString();
    }

    private static void pretty(Object value, int indent, int column, StringBuilder out) {
        String compact = compact(value);
        boolean container = value instanceof Map<?, ?> || value instanceof List<?>;
        if (!container || column + compact.length() <= LINE_WIDTH) {
            out.append(compact);
            return;
        }
        String inner = " ".repeat(indent + 2);
        if (value instanceof Map<?, ?> map) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = string(String.valueOf(e.getKey())) + ": ";
                out.append(inner).append(key);
                pretty(e.getValue(), indent + 2, indent + 2 + key.length(), out);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(" ".repeat(indent)).append('}');
        } else if (((List<?>) value).stream().noneMatch(item -> item instanceof Map<?, ?> || item instanceof List<?>)) {
            flow((List<?>) value, indent, out);
        } else {
            List<?> list = (List<?>) value;
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                pretty(list.get(i), indent + 2, indent + 2, out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(" ".repeat(indent)).append(']');
        }
    }

    /** A list of scalars that does not fit one line: as many items per line as fit. */
    private static void flow(List<?> list, int indent, StringBuilder out) {
        String inner = " ".repeat(indent + 2);
        out.append("[\n").append(inner);
        int column = inner.length();
        for (int i = 0; i < list.size(); i++) {
            String item = compact(list.get(i)) + (i + 1 < list.size() ? "," : "");
            if (column > inner.length() && column + 1 + item.length() > LINE_WIDTH) {
                out.append('\n').append(inner);
                column = inner.length();
            } else if (column > inner.length()) {
                out.append(' ');
                column++;
            }
            out.append(item);
            column += item.length();
        }
        out.append('\n').append(" ".repeat(indent)).append(']');
    }

    private static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

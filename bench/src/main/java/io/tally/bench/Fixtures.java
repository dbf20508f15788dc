package io.tally.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payloads shaped like what a JSON parser (Jackson into {@code Map<String, Object>}) produces from real traffic. */
final class Fixtures {

    static final Instant RECEIVED_AT = Instant.parse("2026-11-25T09:00:03.120Z");

    private static final String USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private Fixtures() {
    }

    /**
     * An analytics.js {@code track} call: nested context (library, ip, userAgent, page), 8 properties, no user id
     * yet (sent as JSON {@code null}), and both {@code originalTimestamp} and {@code sentAt}, so the reader
     * parses two timestamps and applies the clock-skew correction.
     */
    static Map<String, Object> trackEvent(int n) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("anonymousId", "7d9f3c2e-51a4-4c1b-9a0e-2f6b8d4e" + String.format("%04x", n % 65536));
        event.put("context", browserContext(true));
        event.put("event", "Product Viewed");
        event.put("integrations", new LinkedHashMap<>());
        event.put("messageId", "ajs-next-1764061200" + String.format("%06d", n) + "-4c1b9a0e2f6b8d4e");
        event.put("originalTimestamp", "2026-11-25T09:00:0" + (n % 10) + ".512Z");
        event.put("properties", productProperties(n));
        event.put("sentAt", "2026-11-25T09:00:0" + (n % 10) + ".530Z");
        event.put("type", "track");
        event.put("userId", null);
        return event;
    }

    /**
     * A {@code batch} of {@code size} track events as a server-side library posts it: batch-level
     * {@code context.library} and {@code sentAt}, each item with its own context (ip, userAgent, page), so the
     * reader merges the batch-level context into every item.
     */
    static Map<String, Object> batch(int size) {
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> item = trackEvent(i);
            item.put("context", browserContext(false));
            item.remove("sentAt");
            items.add(item);
        }
        Map<String, Object> library = new LinkedHashMap<>();
        library.put("name", "analytics-java");
        library.put("version", "3.5.4");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("library", library);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", items);
        body.put("context", context);
        body.put("sentAt", "2026-11-25T09:00:10.000Z");
        return body;
    }

    private static Map<String, Object> browserContext(boolean withLibrary) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (withLibrary) {
            Map<String, Object> library = new LinkedHashMap<>();
            library.put("name", "analytics.js");
            library.put("version", "next-1.74.0");
            context.put("library", library);
        }
        context.put("ip", "203.0.113.42");
        context.put("locale", "en-US");
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("path", "/tea/jasmine-green");
        page.put("referrer", "https://www.google.com/");
        page.put("search", "?utm_source=newsletter&utm_medium=email");
        page.put("title", "Jasmine Green Tea | Example Tea Co.");
        page.put("url", "https://shop.example.com/tea/jasmine-green?utm_source=newsletter&utm_medium=email");
        context.put("page", page);
        context.put("userAgent", USER_AGENT);
        return context;
    }

    private static Map<String, Object> productProperties(int n) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("product_id", "TEA-" + (1000 + n));
        properties.put("sku", "TEA-JSM-" + (1000 + n) + "-100G");
        properties.put("name", "Jasmine Green Tea");
        properties.put("category", "tea");
        properties.put("brand", "Example Tea Co.");
        properties.put("variant", "100 g tin");
        properties.put("price", 19.9);
        properties.put("quantity", 1);
        return properties;
    }

    /**
     * The baseline walk: copies maps into new {@link LinkedHashMap}s and lists into new {@link ArrayList}s,
     * all the way down, touching every key and value of the payload once.
     */
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            for (Map.Entry<Object, Object> entry : copy.entrySet()) {
                Object child = entry.getValue();
                if (child instanceof Map<?, ?> || child instanceof List<?>) {
                    entry.setValue(deepCopy(child));
                }
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object child : list) {
                copy.add(deepCopy(child));
            }
            return copy;
        }
        return value;
    }
}

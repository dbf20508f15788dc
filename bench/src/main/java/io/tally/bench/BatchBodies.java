package io.tally.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code POST /v1/batch} bodies for one sender thread of {@link GatewayLoad}: each item is the analytics.js
 * track event of {@link Fixtures#batch} (own context with ip, userAgent and page; 8 product properties), with a
 * batch-level {@code context.library} and {@code sentAt}. Which consumer, event name and product each item has
 * comes from a {@link SplittableRandom} seeded by the run's seed and the thread, so a run's data is the same every
 * time; message ids are {@code <run>-t<thread>-<sequence>}, unique within the run. Only the times follow the
 * clock: {@code sentAt} is now, {@code originalTimestamp} up to 5 s earlier.
 *
 * <p>The bodies are filled into a JSON template written once by Jackson, so building one costs little of the CPU
 * the load generator shares with the gateway.
 */
final class BatchBodies {

    private static final List<String> EVENT_NAMES = List.of("Product Viewed", "Product Viewed", "Product Viewed",
            "Product Added", "Checkout Started", "Order Completed");
    private static final String ANONYMOUS_ID = "@@ANONYMOUS_ID@@";
    private static final String MESSAGE_ID = "@@MESSAGE_ID@@";
    private static final String EVENT = "@@EVENT@@";
    private static final String PRODUCT = "@@PRODUCT@@";
    private static final String TIMESTAMP = "@@TIMESTAMP@@";
    private static final String BATCH_START = "{\"batch\":[";
    private static final String BATCH_END = "],\"context\":{\"library\":{\"name\":\"analytics-java\","
            + "\"version\":\"3.5.4\"}},\"sentAt\":\"";

    private final LoadOptions options;
    private final int thread;
    private final SplittableRandom random;
    private final List<String> segments;
    private final List<String> slots;
    private long sequence;

    BatchBodies(LoadOptions options, int thread) {
        this.options = options;
        this.thread = thread;
        this.random = new SplittableRandom(options.seed() * 1_000_003L + thread);
        this.segments = new ArrayList<>();
        this.slots = new ArrayList<>();
        splitTemplate(itemTemplate());
    }

    /** The next body: {@code batchSize} events with fresh message ids. */
    byte[] next() {
        Instant sentAt = Instant.now();
        StringBuilder body = new StringBuilder(options.batchSize() * 1024).append(BATCH_START);
        for (int i = 0; i < options.batchSize(); i++) {
            if (i > 0) {
                body.append(',');
            }
            appendItem(body, sentAt);
        }
        body.append(BATCH_END).append(sentAt).append("\"}");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendItem(StringBuilder body, Instant sentAt) {
        for (int i = 0; i < segments.size(); i++) {
            body.append(segments.get(i));
            if (i < slots.size()) {
                body.append(switch (slots.get(i)) {
                    case ANONYMOUS_ID -> options.anonymousId(random.nextInt(options.consumers()));
                    case MESSAGE_ID -> options.runTag() + "-t" + thread + "-" + sequence++;
                    case EVENT -> EVENT_NAMES.get(random.nextInt(EVENT_NAMES.size()));
                    case PRODUCT -> "TEA-" + (1000 + random.nextInt(200));
                    case TIMESTAMP -> sentAt.minus(Duration.ofMillis(random.nextInt(5000))).toString();
                    default -> throw new IllegalStateException("unknown slot " + slots.get(i));
                });
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String itemTemplate() {
        Map<String, Object> item = (Map<String, Object>) ((List<Object>) Fixtures.batch(1).get("batch")).get(0);
        item.put("anonymousId", ANONYMOUS_ID);
        item.put("messageId", MESSAGE_ID);
        item.put("event", EVENT);
        item.put("originalTimestamp", TIMESTAMP);
        ((Map<String, Object>) item.get("properties")).put("product_id", PRODUCT);
        try {
            return new ObjectMapper().writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the event template", e);
        }
    }

    /** Cuts the template at its slots, in the order they appear. */
    private void splitTemplate(String template) {
        List<String> names = List.of(ANONYMOUS_ID, MESSAGE_ID, EVENT, PRODUCT, TIMESTAMP);
        int position = 0;
        while (true) {
            int next = -1;
            String slot = null;
            for (String name : names) {
                int at = template.indexOf(name, position);
                if (at >= 0 && (next < 0 || at < next)) {
                    next = at;
                    slot = name;
                }
            }
            if (slot == null) {
                segments.add(template.substring(position));
                break;
            }
            segments.add(template.substring(position, next));
            slots.add(slot);
            position = next + slot.length();
        }
        if (slots.size() != names.size()) {
            throw new IllegalStateException("the event template lost a slot: " + slots);
        }
    }
}

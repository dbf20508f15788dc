package io.tally.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns the files in {@code seeds/} into Segment events per brand and channel: the synthetic omni-channel
 * {@code demo} brand (deterministic, dated relative to {@code now}) and the real CDNOW purchases.
 */
public final class SeedEvents {

    /** Events of one brand's channel, in send order. */
    public record ChannelEvents(String brand, String channel, List<Map<String, Object>> events) {
    }

    private SeedEvents() {
    }

    public static List<ChannelEvents> load(Path seedDir, Instant now, JsonMapper json) {
        List<ChannelEvents> all = new ArrayList<>(demoBrand(seedDir.resolve("demo-brand.json"), now, json));
        Path cdnow = seedDir.resolve("cdnow/CDNOW_sample.txt");
        if (Files.exists(cdnow)) {
            all.add(cdnow(cdnow));
        }
        return all;
    }

    /** The CDNOW sample as {@code Order Completed} events of brand {@code cdnow}, channel {@code web}. */
    static ChannelEvents cdnow(Path file) {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        List<Map<String, Object>> events = new ArrayList<>();
        try {
            int line = 0;
            for (String row : Files.readAllLines(file)) {
                line++;
                String[] cols = row.trim().split("\\s+");
                if (cols.length < 5) {
                    continue;
                }
                Instant at = LocalDate.parse(cols[2], yyyymmdd).atTime(12, 0).toInstant(ZoneOffset.UTC);
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "track");
                event.put("messageId", "cdnow-" + line);
                event.put("userId", "cdnow-" + cols[0]);
                event.put("event", "Order Completed");
                event.put("timestamp", at.toString());
                event.put("properties", Map.of("order_id", "cdnow-order-" + line, "revenue",
                        new BigDecimal(cols[4]), "quantity", Integer.parseInt(cols[3]), "currency", "USD"));
                events.add(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ChannelEvents("cdnow", "web", events);
    }

    @SuppressWarnings("unchecked")
    static List<ChannelEvents> demoBrand(Path recipeFile, Instant now, JsonMapper json) {
        Map<String, Object> recipe;
        try {
            recipe = json.readValue(Files.readAllBytes(recipeFile), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + recipeFile, e);
        }
        String brand = (String) recipe.get("brand");
        Random random = new Random(((Number) recipe.get("randomSeed")).longValue());
        int consumers = ((Number) recipe.get("consumers")).intValue();
        int days = ((Number) recipe.get("days")).intValue();
        Map<String, Object> journey = (Map<String, Object>) recipe.get("journey");
        List<Map<String, Object>> products = (List<Map<String, Object>>) recipe.get("products");
        Map<String, List<Map<String, Object>>> byChannel = new LinkedHashMap<>();
        for (Object channel : (List<Object>) recipe.get("channels")) {
            byChannel.put((String) channel, new ArrayList<>());
        }
        Instant start = now.truncatedTo(ChronoUnit.SECONDS).minus(days, ChronoUnit.DAYS);
        int sequence = 0;
        for (int c = 1; c <= consumers; c++) {
            String anonymousId = String.format("demo-anon-%04d", c);
            String userId = String.format("demo-member-%04d", c);
            Instant t = start.plusSeconds((long) (random.nextDouble() * days * 0.8 * 86_400));
            for (int i = 0; i < number(journey, "adImpressionsPerConsumer"); i++) {
                t = t.plusSeconds(3_600 + random.nextInt(86_400));
                byChannel.get("ads").add(event(brand, ++sequence, "track", anonymousId, null, t,
                        Map.of("event", "Ad Impression", "properties", Map.of("campaign", "autumn-tea"))));
            }
            if (random.nextDouble() >= number(journey, "viewProbability")) {
                continue;
            }
            String channel = random.nextBoolean() ? "web" : "miniprogram";
            Map<String, Object> product = products.get(random.nextInt(products.size()));
            t = t.plusSeconds(600 + random.nextInt(86_400));
            byChannel.get(channel).add(event(brand, ++sequence, "track", anonymousId, null, t,
                    Map.of("event", "Product Viewed", "properties", productProperties(product))));
            boolean identified = random.nextDouble() < number(journey, "identifyProbability");
            if (identified) {
                t = t.plusSeconds(60);
                byChannel.get(channel).add(event(brand, ++sequence, "identify", anonymousId, userId, t,
                        Map.of("traits", Map.of("member_tier", random.nextBoolean() ? "silver" : "gold"))));
            }
            if (random.nextDouble() >= number(journey, "cartProbability")) {
                continue;
            }
            t = t.plusSeconds(300);
            byChannel.get(channel).add(event(brand, ++sequence, "track", anonymousId, identified ? userId : null, t,
                    Map.of("event", "Product Added", "properties", productProperties(product))));
            if (random.nextDouble() >= number(journey, "orderProbability") / number(journey, "cartProbability")) {
                continue;
            }
            int orders = 1;
            while (random.nextDouble() < number(journey, "repeatOrderProbability") && orders < 6) {
                orders++;
            }
            for (int o = 0; o < orders; o++) {
                String orderChannel = o > 0 && random.nextBoolean() ? "pos" : channel;
                t = t.plusSeconds(1_800 + (long) (random.nextDouble() * 40 * 86_400));
                if (t.isAfter(now)) {
                    break;
                }
                double value = number(journey, "orderValueMin")
                        + random.nextDouble() * (number(journey, "orderValueMax") - number(journey, "orderValueMin"));
                byChannel.get(orderChannel).add(event(brand, ++sequence, "track", anonymousId,
                        identified || "pos".equals(orderChannel) ? userId : null, t, Map.of("event", "Order Completed",
                                "properties", Map.of("order_id", "demo-order-" + sequence, "revenue",
                                        BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP), "currency", "USD"))));
            }
        }
        List<ChannelEvents> result = new ArrayList<>();
        byChannel.forEach((channel, events) -> result.add(new ChannelEvents(brand, channel, events)));
        return result;
    }

    private static Map<String, Object> productProperties(Map<String, Object> product) {
        return Map.of("product_id", product.get("sku"), "name", product.get("name"), "category",
                product.get("category"), "price", product.get("price"));
    }

    private static Map<String, Object> event(String brand, int sequence, String type, String anonymousId,
                                             String userId, Instant at, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("messageId", brand + "-seed-" + sequence);
        event.put("anonymousId", anonymousId);
        if (userId != null) {
            event.put("userId", userId);
        }
        event.put("timestamp", at.toString());
        event.putAll(fields);
        return event;
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }
}

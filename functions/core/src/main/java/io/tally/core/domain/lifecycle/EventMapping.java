package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns tracked calls into {@link FactEvent}s, as configured per brand. Defaults follow the Segment e-commerce
 * spec (see {@link LifecycleDefaults} and docs/lifecycle.md). Independent of how the caller represents events:
 * it takes the call type, the {@code track} event name, properties, traits and the timestamp.
 *
 * <p>Configuration ({@code events} in a brand's lifecycle configuration) is applied on top of the defaults:
 * <pre>
 * {"events": {
 *   "track": {"Product Viewed": "view", "Order Completed": "purchase", "Product Reviewed": "review",
 *             "Gift Wrapped": ["favorite", "share"], "Product Clicked": []},
 *   "page": "view", "screen": "view", "membershipTrait": "member", "positiveReviewMinRating": 4}}
 * </pre>
 * A {@code track} entry replaces the default for that event, and {@code []} removes it. Event names match ignoring
 * case and treating runs of spaces, {@code _} and {@code -} alike ({@code order_completed} is
 * {@code Order Completed}). Targets are fact kind codes, or {@code review}: a positive review when
 * {@code properties.rating >= positiveReviewMinRating}.
 */
public final class EventMapping {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
    private static final Set<String> FIELDS = Set.of("track", "page", "screen", "membershipTrait",
            "positiveReviewMinRating");
    private static final String REVIEW = "review";

    private static final EventMapping EMPTY = new EventMapping(Map.of(), List.of(), List.of(), null, BigDecimal.ZERO);
    private static final EventMapping DEFAULTS = defaultsFrom(LifecycleDefaults.config());

    private final Map<String, List<Target>> track;
    private final List<Target> page;
    private final List<Target> screen;
    private final String membershipTrait;
    private final BigDecimal positiveReviewMinRating;

    /** A fact kind a call maps to; {@code ratingGated} only for positive reviews decided by the rating. */
    private record Target(FactKind kind, boolean ratingGated) {
    }

    private EventMapping(Map<String, List<Target>> track, List<Target> page, List<Target> screen,
                         String membershipTrait, BigDecimal positiveReviewMinRating) {
        this.track = Collections.unmodifiableMap(track);
        this.page = List.copyOf(page);
        this.screen = List.copyOf(screen);
        this.membershipTrait = membershipTrait;
        this.positiveReviewMinRating = positiveReviewMinRating;
    }

    /** The Segment e-commerce defaults. */
    public static EventMapping defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with the brand's {@code events} section applied; the defaults alone when it is absent.
     *
     * @throws InvalidEventMappingException listing every error with its JSON path
     */
    public static EventMapping parse(Map<String, Object> config) {
        Object section = config.get("events");
        if (section == null) {
            return DEFAULTS;
        }
        ConfigReader reader = new ConfigReader();
        EventMapping mapping = overlay(DEFAULTS, section, reader);
        if (!reader.errors.isEmpty()) {
            throw new InvalidEventMappingException(reader.errors);
        }
        return mapping;
    }

    /**
     * The facts one call yields, usually none or one.
     *
     * @param type       Segment call type: {@code track}, {@code page}, {@code screen}, {@code identify}, ...
     * @param event      the {@code track} event name (ignored for other types)
     * @param properties the call's properties, or null
     * @param traits     the {@code identify} traits, or null
     * @param timestamp  when it happened
     */
    public List<FactEvent> map(String type, String event, Map<String, Object> properties, Map<String, Object> traits,
                               Instant timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
        Map<String, Object> props = properties == null ? Map.of() : properties;
        String callType = type == null ? "" : type.toLowerCase(Locale.ROOT);
        List<Target> targets = switch (callType) {
            case "track" -> event == null ? List.of() : track.getOrDefault(normalize(event), List.of());
            case "page" -> page;
            case "screen" -> screen;
            case "identify" -> {
                FactEvent membership = membership(traits, timestamp);
                yield membership == null ? List.of() : List.of(new Target(membership.kind(), false));
            }
            default -> List.of();
        };
        List<FactEvent> facts = new ArrayList<>(targets.size());
        for (Target target : targets) {
            FactEvent fact = fact(target, props, timestamp);
            if (fact != null) {
                facts.add(fact);
            }
        }
        return facts;
    }

    /** The amount of an order or refund: {@code revenue}, else {@code total}, else Σ products' price × quantity. */
    public static BigDecimal amount(Map<String, Object> properties) {
        for (String field : List.of("revenue", "total")) {
            BigDecimal value = number(properties.get(field));
            if (value != null) {
                return value;
            }
        }
        if (properties.get("products") instanceof List<?> products) {
            BigDecimal sum = null;
            for (Object item : products) {
                if (item instanceof Map<?, ?> product) {
                    BigDecimal price = number(product.get("price"));
                    BigDecimal quantity = number(product.get("quantity"));
                    if (price != null) {
                        BigDecimal line = price.multiply(quantity == null ? BigDecimal.ONE : quantity);
                        sum = sum == null ? line : sum.add(line);
                    }
                }
            }
            if (sum != null) {
                return sum;
            }
        }
        return BigDecimal.ZERO;
    }

    private FactEvent fact(Target target, Map<String, Object> properties, Instant timestamp) {
        if (target.ratingGated()) {
            BigDecimal rating = number(properties.get("rating"));
            return rating != null && rating.compareTo(positiveReviewMinRating) >= 0
                    ? FactEvent.of(FactKind.REVIEW_POSITIVE, timestamp) : null;
        }
        return switch (target.kind()) {
            case PURCHASE -> FactEvent.purchase(timestamp, amount(properties).max(BigDecimal.ZERO));
            case REFUND -> FactEvent.refund(timestamp, amount(properties).abs());
            default -> FactEvent.of(target.kind(), timestamp);
        };
    }

    private FactEvent membership(Map<String, Object> traits, Instant timestamp) {
        if (membershipTrait == null || traits == null) {
            return null;
        }
        Object flag = traits.get(membershipTrait);
        if (flag instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            flag = Boolean.parseBoolean(s);
        }
        if (flag instanceof Boolean member) {
            return FactEvent.of(member ? FactKind.MEMBERSHIP_JOINED : FactKind.MEMBERSHIP_LEFT, timestamp);
        }
        return null;
    }

    static String normalize(String eventName) {
        return SEPARATORS.matcher(eventName.trim().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    private static BigDecimal number(Object value) {
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ConfigReader.decimal(value);
    }

    private static EventMapping defaultsFrom(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader();
        EventMapping mapping = overlay(EMPTY, config.get("events"), reader);
        if (!reader.errors.isEmpty()) {
            throw new IllegalStateException(new InvalidEventMappingException(reader.errors));
        }
        return mapping;
    }

    private static EventMapping overlay(EventMapping base, Object section, ConfigReader reader) {
        Map<String, Object> events = reader.object(section, "events");
        if (events == null) {
            return base;
        }
        reader.onlyKeys(events, "events", FIELDS);
        Map<String, List<Target>> track = new LinkedHashMap<>(base.track);
        if (events.containsKey("track")) {
            String trackPath = "events.track";
            Map<String, Object> entries = reader.object(events.get("track"), trackPath);
            if (entries != null) {
                Map<String, String> seen = new HashMap<>();
                entries.forEach((name, value) -> {
                    String path = ConfigReader.child(trackPath, name);
                    String key = normalize(name);
                    if (key.isEmpty()) {
                        reader.error(path, "event name must not be blank");
                        return;
                    }
                    String previous = seen.putIfAbsent(key, name);
                    if (previous != null) {
                        reader.error(path, "names the same event as \"" + previous + "\"");
                    }
                    List<Target> targets = targets(value, path, reader);
                    if (targets != null && targets.isEmpty()) {
                        track.remove(key);
                    } else if (targets != null) {
                        track.put(key, targets);
                    }
                });
            }
        }
        List<Target> page = events.containsKey("page") ? targets(events.get("page"), "events.page", reader) : base.page;
        List<Target> screen = events.containsKey("screen")
                ? targets(events.get("screen"), "events.screen", reader) : base.screen;
        String membershipTrait = base.membershipTrait;
        if (events.containsKey("membershipTrait")) {
            Object trait = events.get("membershipTrait");
            membershipTrait = trait == null ? null : reader.string(trait, "events.membershipTrait",
                    Pattern.compile(".*\\S.*"), "a trait name or null");
        }
        BigDecimal minRating = events.containsKey("positiveReviewMinRating")
                ? reader.nonNegativeNumber(events.get("positiveReviewMinRating"), "events.positiveReviewMinRating")
                : base.positiveReviewMinRating;
        if (page == null || screen == null || minRating == null) {
            return base;
        }
        return new EventMapping(track, page, screen, membershipTrait, minRating);
    }

    /** The targets of one entry: a code, a list of codes, or null/[] for none; null after an error. */
    private static List<Target> targets(Object value, String path, ConfigReader reader) {
        if (value == null) {
            return List.of();
        }
        List<?> codes = value instanceof List<?> list ? list : List.of(value);
        List<Target> targets = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < codes.size(); i++) {
            Object code = codes.get(i);
            String itemPath = value instanceof List<?> ? ConfigReader.index(path, i) : path;
            if (REVIEW.equals(code)) {
                targets.add(new Target(FactKind.REVIEW_POSITIVE, true));
                continue;
            }
            FactKind kind = code instanceof String s ? FactKind.fromCode(s).orElse(null) : null;
            if (kind == null) {
                reader.error(itemPath, "unknown fact kind " + JsonText.compact(code) + "; expected one of "
                        + FactKind.codes() + ", or " + REVIEW);
                valid = false;
            } else {
                targets.add(new Target(kind, false));
            }
        }
        return valid ? targets : null;
    }
}

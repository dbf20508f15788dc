package io.tally.core.domain.segment;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random valid rules against random consumers: the compiled rule must agree with the tree-walking interpreter on
 * every one. Values are drawn from small pools, and instants sit on or next to whole days before {@code now}, so
 * matches, misses and window edges all occur often.
 */
class CompiledRuleOracleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<String> TRAITS = List.of("tier", "age", "interests", "email", "member");
    private static final List<String> EVENTS = List.of("Product Viewed", "Added to Cart");
    private static final List<String> CHANNELS = List.of("web", "pos", "app");
    private static final List<String> STAGES = List.of("A", "I", "P", "L");

    private final TreeWalkingInterpreter interpreter = new TreeWalkingInterpreter();

    @Property(tries = 3000)
    void givenRandomValidRuleAndConsumer_whenMatching_thenCompiledAgreesWithInterpreter(
            @ForAll("rules") Map<String, Object> rule, @ForAll("subjects") SubjectSnapshot subject,
            @ForAll("nudges") long nudgeMillis) {
        Instant now = NOW.plusMillis(nudgeMillis);

        boolean compiled = RuleCompiler.compile(rule).matches(subject, now);
        boolean interpreted = interpreter.matches(rule, subject, now);

        assertThat(compiled).as("%s on %s", rule, subject).isEqualTo(interpreted);
        Statistics.collect(compiled);
        Statistics.coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 15);
            coverage.check(false).percentage(p -> p > 15);
        });
    }

    @Provide
    Arbitrary<Long> nudges() {
        return Arbitraries.of(0L, 1L, -1L, 43_200_000L);
    }

    @Provide
    Arbitrary<Map<String, Object>> rules() {
        return Arbitraries.recursive(this::leaf, this::composite, 0, 3);
    }

    private Arbitrary<Map<String, Object>> composite(Arbitrary<Map<String, Object>> inner) {
        return Arbitraries.oneOf(
                inner.list().ofMinSize(1).ofMaxSize(4).map(children -> object("all", children)),
                inner.list().ofMinSize(1).ofMaxSize(4).map(children -> object("any", children)),
                inner.map(child -> object("not", child)));
    }

    /** A single condition; traits, having the most operators, are drawn most often. */
    private Arbitrary<Map<String, Object>> leaf() {
        return Arbitraries.frequencyOf(Tuple.of(2, trait()), Tuple.of(5, otherLeaf()));
    }

    private Arbitrary<Map<String, Object>> otherLeaf() {
        return Arbitraries.oneOf(
                stage(),
                windowed("orders", counts()),
                windowed("gmv", amounts()),
                comparisons(Arbitraries.oneOf(counts(), Arbitraries.of(89, 90, 91, 365).map(n -> (Object) n)))
                        .map(body -> object("daysSinceLastPurchase", body)),
                comparisons(amounts()).map(body -> object("clv", body)),
                comparisons(fractions()).map(body -> object("pAlive", body)),
                Arbitraries.of(CHANNELS).map(channel -> object("channel", channel)),
                Combinators.combine(Arbitraries.of(EVENTS), windows(), comparisons(counts()))
                        .as((name, days, body) -> {
                            Map<String, Object> event = new LinkedHashMap<>(body);
                            event.put("name", name);
                            event.put("withinDays", days);
                            return object("event", event);
                        }),
                Combinators.combine(Arbitraries.of("marketing", "analytics"),
                                Arbitraries.of("sms", "email", "*").injectNull(0.3))
                        .as((purpose, channel) -> {
                            Map<String, Object> consent = new LinkedHashMap<>();
                            consent.put("purpose", purpose);
                            if (channel != null) {
                                consent.put("channel", channel);
                            }
                            return object("consent", consent);
                        }),
                Combinators.combine(Arbitraries.oneOf(Arbitraries.integers().between(0, 100).map(n -> (Object) n),
                                Arbitraries.doubles().between(0, 100).ofScale(2).map(n -> (Object) n)),
                                Arbitraries.of("exp-7", "holdout"))
                        .as((percent, salt) -> object("sample", ordered("percent", percent, "salt", salt))));
    }

    private Arbitrary<Map<String, Object>> trait() {
        Arbitrary<Map<String, Object>> operators = Arbitraries.maps(Arbitraries.of("eq", "in", "gt", "gte", "lt",
                "lte", "exists", "contains"), Arbitraries.just(0)).ofMinSize(1).ofMaxSize(3).flatMap(keys -> {
            List<Arbitrary<Map.Entry<String, Object>>> entries = keys.keySet().stream().map(op -> operand(op)
                    .map(value -> Map.entry(op, value))).toList();
            return Combinators.combine(entries).as(list -> {
                Map<String, Object> map = new LinkedHashMap<>();
                list.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
                return map;
            });
        });
        return Combinators.combine(Arbitraries.of(TRAITS), operators).as((name, ops) -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("trait", name);
            rule.putAll(ops);
            return rule;
        });
    }

    private Arbitrary<Object> operand(String operator) {
        return switch (operator) {
            case "eq" -> scalars();
            case "in" -> scalars().list().ofMinSize(1).ofMaxSize(10).map(list -> (Object) list);
            case "exists" -> Arbitraries.of(true, false).map(b -> (Object) b);
            case "contains" -> Arbitraries.of("tea", "gold", "a", "Tea").map(s -> (Object) s);
            default -> Arbitraries.oneOf(counts(), Arbitraries.of(17.5, 18, 30, 65).map(n -> (Object) n));
        };
    }

    private Arbitrary<Map<String, Object>> stage() {
        return Combinators.combine(Arbitraries.of("aipl", "rfm"), Arbitraries.of(STAGES).injectNull(0.5),
                        Arbitraries.of(STAGES).list().ofMinSize(1).ofMaxSize(3).injectNull(0.5))
                .as((model, eq, in) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("model", model);
                    if (eq != null || in == null) {
                        body.put("eq", eq == null ? "P" : eq);
                    }
                    if (in != null) {
                        body.put("in", in);
                    }
                    return object("stage", body);
                });
    }

    private Arbitrary<Map<String, Object>> windowed(String kind, Arbitrary<Object> numbers) {
        return Combinators.combine(windows(), comparisons(numbers)).as((days, body) -> {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("withinDays", days);
            window.putAll(body);
            return object(kind, window);
        });
    }

    private Arbitrary<Map<String, Object>> comparisons(Arbitrary<Object> numbers) {
        return Arbitraries.maps(Arbitraries.of("eq", "gt", "gte", "lt", "lte"), numbers).ofMinSize(1).ofMaxSize(2)
                .map(LinkedHashMap::new);
    }

    private Arbitrary<Object> windows() {
        return Arbitraries.oneOf(Arbitraries.of(1, 7, 30, 90, 365).map(n -> (Object) n),
                Arbitraries.of(30.0).map(n -> (Object) n), Arbitraries.of(90L).map(n -> (Object) n));
    }

    private static Arbitrary<Object> counts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 4).map(n -> (Object) n),
                Arbitraries.of(0.5, 1.0, 2.5).map(n -> (Object) n));
    }

    private static Arbitrary<Object> amounts() {
        return Arbitraries.oneOf(Arbitraries.of(0, 100, 200, 450).map(n -> (Object) n),
                Arbitraries.doubles().between(0, 600).ofScale(1).map(n -> (Object) n));
    }

    private static Arbitrary<Object> fractions() {
        return Arbitraries.of(0.1, 0.3, 0.5, 0.9, 0, 1).map(n -> (Object) n);
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.of("gold", "silver", "tea", "green tea", "h@x.io").map(s -> (Object) s),
                Arbitraries.of(18, 30, 42L, 30.0, 17.5).map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b));
    }

    @Provide
    Arbitrary<SubjectSnapshot> subjects() {
        Arbitrary<Object> traitValue = Arbitraries.oneOf(scalars(),
                Arbitraries.of(List.of("tea", "coffee"), List.of("gold"), List.of()).map(l -> (Object) l),
                Arbitraries.of("Tea time", "oolong tea").map(s -> (Object) s));
        Arbitrary<Map<String, Object>> traits = Arbitraries.maps(Arbitraries.of(TRAITS), traitValue).ofMaxSize(5);
        Arbitrary<Map<String, String>> stages = Arbitraries.maps(Arbitraries.of("aipl", "rfm"), Arbitraries.of(STAGES))
                .ofMaxSize(2);
        Arbitrary<List<Instant>> orderTimes = instants().list().ofMaxSize(5);
        Arbitrary<List<Double>> orderValues = Arbitraries.of(50.0, 100.0, 150.0, 200.0, 0.5).list().ofSize(5);
        Arbitrary<Double> clv = Arbitraries.oneOf(Arbitraries.just(Double.NaN), Arbitraries.of(0.0, 100.0, 200.0,
                450.0), Arbitraries.doubles().between(0, 600));
        Arbitrary<Double> pAlive = Arbitraries.oneOf(Arbitraries.just(Double.NaN), Arbitraries.of(0.1, 0.3, 0.9),
                Arbitraries.doubles().between(0, 1));
        Arbitrary<List<String>> channels = Arbitraries.of(CHANNELS).list().ofMaxSize(3);
        Arbitrary<Map<String, List<Instant>>> events = Arbitraries.maps(Arbitraries.of(EVENTS),
                instants().list().ofMaxSize(6)).ofMaxSize(2);
        Arbitrary<List<List<Object>>> consent = Combinators.combine(Arbitraries.of("marketing", "analytics"),
                        Arbitraries.of("sms", "email", "*"), Arbitraries.of(true, false))
                .as((purpose, channel, granted) -> List.<Object>of(purpose, channel, granted)).list().ofMaxSize(4);
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().withChars('-', 'é').ofMinLength(1)
                .ofMaxLength(40);
        Arbitrary<Consumer<SubjectSnapshot.Builder>> facts = Combinators.combine(traits, stages, orderTimes,
                        orderValues, clv, pAlive, channels)
                .as((t, s, times, values, c, p, ch) -> (Consumer<SubjectSnapshot.Builder>) builder -> {
                    t.forEach(builder::trait);
                    s.forEach(builder::stage);
                    for (int i = 0; i < times.size(); i++) {
                        builder.order(times.get(i), values.get(i));
                    }
                    builder.clv(c).pAlive(p);
                    ch.forEach(builder::channel);
                });
        return Combinators.combine(id, facts, events, consent).as((consumerId, applyFacts, e, grants) -> {
            SubjectSnapshot.Builder builder = SubjectSnapshot.builder(consumerId);
            applyFacts.accept(builder);
            e.forEach((name, at) -> at.forEach(instant -> builder.event(name, instant)));
            grants.forEach(g -> builder.consent((String) g.get(0), (String) g.get(1), (Boolean) g.get(2)));
            return builder.build();
        });
    }

    /** Instants on or one millisecond beside a whole number of days before {@link #NOW}, some in the future. */
    private static Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.of(-1, 0, 1, 6, 7, 8, 29, 30, 31, 89, 90, 91, 120, 364, 365, 366),
                        Arbitraries.of(-1L, 0L, 1L, 3_600_000L))
                .as((days, millis) -> NOW.minus(Duration.ofDays(days)).plusMillis(millis));
    }

    private static Map<String, Object> object(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}

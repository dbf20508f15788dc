package io.tally.bench;

import io.tally.core.domain.segment.CompiledRule;
import io.tally.core.domain.segment.RuleCompiler;
import io.tally.core.domain.segment.SegmentSubject;
import io.tally.core.domain.segment.SubjectSnapshot;
import io.tally.core.domain.segment.TreeWalkingInterpreter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Segment membership: {@link #RULES} realistic rules (traits, stages, order and event windows, consent, samples,
 * nested all/any/not) matched against a million in-memory consumers ({@link #consumers}), one consumer after
 * another so the data comes from memory rather than a hot cache line. One operation is one rule evaluated for one
 * consumer, so the score is rule evaluations per second on one core. {@link #compiled} runs the rules as
 * {@link RuleCompiler} compiles them; {@link #treeWalking} interprets the same JSON trees with
 * {@link TreeWalkingInterpreter}. Run it on an otherwise idle machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Threads(1)
@State(Scope.Thread)
public class SegmentRuleBenchmark {

    /** Rules evaluated per consumer. */
    public static final int RULES = 20;

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final int AGREEMENT_CHECKED = 20_000;
    private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
    private static final String[] CITIES = {"Shanghai", "Beijing", "Hangzhou", "Shenzhen", "Guangzhou", "Suzhou",
            "Chengdu", "Nanjing", "Wuhan", "Xi'an", "Tianjin", "Chongqing"};
    private static final String[] INTERESTS = {"tea", "green tea, oolong", "coffee", "tea, baking", "skincare",
            "coffee, chocolate", "running", "puer tea"};
    private static final String[] AIPL = {"A", "I", "P", "L"};

    /** Consumers held in memory; {@code -p consumers=1000} keeps them all in cache, isolating the evaluators. */
    @Param({"1000000"})
    public int consumers;

    private final TreeWalkingInterpreter interpreter = new TreeWalkingInterpreter();
    private SegmentSubject[] subjects;
    private List<Map<String, Object>> rules;
    private CompiledRule[] compiledRules;
    private Map<String, Object>[] ruleTrees;
    private int next;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        rules = rules();
        if (rules.size() != RULES) {
            throw new IllegalStateException("expected " + RULES + " rules, have " + rules.size());
        }
        compiledRules = rules.stream().map(RuleCompiler::compile).toArray(CompiledRule[]::new);
        ruleTrees = rules.toArray(Map[]::new);
        subjects = population(consumers, new SplittableRandom(42));
        checkAgreementAndSelectivity();
    }

    @Benchmark
    @OperationsPerInvocation(RULES)
    public int compiled() {
        SegmentSubject subject = subjects[advance()];
        int matched = 0;
        for (CompiledRule rule : compiledRules) {
            if (rule.matches(subject, NOW)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    @OperationsPerInvocation(RULES)
    public int treeWalking() {
        SegmentSubject subject = subjects[advance()];
        int matched = 0;
        for (Map<String, Object> rule : ruleTrees) {
            if (interpreter.matches(rule, subject, NOW)) {
                matched++;
            }
        }
        return matched;
    }

    private int advance() {
        int current = next;
        next = current + 1 == subjects.length ? 0 : current + 1;
        return current;
    }

    /**
     * Fails the trial if the two evaluators disagree on a consumer, or if a rule matches (almost) nobody or
     * everybody, which would make it trivially cheap; prints each rule's share of members.
     */
    private void checkAgreementAndSelectivity() {
        int[] members = new int[RULES];
        for (int s = 0; s < Math.min(AGREEMENT_CHECKED, subjects.length); s++) {
            for (int r = 0; r < RULES; r++) {
                boolean compiled = compiledRules[r].matches(subjects[s], NOW);
                if (compiled != interpreter.matches(ruleTrees[r], subjects[s], NOW)) {
                    throw new IllegalStateException("rule " + r + " disagrees on " + subjects[s]);
                }
                members[r] += compiled ? 1 : 0;
            }
        }
        int checked = Math.min(AGREEMENT_CHECKED, subjects.length);
        double[] shares = Arrays.stream(members).mapToDouble(m -> (double) m / checked).toArray();
        for (int r = 0; r < RULES; r++) {
            if (shares[r] < 0.001 || shares[r] > 0.999) {
                throw new IllegalStateException("rule " + r + " matches " + shares[r] + " of consumers: "
                        + rules.get(r));
            }
        }
        System.out.printf("%nshare of consumers in each of the %d segments: %s%n", RULES, Arrays.toString(
                Arrays.stream(shares).mapToObj(share -> String.format("%.3f", share)).toArray()));
    }

    /** The rules, as a JSON parser would hand them over. */
    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(trait("tier", "eq", "gold"));
        rules.add(obj("stage", obj("model", "aipl", "in", list("P", "L"))));
        rules.add(obj("orders", obj("withinDays", 90, "gte", 1)));
        rules.add(event("Product Viewed", 30, "gte", 3));
        rules.add(consent("marketing", "sms"));
        rules.add(obj("sample", obj("percent", 10, "salt", "exp-7")));
        rules.add(obj("all", list(                                   // tea lovers to win back
                trait("interests", "contains", "tea"),
                obj("not", obj("orders", obj("withinDays", 90, "gte", 1))),
                obj("clv", obj("gt", 200)),
                consent("marketing", "sms"))));
        rules.add(obj("all", list(obj("channel", "pos"),               // omni-channel
                obj("any", list(obj("channel", "web"), obj("channel", "app"))))));
        rules.add(obj("gmv", obj("withinDays", 365, "gte", 500)));
        rules.add(obj("all", list(obj("daysSinceLastPurchase", obj("gte", 90)),   // churn risk
                obj("pAlive", obj("lt", 0.3)))));
        rules.add(obj("any", list(obj("clv", obj("gte", 1000)),               // VIP
                obj("all", list(trait("tier", "in", list("gold", "platinum")),
                        obj("orders", obj("withinDays", 365, "gte", 4)))))));
        rules.add(obj("all", list(event("Added to Cart", 7, "gte", 1),          // cart abandoners
                obj("not", event("Order Completed", 7, "gte", 1)),
                consent("marketing", "email"))));
        rules.add(trait("city", "in", list("Shanghai", "Hangzhou", "Suzhou", "Nanjing")));
        rules.add(obj("trait", "age", "gte", 18, "lt", 30));
        rules.add(obj("all", list(trait("email", "exists", true), consent("marketing", "email"))));
        rules.add(obj("all", list(obj("stage", obj("model", "aipl", "eq", "A")),  // aware, not yet browsing
                event("Product Viewed", 30, "eq", 0))));
        rules.add(obj("all", list(consent("marketing", "*"),                   // campaign minus holdout
                obj("not", obj("sample", obj("percent", 5, "salt", "holdout-2026"))),
                obj("stage", obj("model", "aipl", "in", list("I", "P"))))));
        rules.add(obj("all", list(trait("loyaltyMember", "eq", true), obj("channel", "pos"))));
        rules.add(obj("all", list(obj("orders", obj("withinDays", 30, "gte", 1)),   // new customers
                obj("orders", obj("withinDays", 730, "eq", 1)))));
        rules.add(obj("all", list(obj("daysSinceLastPurchase", obj("gte", 180)),   // reactivation, arm B
                obj("any", list(consent("marketing", "sms"), consent("marketing", "email"))),
                obj("sample", obj("percent", 50, "salt", "winback-arm-b")))));
        return rules;
    }

    /** Consumers with a plausible mix of traits, stages, orders, events, channels and consent. */
    static SegmentSubject[] population(int size, SplittableRandom random) {
        SegmentSubject[] population = new SegmentSubject[size];
        for (int i = 0; i < size; i++) {
            SubjectSnapshot.Builder consumer = SubjectSnapshot.builder(
                    new UUID(random.nextLong(), random.nextLong()).toString());
            double draw = random.nextDouble();
            if (draw < 0.9) {
                consumer.trait("tier", TIERS[draw < 0.45 ? 0 : draw < 0.72 ? 1 : draw < 0.86 ? 2 : 3]);
            }
            consumer.trait("city", CITIES[random.nextInt(CITIES.length)]);
            if (random.nextDouble() < 0.8) {
                consumer.trait("age", 16 + random.nextInt(55));
            }
            if (random.nextDouble() < 0.4) {
                consumer.trait("interests", INTERESTS[random.nextInt(INTERESTS.length)]);
            }
            if (random.nextDouble() < 0.6) {
                consumer.trait("email", "sha256:" + Integer.toHexString(i));
            }
            if (random.nextDouble() < 0.5) {
                consumer.trait("loyaltyMember", random.nextDouble() < 0.6);
            }
            consumer.stage("aipl", AIPL[weighted(random, 40, 25, 25, 10)]);
            int orders = random.nextDouble() < 0.5 ? 0 : 1 + random.nextInt(8);
            double spent = 0;
            for (int o = 0; o < orders; o++) {
                double value = 20 + random.nextInt(380);
                spent += value;
                consumer.order(daysAgo(random, 730), value);
            }
            consumer.clv(spent * (0.5 + random.nextDouble() * 2) + random.nextInt(50));
            consumer.pAlive(random.nextDouble());
            channel(consumer, random, "web", 0.8);
            channel(consumer, random, "app", 0.4);
            channel(consumer, random, "pos", 0.3);
            channel(consumer, random, "miniprogram", 0.2);
            events(consumer, random, "Product Viewed", 16, 60);
            events(consumer, random, "Added to Cart", 4, 30);
            events(consumer, random, "Order Completed", 2, 30);
            events(consumer, random, "Email Opened", 7, 90);
            consent(consumer, random, "*", 0.2, 0.05);
            consent(consumer, random, "sms", 0.4, 0.1);
            consent(consumer, random, "email", 0.5, 0.1);
            population[i] = consumer.build();
        }
        return population;
    }

    private static int weighted(SplittableRandom random, int... weights) {
        int draw = random.nextInt(Arrays.stream(weights).sum());
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static Instant daysAgo(SplittableRandom random, int maxDays) {
        return NOW.minus(Duration.ofSeconds(random.nextLong(maxDays * 86_400L)));
    }

    private static void channel(SubjectSnapshot.Builder consumer, SplittableRandom random, String channel,
                                double share) {
        if (random.nextDouble() < share) {
            consumer.channel(channel);
        }
    }

    private static void events(SubjectSnapshot.Builder consumer, SplittableRandom random, String name, int max,
                               int days) {
        for (int e = random.nextInt(max); e > 0; e--) {
            consumer.event(name, daysAgo(random, days));
        }
    }

    private static void consent(SubjectSnapshot.Builder consumer, SplittableRandom random, String channel,
                                double granted, double refused) {
        double draw = random.nextDouble();
        if (draw < granted + refused) {
            consumer.consent("marketing", channel, draw < granted);
        }
    }

    private static Map<String, Object> trait(String name, String operator, Object operand) {
        return obj("trait", name, operator, operand);
    }

    private static Map<String, Object> event(String name, int days, String operator, int operand) {
        return obj("event", obj("name", name, "withinDays", days, operator, operand));
    }

    private static Map<String, Object> consent(String purpose, String channel) {
        return obj("consent", obj("purpose", purpose, "channel", channel));
    }

    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... items) {
        return List.of(items);
    }
}

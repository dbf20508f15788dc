package io.tally.bench;

import io.tally.core.domain.consumer.ChannelEvent;
import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.ConsumerProfile.ProfileChange;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.consumer.RecentMessages;
import io.tally.core.domain.event.EventType;
import io.tally.testkit.ConsumerEventBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processor's fold: {@link ConsumerProfile#apply} of one session's 8 events to a stored profile whose
 * {@link RecentMessages} is full (64 fingerprints). The baseline computes {@link RecentMessages#fingerprint} of the
 * same 8 message ids, i.e. the SHA-256 work the de-duplication cannot avoid, so the fold is quoted as a multiple
 * of it. The redelivery case folds the same 8 events again into the profile that already holds them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ProfileFoldBenchmark {

    /** Events in one session. */
    public static final int SESSION_EVENTS = 8;

    private static final String BRAND = "brand-tea";
    private static final String ANONYMOUS_ID = "7d9f3c2e-51a4-4c1b-9a0e-2f6b8d4e0001";
    private static final String USER_ID = "member-42";
    private static final Instant SESSION_START = Instant.parse("2026-11-25T09:00:00Z");

    private ConsumerProfile stored;
    private ConsumerProfile afterSession;
    private List<ChannelEvent> session;
    private String[] sessionIds;

    @Setup(Level.Trial)
    public void setUp() {
        ConsumerKey key = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, ANONYMOUS_ID);
        // history: 64 earlier events of the same consumer, so the recent-message window is full
        List<ChannelEvent> history = new ArrayList<>();
        for (int i = 0; i < RecentMessages.CAPACITY; i++) {
            history.add(new ChannelEvent(i % 4 == 0 ? "app" : "web", ConsumerEventBuilder.aTrackEvent()
                    .withMessageId("ajs-next-1763900000" + String.format("%06d", i) + "-4c1b9a0e2f6b8d4e")
                    .withAnonymousId(ANONYMOUS_ID)
                    .withEvent("Product Viewed")
                    .at(SESSION_START.minus(Duration.ofDays(1)).plusSeconds(30L * i))
                    .build()));
        }
        stored = ConsumerProfile.newProfile(key).apply(history).profile();

        // the session: browse anonymously, log in (identify), then carry on as the known user
        String[][] steps = {
            {"page", null}, {"track", "Product List Viewed"}, {"track", "Product Viewed"},
            {"track", "Product Added"}, {"identify", null}, {"track", "Checkout Started"},
            {"track", "Payment Info Entered"}, {"track", "Order Completed"},
        };
        session = new ArrayList<>(SESSION_EVENTS);
        sessionIds = new String[SESSION_EVENTS];
        for (int i = 0; i < SESSION_EVENTS; i++) {
            sessionIds[i] = "ajs-next-1764061200" + String.format("%06d", i) + "-4c1b9a0e2f6b8d4e";
            ConsumerEventBuilder event = switch (steps[i][0]) {
                case "page" -> ConsumerEventBuilder.aTrackEvent().withType(EventType.PAGE).withEvent(null)
                        .withName("Jasmine Green Tea");
                case "identify" -> ConsumerEventBuilder.anIdentifyEvent().withTrait("member_tier", "gold");
                default -> ConsumerEventBuilder.aTrackEvent().withEvent(steps[i][1])
                        .withProperty("product_id", "TEA-1001").withProperty("price", 19.9);
            };
            event.withMessageId(sessionIds[i]).withAnonymousId(ANONYMOUS_ID)
                    .at(SESSION_START.plusSeconds(45L * i));
            if (i >= 4) {
                event.withUserId(USER_ID);
            }
            session.add(new ChannelEvent("web", event.build()));
        }
        session = List.copyOf(session);

        ProfileChange fresh = stored.apply(session);
        afterSession = fresh.profile();
        ProfileChange again = afterSession.apply(session);
        // the fixtures must take the intended paths: 8 applied, then 8 recognized as duplicates
        if (stored.recentMessages().size() != RecentMessages.CAPACITY || fresh.applied() != SESSION_EVENTS
                || again.duplicates() != SESSION_EVENTS) {
            throw new IllegalStateException("fold fixtures do not take the intended paths: " + fresh + ", " + again);
        }
    }

    /** 8 new events into a profile holding 64 recent messages. */
    @Benchmark
    public void applySession(Blackhole bh) {
        bh.consume(stored.apply(session));
    }

    /** The same 8 events redelivered: all recognized as duplicates, nothing applied. */
    @Benchmark
    public void applyRedelivery(Blackhole bh) {
        bh.consume(afterSession.apply(session));
    }

    /** Baseline: one SHA-256 fingerprint per message id of the session. */
    @Benchmark
    public void fingerprintsBaseline(Blackhole bh) {
        for (String id : sessionIds) {
            bh.consume(RecentMessages.fingerprint(id));
        }
    }
}

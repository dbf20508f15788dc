package io.tally.bench;

import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import io.tally.core.domain.event.SegmentEventReader;
import io.tally.core.domain.event.SegmentEventReader.BatchReadResult;
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

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's validation step: {@link SegmentEventReader} reading an already-parsed Tracking API payload into
 * {@link ConsumerEvent}s. Each reader benchmark has a baseline that deep-copies the same payload
 * ({@link Fixtures#deepCopy}), so its cost can be quoted as a multiple of one trivial walk over the same data.
 * JSON parsing itself is not measured here.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class EventReadBenchmark {

    /** Events in the batch payload of {@link #readBatch}. */
    public static final int BATCH_SIZE = 100;

    private SegmentEventReader reader;
    private Map<String, Object> track;
    private Map<String, Object> batch;
    private Instant receivedAt;

    @Setup(Level.Trial)
    public void setUp() {
        AtomicLong ids = new AtomicLong();
        reader = new SegmentEventReader(() -> "gen-" + ids.incrementAndGet());
        track = Fixtures.trackEvent(1);
        batch = Fixtures.batch(BATCH_SIZE);
        receivedAt = Fixtures.RECEIVED_AT;
        // the fixtures must be read whole, or the benchmark would time the error path
        reader.readSingle(track, EventType.TRACK, receivedAt);
        BatchReadResult result = reader.readBatch(batch, receivedAt);
        if (result.accepted().size() != BATCH_SIZE || !result.rejected().isEmpty()) {
            throw new IllegalStateException("batch fixture not fully accepted: " + result.rejected());
        }
    }

    @Benchmark
    public void readSingle(Blackhole bh) {
        bh.consume(reader.readSingle(track, EventType.TRACK, receivedAt));
    }

    @Benchmark
    public void copySingleBaseline(Blackhole bh) {
        bh.consume(Fixtures.deepCopy(track));
    }

    @Benchmark
    public void readBatch(Blackhole bh) {
        bh.consume(reader.readBatch(batch, receivedAt));
    }

    @Benchmark
    public void copyBatchBaseline(Blackhole bh) {
        bh.consume(Fixtures.deepCopy(batch));
    }
}

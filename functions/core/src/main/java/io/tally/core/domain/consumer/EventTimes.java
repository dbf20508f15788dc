package io.tally.core.domain.consumer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The most recent times of the named events a brand's segment rules count ("at least 3 Product Viewed in 7
 * days"), per event name: the {@value #CAPACITY} latest of each, so a count in any window is exact up to that
 * number. Folding keeps the latest times of a multiset, so the result does not depend on the order of events,
 * and merging two consumers keeps the latest of both.
 */
public final class EventTimes {

    /** Times kept per event name. */
    public static final int CAPACITY = 16;
    private static final EventTimes EMPTY = new EventTimes(new TreeMap<>());
    private static final byte VERSION = 1;

    private final SortedMap<String, long[]> times;

    private EventTimes(SortedMap<String, long[]> times) {
        this.times = Collections.unmodifiableSortedMap(times);
    }

    public static EventTimes empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return times.isEmpty();
    }

    /** Epoch milliseconds of each name's kept events, ascending; the arrays must not be changed. */
    public Map<String, long[]> asMillis() {
        return times;
    }

    /** These times with one more event of {@code name} at {@code at}. */
    public EventTimes plus(String name, Instant at) {
        return plusAll(Map.of(name, java.util.List.of(at)));
    }

    /** These times with the events of a batch, by name (one copy of the map, however many events). */
    public EventTimes plusAll(Map<String, ? extends java.util.Collection<Instant>> events) {
        if (events.isEmpty()) {
            return this;
        }
        TreeMap<String, long[]> next = new TreeMap<>(times);
        events.forEach((name, instants) -> next.put(name, latest(times.getOrDefault(name, new long[0]),
                instants.stream().mapToLong(Instant::toEpochMilli).toArray())));
        return new EventTimes(next);
    }

    /** The times of a consumer who did what both did. */
    public EventTimes merge(EventTimes other) {
        TreeMap<String, long[]> next = new TreeMap<>(times);
        other.times.forEach((name, theirs) -> next.merge(name, theirs, EventTimes::latest));
        return new EventTimes(next);
    }

    /** Only the names in {@code names} (the ones some rule still counts). */
    public EventTimes retain(Set<String> names) {
        if (names.containsAll(times.keySet())) {
            return this;
        }
        TreeMap<String, long[]> next = new TreeMap<>(times);
        next.keySet().retainAll(names);
        return new EventTimes(next);
    }

    private static long[] latest(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        return all.length <= CAPACITY ? all : Arrays.copyOfRange(all, all.length - CAPACITY, all.length);
    }

    /**
     * Compact binary form: version, then per name its UTF-8 length and bytes, the count of times, the first time
     * (8 bytes) and the gaps to the following ones as unsigned varints.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        times.forEach((name, values) -> {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            varint(out, utf8.length);
            out.writeBytes(utf8);
            varint(out, values.length);
            out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(values[0]).array());
            for (int i = 1; i < values.length; i++) {
                varint(out, values[i] - values[i - 1]);
            }
        });
        return out.toByteArray();
    }

    public static EventTimes fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return EMPTY;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.get() != VERSION) {
            throw new IllegalArgumentException("unknown event times version " + bytes[0]);
        }
        TreeMap<String, long[]> times = new TreeMap<>();
        while (in.hasRemaining()) {
            byte[] utf8 = new byte[(int) varint(in)];
            in.get(utf8);
            long[] values = new long[(int) varint(in)];
            values[0] = in.getLong();
            for (int i = 1; i < values.length; i++) {
                values[i] = values[i - 1] + varint(in);
            }
            times.put(new String(utf8, StandardCharsets.UTF_8), values);
        }
        return new EventTimes(times);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EventTimes other) || !other.times.keySet().equals(times.keySet())) {
            return false;
        }
        return times.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.times.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return times.entrySet().stream().mapToInt(e -> Objects.hash(e.getKey(), Arrays.hashCode(e.getValue())))
                .sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("EventTimes{");
        times.forEach((name, values) -> text.append(name).append('=').append(values.length).append(' '));
        return text.append('}').toString();
    }
}

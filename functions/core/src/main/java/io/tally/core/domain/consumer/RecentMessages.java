package io.tally.core.domain.consumer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The fingerprints (64-bit digests) of the last {@link #CAPACITY} message ids applied to a profile, oldest
 * first. Stored inside the profile, so de-duplication costs no write of its own: a redelivered event is
 * recognized when its profile is read, and the write that would count it twice never happens.
 */
public final class RecentMessages {

    /** How many applied message ids a profile remembers: 64 fingerprints are 512 bytes. */
    public static final int CAPACITY = 64;

    private final long[] fingerprints;

    private RecentMessages(long[] fingerprints) {
        this.fingerprints = fingerprints;
    }

    public static RecentMessages empty() {
        return new RecentMessages(new long[0]);
    }

    /** Restores the state written by {@link #toBytes()}; of more than {@link #CAPACITY}, keeps the newest. */
    public static RecentMessages fromBytes(byte[] bytes) {
        int stored = bytes.length / Long.BYTES;
        long[] values = new long[Math.min(stored, CAPACITY)];
        ByteBuffer buffer = ByteBuffer.wrap(bytes, (stored - values.length) * Long.BYTES, values.length * Long.BYTES);
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getLong();
        }
        return new RecentMessages(values);
    }

    public static long fingerprint(String messageId) {
        return ByteBuffer.wrap(ConsumerIds.sha256(messageId)).getLong();
    }

    public boolean contains(String messageId) {
        return containsFingerprint(fingerprint(messageId));
    }

    public boolean containsFingerprint(long fingerprint) {
        for (long value : fingerprints) {
            if (value == fingerprint) {
                return true;
            }
        }
        return false;
    }

    /** A copy that also remembers {@code messageId}, forgetting the oldest beyond {@link #CAPACITY}. */
    public RecentMessages plus(String messageId) {
        return plusFingerprint(fingerprint(messageId));
    }

    /** As {@link #plus(String)} with the fingerprint already computed. */
    public RecentMessages plusFingerprint(long fingerprint) {
        int keep = Math.min(fingerprints.length, CAPACITY - 1);
        long[] next = new long[keep + 1];
        System.arraycopy(fingerprints, fingerprints.length - keep, next, 0, keep);
        next[keep] = fingerprint;
        return new RecentMessages(next);
    }

    /**
     * Fingerprints of both, as after a merge: this profile's, then the other's not already held, keeping the
     * newest {@link #CAPACITY}.
     */
    public RecentMessages union(RecentMessages other) {
        long[] all = java.util.stream.LongStream.concat(java.util.Arrays.stream(fingerprints),
                java.util.Arrays.stream(other.fingerprints)).distinct().toArray();
        int keep = Math.min(all.length, CAPACITY);
        return new RecentMessages(java.util.Arrays.copyOfRange(all, all.length - keep, all.length));
    }

    public int size() {
        return fingerprints.length;
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(fingerprints.length * Long.BYTES);
        for (long value : fingerprints) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentMessages that && Arrays.equals(fingerprints, that.fingerprints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fingerprints);
    }

    @Override
    public String toString() {
        return "RecentMessages[" + fingerprints.length + "]";
    }

}

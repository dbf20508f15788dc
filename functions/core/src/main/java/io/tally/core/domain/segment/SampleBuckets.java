package io.tally.core.domain.segment;

import java.nio.charset.StandardCharsets;

/**
 * The deterministic random bucket behind {@code {"sample": {"percent": p, "salt": s}}}. A consumer's bucket for a
 * salt is the first 64-bit half ({@code h1}) of MurmurHash3 x64 128 (seed 0) of the UTF-8 bytes of
 * {@code salt + ":" + consumerId}, its top 53 bits read as a fraction in [0, 1); the consumer is in the sample when
 * that fraction is below {@code p / 100}. It depends on nothing else, so the same consumer gets the same answer on
 * every machine, forever, and any MurmurHash3 library (Guava's {@code murmur3_128().hashBytes(..).asLong()},
 * Python's {@code mmh3.hash64(..)[0]}) reproduces it. Different salts give independent samples.
 */
public final class SampleBuckets {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final double UNIT = 0x1.0p-53;

    private SampleBuckets() {
    }

    /** The consumer's bucket for {@code salt}: a fraction in [0, 1). */
    public static double bucket(String salt, String consumerId) {
        return fraction(hash(prefix(salt), consumerId));
    }

    /** Whether the consumer falls in a sample of {@code percent} (0..100) of consumers drawn with {@code salt}. */
    public static boolean inSample(String salt, String consumerId, double percent) {
        return bucket(salt, consumerId) < percent / 100;
    }

    /** The UTF-8 bytes of {@code salt + ":"}, the fixed start of every hashed input for {@code salt}. */
    static byte[] prefix(String salt) {
        return (salt + ':').getBytes(StandardCharsets.UTF_8);
    }

    static double fraction(long hash) {
        return (hash >>> 11) * UNIT;
    }

    /** {@code h1} of MurmurHash3 x64 128 of {@code prefix} followed by the UTF-8 bytes of {@code consumerId}. */
    static long hash(byte[] prefix, String consumerId) {
        int idLength = consumerId.length();
        byte[] input = new byte[prefix.length + idLength];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        for (int i = 0; i < idLength; i++) {
            char c = consumerId.charAt(i);
            if (c >= 0x80) {
                byte[] id = consumerId.getBytes(StandardCharsets.UTF_8);
                input = new byte[prefix.length + id.length];
                System.arraycopy(prefix, 0, input, 0, prefix.length);
                System.arraycopy(id, 0, input, prefix.length, id.length);
                break;
            }
            input[prefix.length + i] = (byte) c;
        }
        return murmur3(input);
    }

    /** The first half ({@code h1}) of MurmurHash3 x64 128 with seed 0. */
    static long murmur3(byte[] data) {
        int length = data.length;
        int blocks = length >>> 4;
        long h1 = 0;
        long h2 = 0;
        for (int i = 0; i < blocks; i++) {
            long k1 = littleEndianLong(data, i << 4);
            long k2 = littleEndianLong(data, (i << 4) + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks << 4;
        int rest = length & 15;
        long k1 = 0;
        long k2 = 0;
        for (int i = rest - 1; i >= 8; i--) {
            k2 = (k2 << 8) | (data[tail + i] & 0xffL);
        }
        for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
            k1 = (k1 << 8) | (data[tail + i] & 0xffL);
        }
        if (rest > 8) {
            h2 ^= mixK2(k2);
        }
        if (rest > 0) {
            h1 ^= mixK1(k1);
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        return h1 + h2;
    }

    private static long littleEndianLong(byte[] data, int at) {
        return (data[at] & 0xffL)
                | (data[at + 1] & 0xffL) << 8
                | (data[at + 2] & 0xffL) << 16
                | (data[at + 3] & 0xffL) << 24
                | (data[at + 4] & 0xffL) << 32
                | (data[at + 5] & 0xffL) << 40
                | (data[at + 6] & 0xffL) << 48
                | (data[at + 7] & 0xffL) << 56;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}

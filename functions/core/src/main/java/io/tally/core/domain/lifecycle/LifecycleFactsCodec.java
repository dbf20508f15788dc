package io.tally.core.domain.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Byte layout of {@link LifecycleFacts} (version 1), all integers big-endian:
 * <pre>
 * byte     version (1)
 * int      bit mask of the fact kinds that happened (bit = ordinal), then one long (epoch ms) per set bit
 * byte     flags: 1 = first purchase present, 2 = first join present; then those longs
 * varlong  order count, decimal order value, varlong refund count, decimal refund value
 * byte n, n longs   recent order times, most recent first
 * byte n, n longs   latest time of each recent visit day, most recent first
 * decimal = varint scale (zig-zag) + varint length + two's-complement unscaled bytes
 * </pre>
 * An empty state is 16 bytes, exposure + view + cart add + one order 73 bytes, and the largest (every kind,
 * 16 orders, 16 visit days) about 440 bytes.
 */
final class LifecycleFactsCodec {

    private static final int VERSION = 1;
    private static final FactKind[] KINDS = FactKind.values();

    private LifecycleFactsCodec() {
    }

    static byte[] encode(LifecycleFacts facts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            Map<FactKind, Instant> lastAt = facts.lastAt().asMap();
            int mask = 0;
            for (FactKind kind : lastAt.keySet()) {
                mask |= 1 << kind.ordinal();
            }
            out.writeInt(mask);
            for (Instant at : lastAt.values()) {
                out.writeLong(at.toEpochMilli());
            }
            int flags = (facts.firstPurchaseAt() != null ? 1 : 0) | (facts.firstJoinedAt() != null ? 2 : 0);
            out.writeByte(flags);
            if (facts.firstPurchaseAt() != null) {
                out.writeLong(facts.firstPurchaseAt().toEpochMilli());
            }
            if (facts.firstJoinedAt() != null) {
                out.writeLong(facts.firstJoinedAt().toEpochMilli());
            }
            writeVarLong(out, facts.orderCount());
            writeDecimal(out, facts.orderValue());
            writeVarLong(out, facts.refundCount());
            writeDecimal(out, facts.refundValue());
            writeSeries(out, facts.recentOrders());
            writeSeries(out, facts.visitDays());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LifecycleFacts decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown lifecycle facts version " + version);
            }
            int mask = in.readInt();
            if (mask >>> KINDS.length != 0) {
                throw new IllegalArgumentException("unknown fact kinds in mask " + Integer.toBinaryString(mask));
            }
            Map<FactKind, Instant> lastAt = new EnumMap<>(FactKind.class);
            for (FactKind kind : KINDS) {
                if ((mask & (1 << kind.ordinal())) != 0) {
                    lastAt.put(kind, Instant.ofEpochMilli(in.readLong()));
                }
            }
            int flags = in.readUnsignedByte();
            Instant firstPurchaseAt = (flags & 1) != 0 ? Instant.ofEpochMilli(in.readLong()) : null;
            Instant firstJoinedAt = (flags & 2) != 0 ? Instant.ofEpochMilli(in.readLong()) : null;
            long orderCount = readVarLong(in);
            BigDecimal orderValue = readDecimal(in);
            long refundCount = readVarLong(in);
            BigDecimal refundValue = readDecimal(in);
            List<Instant> orders = readSeries(in);
            List<Instant> visits = readSeries(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes after lifecycle facts");
            }
            return new LifecycleFacts(KindTimes.of(lastAt), firstPurchaseAt, orderCount, orderValue,
                    RecentTimes.of(LifecycleFacts.ORDER_HISTORY, orders), refundCount, refundValue, firstJoinedAt,
                    RecentDays.of(LifecycleFacts.VISIT_DAY_HISTORY, visits));
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated lifecycle facts", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSeries(DataOutputStream out, RecentSeries series) throws IOException {
        out.writeByte(series.size());
        for (int i = 0; i < series.size(); i++) {
            out.writeLong(series.millisAt(i));
        }
    }

    private static List<Instant> readSeries(DataInputStream in) throws IOException {
        int size = in.readUnsignedByte();
        List<Instant> times = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            times.add(Instant.ofEpochMilli(in.readLong()));
        }
        return times;
    }

    private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        int scale = value.scale();
        writeVarLong(out, ((long) scale << 1) ^ (scale >> 31));
        byte[] unscaled = value.unscaledValue().toByteArray();
        writeVarLong(out, unscaled.length);
        out.write(unscaled);
    }

    private static BigDecimal readDecimal(DataInputStream in) throws IOException {
        long zigzag = readVarLong(in);
        int scale = (int) ((zigzag >>> 1) ^ -(zigzag & 1));
        long length = readVarLong(in);
        if (length < 1 || length > 64) {
            throw new IllegalArgumentException("bad decimal length " + length);
        }
        byte[] unscaled = new byte[(int) length];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void writeVarLong(DataOutputStream out, long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}

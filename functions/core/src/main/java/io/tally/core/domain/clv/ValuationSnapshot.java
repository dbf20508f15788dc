package io.tally.core.domain.clv;

import io.tally.core.domain.consumer.ConsumerKey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The valuations of the consumers of one scan segment on one report date, kept for the next report date's
 * {@link AssetChange}: per consumer what the change reads — buyer or not, value, expected purchases, P(alive) or
 * P(first purchase), and the stage per lifecycle model. Channels and segments are not kept.
 *
 * <p>{@link #toBytes()} is compact (about 50 bytes per consumer): per brand its model keys and a dictionary of stage
 * codes, then per consumer its id, a buyer flag, three doubles and one stage index per model.
 */
public final class ValuationSnapshot {

    private static final int VERSION = 1;

    private final Map<String, Map<String, ConsumerValuation>> byBrand = new HashMap<>();

    /** Keeps {@code valuation} (without its channels and segments) as the consumer's. */
    public ValuationSnapshot put(ConsumerKey consumer, ConsumerValuation valuation) {
        ConsumerValuation kept = valuation.channels().isEmpty() && valuation.segments().isEmpty() ? valuation
                : new ConsumerValuation(valuation.buyer(), valuation.value(), valuation.expectedPurchases(),
                valuation.probabilityAlive(), valuation.probabilityFirstPurchase(), valuation.stages(), Set.of(),
                Set.of());
        byBrand.computeIfAbsent(consumer.brandId(), b -> new HashMap<>()).put(consumer.consumerId(), kept);
        return this;
    }

    /** The consumer's valuation, or null if it has none here. */
    public ConsumerValuation get(ConsumerKey consumer) {
        Map<String, ConsumerValuation> brand = byBrand.get(consumer.brandId());
        return brand == null ? null : brand.get(consumer.consumerId());
    }

    /** Consumers held. */
    public int size() {
        return byBrand.values().stream().mapToInt(Map::size).sum();
    }

    /** The snapshot as bytes, brands and consumers in id order (the same snapshot always gives the same bytes). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            Map<String, Map<String, ConsumerValuation>> sorted = new TreeMap<>(byBrand);
            out.writeInt(sorted.size());
            for (Map.Entry<String, Map<String, ConsumerValuation>> brand : sorted.entrySet()) {
                out.writeUTF(brand.getKey());
                Map<String, ConsumerValuation> consumers = new TreeMap<>(brand.getValue());
                TreeSet<String> models = new TreeSet<>();
                TreeSet<String> stages = new TreeSet<>();
                consumers.values().forEach(v -> {
                    models.addAll(v.stages().keySet());
                    stages.addAll(v.stages().values());
                });
                stages.add(ConsumerValuation.NO_STAGE);
                List<String> modelList = new ArrayList<>(models);
                List<String> stageList = new ArrayList<>(stages);
                Map<String, Integer> stageIndex = new HashMap<>();
                out.writeShort(modelList.size());
                for (String model : modelList) {
                    out.writeUTF(model);
                }
                out.writeShort(stageList.size());
                for (int i = 0; i < stageList.size(); i++) {
                    out.writeUTF(stageList.get(i));
                    stageIndex.put(stageList.get(i), i);
                }
                out.writeInt(consumers.size());
                for (Map.Entry<String, ConsumerValuation> entry : consumers.entrySet()) {
                    ConsumerValuation v = entry.getValue();
                    out.writeUTF(entry.getKey());
                    out.writeBoolean(v.buyer());
                    out.writeDouble(v.value());
                    out.writeDouble(v.expectedPurchases());
                    out.writeDouble(v.buyer() ? v.probabilityAlive() : v.probabilityFirstPurchase());
                    for (String model : modelList) {
                        out.writeShort(stageIndex.get(v.stage(model)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The snapshot of {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not such a snapshot
     */
    public static ValuationSnapshot fromBytes(byte[] bytes) {
        ValuationSnapshot snapshot = new ValuationSnapshot();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown valuation snapshot version " + version);
            }
            int brands = in.readInt();
            for (int b = 0; b < brands; b++) {
                String brand = in.readUTF();
                List<String> models = new ArrayList<>();
                for (int i = in.readUnsignedShort(); i > 0; i--) {
                    models.add(in.readUTF());
                }
                List<String> stages = new ArrayList<>();
                for (int i = in.readUnsignedShort(); i > 0; i--) {
                    stages.add(in.readUTF());
                }
                Map<String, ConsumerValuation> consumers = new HashMap<>();
                int count = in.readInt();
                for (int c = 0; c < count; c++) {
                    String id = in.readUTF();
                    boolean buyer = in.readBoolean();
                    double value = in.readDouble();
                    double purchases = in.readDouble();
                    double probability = in.readDouble();
                    Map<String, String> stageOf = new LinkedHashMap<>();
                    for (String model : models) {
                        int index = in.readUnsignedShort();
                        if (index >= stages.size()) {
                            throw new IllegalArgumentException("stage index " + index + " out of range");
                        }
                        stageOf.put(model, stages.get(index));
                    }
                    consumers.put(id, new ConsumerValuation(buyer, value, purchases, buyer ? probability : 0,
                            buyer ? 0 : probability, stageOf, Set.of(), Set.of()));
                }
                snapshot.byBrand.put(brand, consumers);
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes after the valuation snapshot");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated valuation snapshot", e);
        }
        return snapshot;
    }
}

package io.tally.aws.s3;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.aws.json.Gzip;
import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.clv.AssetChange;
import io.tally.core.domain.clv.ClvPart;
import io.tally.core.domain.clv.ClvPart.BrandPart;
import io.tally.core.domain.clv.ConsumerAsset;
import io.tally.core.domain.clv.FirstPurchaseFlows;
import io.tally.core.domain.clv.SpendData;
import io.tally.core.domain.clv.SummaryCounts;
import io.tally.core.domain.clv.ValuationSnapshot;
import io.tally.core.port.out.ClvPartStorePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The CLV job's intermediate objects in the clv bucket (objects expire after the catalog's 45 days), all gzipped:
 * parts at {@code parts/<runId>/<segment>.bin} (per brand: the fit data's bytes, {@link SummaryCounts#toBytes()}
 * and {@link SpendData#toBytes()}, then the asset, change and flows as JSON), and the valuations of a scan segment at
 * {@code valuations/<date>/of-<segments>/<segment>.bin} ({@link ValuationSnapshot#toBytes()}).
 */
@Singleton
@Requires(classes = S3Client.class)
public class S3ClvParts implements ClvPartStorePort {

    private static final int PART_VERSION = 1;
    private static final byte[] NONE = new byte[0];

    private final S3Client s3;
    private final JsonMapper json;
    private final ResourceNames names;

    public S3ClvParts(S3Client s3, JsonMapper json, ResourceNames names) {
        this.s3 = s3;
        this.json = json;
        this.names = names;
    }

    /** Resolved on use: functions that never touch this resource need not be configured with it. */
    private String bucket() {
        return names.bucket(TallyCatalog.CLV_BUCKET);
    }

    static String partsPrefix(String runId) {
        return "parts/" + runId + "/";
    }

    static String valuationsKey(LocalDate date, int segment, int totalSegments) {
        return "valuations/" + date + "/of-" + totalSegments + "/" + segment + ".bin";
    }

    @Override
    public void savePart(String runId, int segment, ClvPart part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeByte(PART_VERSION);
            out.writeInt(part.brands().size());
            for (Map.Entry<String, BrandPart> entry : part.brands().entrySet()) {
                BrandPart brand = entry.getValue();
                out.writeUTF(entry.getKey());
                block(out, brand.counts().toBytes());
                block(out, brand.spend().toBytes());
                out.writeUTF(brand.fitDate() == null ? "" : brand.fitDate().toString());
                block(out, brand.asset() == null ? NONE : json.writeValueAsBytes(brand.asset().toMap()));
                block(out, brand.change() == null ? NONE : json.writeValueAsBytes(brand.change().toMap()));
                block(out, brand.flows() == null ? NONE : json.writeValueAsBytes(brand.flows().toMap()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        put(partsPrefix(runId) + segment + ".bin", bytes.toByteArray());
    }

    @Override
    public Set<Integer> storedParts(String runId) {
        Set<Integer> segments = new TreeSet<>();
        String prefix = partsPrefix(runId);
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket()).prefix(prefix)).contents()) {
            String name = object.key().substring(prefix.length());
            if (name.endsWith(".bin")) {
                segments.add(Integer.parseInt(name.substring(0, name.length() - ".bin".length())));
            }
        }
        return segments;
    }

    @Override
    public ClvPart loadPart(String runId, int segment) {
        String key = partsPrefix(runId) + segment + ".bin";
        byte[] stored = get(key).orElseThrow(() -> new IllegalStateException("no CLV part at " + key));
        Map<String, BrandPart> brands = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(stored)))) {
            int version = in.readUnsignedByte();
            if (version != PART_VERSION) {
                throw new IllegalStateException("unknown CLV part version " + version + " at " + key);
            }
            for (int i = in.readInt(); i > 0; i--) {
                String brand = in.readUTF();
                SummaryCounts counts = SummaryCounts.fromBytes(block(in));
                SpendData spend = SpendData.fromBytes(block(in));
                String fitDate = in.readUTF();
                byte[] asset = block(in);
                byte[] change = block(in);
                byte[] flows = block(in);
                brands.put(brand, new BrandPart(counts, spend, fitDate.isEmpty() ? null : LocalDate.parse(fitDate),
                        asset.length == 0 ? null : ConsumerAsset.fromMap(map(asset)),
                        change.length == 0 ? null : AssetChange.fromMap(map(change)),
                        flows.length == 0 ? null : FirstPurchaseFlows.fromMap(map(flows))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable CLV part at " + key, e);
        }
        return new ClvPart(brands);
    }

    @Override
    public void saveValuations(LocalDate date, int segment, int totalSegments, ValuationSnapshot valuations) {
        put(valuationsKey(date, segment, totalSegments), Gzip.compress(valuations.toBytes()));
    }

    @Override
    public Optional<ValuationSnapshot> loadValuations(LocalDate date, int segment, int totalSegments) {
        return get(valuationsKey(date, segment, totalSegments))
                .map(stored -> ValuationSnapshot.fromBytes(Gzip.decompress(stored)));
    }

    private void put(String key, byte[] body) {
        s3.putObject(r -> r.bucket(bucket()).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(body));
    }

    private Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket()).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private static void block(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] block(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative block length");
        }
        return in.readNBytes(length);
    }

    private Map<String, Object> map(byte[] bytes) throws IOException {
        return json.readValue(bytes, Argument.mapOf(String.class, Object.class));
    }
}

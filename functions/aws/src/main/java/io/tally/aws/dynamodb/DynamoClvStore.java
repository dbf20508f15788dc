package io.tally.aws.dynamodb;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.aws.config.ResourceNames;
import io.tally.aws.json.Gzip;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.clv.AssetChange;
import io.tally.core.domain.clv.AssetChangeSummary;
import io.tally.core.domain.clv.BgNbdFit;
import io.tally.core.domain.clv.BgNbdParameters;
import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ClvRun;
import io.tally.core.domain.clv.ConsumerAsset;
import io.tally.core.domain.clv.FirstPurchaseFlows;
import io.tally.core.domain.clv.FitDiagnostics;
import io.tally.core.domain.clv.GammaGammaFit;
import io.tally.core.domain.clv.GammaGammaParameters;
import io.tally.core.domain.clv.StoredAsset;
import io.tally.core.port.out.ClvStorePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;

/**
 * The CLV job's results in the main table. Per brand, in partition {@code B#<brand>#CLV}: fits at
 * {@code FIT#<date>} (parameters and diagnostics of both models as exact decimal strings), assets at
 * {@code ASSET#<date>} (asset, change and summary as gzipped JSON in {@code data}), first-purchase flows at
 * {@code FLOWS#<date>}. Completed runs at {@code pk = CLV, sk = RUN#<date>}. Nothing expires: the series is the
 * asset's trend.
 */
@Singleton
public class DynamoClvStore implements ClvStorePort {

    /** Largest gzipped asset item payload; DynamoDB's item limit is 400 KB. */
    static final int MAX_ASSET_BYTES = 350_000;

    private static final String FIT = "FIT#";
    private static final String ASSET = "ASSET#";
    private static final String FLOWS = "FLOWS#";
    private static final String RUN = "RUN#";
    private static final String RUNS_PK = "CLV";

    private final DynamoDbClient dynamo;
    private final JsonMapper json;
    private final ResourceNames names;

    public DynamoClvStore(DynamoDbClient dynamo, JsonMapper json, ResourceNames names) {
        this.dynamo = dynamo;
        this.json = json;
        this.names = names;
    }

    static String brandKey(String brandId) {
        return "B#" + brandId + "#CLV";
    }

    private String table() {
        return names.table(TallyCatalog.MAIN_TABLE);
    }

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(table()).item(item));
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(Map.of(TallyCatalog.PK, s(pk), TallyCatalog.SK, s(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Items of {@code pk} with sort keys in [{@code from}, {@code to}], latest first. */
    private Iterable<Map<String, AttributeValue>> latestFirst(String pk, String from, String to) {
        return dynamo.queryPaginator(r -> r.tableName(table()).consistentRead(true).scanIndexForward(false)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(from), ":to", s(to)))).items();
    }

    // ------------------------------------------------------------------------------------------------ fits

    @Override
    public void saveFit(ClvFit fit) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s(brandKey(fit.brandId())));
        item.put(TallyCatalog.SK, s(FIT + fit.date()));
        item.put("asOf", Items.instant(fit.asOf()));
        item.put("buyers", n(fit.buyers()));
        item.put("converged", AttributeValue.fromBool(fit.converged()));
        if (fit.problem() != null) {
            item.put("problem", s(fit.problem()));
        }
        if (fit.purchases() != null) {
            BgNbdParameters p = fit.purchases().parameters();
            Map<String, AttributeValue> m = diagnostics(fit.purchases().diagnostics());
            m.put("r", decimal(p.r()));
            m.put("alpha", decimal(p.alpha()));
            m.put("a", decimal(p.a()));
            m.put("b", decimal(p.b()));
            item.put("bgnbd", AttributeValue.fromM(m));
        }
        if (fit.spend() != null) {
            GammaGammaParameters p = fit.spend().parameters();
            Map<String, AttributeValue> m = diagnostics(fit.spend().diagnostics());
            m.put("p", decimal(p.p()));
            m.put("q", decimal(p.q()));
            m.put("gamma", decimal(p.gamma()));
            m.put("customersFitted", n(fit.spend().customersFitted()));
            m.put("customersExcluded", n(fit.spend().customersExcluded()));
            item.put("gammaGamma", AttributeValue.fromM(m));
        }
        put(item);
    }

    /** A double as its shortest exact decimal string (NaN and infinities included, which N cannot hold). */
    private static AttributeValue decimal(double value) {
        return s(Double.toString(value));
    }

    private static double decimal(Map<String, AttributeValue> m, String name) {
        return Double.parseDouble(m.get(name).s());
    }

    private static Map<String, AttributeValue> diagnostics(FitDiagnostics d) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("logLikelihood", decimal(d.logLikelihood()));
        m.put("iterations", n(d.iterations()));
        m.put("converged", AttributeValue.fromBool(d.converged()));
        m.put("gradientNorm", decimal(d.gradientNorm()));
        return m;
    }

    private static FitDiagnostics diagnostics(Map<String, AttributeValue> m) {
        return new FitDiagnostics(decimal(m, "logLikelihood"), (int) Items.number(m, "iterations"),
                m.get("converged").bool(), decimal(m, "gradientNorm"));
    }

    private static ClvFit fitOf(String brandId, Map<String, AttributeValue> item) {
        BgNbdFit purchases = null;
        if (item.containsKey("bgnbd")) {
            Map<String, AttributeValue> m = item.get("bgnbd").m();
            purchases = new BgNbdFit(new BgNbdParameters(decimal(m, "r"), decimal(m, "alpha"), decimal(m, "a"),
                    decimal(m, "b")), diagnostics(m));
        }
        GammaGammaFit spend = null;
        if (item.containsKey("gammaGamma")) {
            Map<String, AttributeValue> m = item.get("gammaGamma").m();
            spend = new GammaGammaFit(new GammaGammaParameters(decimal(m, "p"), decimal(m, "q"), decimal(m, "gamma")),
                    diagnostics(m), (int) Items.number(m, "customersFitted"),
                    (int) Items.number(m, "customersExcluded"));
        }
        return new ClvFit(brandId, LocalDate.parse(Items.string(item, TallyCatalog.SK).substring(FIT.length())),
                Instant.parse(Items.string(item, "asOf")), Items.number(item, "buyers"), purchases, spend,
                Items.optionalString(item, "problem").orElse(null));
    }

    @Override
    public Optional<ClvFit> fit(String brandId, LocalDate date) {
        return get(brandKey(brandId), FIT + date).map(item -> fitOf(brandId, item));
    }

    @Override
    public Optional<ClvFit> latestConvergedFit(String brandId, LocalDate before) {
        for (Map<String, AttributeValue> item : latestFirst(brandKey(brandId), FIT, FIT + before.minusDays(1))) {
            if (item.get("converged").bool()) {
                return Optional.of(fitOf(brandId, item));
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ assets

    @Override
    public void saveAsset(StoredAsset asset) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("asset", asset.asset().toMap());
        if (asset.change() != null) {
            data.put("change", asset.change().toMap());
            data.put("summary", summaryToMap(asset.summary()));
        }
        byte[] compressed = Gzip.compress(writeJson(data));
        if (compressed.length > MAX_ASSET_BYTES) {
            throw new IllegalStateException("the asset of " + asset.brandId() + " on " + asset.date() + " takes "
                    + compressed.length + " bytes gzipped, more than an item holds (" + MAX_ASSET_BYTES + ")");
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s(brandKey(asset.brandId())));
        item.put(TallyCatalog.SK, s(ASSET + asset.date()));
        item.put("asOf", Items.instant(asset.asOf()));
        item.put("fitDate", s(asset.fitDate().toString()));
        if (asset.previousDate() != null) {
            item.put("previousDate", s(asset.previousDate().toString()));
        }
        item.put("data", Items.b(compressed));
        put(item);
    }

    @Override
    public Optional<StoredAsset> asset(String brandId, LocalDate date) {
        return get(brandKey(brandId), ASSET + date).map(item -> {
            Map<String, Object> data = readJson(Gzip.decompress(Items.bytes(item, "data")));
            LocalDate previous = Items.optionalString(item, "previousDate").map(LocalDate::parse).orElse(null);
            ConsumerAsset asset = ConsumerAsset.fromMap(map(data.get("asset")));
            AssetChange change = previous == null ? null : AssetChange.fromMap(map(data.get("change")));
            AssetChangeSummary summary = previous == null ? null : summaryFromMap(map(data.get("summary")));
            return new StoredAsset(brandId, date, Instant.parse(Items.string(item, "asOf")),
                    LocalDate.parse(Items.string(item, "fitDate")), asset, previous, change, summary);
        });
    }

    private static Map<String, Object> summaryToMap(AssetChangeSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("consumersBefore", c.consumersBefore());
        m.put("consumersAfter", c.consumersAfter());
        m.put("newConsumers", c.newConsumers());
        m.put("goneConsumers", c.goneConsumers());
        m.put("newBuyers", c.newBuyers());
        m.put("churnedBuyers", c.churnedBuyers());
        m.put("reactivatedBuyers", c.reactivatedBuyers());
        m.put("valueBefore", c.valueBefore().toPlainString());
        m.put("valueAfter", c.valueAfter().toPlainString());
        m.put("newConsumersValue", c.newConsumersValue().toPlainString());
        m.put("goneConsumersValue", c.goneConsumersValue().toPlainString());
        m.put("newBuyersValueChange", c.newBuyersValueChange().toPlainString());
        m.put("buyersValueChange", c.buyersValueChange().toPlainString());
        m.put("nonBuyersValueChange", c.nonBuyersValueChange().toPlainString());
        m.put("churnedBuyersValue", c.churnedBuyersValue().toPlainString());
        return m;
    }

    private static AssetChangeSummary summaryFromMap(Map<String, Object> m) {
        return new AssetChangeSummary(count(m, "consumersBefore"), count(m, "consumersAfter"),
                count(m, "newConsumers"), count(m, "goneConsumers"), count(m, "newBuyers"), count(m, "churnedBuyers"),
                count(m, "reactivatedBuyers"), money(m, "valueBefore"), money(m, "valueAfter"),
                money(m, "newConsumersValue"), money(m, "goneConsumersValue"), money(m, "newBuyersValueChange"),
                money(m, "buyersValueChange"), money(m, "nonBuyersValueChange"), money(m, "churnedBuyersValue"));
    }

    private static long count(Map<String, Object> m, String name) {
        return ((Number) m.get(name)).longValue();
    }

    private static BigDecimal money(Map<String, Object> m, String name) {
        return new BigDecimal((String) m.get(name));
    }

    // ------------------------------------------------------------------------------------------------ flows, runs

    @Override
    public void saveFlows(String brandId, LocalDate date, FirstPurchaseFlows flows) {
        put(Map.of(TallyCatalog.PK, s(brandKey(brandId)), TallyCatalog.SK, s(FLOWS + date),
                "flows", s(new String(writeJson(flows.toMap()), java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Override
    public Optional<FirstPurchaseFlows> latestFlows(String brandId, LocalDate before) {
        for (Map<String, AttributeValue> item : latestFirst(brandKey(brandId), FLOWS, FLOWS + before.minusDays(1))) {
            return Optional.of(FirstPurchaseFlows.fromMap(readJson(Items.string(item, "flows")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        return Optional.empty();
    }

    @Override
    public void saveRun(ClvRun run) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s(RUNS_PK));
        item.put(TallyCatalog.SK, s(RUN + run.date()));
        item.put("asOf", Items.instant(run.asOf()));
        item.put("totalSegments", n(run.totalSegments()));
        item.put("brands", AttributeValue.fromL(run.brands().stream().map(Items::s).toList()));
        put(item);
    }

    @Override
    public Optional<ClvRun> latestRun(LocalDate onOrBefore) {
        for (Map<String, AttributeValue> item : latestFirst(RUNS_PK, RUN, RUN + onOrBefore)) {
            List<String> brands = item.get("brands").l().stream().map(AttributeValue::s).toList();
            return Optional.of(new ClvRun(LocalDate.parse(Items.string(item, TallyCatalog.SK).substring(RUN.length())),
                    Instant.parse(Items.string(item, "asOf")), (int) Items.number(item, "totalSegments"), brands));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ JSON

    private byte[] writeJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> readJson(byte[] bytes) {
        try {
            return json.readValue(bytes, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.port.out.CensusStorePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;

/**
 * Census parts and results in the main table: parts at {@code pk = RUN#<runId>, sk = PART#<segment>} (kept
 * 14 days by TTL), results at {@code pk = CENSUS, sk = <date>}.
 */
@Singleton
public class DynamoCensusStore implements CensusStorePort {

    private static final long PART_TTL_SECONDS = 14 * 24 * 3600;
    private static final String PART_PREFIX = "PART#";

    private final DynamoDbClient dynamo;
    private final java.time.Clock clock;
    private final String table;

    public DynamoCensusStore(DynamoDbClient dynamo, java.time.Clock clock, ResourceNames names) {
        this.dynamo = dynamo;
        this.clock = clock;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    @Override
    public void savePart(String runId, int segment, Map<String, BrandCensus> part) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s("RUN#" + runId));
        item.put(TallyCatalog.SK, s(PART_PREFIX + segment));
        item.put("segment", n(segment));
        item.put("brands", brandsToAttribute(part));
        item.put(TallyCatalog.TTL, n(clock.instant().getEpochSecond() + PART_TTL_SECONDS));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Map<Integer, Map<String, BrandCensus>> loadParts(String runId) {
        Map<Integer, Map<String, BrandCensus>> parts = new TreeMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :run AND begins_with(#sk, :part)")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK))
                        .expressionAttributeValues(Map.of(":run", s("RUN#" + runId), ":part", s(PART_PREFIX))))
                .items().forEach(item -> parts.put((int) Items.number(item, "segment"),
                        brandsFromAttribute(item.get("brands"))));
        return parts;
    }

    @Override
    public void saveResult(CensusResult result) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s("CENSUS"));
        item.put(TallyCatalog.SK, s(result.date().toString()));
        item.put("asOf", s(result.asOf().toString()));
        item.put("segments", n(result.segments()));
        item.put("brands", brandsToAttribute(result.byBrand()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<CensusResult> loadResult(LocalDate date) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(TallyCatalog.PK, s("CENSUS"), TallyCatalog.SK, s(date.toString())))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CensusResult(date, Instant.parse(Items.string(item, "asOf")),
                (int) Items.number(item, "segments"), brandsFromAttribute(item.get("brands"))));
    }

    private static AttributeValue brandsToAttribute(Map<String, BrandCensus> brands) {
        Map<String, AttributeValue> out = new HashMap<>();
        brands.forEach((brand, census) -> {
            Map<String, AttributeValue> channels = new HashMap<>();
            census.consumersByChannel().forEach((channel, count) -> channels.put(channel, n(count)));
            Map<String, AttributeValue> stages = new HashMap<>();
            census.stages().forEach((model, counts) -> {
                Map<String, AttributeValue> byStage = new HashMap<>();
                counts.forEach((stage, count) -> byStage.put(stage, n(count)));
                stages.put(model, AttributeValue.fromM(byStage));
            });
            out.put(brand, AttributeValue.fromM(Map.of("consumers", n(census.consumers()), "events",
                    n(census.events()), "active30Days", n(census.active30Days()), "byChannel",
                    AttributeValue.fromM(channels), "stages", AttributeValue.fromM(stages),
                    "annualActive", n(census.annualActive()))));
        });
        return AttributeValue.fromM(out);
    }

    private static Map<String, BrandCensus> brandsFromAttribute(AttributeValue value) {
        Map<String, BrandCensus> brands = new TreeMap<>();
        if (value == null || !value.hasM()) {
            return brands;
        }
        value.m().forEach((brand, censusValue) -> {
            Map<String, AttributeValue> census = censusValue.m();
            Map<String, Long> channels = new TreeMap<>();
            census.get("byChannel").m().forEach((channel, count) -> channels.put(channel, Long.parseLong(count.n())));
            Map<String, Map<String, Long>> stages = new TreeMap<>();
            if (census.containsKey("stages")) {
                census.get("stages").m().forEach((model, counts) -> {
                    Map<String, Long> byStage = new TreeMap<>();
                    counts.m().forEach((stage, count) -> byStage.put(stage, Long.parseLong(count.n())));
                    stages.put(model, byStage);
                });
            }
            brands.put(brand, new BrandCensus(Items.number(census, "consumers"), Items.number(census, "events"),
                    Items.number(census, "active30Days"), channels, stages,
                    census.containsKey("annualActive") ? Items.number(census, "annualActive") : 0));
        });
        return brands;
    }
}

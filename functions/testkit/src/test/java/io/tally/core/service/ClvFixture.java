package io.tally.core.service;

import io.tally.core.domain.clv.ClvTask;
import io.tally.core.domain.clv.FitOptions;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.port.in.ConsumerAssetJobUseCase.Gathered;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryClvParts;
import io.tally.testkit.InMemoryClvStore;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.InMemorySegmentMemberships;
import io.tally.testkit.InMemorySegmentScanner;
import io.tally.testkit.InMemoryTaskQueue;
import io.tally.testkit.ProfileBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The CLV job wired to the testkit's in-memory ports, with a clock the test moves, and CDNOW buyers as profiles. */
final class ClvFixture {

    final MutableClock clock = new MutableClock(Instant.parse("1997-12-01T02:30:00Z"));
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemorySegmentMemberships memberships = new InMemorySegmentMemberships(profiles);
    final InMemoryTaskQueue queue = new InMemoryTaskQueue();
    final InMemoryClvStore store = new InMemoryClvStore();
    final InMemoryClvParts parts = new InMemoryClvParts();
    final InMemorySegmentScanner scanner = new InMemorySegmentScanner(profiles, memberships);
    final FixedBrandSettings brands = FixedBrandSettings.defaults();
    final int scanSegments;

    ClvFixture(int scanSegments) {
        this.scanSegments = scanSegments;
    }

    ClvJobService job(FitOptions options) {
        return new ClvJobService(queue, scanner, parts, store, brands, clock, scanSegments, options);
    }

    ClvJobService job() {
        return job(FitOptions.defaults());
    }

    void store(ConsumerProfile... stored) {
        for (ConsumerProfile profile : stored) {
            profiles.save(profile);
        }
    }

    /** Plans {@code date} and works every task in order; returns what the last task gathered. */
    Optional<Gathered> run(ClvJobService job, LocalDate date) {
        job.plan(date);
        Optional<Gathered> gathered = Optional.empty();
        for (ClvTask task : queue.drainClv()) {
            gathered = job.work(task);
        }
        return gathered;
    }

    /** One line of CDNOW_sample.txt. */
    record Purchase(LocalDate date, BigDecimal dollars) {
    }

    /**
     * The purchases of each customer of the CDNOW 1/10 sample (master id, sample id, date, CDs, dollars) up to and
     * including {@code until}, by sample id; customers without a purchase by then are left out.
     */
    static Map<Integer, List<Purchase>> cdnowSample(LocalDate until) {
        Map<Integer, List<Purchase>> purchases = new TreeMap<>();
        try (InputStream in = ClvFixture.class.getResourceAsStream("/cdnow/CDNOW_sample.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource cdnow/CDNOW_sample.txt");
            }
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines()
                    .toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 5) {
                    continue;
                }
                LocalDate date = LocalDate.parse(fields[2], DateTimeFormatter.BASIC_ISO_DATE);
                if (!date.isAfter(until)) {
                    purchases.computeIfAbsent(Integer.parseInt(fields[1]), id -> new ArrayList<>())
                            .add(new Purchase(date, new BigDecimal(fields[4])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return purchases;
    }

    /** A profile of brand {@code brand} whose orders are these purchases, each at noon UTC, on the web. */
    static ConsumerProfile buyer(String brand, String consumerId, List<Purchase> purchases) {
        ProfileBuilder builder = ProfileBuilder.aProfile(brand, consumerId);
        for (Purchase purchase : purchases) {
            builder.at(purchase.date().atTime(12, 0).toInstant(ZoneOffset.UTC)).ordered(purchase.dollars());
        }
        return builder.build();
    }
}

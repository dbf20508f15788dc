package io.tally.core.domain.clv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** The CDNOW files of src/test/resources/cdnow (see the README there). */
final class CdnowData {

    /** End of the 39-week calibration period of the CDNOW analyses. */
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    /** End of the 39-week holdout period (weeks 40-78). */
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    static final double DAYS_PER_WEEK = 7;

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowData() {
    }

    /** cdnow_customers_summary.csv: ID, frequency, recency, T in weeks, one row per customer of the 1/10 sample. */
    static List<CustomerSummary> sampleSummaries() {
        List<CustomerSummary> customers = new ArrayList<>();
        for (String[] row : csvRows("cdnow_customers_summary.csv")) {
            customers.add(new CustomerSummary(Integer.parseInt(row[1]), Double.parseDouble(row[2]),
                    Double.parseDouble(row[3])));
        }
        return customers;
    }

    /** cdnow_customers_summary_with_spend.csv: ID, x, t_x, T, zbar (mean value of the repeat transactions). */
    static List<SpendSummary> sampleSpend() {
        List<SpendSummary> customers = new ArrayList<>();
        for (String[] row : csvRows("cdnow_customers_summary_with_spend.csv")) {
            customers.add(new SpendSummary(Integer.parseInt(row[1]), Double.parseDouble(row[4])));
        }
        return customers;
    }

    /** One line of a CDNOW transaction file. */
    record Purchase(LocalDate date, double dollars) {
    }

    /**
     * CDNOW_sample.txt: master customer id, sample customer id 1..2357, date, CDs, dollars. The purchases of each
     * sample customer, by sample id.
     */
    static Map<Integer, List<Purchase>> samplePurchases() {
        return purchases("CDNOW_sample.txt", false, 1);
    }

    /**
     * CDNOW_master.txt (gzipped): header line, then customer id, date, CDs, dollars. Purchases of the 23,570, read
     * once per test run (unmodifiable).
     */
    static Map<Integer, List<Purchase>> masterPurchases() {
        return Master.PURCHASES;
    }

    private static final class Master {
        static final Map<Integer, List<Purchase>> PURCHASES;

        static {
            Map<Integer, List<Purchase>> purchases = new TreeMap<>();
            purchases("CDNOW_master.txt.gz", true, 0).forEach((id, list) -> purchases.put(id, List.copyOf(list)));
            PURCHASES = Collections.unmodifiableMap(purchases);
        }
    }

    static List<LocalDate> dates(List<Purchase> purchases) {
        return purchases.stream().map(Purchase::date).toList();
    }

    private static Map<Integer, List<Purchase>> purchases(String resource, boolean gzipped, int idColumn) {
        Map<Integer, List<Purchase>> purchases = new TreeMap<>();
        for (String line : lines(resource, gzipped)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4 || !Character.isDigit(fields[0].charAt(0))) {
                continue;
            }
            purchases.computeIfAbsent(Integer.parseInt(fields[idColumn]), id -> new ArrayList<>())
                    .add(new Purchase(LocalDate.parse(fields[idColumn + 1], DATE),
                            Double.parseDouble(fields[idColumn + 3])));
        }
        return purchases;
    }

    private static List<String[]> csvRows(String resource) {
        List<String> lines = lines(resource, false);
        return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank())
                .map(line -> line.trim().split(",")).toList();
    }

    private static List<String> lines(String resource, boolean gzipped) {
        try (InputStream raw = CdnowData.class.getResourceAsStream("/cdnow/" + resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource cdnow/" + resource);
            }
            InputStream in = gzipped ? new GZIPInputStream(raw) : raw;
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

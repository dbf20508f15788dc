package io.tally.bench;

import io.tally.core.domain.clv.BgNbdFit;
import io.tally.core.domain.clv.BgNbdModel;
import io.tally.core.domain.clv.BgNbdParameters;
import io.tally.core.domain.clv.BgNbdSimulator;
import io.tally.core.domain.clv.ClvCalculator;
import io.tally.core.domain.clv.ClvHorizon;
import io.tally.core.domain.clv.CustomerSummary;
import io.tally.core.domain.clv.GammaGammaFit;
import io.tally.core.domain.clv.GammaGammaModel;
import io.tally.core.domain.clv.GammaGammaParameters;
import io.tally.core.domain.clv.GammaGammaSimulator;
import io.tally.core.domain.clv.SpendSummary;
import io.tally.core.domain.clv.SpendData;
import io.tally.core.domain.clv.SummaryCounts;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The CLV fit at brand scale, one thread: {@code java -cp bench/target/classes:$(cat
 * bench/target/runtime-classpath.txt) io.tally.bench.ClvFitBenchmark [customers] [baseline customers] [runs]}
 * (defaults 10,000,000, 1,000,000 and 3; pin it to one core with {@code taskset -c 1}).
 *
 * <p>The customers are drawn (untimed) from {@link BgNbdSimulator} with the CDNOW parameters: a brand with ten years
 * of first purchases, each customer observed from a first purchase on a uniformly drawn day of the last 3,653 to
 * today, purchases recorded per day, the model in weeks; each one's spend over its x + 1 purchase days from
 * {@link GammaGammaSimulator}. Then each run times, on the same data:
 * <ul>
 *   <li><b>BG/NBD</b>: compressing the customers into {@link SummaryCounts} (the hash table, the sort, the time
 *       table) and the maximum-likelihood fit;</li>
 *   <li><b>Gamma-Gamma</b>: collecting {@link SpendData} and the fit;</li>
 *   <li><b>valuation</b>: the 12-month value of the first million customers with the two fitted models
 *       ({@link ClvCalculator}, twelve monthly conditional expectations each);</li>
 *   <li><b>baseline, uncompressed</b>: the same BG/NBD compress-and-fit on {@code baseline customers} drawn with
 *       continuous times, so that no two customers share (x, tx, T) and the likelihood has one term per customer;</li>
 *   <li><b>baseline, one pass</b>: summing x over every customer's arrays, the least any fit must do.</li>
 * </ul>
 * Each run prints one line per measurement; the first run includes JIT compilation.
 */
public final class ClvFitBenchmark {

    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
    private static final GammaGammaParameters CDNOW_SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);
    private static final int TEN_YEARS_OF_DAYS = 3653;
    private static final int VALUED = 1_000_000;

    private ClvFitBenchmark() {
    }

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int baselineCustomers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("JVM: %s %s, %d available processor(s), max heap %d MiB; VM options %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments());

        long start = System.nanoTime();
        Cohort cohort = Cohort.simulate(customers, true, 20_261_125);
        Cohort baseline = Cohort.simulate(baselineCustomers, false, 20_261_126);
        System.out.printf("simulated %,d customers on a day grid and %,d with continuous times in %.1f s (untimed)%n",
                customers, baselineCustomers, seconds(System.nanoTime() - start));

        List<double[]> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double[] seconds = new double[8];
            BgNbdFit purchases = timed(cohort::compress, seconds, 0,
                    String.format("run %d BG/NBD %,d customers", run, customers));
            requireRecovered(purchases);
            GammaGammaFit spend = timedSpend(cohort, seconds, run);
            requireRecovered(spend);
            int valued = Math.min(customers, VALUED);
            long v0 = System.nanoTime();
            double asset = cohort.value(new ClvCalculator(purchases.model(), spend.model(),
                    ClvHorizon.twelveMonths(ClvHorizon.WEEKS_PER_MONTH)), valued);
            seconds[7] = seconds(System.nanoTime() - v0);
            System.out.printf("run %d valuing %,d customers over 12 months: %.2f s, %.2f us each (total value %,.0f)%n",
                    run, valued, seconds[7], seconds[7] / valued * 1e6, asset);
            requireRecovered(timed(baseline::compress, seconds, 2,
                    String.format("run %d baseline: BG/NBD uncompressed, %,d customers", run, baselineCustomers)));
            long t0 = System.nanoTime();
            long sum = cohort.sumX();
            seconds[4] = seconds(System.nanoTime() - t0);
            System.out.printf("run %d baseline: one pass over %,d customers %.3f s (sum of x %,d)%n", run, customers,
                    seconds[4], sum);
            results.add(seconds);
        }
        report(results, customers, baselineCustomers);
    }

    /** Collects and fits the spend data; seconds in slots 5 and 6. */
    private static GammaGammaFit timedSpend(Cohort cohort, double[] seconds, int run) {
        long t0 = System.nanoTime();
        SpendData data = cohort.spendData();
        long t1 = System.nanoTime();
        GammaGammaFit fit = GammaGammaModel.fit(data);
        long t2 = System.nanoTime();
        seconds[5] = seconds(t1 - t0);
        seconds[6] = seconds(t2 - t1);
        System.out.printf("run %d Gamma-Gamma %,d customers: collect %.2f s, fit %.2f s (%d iterations, converged %s),"
                + " total %.2f s -> %s%n", run, data.size(), seconds[5], seconds[6], fit.diagnostics().iterations(),
                fit.diagnostics().converged(), seconds(t2 - t0), fit.parameters());
        return fit;
    }

    /** Compresses and fits; seconds in slots {@code slot} (compress) and {@code slot + 1} (fit). */
    private static BgNbdFit timed(Supplier<SummaryCounts> compress, double[] seconds, int slot, String label) {
        long t0 = System.nanoTime();
        SummaryCounts counts = compress.get();
        long t1 = System.nanoTime();
        BgNbdFit fit = BgNbdModel.fit(counts);
        long t2 = System.nanoTime();
        seconds[slot] = seconds(t1 - t0);
        seconds[slot + 1] = seconds(t2 - t1);
        System.out.printf("%s: compress %.2f s to %,d distinct (x, tx, T) and %,d distinct times, fit %.2f s "
                + "(%d iterations, converged %s), total %.2f s -> %s%n", label, seconds[slot], counts.size(),
                distinctTimes(counts), seconds[slot + 1], fit.diagnostics().iterations(),
                fit.diagnostics().converged(), seconds(t2 - t0), fit.parameters());
        return fit;
    }

    private static void report(List<double[]> results, int customers, int baselineCustomers) {
        double[] compress = column(results, 0);
        double[] fit = column(results, 1);
        double[] baselineCompress = column(results, 2);
        double[] baselineFit = column(results, 3);
        double[] total = new double[results.size()];
        double[] baselineTotal = new double[results.size()];
        for (int i = 0; i < total.length; i++) {
            total[i] = compress[i] + fit[i];
            baselineTotal[i] = baselineCompress[i] + baselineFit[i];
        }
        double median = median(total);
        double baselineMedian = median(baselineTotal);
        System.out.printf("%nmedian of %d runs: valuing %,d customers %.2f s%n", results.size(),
                Math.min(customers, VALUED), median(column(results, 7)));
        System.out.printf("median of %d runs: Gamma-Gamma %,d customers %.2f s (collect %.2f s, fit %.2f s); one "
                + "pass %.3f s%n", results.size(), customers, median(sum(column(results, 5), column(results, 6))),
                median(column(results, 5)), median(column(results, 6)), median(column(results, 4)));
        System.out.printf("median of %d runs: BG/NBD %,d customers %.2f s (compress %.2f s, fit %.2f s); baseline "
                + "uncompressed %,d customers %.2f s; per customer %.0f ns against %.0f ns uncompressed: %.1f x "
                + "faster per customer, %.2f x the baseline's time for %.0f x the customers%n", results.size(),
                customers, median, median(compress), median(fit), baselineCustomers, baselineMedian,
                median / customers * 1e9, baselineMedian / baselineCustomers * 1e9,
                (baselineMedian / baselineCustomers) / (median / customers), median / baselineMedian,
                (double) customers / baselineCustomers);
    }

    private static void requireRecovered(BgNbdFit fit) {
        BgNbdParameters p = fit.requireConverged().parameters();
        if (Math.abs(p.r() / CDNOW.r() - 1) > 0.05 || Math.abs(p.alpha() / CDNOW.alpha() - 1) > 0.05
                || Math.abs(p.a() / CDNOW.a() - 1) > 0.1 || Math.abs(p.b() / CDNOW.b() - 1) > 0.1) {
            throw new IllegalStateException("the fit did not recover the simulated parameters: " + p);
        }
    }

    private static void requireRecovered(GammaGammaFit fit) {
        GammaGammaParameters p = fit.requireConverged().parameters();
        double mean = p.p() * p.gamma() / (p.q() - 1);
        double trueMean = CDNOW_SPEND.p() * CDNOW_SPEND.gamma() / (CDNOW_SPEND.q() - 1);
        if (Math.abs(mean / trueMean - 1) > 0.05) {
            throw new IllegalStateException("the fit did not recover the simulated spend: " + p);
        }
    }

    private static int distinctTimes(SummaryCounts counts) {
        double[] times = new double[2 * counts.size()];
        for (int i = 0; i < counts.size(); i++) {
            times[2 * i] = counts.tx(i);
            times[2 * i + 1] = counts.T(i);
        }
        return (int) Arrays.stream(times).distinct().count();
    }

    private static double[] sum(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(row -> row[i]).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Simulated customers in primitive arrays: what a table scan hands the reporter, one customer at a time. */
    private record Cohort(int[] x, double[] tx, double[] T, double[] meanSpend) {

        static Cohort simulate(int customers, boolean perDay, long seed) {
            BgNbdSimulator purchases = new BgNbdSimulator(CDNOW, perDay ? 7 : 0, seed);
            GammaGammaSimulator spend = new GammaGammaSimulator(CDNOW_SPEND, seed + 1);
            SplittableRandom days = new SplittableRandom(seed + 2);
            int[] x = new int[customers];
            double[] tx = new double[customers];
            double[] T = new double[customers];
            double[] meanSpend = new double[customers];
            for (int i = 0; i < customers; i++) {
                double observed = perDay ? days.nextInt(TEN_YEARS_OF_DAYS) / 7.0
                        : days.nextDouble() * (TEN_YEARS_OF_DAYS - 1) / 7.0;
                CustomerSummary customer = purchases.next(observed);
                x[i] = customer.x();
                tx[i] = customer.tx();
                T[i] = customer.T();
                meanSpend[i] = spend.nextMeanSpend(customer.x() + 1);
            }
            return new Cohort(x, tx, T, meanSpend);
        }

        SummaryCounts compress() {
            SummaryCounts.Builder builder = SummaryCounts.builder();
            for (int i = 0; i < x.length; i++) {
                builder.add(x[i], tx[i], T[i]);
            }
            return builder.build();
        }

        SpendData spendData() {
            SpendData.Builder builder = SpendData.builder();
            for (int i = 0; i < x.length; i++) {
                builder.add(x[i] + 1, meanSpend[i]);
            }
            return builder.build();
        }

        /** The sum of the 12-month values of the first {@code count} customers. */
        double value(ClvCalculator calculator, int count) {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += calculator.value(new CustomerSummary(x[i], tx[i], T[i]),
                        new SpendSummary(x[i] + 1, meanSpend[i])).discountedValue();
            }
            return sum;
        }

        long sumX() {
            long sum = 0;
            for (int v : x) {
                sum += v;
            }
            return sum;
        }
    }
}

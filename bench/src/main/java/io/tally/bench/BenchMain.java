package io.tally.bench;

/**
 * Runs the JMH benchmarks of this module: {@code java -cp bench/target/classes:$(cat
 * bench/target/runtime-classpath.txt) io.tally.bench.BenchMain [JMH options]}. With no arguments every benchmark
 * runs with the fork, warm-up and measurement settings its class declares; the standard JMH options (a benchmark
 * regexp, {@code -f}, {@code -wi}, {@code -i}, {@code -rf json -rff FILE}, {@code -h}, ...) override them.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}

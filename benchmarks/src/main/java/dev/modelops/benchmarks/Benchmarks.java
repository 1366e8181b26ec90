package dev.modelops.benchmarks;

import dev.modelops.benchmarks.drift.DetectorBenchmark;
import dev.modelops.benchmarks.drift.DriftCheckBenchmark;
import java.util.Arrays;

/**
 * Entry point of the benchmark harnesses (not unit tests; see BENCHMARKS.md for the commands and
 * results). {@code java -jar benchmarks/target/benchmarks.jar NAME [options]}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "drift-detectors" -> DetectorBenchmark.main(rest);
            case "drift-check" -> DriftCheckBenchmark.main(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("usage: benchmarks drift-detectors [--runs N] [--out FILE]");
        System.err.println("       benchmarks drift-check [--rows N] [--data DIR] [--repeats N] [--python PATH]");
    }
}

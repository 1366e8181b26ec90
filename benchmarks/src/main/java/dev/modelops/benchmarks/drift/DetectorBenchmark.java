package dev.modelops.benchmarks.drift;

import dev.modelops.core.util.Json;
import dev.modelops.drift.stream.Adwin;
import dev.modelops.drift.stream.ChangeDetector;
import dev.modelops.drift.stream.Ddm;
import dev.modelops.drift.stream.PageHinkley;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Streaming detectors on synthetic error streams with known change points, over seeded runs:
 * detection delay, missed changes (none within the maximum delay) and false alarms, for our
 * ADWIN, Page-Hinkley and DDM beside MOA's own (moa 2024.07.0) on the very same streams.
 */
public final class DetectorBenchmark {
    private static final int MAX_DELAY = 1000;

    private DetectorBenchmark() {
    }

    /** A Bernoulli error stream whose rate steps (or ramps over {@code ramp} values) at each change point. */
    record Scenario(String name, int length, int[] changes, double[] rates, int ramp) {
        double[] stream(long seed) {
            Random r = new Random(seed);
            double[] x = new double[length];
            for (int i = 0; i < length; i++) {
                int k = 0;
                while (k < changes.length && i >= changes[k]) {
                    k++;
                }
                double rate = rates[k];
                if (ramp > 0 && k > 0 && i < changes[k - 1] + ramp) {
                    double t = (i - changes[k - 1]) / (double) ramp;
                    rate = rates[k - 1] + t * (rates[k] - rates[k - 1]);
                }
                x[i] = r.nextDouble() < rate ? 1 : 0;
            }
            return x;
        }

        String describe() {
            if (changes.length == 0) {
                return "error rate " + rates[0] + " throughout, " + length + " values";
            }
            StringBuilder sb = new StringBuilder("error rate ");
            for (int k = 0; k < rates.length; k++) {
                sb.append(k == 0 ? "" : (ramp > 0 ? " ramping over " + ramp + " to " : " -> ") + (k < rates.length ? "" : ""))
                        .append(rates[k]);
                if (k < changes.length) {
                    sb.append(" until ").append(changes[k]);
                }
            }
            return sb.append(", ").append(length).append(" values").toString();
        }
    }

    /** A detector under test: ours or MOA's, behind one interface. */
    record Contender(String name, Supplier<ChangeDetector> factory) {
    }

    static final class MoaAdwin implements ChangeDetector {
        private final moa.classifiers.core.driftdetection.ADWIN adwin = new moa.classifiers.core.driftdetection.ADWIN(0.002);

        @Override
        public boolean update(double value) {
            return adwin.setInput(value);
        }

        @Override
        public String describe() {
            return "MOA ADWIN(0.002)";
        }
    }

    static final class MoaDetector implements ChangeDetector {
        private final moa.classifiers.core.driftdetection.AbstractChangeDetector detector;

        MoaDetector(moa.classifiers.core.driftdetection.AbstractChangeDetector detector) {
            this.detector = detector;
            detector.prepareForUse();
        }

        @Override
        public boolean update(double value) {
            detector.input(value);
            return detector.getChange();
        }

        @Override
        public String describe() {
            return "MOA " + detector.getClass().getSimpleName();
        }
    }

    /** Scores of one detector on one scenario. */
    static final class Score {
        final List<Long> delays = new ArrayList<>();
        int changes;
        int missed;
        int falseAlarms;
        int early;
        int repeats;
        long nanos;
        long values;

        Map<String, Object> json(int runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("changes", changes);
            m.put("detected", changes - missed);
            m.put("missed", missed);
            m.put("meanDelay", mean());
            m.put("medianDelay", median());
            m.put("falseAlarmsPerRun", (double) falseAlarms / runs);
            m.put("alarmsBeforeFirstChangePerRun", (double) early / runs);
            m.put("repeatsPerRun", (double) repeats / runs);
            m.put("nsPerValue", (double) nanos / values);
            return m;
        }

        double mean() {
            return delays.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        }

        double median() {
            if (delays.isEmpty()) {
                return Double.NaN;
            }
            long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
            return d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2.0;
        }
    }

    static void score(Scenario s, List<Long> alarms, Score score) {
        int[] cp = s.changes();
        boolean[] used = new boolean[alarms.size()];
        for (int k = 0; k < cp.length; k++) {
            long end = Math.min(cp[k] + (long) MAX_DELAY, k + 1 < cp.length ? cp[k + 1] : s.length());
            score.changes++;
            Long first = null;
            for (int a = 0; a < alarms.size(); a++) {
                long at = alarms.get(a);
                if (at >= cp[k] && at < end) {
                    used[a] = true;
                    if (first == null) {
                        first = at;
                    } else {
                        score.repeats++;
                    }
                }
            }
            if (first == null) {
                score.missed++;
            } else {
                score.delays.add(first - cp[k]);
            }
        }
        long firstChange = cp.length == 0 ? s.length() : cp[0];
        for (int a = 0; a < alarms.size(); a++) {
            if (!used[a]) {
                score.falseAlarms++;
            }
            if (alarms.get(a) < firstChange) {
                score.early++;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        int runs = a.getInt("runs", 50);
        Path out = Path.of(a.get("out", "benchmarks/results/drift-detectors.json"));
        List<Scenario> scenarios = List.of(
                new Scenario("abrupt-large", 10_000, new int[] {5_000}, new double[] {0.2, 0.5}, 0),
                new Scenario("abrupt-small", 10_000, new int[] {5_000}, new double[] {0.2, 0.3}, 0),
                new Scenario("gradual", 10_000, new int[] {5_000}, new double[] {0.2, 0.5}, 1_000),
                new Scenario("up-down-up", 20_000, new int[] {5_000, 10_000, 15_000}, new double[] {0.1, 0.3, 0.1, 0.4}, 0),
                new Scenario("stationary", 10_000, new int[0], new double[] {0.2}, 0));
        List<Contender> contenders = List.of(
                new Contender("ADWIN (ours)", Adwin::new),
                new Contender("ADWIN (MOA)", MoaAdwin::new),
                new Contender("Page-Hinkley (ours)", PageHinkley::new),
                new Contender("Page-Hinkley (MOA PageHinkleyDM)", () -> new MoaDetector(
                        new moa.classifiers.core.driftdetection.PageHinkleyDM())),
                new Contender("DDM (ours)", Ddm::new),
                new Contender("DDM (MOA)", () -> new MoaDetector(new moa.classifiers.core.driftdetection.DDM())));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("runs", runs);
        results.put("maxDelay", MAX_DELAY);
        System.out.printf(Locale.ROOT, "drift detectors: %d seeded runs per scenario, max delay %d%n%n", runs, MAX_DELAY);
        // warm up every detector on every scenario, so the JIT has compiled them all before timing
        for (Scenario s : scenarios) {
            for (Contender c : contenders) {
                for (int seed = 0; seed < 20; seed++) {
                    ChangeDetector d = c.factory().get();
                    for (double v : s.stream(-1 - seed)) {
                        d.update(v);
                    }
                }
            }
        }
        for (Scenario s : scenarios) {
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("stream", s.describe());
            scenario.put("changePoints", Arrays.stream(s.changes()).boxed().toList());
            Map<String, List<List<Long>>> alarmsByDetector = new LinkedHashMap<>();
            System.out.printf(Locale.ROOT, "## %s: %s%n", s.name(), s.describe());
            System.out.printf(Locale.ROOT, "| detector | detected | missed | mean delay | median delay | false alarms/run | before first change/run | repeat alarms/run | ns/value |%n");
            System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
            Map<String, Object> byDetector = new LinkedHashMap<>();
            for (Contender c : contenders) {
                Score score = new Score();
                List<List<Long>> all = new ArrayList<>();
                for (int seed = 1; seed <= runs; seed++) {
                    double[] stream = s.stream(seed * 7919L + s.name().hashCode());
                    ChangeDetector d = c.factory().get();
                    List<Long> alarms = new ArrayList<>();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < stream.length; i++) {
                        if (d.update(stream[i])) {
                            alarms.add((long) i);
                        }
                    }
                    score.nanos += System.nanoTime() - t0;
                    score.values += stream.length;
                    score(s, alarms, score);
                    all.add(alarms);
                }
                alarmsByDetector.put(c.name(), all);
                byDetector.put(c.name(), score.json(runs));
                System.out.printf(Locale.ROOT, "| %s | %d/%d | %d | %s | %s | %.2f | %.2f | %.2f | %.0f |%n", c.name(),
                        score.changes - score.missed, score.changes, score.missed, num(score.mean()), num(score.median()),
                        (double) score.falseAlarms / runs, (double) score.early / runs, (double) score.repeats / runs,
                        (double) score.nanos / score.values);
            }
            int sameAdwin = agree(alarmsByDetector.get("ADWIN (ours)"), alarmsByDetector.get("ADWIN (MOA)"));
            int sameDdm = agree(alarmsByDetector.get("DDM (ours)"), alarmsByDetector.get("DDM (MOA)"));
            System.out.printf(Locale.ROOT, "%nidentical alarm indexes, ours vs MOA: ADWIN %d/%d runs, DDM %d/%d runs%n%n",
                    sameAdwin, runs, sameDdm, runs);
            scenario.put("detectors", byDetector);
            scenario.put("identicalAlarms", Map.of("ADWIN", sameAdwin, "DDM", sameDdm, "runs", runs));
            results.put(s.name(), scenario);
        }
        Json.write(out, results);
        System.out.println("results in " + out.toAbsolutePath());
    }

    private static int agree(List<List<Long>> a, List<List<Long>> b) {
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                same++;
            }
        }
        return same;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}

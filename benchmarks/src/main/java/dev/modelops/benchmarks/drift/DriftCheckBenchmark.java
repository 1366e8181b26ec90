package dev.modelops.benchmarks.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.util.Hashing;
import dev.modelops.core.util.Json;
import dev.modelops.drift.check.BatchReader;
import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DriftCheck;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.drift.check.RecordedMetrics;
import dev.modelops.drift.check.ReferenceRows;
import dev.modelops.drift.profile.DataProfile;
import dev.modelops.drift.profile.ModelPredictor;
import dev.modelops.drift.profile.NumericSummary;
import dev.modelops.drift.profile.ProfileLayout;
import dev.modelops.drift.profile.ProfileSource;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.drift.profile.TableProfiler;
import dev.modelops.drift.report.TextReport;
import dev.modelops.drift.stats.EmpiricalDistribution;
import dev.modelops.drift.stats.TwoSampleTests;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import dev.modelops.ml.TribuoData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.tribuo.Model;

/**
 * A full drift check at scale: 1,000,000 reference and 1,000,000 current rows of 20 numeric
 * columns (and a label). Measures profile ingestion (values per second, from CSV and from
 * memory), the full check (features, prediction, label, domain classifier, performance), and the
 * per-column KS computation from profiles against scipy's {@code ks_2samp} on the same files
 * (and Hipparchus's exact KS on the raw values), with the KS statistics side by side.
 */
public final class DriftCheckBenchmark {
    private static final int COLUMNS = 20;

    private DriftCheckBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        int rows = a.getInt("rows", 1_000_000);
        int repeats = a.getInt("repeats", 3);
        Path dir = Path.of(a.get("data", "benchmarks/results/drift-data"));
        String python = a.get("python", "/usr/bin/python3");
        Path script = Path.of(a.get("script", "benchmarks/drift/ks_scipy.py"));
        Path out = Path.of(a.get("out", "benchmarks/results/drift-check.json"));
        Files.createDirectories(dir);
        Path ref = dir.resolve("reference.csv");
        Path cur = dir.resolve("current.csv");
        generate(ref, cur, rows, dir.resolve("data.json"));
        List<String> features = new ArrayList<>();
        Map<String, ColumnSpec> schema = new LinkedHashMap<>();
        for (int j = 0; j < COLUMNS; j++) {
            features.add("x" + j);
            schema.put("x" + j, ColumnSpec.of(ColumnType.NUMERIC));
        }
        schema.put("y", new ColumnSpec(ColumnType.CATEGORICAL, List.of("Yes", "No"), null, null));
        DatasetSpec dataset = new DatasetSpec("bench", ref.toString(), "csv", schema, List.of("NA"));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("rows", rows);
        results.put("columns", COLUMNS);
        results.put("java", System.getProperty("java.version"));
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("sketchK", NumericSummary.DEFAULT_K);
        System.out.printf(Locale.ROOT, "drift check benchmark: %,d reference and %,d current rows x %d numeric columns, "
                + "%d repeats (medians), KLL k=%d%n%n", rows, rows, COLUMNS, repeats, NumericSummary.DEFAULT_K);

        // 1. profile ingestion from the CSV file (read, parse, profile features and label)
        double[] csvSeconds = new double[repeats];
        DataProfile refProfile = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            refProfile = profile(ref, dataset, features);
            csvSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double csvMedian = median(csvSeconds);
        double values = (double) rows * COLUMNS;
        System.out.printf(Locale.ROOT, "profile ingestion from CSV (read + parse + profile): %.2f s, %.2f M values/s%n",
                csvMedian, values / csvMedian / 1e6);
        results.put("ingestCsvSeconds", csvMedian);
        results.put("ingestCsvValuesPerSecond", values / csvMedian);

        // 1b. profile ingestion from memory (statistics + KLL sketch + exact-value table per value)
        double[][] refColumns = columns(ref, rows);
        double[][] curColumns = columns(cur, rows);
        double[] memSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (double[] column : refColumns) {
                NumericSummary s = new NumericSummary();
                for (double v : column) {
                    s.add(v);
                }
            }
            memSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double memMedian = median(memSeconds);
        System.out.printf(Locale.ROOT, "profile ingestion from memory (stats + KLL + exact table): %.2f s, %.2f M values/s%n",
                memMedian, values / memMedian / 1e6);
        results.put("ingestMemorySeconds", memMedian);
        results.put("ingestMemoryValuesPerSecond", values / memMedian);

        // 2. a model of the label, trained on a sample of the reference, and its reference prediction profile
        long t0 = System.nanoTime();
        Table sample = sample(ref, 60_000, dataset);
        int[] train = java.util.stream.IntStream.range(0, 50_000).toArray();
        int[] holdout = java.util.stream.IntStream.range(50_000, sample.size()).toArray();
        ModelSpec modelSpec = new ModelSpec("bench-model", "logistic-regression", Map.of("epochs", 3), "bench", features,
                "y", "Yes", null, null, null, null);
        TrainerDefinition lr = TrainerCatalog.find("logistic-regression").orElseThrow();
        dev.modelops.core.data.LoadedDataset loaded = new dev.modelops.core.data.LoadedDataset(dataset, ref, "", sample);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Model<?> model = lr.create(lr.settings(Map.of("epochs", 3), (k, m) -> {
        })).train((org.tribuo.Dataset) TribuoData.dataset(loaded, modelSpec, TaskKind.CLASSIFICATION, train, "train"));
        Map<String, Double> metrics = ModelEvaluator.evaluate(model,
                TribuoData.dataset(loaded, modelSpec, TaskKind.CLASSIFICATION, holdout, "holdout"), TaskKind.CLASSIFICATION, "Yes");
        System.out.printf(Locale.ROOT, "model: logistic regression on 50,000 reference rows (%.1f s), holdout accuracy %.4f%n",
                (System.nanoTime() - t0) / 1e9, metrics.get("accuracy"));
        ModelPredictor predictor = new ModelPredictor(model, TaskKind.CLASSIFICATION, dataset, features, "Yes");
        t0 = System.nanoTime();
        DataProfile full = ProfileLayout.empty(dataset, features, "y", TaskKind.CLASSIFICATION, predictor.givesScore());
        BatchReader.read(ref, Set.of("NA"), new BatchReader.Consumer() {
            @Override
            public void header(List<String> columns) {
            }

            @Override
            public void chunk(Table chunk) {
                TableProfiler.addRows(full, chunk, null, ref.toString());
                predictor.addPredictions(full, chunk, null);
            }
        });
        double withPredictions = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "reference profile with the model's predictions: %.2f s%n", withPredictions);
        results.put("referenceProfileWithPredictionsSeconds", withPredictions);
        ProfileSource source = new ProfileSource("bench-model", 1, "bench-model-id", "sha", "CLASSIFICATION", features, "y",
                "Yes", "bench", "bench-dataset", ref.toAbsolutePath().toString(), Hashing.sha256(ref), null, null, 42L,
                "every row");
        ReferenceProfile reference = new ReferenceProfile(source, full);

        // 3. the full check, and a features-only check
        DriftCheck check = new DriftCheck(reference, "bench-profile", dataset, predictor,
                new RecordedMetrics(metrics, "holdout metrics", "Yes"),
                new ReferenceRows(source, dataset, rows, DriftSettings.DEFAULT_DOMAIN_MAX_ROWS), DriftSettings.defaults());
        check.check(cur); // warm-up: JIT and heap, not timed
        double[] fullSeconds = new double[repeats];
        DriftReport report = null;
        for (int r = 0; r < repeats; r++) {
            // a fresh check each time: the raw reference rows are re-read, as in a new process
            check = new DriftCheck(reference, "bench-profile", dataset, predictor,
                    new RecordedMetrics(metrics, "holdout metrics", "Yes"),
                    new ReferenceRows(source, dataset, rows, DriftSettings.DEFAULT_DOMAIN_MAX_ROWS), DriftSettings.defaults());
            t0 = System.nanoTime();
            report = check.check(cur);
            fullSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        DriftSettings featuresOnly = DriftSettings.defaults().with(Map.of("checks", "features"), (k, m) -> {
        });
        double[] featureSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            DriftCheck f = new DriftCheck(reference, "bench-profile", dataset, null, null, null, featuresOnly);
            t0 = System.nanoTime();
            f.check(cur);
            featureSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%nfull drift check of the current file (features, prediction, label, domain, "
                + "performance): %.2f s; features only: %.2f s%n", median(fullSeconds), median(featureSeconds));
        // what each part adds to the features-only check
        Map<String, Object> parts = new LinkedHashMap<>();
        for (String part : List.of("prediction", "label", "domain", "performance")) {
            DriftSettings only = DriftSettings.defaults().with(Map.of("checks", "features," + part), (k, m) -> {
            });
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                DriftCheck c = new DriftCheck(reference, "bench-profile", dataset, predictor,
                        new RecordedMetrics(metrics, "holdout metrics", "Yes"),
                        new ReferenceRows(source, dataset, rows, DriftSettings.DEFAULT_DOMAIN_MAX_ROWS), only);
                t0 = System.nanoTime();
                c.check(cur);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
            }
            parts.put(part, median(seconds) - median(featureSeconds));
            System.out.printf(Locale.ROOT, "  + %s: %.2f s%n", part, median(seconds) - median(featureSeconds));
        }
        results.put("partSecondsOverFeaturesOnly", parts);
        System.out.println();
        System.out.print(TextReport.render(report));
        results.put("fullCheckSecondsEachRun", Arrays.stream(fullSeconds).boxed().toList());
        results.put("fullCheckSeconds", median(fullSeconds));
        results.put("featuresOnlyCheckSeconds", median(featureSeconds));
        results.put("fullCheckFirstRunSeconds", fullSeconds[0]);
        results.put("drift", report.drift());
        results.put("driftedFeatures", report.datasetDrift().driftedFeatures());
        results.put("domainAuc", report.domain().auc());

        // 4. KS per column: from the profiles (sketches), exact from raw values (Hipparchus), scipy
        DataProfile curProfile = profile(cur, dataset, features);
        EmpiricalDistribution[] rd = new EmpiricalDistribution[COLUMNS];
        EmpiricalDistribution[] cd = new EmpiricalDistribution[COLUMNS];
        double[] oursD = new double[COLUMNS];
        double[] oursP = new double[COLUMNS];
        double[] ksSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            t0 = System.nanoTime();
            for (int j = 0; j < COLUMNS; j++) {
                rd[j] = refProfile.column("x" + j).orElseThrow().numeric().distribution();
                cd[j] = curProfile.column("x" + j).orElseThrow().numeric().distribution();
                TwoSampleTests.Ks ks = TwoSampleTests.ks(rd[j], cd[j]);
                oursD[j] = ks.statistic();
                oursP[j] = ks.pValue();
            }
            ksSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] exactD = new double[COLUMNS];
        double[] exactP = new double[COLUMNS];
        double[] exactSeconds = new double[repeats];
        KolmogorovSmirnovTest hip = new KolmogorovSmirnovTest();
        for (int r = 0; r < repeats; r++) {
            t0 = System.nanoTime();
            for (int j = 0; j < COLUMNS; j++) {
                exactD[j] = hip.kolmogorovSmirnovStatistic(refColumns[j], curColumns[j]);
                exactP[j] = hip.approximateP(exactD[j], rows, rows);
            }
            exactSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%nKS of all %d columns: from the profiles %.4f s; Hipparchus exact on the raw "
                + "values %.2f s%n", COLUMNS, median(ksSeconds), median(exactSeconds));
        results.put("ksFromProfilesSeconds", median(ksSeconds));
        results.put("ksHipparchusExactSeconds", median(exactSeconds));

        JsonNode scipy = scipy(python, script, ref, cur, repeats, dir.resolve("ks-scipy.json"));
        List<Map<String, Object>> perColumn = new ArrayList<>();
        double scipySeconds = 0;
        double maxGap = 0;
        System.out.printf("%n| column | D scipy | D ours (profiles) | abs diff | D Hipparchus exact | p scipy | p ours | scipy s |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|%n");
        for (int j = 0; j < COLUMNS; j++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("column", "x" + j);
            c.put("oursStatistic", oursD[j]);
            c.put("oursPValue", oursP[j]);
            c.put("hipparchusStatistic", exactD[j]);
            c.put("hipparchusPValue", exactP[j]);
            c.put("referenceExact", rd[j].exact());
            double sd = Double.NaN;
            double sp = Double.NaN;
            double ss = Double.NaN;
            if (scipy != null) {
                JsonNode s = scipy.path("columns").get(j);
                sd = s.path("statistic").asDouble();
                sp = s.path("pvalue").asDouble();
                ss = s.path("seconds").asDouble();
                scipySeconds += ss;
                maxGap = Math.max(maxGap, Math.abs(sd - oursD[j]));
                c.put("scipyStatistic", sd);
                c.put("scipyPValue", sp);
                c.put("scipySeconds", ss);
            }
            perColumn.add(c);
            System.out.printf(Locale.ROOT, "| x%d | %.6f | %.6f | %.6f | %.6f | %.3g | %.3g | %.3f |%n", j, sd, oursD[j],
                    Math.abs(sd - oursD[j]), exactD[j], sp, oursP[j], ss);
        }
        results.put("ks", perColumn);
        if (scipy != null) {
            results.put("scipy", Map.of("version", scipy.path("scipy").asText(), "numpy", scipy.path("numpy").asText(),
                    "loadSeconds", scipy.path("loadSeconds").asDouble(), "ksSeconds", scipySeconds));
            results.put("ksMaxAbsDiffVsScipy", maxGap);
            System.out.printf(Locale.ROOT, "%nscipy %s ks_2samp, all %d columns: %.2f s (loading the two files: %.1f s)%n",
                    scipy.path("scipy").asText(), COLUMNS, scipySeconds, scipy.path("loadSeconds").asDouble());
            System.out.printf(Locale.ROOT, "KS from profiles vs scipy: %.0fx faster; largest |D difference| %.5f "
                            + "(bound: the two sketches' rank errors, %.4f)%n", scipySeconds / median(ksSeconds), maxGap,
                    2 * new NumericSummary().sketchRankError());
            double scipyEndToEnd = scipy.path("loadSeconds").asDouble() + scipySeconds;
            System.out.printf(Locale.ROOT, "end to end, features-only drift check from the CSV files (%.2f s: read, parse and "
                            + "profile the current file, all tests on 20 columns) vs scipy load + ks_2samp (%.2f s): %.2fx%n",
                    median(featureSeconds), scipyEndToEnd, scipyEndToEnd / median(featureSeconds));
            results.put("scipyLoadPlusKsSeconds", scipyEndToEnd);
        }
        Json.write(out, results);
        System.out.println("results in " + out.toAbsolutePath());
    }

    private static DataProfile profile(Path file, DatasetSpec dataset, List<String> features) {
        DataProfile p = ProfileLayout.empty(dataset, features, "y", TaskKind.CLASSIFICATION, false);
        p = new DataProfile(p.columns().values().stream().filter(c -> !c.name().startsWith("prediction")).toList());
        DataProfile target = p;
        BatchReader.read(file, Set.of("NA"), new BatchReader.Consumer() {
            @Override
            public void header(List<String> columns) {
            }

            @Override
            public void chunk(Table chunk) {
                TableProfiler.addRows(target, chunk, null, file.toString());
            }
        });
        return target;
    }

    private static double[][] columns(Path file, int rows) {
        double[][] cols = new double[COLUMNS][rows];
        int[] at = new int[1];
        BatchReader.read(file, Set.of("NA"), new BatchReader.Consumer() {
            @Override
            public void header(List<String> columns) {
            }

            @Override
            public void chunk(Table chunk) {
                for (int r = 0; r < chunk.size(); r++) {
                    for (int j = 0; j < COLUMNS; j++) {
                        cols[j][at[0]] = Double.parseDouble(chunk.text(r, j));
                    }
                    at[0]++;
                }
            }
        });
        return cols;
    }

    private static Table sample(Path file, int n, DatasetSpec dataset) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        BatchReader.read(file, Set.of("NA"), new BatchReader.Consumer() {
            @Override
            public void header(List<String> columns) {
                header.addAll(columns);
            }

            @Override
            public void chunk(Table chunk) {
                for (int r = 0; r < chunk.size() && rows.size() < n; r += 10) {
                    rows.add(chunk.row(r));
                }
            }
        });
        return new Table(header, rows);
    }

    private static JsonNode scipy(String python, Path script, Path ref, Path cur, int repeats, Path out) throws Exception {
        if (!Files.isExecutable(Path.of(python))) {
            System.out.println("\n" + python + " not found: skipping the scipy reference (apt-get install python3-scipy)");
            return null;
        }
        System.out.printf("%nrunning %s %s (loads both files with numpy, then ks_2samp per column) ...%n", python, script);
        Process p = new ProcessBuilder(python, script.toString(), ref.toString(), cur.toString(), String.valueOf(COLUMNS),
                String.valueOf(repeats), out.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            System.out.println("the scipy script failed (exit " + p.exitValue() + "); skipping the reference");
            return null;
        }
        return Json.mapper().readTree(out.toFile());
    }

    /**
     * Writes the two files once: 20 columns of four families (normal, log-normal, uniform, a
     * bimodal mixture) and a label; in the current file columns x0-x4 are shifted by a quarter
     * standard deviation and x5-x6 widened by 30%, the rest are unchanged.
     */
    private static void generate(Path ref, Path cur, int rows, Path marker) throws IOException {
        if (Files.exists(marker) && Files.readString(marker).contains("\"rows\":" + rows + ",")) {
            return;
        }
        System.out.printf(Locale.ROOT, "writing %s and %s (%,d rows each) ...%n", ref, cur, rows);
        write(ref, rows, 1, false);
        write(cur, rows, 2, true);
        Files.writeString(marker, "{\"rows\":" + rows + ",\"columns\":" + COLUMNS + "}\n");
    }

    private static void write(Path file, int rows, long seed, boolean drifted) throws IOException {
        Random random = new Random(seed);
        double[] sd = {1.0, Math.sqrt((Math.exp(0.25) - 1) * Math.exp(0.25)), Math.sqrt(1 / 12.0), 1.6};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < COLUMNS; j++) {
                line.append("x").append(j).append(',');
            }
            w.write(line.append("y\n").toString());
            double[] x = new double[COLUMNS];
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                for (int j = 0; j < COLUMNS; j++) {
                    int family = j % 4;
                    double v = switch (family) {
                        case 0 -> random.nextGaussian();
                        case 1 -> Math.exp(0.5 * random.nextGaussian());
                        case 2 -> random.nextDouble();
                        default -> random.nextDouble() < 0.7 ? -1 + 0.5 * random.nextGaussian() : 2 + random.nextGaussian();
                    };
                    if (drifted && j < 5) {
                        v += 0.25 * sd[family];
                    } else if (drifted && j < 7) {
                        double mean = family == 1 ? Math.exp(0.125) : family == 2 ? 0.5 : family == 3 ? -0.1 : 0;
                        v = mean + 1.3 * (v - mean);
                    }
                    x[j] = Math.round(v * 1e6) / 1e6;
                    line.append(x[j]).append(',');
                }
                double logit = 1.5 * x[0] - 0.5 * x[3] + 0.8 * x[8];
                line.append(random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? "Yes" : "No").append('\n');
                w.write(line.toString());
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

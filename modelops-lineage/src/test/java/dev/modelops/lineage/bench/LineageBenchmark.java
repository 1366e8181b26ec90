package dev.modelops.lineage.bench;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Hashing;
import dev.modelops.lineage.LineageStores;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.testing.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How fast lineage questions are answered on a store with a long history. Fills a store with
 * synthetic runs shaped like real ones (per run: two pipeline-run versions, train and evaluate
 * task runs, a model, metrics, a gate verdict; a new dataset version every 10 runs; a deployment
 * with an approval every 5 runs; plus a model family fine-tuned from its previous version, whose
 * ancestry is as deep as its history), then times each query many times and prints medians.
 * Run it with benchmarks/lineage-queries/run.sh; see BENCHMARKS.md.
 */
public final class LineageBenchmark {
    private LineageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(arg(args, "--runs", "2000"));
        int reps = Integer.parseInt(arg(args, "--reps", "50"));
        List<String> stores = Arrays.asList(arg(args, "--stores", "sqlite,postgresql").split(","));
        System.out.printf(Locale.ROOT, "# lineage query benchmark: %d runs, %d repetitions per query, %s, %d cores%n",
                runs, reps, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.println("| store | records | query | answer size | median ms | p95 ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (String kind : stores) {
            String location;
            Map<String, String> env = Map.of();
            if (kind.equals("sqlite")) {
                Path dir = Files.createTempDirectory("lineage-bench");
                location = "sqlite:" + dir.resolve("lineage.db");
            } else {
                EmbeddedPostgresServer.Database db = EmbeddedPostgresServer.newDatabase();
                location = db.location();
                env = db.env();
            }
            try (LineageStore store = LineageStores.open(location, env)) {
                long t0 = System.nanoTime();
                Fixture f = fill(store, runs);
                double fillSeconds = (System.nanoTime() - t0) / 1e9;
                LineageQueries q = new LineageQueries(store);
                measure(kind, f.records, "ancestors of the newest model", reps,
                        () -> q.ancestors(f.newestModel).nodes().size());
                measure(kind, f.records, "descendants of the first dataset version", reps,
                        () -> q.descendants(f.firstDataset).nodes().size());
                measure(kind, f.records, "ancestors of a model fine-tuned " + f.chain + " times (deep)", reps,
                        () -> q.ancestors(f.deepModel).nodes().size());
                measure(kind, f.records, "lineage graph around the newest model (web view)", reps,
                        () -> q.neighbourhood(f.newestModel).nodes().size());
                measure(kind, f.records, "show MODEL (resolve + view)", reps,
                        () -> q.view(q.resolveModel("churn")).metricValues().size());
                measure(kind, f.records, "diff MODEL@v1 MODEL@vN", reps,
                        () -> q.diff(q.resolveModel("churn@v1"), q.resolveModel("churn")).metrics().size());
                measure(kind, f.records, "where-deployed MODEL", reps, () -> q.whereDeployed("churn").size());
                System.out.printf(Locale.ROOT, "| %s | %d | (filling the store: %.1f s, %.2f ms per record) | | | |%n",
                        kind, f.records, fillSeconds, fillSeconds * 1000 / f.records);
            }
        }
        System.exit(0);
    }

    private static void measure(String store, int records, String query, int reps, Supplier<Integer> body) {
        for (int i = 0; i < Math.max(3, reps / 5); i++) {
            body.get();
        }
        double[] ms = new double[reps];
        int size = 0;
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            size = body.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %.2f | %.2f |%n", store, records, query, size,
                ms[reps / 2], ms[(int) Math.ceil(reps * 0.95) - 1]);
    }

    private record Fixture(int records, Entity newestModel, Entity firstDataset, Entity deepModel, int chain) {
    }

    private static Fixture fill(LineageStore store, int runs) {
        int records = 0;
        Entity env = store.record(LineageRecord.builder(EntityKind.ENVIRONMENT, "prod").build());
        records++;
        Entity dataset = null;
        Entity firstDataset = null;
        Entity model = null;
        Entity tuned = null;
        int chain = 0;
        for (int i = 1; i <= runs; i++) {
            if ((i - 1) % 10 == 0) {
                dataset = store.record(LineageRecord.builder(EntityKind.DATASET, "arrests")
                        .contentHash(Hashing.sha256("data " + i)).attribute("rows", 5000 + i).attribute("uri", "/data/a.csv")
                        .build());
                records++;
                if (firstDataset == null) {
                    firstDataset = dataset;
                }
            }
            String run = "run/bench-" + i;
            Entity started = store.record(LineageRecord.builder(EntityKind.PIPELINE_RUN, run).attribute("runId", "bench-" + i)
                    .attribute("pipeline", "release").attribute("status", "RUNNING").build());
            model = store.record(LineageRecord.builder(EntityKind.MODEL, "churn").contentHash(Hashing.sha256("model " + i))
                    .attribute("trainer", "logistic-regression").attribute("hyperparameters", Map.of("epochs", 10))
                    .attribute("runId", "bench-" + i).edge(Relation.DERIVED_FROM, dataset.id()).build());
            store.record(LineageRecord.builder(EntityKind.TASK_RUN, run + "/train").attribute("task", "train")
                    .attribute("type", "trainModel").attribute("status", "SUCCEEDED").edge(Relation.PART_OF, started.id())
                    .edge(Relation.USED, dataset.id()).edge(Relation.PRODUCED, model.id()).build());
            Entity metrics = store.record(LineageRecord.builder(EntityKind.METRICS, "churn")
                    .attribute("metrics", Map.of("accuracy", 0.8 + (i % 17) / 1000.0, "auc", 0.7 + (i % 13) / 1000.0))
                    .attribute("runId", "bench-" + i).edge(Relation.EVALUATED, model.id()).edge(Relation.USED, dataset.id())
                    .build());
            store.record(LineageRecord.builder(EntityKind.TASK_RUN, run + "/evaluate").attribute("task", "evaluate")
                    .attribute("type", "evaluateModel").attribute("status", "SUCCEEDED").edge(Relation.PART_OF, started.id())
                    .edge(Relation.USED, model.id()).edge(Relation.USED, dataset.id()).edge(Relation.PRODUCED, metrics.id())
                    .build());
            store.record(LineageRecord.builder(EntityKind.GATE_VERDICT, "churn").attribute("status", "PASS")
                    .attribute("env", "prod").attribute("runId", "bench-" + i).edge(Relation.EVALUATED, model.id())
                    .edge(Relation.USED, dataset.id()).build());
            records += 6;
            if (i % 5 == 0) {
                Entity approval = store.record(LineageRecord.builder(EntityKind.APPROVAL, "churn/prod")
                        .attribute("approver", "alice").attribute("approvedAt", "run " + i).build());
                store.record(LineageRecord.builder(EntityKind.DEPLOYMENT, "churn/prod").attribute("model", "churn")
                        .attribute("env", "prod").attribute("modelId", model.id()).attribute("status", "ACTIVE")
                        .edge(Relation.USED, model.id()).edge(Relation.DEPLOYED_TO, env.id())
                        .edge(Relation.APPROVED_BY, approval.id()).build());
                records += 2;
            }
            if (i % 4 == 0) {
                LineageRecord.Builder b = LineageRecord.builder(EntityKind.MODEL, "churn-finetuned")
                        .contentHash(Hashing.sha256("tuned " + i)).attribute("variant", "finetuned")
                        .edge(Relation.DERIVED_FROM, dataset.id());
                if (tuned != null) {
                    b.edge(Relation.DERIVED_FROM, tuned.id());
                }
                tuned = store.record(b.build());
                chain++;
                records++;
            }
            store.record(LineageRecord.builder(EntityKind.PIPELINE_RUN, run).attribute("runId", "bench-" + i)
                    .attribute("pipeline", "release").attribute("status", "SUCCEEDED")
                    .edge(Relation.PREVIOUS_VERSION, started.id()).build());
            records++;
        }
        return new Fixture(records, model, firstDataset, tuned, chain);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

}

package dev.modelops.steps;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.ModelVersions;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.MutableDataset;

/**
 * Evaluates a model version on the test rows of its dataset with Tribuo's evaluators and records
 * the metrics in lineage, linked to the model version and the dataset version they were measured
 * on. Gates and the model timeline read these records.
 */
public final class EvaluateModel implements Step {
    @Override
    public StepResult run(StepContext ctx) {
        Entity modelVersion = ModelVersions.resolve(ctx);
        Model<?> model = ModelVersions.load(ctx.run().artifacts(), modelVersion);
        TaskKind kind = ModelVersions.kind(modelVersion);
        LoadedDataset data = ctx.loadDataset();
        Entity dataset = DatasetRecords.record(ctx.run().lineage(), data);
        Split split = TrainingRows.split(ctx, data);
        MutableDataset<?> test = TribuoData.dataset(data, ctx.model(), kind, split.test(), "test");
        ctx.progress().update("evaluating " + modelVersion.label() + " on " + test.size() + " rows", -1);
        String positive = null;
        if (kind == TaskKind.CLASSIFICATION) {
            Set<String> observed = new HashSet<>();
            test.getOutputInfo().getDomain().forEach(o -> observed.add(o.toString()));
            model.getOutputIDInfo().getDomain().forEach(o -> observed.add(o.toString()));
            positive = ModelEvaluator.positiveClass(ctx.model().positiveClass(), observed);
        }
        Map<String, Double> metrics = new java.util.LinkedHashMap<>(ModelEvaluator.evaluate(model, test, kind, positive));
        metrics.putAll(robustness(modelVersion));
        Entity recorded = ctx.run().lineage().record(LineageRecord.builder(EntityKind.METRICS, modelVersion.name())
                .attribute("metrics", metrics)
                .attribute("model", modelVersion.label())
                .attribute("positiveClass", positive)
                .attribute("split", split.description())
                .attribute("datasetSha256", data.sha256())
                .attribute("runId", ctx.run().info().runId())
                .edge(Relation.EVALUATED, modelVersion.id())
                .edge(Relation.USED, dataset.id())
                .build());
        StepResult.Builder result = StepResult.succeeded(modelVersion.label() + " on " + test.size() + " test rows: "
                        + summary(metrics))
                .output("metrics.id", recorded.id())
                .output(ModelVersions.MODEL_ID, modelVersion.id())
                .metrics(metrics)
                .used(modelVersion.id())
                .used(dataset.id())
                .produced(recorded.id());
        metrics.forEach((k, v) -> result.output("metric." + k, v));
        return result.build();
    }

    /**
     * Robustness a hardening step measured for this version (its {@code robustness} attribute), as
     * {@code robustness.*} metrics, so one metrics record carries everything a gate reads.
     */
    static Map<String, Double> robustness(Entity modelVersion) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        if (modelVersion.attributes().get("robustness") instanceof Map<?, ?> r) {
            for (String key : new String[] {"clean_accuracy", "noise_accuracy", "adversarial_accuracy",
                    "perturbation_median", "clever_min", "clever_mean"}) {
                if (r.get(key) instanceof Number n) {
                    out.put("robustness." + key, n.doubleValue());
                }
            }
        }
        return out;
    }

    private static String summary(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (!k.equals("test_rows") && !k.startsWith("robustness.")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", v));
            }
        });
        return sb.toString();
    }
}

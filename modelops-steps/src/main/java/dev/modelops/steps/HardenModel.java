package dev.modelops.steps;

import dev.modelops.core.artifact.ArtifactRef;
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
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.ml.ModelEvaluator;
import dev.modelops.ml.ModelFiles;
import dev.modelops.ml.ModelVersions;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import dev.modelops.ml.TribuoData;
import dev.modelops.steps.robustness.AdversarialTraining;
import dev.modelops.steps.robustness.DenseData;
import dev.modelops.steps.robustness.FeatureSpace;
import dev.modelops.steps.robustness.RobustnessAnalyzer;
import dev.modelops.steps.robustness.RobustnessReport;
import dev.modelops.steps.robustness.RobustnessSettings;
import dev.modelops.steps.robustness.ScoreFunction;
import dev.modelops.steps.robustness.ScoreFunctions;
import dev.modelops.steps.robustness.TribuoScoreFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * Measures a classifier's robustness, trains it adversarially, and measures again. The hardened
 * model is a new version of the same model (variant {@code hardened}, DERIVED_FROM the original);
 * its robustness (and the original's, for comparison) are lineage attributes that a robustness
 * gate reads, and evaluateModel reports them as {@code robustness.*} metrics.
 *
 * <p>Robustness is not free, and on imbalanced tabular data the cheapest way to be "robust" is to
 * predict the majority class for everyone. So the cost is measured on the clean test rows in the
 * numbers that show that (AUC, macro F1, every class's recall, not only accuracy), reported in the
 * summary and kept as {@code hardening.cost}; and a hardened model that no longer recognises a
 * class the original did is refused (the task fails, nothing is recorded).
 */
public final class HardenModel implements Step {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public StepResult run(StepContext ctx) throws Exception {
        Entity original = ModelVersions.resolve(ctx);
        if (!DerivedModels.format(original).equals("tribuo-protobuf")) {
            return StepResult.failed(original.label() + " is an " + DerivedModels.format(original)
                    + " model; hardenModel retrains Tribuo models, so harden before compressModel").build();
        }
        if (ModelVersions.kind(original) != TaskKind.CLASSIFICATION) {
            return StepResult.failed(original.label() + " is a regression model; robustness is measured for classifiers")
                    .build();
        }
        RobustnessSettings settings = settings(new Params(ctx));
        Model<Label> model = (Model<Label>) ModelVersions.load(ctx.run().artifacts(), original);
        ModelSpec spec = ctx.model();
        LoadedDataset data = ctx.loadDataset();
        Entity dataset = DatasetRecords.record(ctx.run().lineage(), data);
        Split split = TrainingRows.split(ctx, data);
        MutableDataset<Label> train = (MutableDataset<Label>) TribuoData.dataset(data, spec, TaskKind.CLASSIFICATION,
                split.train(), "train");
        MutableDataset<Label> test = (MutableDataset<Label>) TribuoData.dataset(data, spec, TaskKind.CLASSIFICATION,
                split.test(), "test");
        RobustnessAnalyzer analyzer = new RobustnessAnalyzer(settings);

        ctx.progress().update("measuring robustness of " + original.label(), 0.05);
        Measured before = measure(ctx, analyzer, model, train, test);
        String positive = positiveClass(ctx, model, test);
        CleanQuality qualityBefore = CleanQuality.of(model, test, positive);

        MutableDataset<Label> augmented = new MutableDataset<>(train.getProvenance(), train.getOutputFactory());
        augmented.addAll(train.getData());
        Model<Label> hardened = model;
        Measured current = before;
        Trainer<Label> trainer = null;
        int adversarialRows = 0;
        for (int round = 1; round <= settings.rounds(); round++) {
            ctx.progress().update("adversarial round " + round + "/" + settings.rounds() + ": making adversarial twins"
                    + " (epsilon " + settings.epsilon() + ")", 0.3 + 0.4 * (round - 1) / settings.rounds());
            if (round > 1) {
                current = measured(ctx, hardened, train);
            }
            DenseData twins = new AdversarialTraining(current.scores(), current.space(), settings,
                    analyzer.attack(current.scores(), current.space(), Arrays.asList(current.train().rows())))
                    .twins(current.train());
            TribuoScoreFunction names = new TribuoScoreFunction(hardened);
            Label[] labels = names.labels();
            for (int i = 0; i < twins.size(); i++) {
                augmented.add(names.trainingExample(twins.rows()[i], labels[twins.labels()[i]]));
            }
            adversarialRows += twins.size();
            trainer = (Trainer<Label>) trainer(ctx, original, (double) train.size() / augmented.size());
            ctx.progress().update("adversarial round " + round + "/" + settings.rounds() + ": retraining on "
                    + augmented.size() + " rows", 0.3 + 0.4 * (round - 0.5) / settings.rounds());
            hardened = trainer.train(augmented);
        }

        ctx.progress().update("measuring robustness of the hardened model", 0.7);
        Measured after = measure(ctx, analyzer, hardened, train, test);
        CleanQuality qualityAfter = CleanQuality.of(hardened, test, positive);
        RobustnessReport b = before.report();
        RobustnessReport a = after.report();
        String robustness = String.format(Locale.ROOT, "CLEVER mean %.3f -> %.3f (min %.3f -> %.3f), adversarial "
                        + "accuracy at eps %.2f %.3f -> %.3f, noise accuracy %.3f -> %.3f",
                b.cleverMean(), a.cleverMean(), b.cleverMin(), a.cleverMin(), settings.epsilon(),
                b.adversarialAccuracy(), a.adversarialAccuracy(), b.noiseAccuracy(), a.noiseAccuracy());
        String cost = "clean test rows (" + test.size() + "): " + qualityBefore.describeChangeTo(qualityAfter);
        Map<String, Double> qualityMetrics = qualityMetrics(qualityBefore, qualityAfter);

        List<String> lost = qualityBefore.lostIn(qualityAfter);
        if (!lost.isEmpty()) {
            String collapsed = qualityAfter.predictedClasses().size() == 1
                    ? "; it predicts '" + qualityAfter.predictedClasses().get(0) + "' for all " + qualityAfter.rows()
                    + " test rows" : "";
            StepResult.Builder refused = StepResult.failed("refused: the model hardened from " + original.label()
                            + " no longer recognises " + String.join(", ", lost.stream().map(c -> "'" + c + "'").toList())
                            + collapsed + " (" + cost + "); nothing recorded. Its robustness (" + robustness + ") comes "
                            + "from that collapse, not from a better model. Adversarial twins moved by epsilon "
                            + settings.epsilon() + " for " + settings.rounds() + " round(s) cross the real class boundary "
                            + "here: lower with.epsilon or with.rounds")
                    .metrics(a.metrics())
                    .metrics(qualityMetrics)
                    .used(original.id());
            b.metrics().forEach((k, v) -> refused.metric("before." + k, v));
            return refused.build();
        }

        Path tmp = ModelFiles.saveTemp(hardened, ctx.workDir());
        ArtifactRef artifact;
        try {
            artifact = ctx.run().artifacts().put(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Map<String, Object> hardening = new LinkedHashMap<>();
        hardening.put("method", "adversarial training in rounds: each round gives training rows an adversarial twin "
                + "(one L2 step of size epsilon up the finite-difference gradient of the current model's wrong-class "
                + "log-odds, label kept) and retrains on the rows plus all twins so far, with as many SGD steps as the "
                + "original training");
        hardening.put("epsilon", settings.epsilon());
        hardening.put("rounds", settings.rounds());
        hardening.put("augment", settings.augment());
        hardening.put("trainRows", train.size());
        hardening.put("adversarialRows", adversarialRows);
        hardening.put("augmentedRows", augmented.size());
        hardening.put("testRows", test.size());
        hardening.put("positiveClass", positive);
        hardening.put("cost", qualityBefore.costTo(qualityAfter));
        hardening.put("predictedBefore", qualityBefore.predicted());
        hardening.put("predictedAfter", qualityAfter.predicted());
        hardening.put("cleanAccuracyBefore", b.cleanAccuracy());
        hardening.put("cleanAccuracyAfter", a.cleanAccuracy());
        hardening.put("cleanAccuracyCost", b.cleanAccuracy() - a.cleanAccuracy());
        Entity recorded = ctx.run().lineage().record(DerivedModels.builder(ctx, original, "hardened", artifact.sha256(),
                        artifact.size(), "tribuo-protobuf")
                .attribute("tribuoTrainer", trainer.getClass().getName())
                .attribute("trainRows", train.size())
                .attribute("adversarialRows", adversarialRows)
                .attribute("trainedAt", hardened.getProvenance().getTrainingTime().toString())
                .attribute("robustness", a.attributes())
                .attribute("robustnessBefore", b.attributes())
                .attribute("hardening", hardening)
                .edge(Relation.DERIVED_FROM, dataset.id())
                .build());
        Map<String, Double> beforeValues = new LinkedHashMap<>(qualityBefore.metrics());
        beforeValues.putAll(b.metrics());
        Entity beforeMetrics = ctx.run().lineage().record(LineageRecord.builder(EntityKind.METRICS, original.name())
                .attribute("metrics", beforeValues)
                .attribute("robustness", b.attributes())
                .attribute("model", original.label())
                .attribute("positiveClass", positive)
                .attribute("split", split.description())
                .attribute("datasetSha256", data.sha256())
                .attribute("runId", ctx.run().info().runId())
                .attribute("measuredBy", "hardenModel")
                .edge(Relation.EVALUATED, original.id())
                .edge(Relation.USED, dataset.id())
                .build());

        String message = "hardened " + original.label() + " -> " + recorded.label() + ": " + robustness + "; cost on "
                + cost;
        StepResult.Builder result = StepResult.succeeded(message)
                .output(ModelVersions.MODEL_ID, recorded.id())
                .output("model.name", recorded.name())
                .output("model.version", recorded.version())
                .output("model.sha256", artifact.sha256())
                .output("dataset.id", dataset.id())
                .metrics(a.metrics())
                .metric("robustness.clean_accuracy_cost", b.cleanAccuracy() - a.cleanAccuracy())
                .metrics(qualityMetrics)
                .used(original.id())
                .used(dataset.id())
                .produced(recorded.id())
                .produced(beforeMetrics.id());
        b.metrics().forEach((k, v) -> result.metric("before." + k, v));
        return AfterTraining.run(ctx, recorded, data, split, result);
    }

    /** The clean-data numbers of both versions as task metrics: {@code auc}, {@code before.auc}, {@code recall.No}, ... */
    private static Map<String, Double> qualityMetrics(CleanQuality before, CleanQuality after) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : CleanQuality.COST_METRICS) {
            if (before.metrics().get(name) != null && after.metrics().get(name) != null) {
                m.put("before." + name, before.metrics().get(name));
                m.put(name, after.metrics().get(name));
            }
        }
        before.recall().forEach((c, r) -> {
            if (after.recall().get(c) != null) {
                m.put("before.recall." + c, r);
                m.put("recall." + c, after.recall().get(c));
            }
        });
        return m;
    }

    private static String positiveClass(StepContext ctx, Model<Label> model, MutableDataset<Label> test) {
        Set<String> observed = new HashSet<>();
        test.getOutputInfo().getDomain().forEach(l -> observed.add(l.getLabel()));
        model.getOutputIDInfo().getDomain().forEach(l -> observed.add(l.getLabel()));
        return ModelEvaluator.positiveClass(ctx.model().positiveClass(), observed);
    }

    static RobustnessSettings settings(Params p) {
        RobustnessSettings d = RobustnessSettings.defaults();
        return new RobustnessSettings(
                p.positive("epsilon", d.epsilon()),
                p.number("noise", d.noise(), 0, 100),
                p.choice("attack", d.attack(), List.of(RobustnessSettings.AUTO, RobustnessSettings.EXACT_LINEAR,
                        RobustnessSettings.HOPSKIPJUMP)),
                p.integer("points", d.points(), 1, 100_000),
                p.integer("batches", d.batches(), 3, 10_000),
                p.integer("samples", d.samples(), 1, 10_000),
                p.positive("radius", d.radius()),
                p.number("augment", d.augment(), 0, 1),
                p.integer("rounds", d.rounds(), 1, 100),
                p.integer("seed", (int) d.seed(), 0, Integer.MAX_VALUE));
    }

    /** A model with its data in its own feature order and its input space. */
    record Measured(ScoreFunction scores, FeatureSpace space, DenseData train, RobustnessReport report) {
    }

    static Measured measure(StepContext ctx, RobustnessAnalyzer analyzer, Model<Label> model,
                            MutableDataset<Label> train, MutableDataset<Label> test) {
        Measured m = measured(ctx, model, train);
        RobustnessReport report = analyzer.measure(m.scores(), m.space(), DenseData.of(model, test),
                Arrays.asList(m.train().rows()));
        return new Measured(m.scores(), m.space(), m.train(), report);
    }

    /** The model's score function, training rows and input space, without a report. */
    static Measured measured(StepContext ctx, Model<Label> model, MutableDataset<Label> train) {
        DenseData trainRows = DenseData.of(model, train);
        return new Measured(ScoreFunctions.of(model), space(ctx, model, trainRows), trainRows, null);
    }

    /** Numeric features are perturbable; their declared min/max (else the observed range) bound them. */
    static FeatureSpace space(StepContext ctx, Model<Label> model, DenseData train) {
        String[] names = new TribuoScoreFunction(model).featureNames();
        Map<String, ColumnSpec> schema = ctx.datasetSpec().schema();
        Set<String> numeric = new HashSet<>();
        double[] lo = new double[names.length];
        double[] hi = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            ColumnSpec col = schema.get(names[i]);
            lo[i] = Double.NaN;
            hi[i] = Double.NaN;
            if (col != null && col.type().isNumeric()) {
                numeric.add(names[i]);
                if (col.min() != null) {
                    lo[i] = col.min();
                }
                if (col.max() != null) {
                    hi[i] = col.max();
                }
            }
        }
        return FeatureSpace.of(names, numeric, train.rows(), lo, hi);
    }

    /**
     * The original's trainer with its recorded hyperparameters; an SGD trainer's epochs are scaled
     * by {@code share} (original rows / augmented rows) so the hardened model gets as many gradient
     * steps as the original did: it is trained differently, not longer.
     */
    private static Trainer<?> trainer(StepContext ctx, Entity original, double share) {
        String name = String.valueOf(original.attributes().get("trainer"));
        TrainerDefinition def = TrainerCatalog.find(name).orElseThrow(() -> new IllegalStateException(
                original.label() + " was trained with '" + name + "', which this build does not know"));
        Object hp = original.attributes().get("hyperparameters");
        Map<String, Object> given = new LinkedHashMap<>();
        if (hp instanceof Map<?, ?> m) {
            m.forEach((k, v) -> given.put(String.valueOf(k), v));
        }
        if (given.get("epochs") instanceof Number epochs) {
            given.put("epochs", Math.max(1, Math.round(epochs.doubleValue() * share)));
        }
        return def.create(def.settings(given, (key, problem) -> {
            throw new IllegalStateException(original.label() + ": recorded hyperparameter " + key + ": " + problem);
        }));
    }
}

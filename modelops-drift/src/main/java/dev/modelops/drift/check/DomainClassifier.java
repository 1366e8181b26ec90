package dev.modelops.drift.check;

import dev.modelops.core.data.Table;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.ml.FeatureEncoder;
import dev.modelops.ml.TrainerCatalog;
import dev.modelops.ml.TrainerDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a classifier (a Tribuo CART tree) to tell reference rows from current rows. If the two
 * sets come from one distribution it cannot beat chance (AUC near 0.5); an AUC well above 0.5
 * means the joint distribution moved, even where no single feature's marginal did. AUC is
 * measured out of fold (3-fold cross-validation on balanced, seeded samples), and each feature's
 * importance is the AUC lost when its values are shuffled among the held-out rows, so the
 * report names the features that give the new data away.
 */
public final class DomainClassifier {
    private static final String REFERENCE = "reference";
    private static final String CURRENT = "current";
    private static final int FOLDS = 3;
    private static final int MIN_ROWS = 30;
    private static final long SEED = 42;
    private static final int MAX_DEPTH = 6;

    private DomainClassifier() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static DomainResult run(Table reference, Table current, DatasetSpec dataset, List<String> features,
                                   DriftSettings settings) {
        int n = Math.min(Math.min(reference.size(), current.size()), settings.domainMaxRows());
        if (n < MIN_ROWS) {
            return DomainResult.skipped(settings.domainAuc(), "needs at least " + MIN_ROWS + " rows on each side, has "
                    + reference.size() + " reference and " + current.size() + " current");
        }
        Random random = new Random(SEED);
        List<String[]> rows = new ArrayList<>(2 * n);
        List<Boolean> isCurrent = new ArrayList<>(2 * n);
        addSample(reference, features, n, random, rows, isCurrent, false);
        addSample(current, features, n, random, rows, isCurrent, true);
        // shuffle jointly, then assign folds round-robin: balanced folds of both sides
        int total = rows.size();
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        for (int i = total - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<String[]> shuffled = new ArrayList<>(total);
        boolean[] positive = new boolean[total];
        for (int i = 0; i < total; i++) {
            shuffled.add(rows.get(order[i]));
            positive[i] = isCurrent.get(order[i]);
        }
        Table table = new Table(features, shuffled);
        FeatureEncoder encoder = new FeatureEncoder(dataset, features, table);
        TrainerDefinition cart = TrainerCatalog.find("cart").orElseThrow();
        Trainer<Label> trainer = (Trainer<Label>) cart.create(cart.settings(
                Map.of("max_depth", MAX_DEPTH, "seed", SEED), (k, m) -> {
                    throw new IllegalStateException(k + ": " + m);
                }));
        double[] scores = new double[total];
        List<Model<Label>> models = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Example<Label>> train = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                if (i % FOLDS != fold) {
                    train.add(example(encoder, table, i, positive[i]));
                }
            }
            LabelFactory factory = new LabelFactory();
            MutableDataset<Label> data = new MutableDataset<>(train,
                    new SimpleDataSourceProvenance("drift domain classifier", factory), factory);
            Model<Label> model = trainer.train(data);
            models.add(model);
            score(model, encoder, table, fold, scores);
        }
        double auc = LabelEvaluationUtil.binaryAUCROC(positive, scores);
        List<DomainResult.Driver> drivers = new ArrayList<>();
        Set<String> split = splitColumns(models, features);
        for (String feature : features) {
            if (split != null && !split.contains(feature)) {
                // no tree splits on it: shuffling it cannot change a score, its importance is exactly 0
                drivers.add(new DomainResult.Driver(feature, 0.0));
                continue;
            }
            Table permuted = permute(table, feature, new Random(SEED + feature.hashCode()));
            double[] permutedScores = new double[total];
            for (int fold = 0; fold < FOLDS; fold++) {
                score(models.get(fold), encoder, permuted, fold, permutedScores);
            }
            double loss = auc - LabelEvaluationUtil.binaryAUCROC(positive, permutedScores);
            drivers.add(new DomainResult.Driver(feature, round(loss)));
        }
        drivers.sort(Comparator.comparingDouble(DomainResult.Driver::importance).reversed()
                .thenComparing(DomainResult.Driver::feature));
        boolean drift = auc >= settings.domainAuc();
        String top = drivers.stream().filter(d -> d.importance() > 0.005).limit(3)
                .map(d -> d.feature() + String.format(Locale.ROOT, " (%.3f)", d.importance()))
                .reduce((a, b) -> a + ", " + b).orElse("none");
        String reason = String.format(Locale.ROOT, "domain classifier AUC %.4f %s %s; driven by %s", auc,
                drift ? ">=" : "<", ColumnComparator.fmt(settings.domainAuc()), top);
        return new DomainResult(round(auc), settings.domainAuc(), drift, n, n,
                "Tribuo CART (max depth " + MAX_DEPTH + "), " + FOLDS + "-fold out-of-fold AUC", drivers, null, reason);
    }

    private static void addSample(Table source, List<String> features, int n, Random random, List<String[]> rows,
                                  List<Boolean> labels, boolean current) {
        int[] cols = features.stream().mapToInt(source::columnIndex).toArray();
        int[] pick = new int[source.size()];
        for (int i = 0; i < pick.length; i++) {
            pick[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pick.length - i);
            int t = pick[i];
            pick[i] = pick[j];
            pick[j] = t;
            String[] full = source.row(pick[i]);
            String[] projected = new String[cols.length];
            for (int c = 0; c < cols.length; c++) {
                projected[c] = full[cols[c]];
            }
            rows.add(projected);
            labels.add(current);
        }
    }

    /**
     * The feature columns some fold's tree splits on (an encoded name is the column, or
     * {@code column@category}), or null when the models do not say.
     */
    private static Set<String> splitColumns(List<Model<Label>> models, List<String> features) {
        Set<String> names = new HashSet<>();
        for (Model<Label> m : models) {
            if (!(m instanceof TreeModel<Label> tree)) {
                return null;
            }
            names.addAll(tree.getFeatures());
        }
        Set<String> columns = new HashSet<>();
        for (String f : features) {
            if (names.contains(f) || names.stream().anyMatch(n -> n.startsWith(f + "@"))) {
                columns.add(f);
            }
        }
        return columns;
    }

    private static Example<Label> example(FeatureEncoder encoder, Table table, int row, boolean current) {
        FeatureEncoder.Encoded e = encoder.encode(table, row);
        return new ArrayExample<>(new Label(current ? CURRENT : REFERENCE), e.names(), e.values());
    }

    private static void score(Model<Label> model, FeatureEncoder encoder, Table table, int fold, double[] into) {
        List<Example<Label>> held = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = fold; i < table.size(); i += FOLDS) {
            held.add(example(encoder, table, i, false));
            index.add(i);
        }
        List<Prediction<Label>> predictions = model.predict(held);
        for (int k = 0; k < predictions.size(); k++) {
            Label s = predictions.get(k).getOutputScores().get(CURRENT);
            into[index.get(k)] = s == null ? 0.0 : s.getScore();
        }
    }

    private static Table permute(Table table, String feature, Random random) {
        int c = table.columnIndex(feature);
        int total = table.size();
        String[] values = new String[total];
        for (int i = 0; i < total; i++) {
            values[i] = table.text(i, c);
        }
        // shuffle within each fold, so every held-out row keeps a value from its own fold
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = fold; i < total; i += FOLDS) {
                idx.add(i);
            }
            for (int k = idx.size() - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                String t = values[idx.get(k)];
                values[idx.get(k)] = values[idx.get(j)];
                values[idx.get(j)] = t;
            }
        }
        List<String[]> rows = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            String[] r = table.row(i).clone();
            r[c] = values[i];
            rows.add(r);
        }
        return new Table(table.columns(), rows);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

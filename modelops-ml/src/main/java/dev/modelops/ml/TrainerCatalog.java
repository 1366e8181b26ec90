package dev.modelops.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * The trainers a spec can name, each a Tribuo trainer with validated hyperparameters. All are
 * seeded, so the same data and spec train the same model.
 */
public final class TrainerCatalog {
    private static final HyperParameter SEED = HyperParameter.integer("seed", 42, 0, "random seed");
    private static final Map<String, TrainerDefinition> TRAINERS = new LinkedHashMap<>();

    static {
        add(new TrainerDefinition("logistic-regression", TaskKind.CLASSIFICATION,
                "logistic regression trained by SGD with AdaGrad (Tribuo LinearSGDTrainer, LogMulticlass)",
                List.of(HyperParameter.integer("epochs", 10, 1, "passes over the training data"),
                        HyperParameter.real("learning_rate", 0.5, 0, "AdaGrad initial learning rate"),
                        HyperParameter.integer("minibatch", 1, 1, "examples per gradient step"), SEED),
                s -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                        new AdaGrad(s.real("learning_rate"), 0.1), s.integer("epochs"), Integer.MAX_VALUE,
                        s.integer("minibatch"), s.seed())));
        add(new TrainerDefinition("xgboost", TaskKind.CLASSIFICATION,
                "gradient-boosted trees (Tribuo XGBoostClassificationTrainer)",
                List.of(HyperParameter.integer("rounds", 50, 1, "boosting rounds (trees)"),
                        HyperParameter.real("eta", 0.3, 0, "learning rate"),
                        HyperParameter.integer("max_depth", 6, 1, "maximum tree depth"),
                        HyperParameter.real("min_child_weight", 1, 0, "minimum hessian weight in a leaf"),
                        HyperParameter.real("subsample", 1, 0, "row subsample ratio"),
                        HyperParameter.real("colsample", 1, 0, "feature subsample ratio"),
                        HyperParameter.integer("threads", 1, 1, "worker threads"), SEED),
                s -> new XGBoostClassificationTrainer(s.integer("rounds"), s.real("eta"), 0.0, s.integer("max_depth"),
                        s.real("min_child_weight"), s.real("subsample"), s.real("colsample"), 1.0, 0.0,
                        s.integer("threads"), true, s.seed())));
        add(new TrainerDefinition("cart", TaskKind.CLASSIFICATION, "a CART decision tree (Tribuo CARTClassificationTrainer)",
                List.of(HyperParameter.integer("max_depth", 8, 1, "maximum tree depth"),
                        HyperParameter.real("min_child_weight", 5, 0, "minimum examples in a leaf"), SEED),
                s -> new CARTClassificationTrainer(s.integer("max_depth"), (float) s.real("min_child_weight"), 0.0f,
                        1.0f, false, new GiniIndex(), s.seed())));
        add(new TrainerDefinition("linear-regression", TaskKind.REGRESSION,
                "least-squares linear regression trained by SGD with AdaGrad (Tribuo LinearSGDTrainer)",
                List.of(HyperParameter.integer("epochs", 10, 1, "passes over the training data"),
                        HyperParameter.real("learning_rate", 0.1, 0, "AdaGrad initial learning rate"),
                        HyperParameter.integer("minibatch", 1, 1, "examples per gradient step"), SEED),
                s -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
                        new AdaGrad(s.real("learning_rate"), 0.1), s.integer("epochs"), Integer.MAX_VALUE,
                        s.integer("minibatch"), s.seed())));
        add(new TrainerDefinition("cart-regressor", TaskKind.REGRESSION, "a CART regression tree (Tribuo CARTRegressionTrainer)",
                List.of(HyperParameter.integer("max_depth", 8, 1, "maximum tree depth"),
                        HyperParameter.real("min_child_weight", 5, 0, "minimum examples in a leaf"), SEED),
                s -> new CARTRegressionTrainer(s.integer("max_depth"), (float) s.real("min_child_weight"), 0.0f, 1.0f,
                        false, new MeanSquaredError(), s.seed())));
        add(new TrainerDefinition("xgboost-regressor", TaskKind.REGRESSION,
                "gradient-boosted regression trees (Tribuo XGBoostRegressionTrainer)",
                List.of(HyperParameter.integer("rounds", 50, 1, "boosting rounds (trees)"),
                        HyperParameter.real("eta", 0.3, 0, "learning rate"),
                        HyperParameter.integer("max_depth", 6, 1, "maximum tree depth"),
                        HyperParameter.integer("threads", 1, 1, "worker threads"), SEED),
                s -> new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR, s.integer("rounds"),
                        s.real("eta"), 0.0, s.integer("max_depth"), 1.0, 1.0, 1.0, 1.0, 0.0, s.integer("threads"),
                        true, s.seed())));
    }

    private TrainerCatalog() {
    }

    private static void add(TrainerDefinition d) {
        TRAINERS.put(d.name(), d);
    }

    public static Optional<TrainerDefinition> find(String name) {
        return Optional.ofNullable(TRAINERS.get(name));
    }

    public static List<TrainerDefinition> all() {
        return List.copyOf(TRAINERS.values());
    }

    public static List<String> names() {
        return List.copyOf(TRAINERS.keySet());
    }
}

package dev.modelops.steps.robustness;

import org.tribuo.Model;
import org.tribuo.classification.Label;

/** Picks the fastest exact {@link ScoreFunction} for a model. */
public final class ScoreFunctions {
    private ScoreFunctions() {
    }

    public static ScoreFunction of(Model<Label> model) {
        return LinearScoreFunction.of(model).<ScoreFunction>map(f -> f).orElseGet(() -> new TribuoScoreFunction(model));
    }
}

package dev.modelops.gates;

import java.util.List;

/**
 * A fairness gate on one protected attribute: who is privileged, which label is the favourable
 * outcome, how small a group may be before a result is called inconclusive, and the checks on
 * AIF360's metrics ({@link Fairness#METRICS}).
 *
 * @param attribute the protected column (need not be a feature of the model)
 * @param privileged the attribute value(s) of the privileged group; every other value is unprivileged
 * @param favorable the favourable label, or null for the model's positive class
 * @param minGroupSize the fewest rows a group (and the positives or negatives a rate is taken
 *                     over) may have before the check is INCONCLUSIVE
 * @param checks the conditions on fairness metrics
 * @param path where it was declared
 */
public record FairnessDeclaration(String attribute, List<String> privileged, String favorable, int minGroupSize,
                                  List<Check> checks, String path) {
    public static final int DEFAULT_MIN_GROUP_SIZE = 30;

    public FairnessDeclaration {
        privileged = List.copyOf(privileged);
        checks = List.copyOf(checks);
    }
}

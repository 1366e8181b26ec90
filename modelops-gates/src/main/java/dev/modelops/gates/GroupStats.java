package dev.modelops.gates;

/**
 * One group of a protected attribute: its size and confusion counts, its rates, and how it
 * compares with the privileged group (null where a rate is undefined or the group is the
 * privileged group's own pool). These are the numbers the fairness breakdown shows, so a reader
 * can redo every ratio by hand.
 *
 * @param group the attribute value (or {@code privileged} / {@code unprivileged} for the pools)
 * @param role privileged, unprivileged or excluded (missing attribute)
 * @param size rows in the group
 * @param predictedFavorable rows predicted favourable
 * @param actualPositives rows whose true label is favourable
 * @param truePositives favourable predictions that were right
 * @param falsePositives favourable predictions that were wrong
 * @param selectionRate predictedFavorable / size
 * @param truePositiveRate truePositives / actualPositives
 * @param falsePositiveRate falsePositives / actual negatives
 * @param disparateImpact selection rate / the privileged pool's selection rate
 * @param statisticalParityDifference selection rate − the privileged pool's
 * @param equalOpportunityDifference TPR − the privileged pool's TPR
 * @param averageOddsDifference ½ (ΔFPR + ΔTPR) against the privileged pool
 */
public record GroupStats(String group, String role, int size, int predictedFavorable, int actualPositives,
                         int truePositives, int falsePositives, Double selectionRate, Double truePositiveRate,
                         Double falsePositiveRate, Double disparateImpact, Double statisticalParityDifference,
                         Double equalOpportunityDifference, Double averageOddsDifference) {
}

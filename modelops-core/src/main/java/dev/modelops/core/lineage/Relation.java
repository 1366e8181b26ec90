package dev.modelops.core.lineage;

/**
 * How one record relates to an earlier one, after W3C PROV: a task run USED a dataset and
 * PRODUCED a model; a model was DERIVED_FROM its training data or its parent model; a
 * verdict or metrics record EVALUATED a model; a deployment DEPLOYED_TO an environment; a
 * promotion was APPROVED_BY an approval; a task run is PART_OF a pipeline run; an event was
 * TRIGGERED_BY a drift report.
 */
public enum Relation {
    USED,
    PRODUCED,
    DERIVED_FROM,
    EVALUATED,
    APPROVED_BY,
    DEPLOYED_TO,
    PART_OF,
    TRIGGERED_BY,
    PREVIOUS_VERSION
}

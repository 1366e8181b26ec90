package dev.modelops.core.lineage;

/** Every kind of thing the lineage store keeps a versioned history of. */
public enum EntityKind {
    DATASET,
    MODEL,
    PIPELINE_RUN,
    TASK_RUN,
    METRICS,
    GATE_VERDICT,
    DEPLOYMENT,
    ENVIRONMENT,
    APPROVAL,
    DRIFT_REPORT,
    PROFILE,
    EVENT,
    ARTIFACT
}

package dev.modelops.steps.deploy;

/**
 * The status of a DEPLOYMENT record. ACTIVE makes its model version the champion of the
 * environment; CANARY serves a share of the traffic beside the champion without replacing it;
 * REFUSED and ROLLED_BACK record deployments that did not happen or were undone, with the reason.
 */
public enum DeploymentStatus {
    ACTIVE,
    CANARY,
    REFUSED,
    ROLLED_BACK,
    RETIRED
}

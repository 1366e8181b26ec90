package dev.modelops.lineage.graph;

import dev.modelops.core.lineage.Relation;

/**
 * Which way lineage is followed. Every edge points from a newer record to an earlier one, and for
 * all relations but one the earlier record is the newer one's input (a model DERIVED_FROM its
 * data, metrics EVALUATED a model, a deployment APPROVED_BY an approval). PRODUCED is the
 * exception: a task run PRODUCED its output, so there the edge's target lies downstream. This
 * enum is the one place that knows it.
 */
public enum Direction {
    /** Towards inputs: what a record was made from ("ancestors"). */
    UPSTREAM,
    /** Towards outputs: what was made from a record ("descendants"). */
    DOWNSTREAM;

    /** True when the edge {@code source -relation-> target} leads from source to target in this direction. */
    public boolean followsEdgeForward(Relation relation) {
        boolean forwardIsUpstream = relation != Relation.PRODUCED;
        return this == UPSTREAM ? forwardIsUpstream : !forwardIsUpstream;
    }

    public Direction opposite() {
        return this == UPSTREAM ? DOWNSTREAM : UPSTREAM;
    }
}

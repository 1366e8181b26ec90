package dev.modelops.lineage.graph;

import dev.modelops.core.lineage.Relation;

/**
 * A stored edge between two records of a graph, as recorded: from the newer record to the earlier one.
 *
 * @param source the record holding the edge
 * @param target the record it points to
 * @param relation what the edge means
 */
public record GraphLink(String source, String target, Relation relation) {
    /** The record upstream of the other (the input), whichever way the edge was stored. */
    public String upstream() {
        return Direction.UPSTREAM.followsEdgeForward(relation) ? target : source;
    }

    /** The record downstream of the other (the output). */
    public String downstream() {
        return Direction.UPSTREAM.followsEdgeForward(relation) ? source : target;
    }
}

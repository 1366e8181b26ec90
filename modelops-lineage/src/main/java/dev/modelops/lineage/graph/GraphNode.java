package dev.modelops.lineage.graph;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.Relation;

/**
 * A record in a lineage graph, with how far it lies from the record the question was about.
 *
 * @param entity the record
 * @param depth hops from the root (0 for the root itself); negative upstream in a two-way graph
 * @param via the relation of the link through which it was first reached, or null for the root
 */
public record GraphNode(Entity entity, int depth, Relation via) {
    public String id() {
        return entity.id();
    }
}

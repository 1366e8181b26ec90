package dev.modelops.core.lineage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A record as stored: immutable, identified by the SHA-256 of its content, and numbered
 * {@code version} within its (kind, name) history in the order versions first appeared.
 *
 * @param id content hash of the record
 * @param kind what sort of entity
 * @param name stable name
 * @param version 1-based version within (kind, name)
 * @param contentHash hash of the entity's bytes, or null
 * @param recordedAt when this version was first recorded
 * @param attributes facts
 * @param edges links to earlier records
 */
public record Entity(String id, EntityKind kind, String name, int version, String contentHash, Instant recordedAt,
                     Map<String, Object> attributes, List<Edge> edges) {
    public Entity {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    /** {@code name@vN}, the form users type in lineage queries. */
    public String label() {
        return name + "@v" + version;
    }

    public List<String> targets(Relation relation) {
        return edges.stream().filter(e -> e.relation() == relation).map(Edge::target).toList();
    }
}

package dev.modelops.core.lineage;

import dev.modelops.core.util.Hashing;
import dev.modelops.core.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a step asks the store to remember. The store derives the record's identity from its
 * content (kind, name, content hash, attributes, edges), so recording the same thing twice yields
 * the same record and a changed thing a new version.
 *
 * @param kind what sort of entity
 * @param name the entity's stable name (a model name, a dataset name, {@code run/<id>})
 * @param contentHash SHA-256 of the entity's bytes (dataset file, model artifact), or null
 * @param attributes JSON-able facts (metrics, parameters, status)
 * @param edges links to earlier records
 */
public record LineageRecord(EntityKind kind, String name, String contentHash, Map<String, Object> attributes,
                            List<Edge> edges) {
    public LineageRecord {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    /** The record's identity: SHA-256 of its canonical JSON form. */
    public String id() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", kind.name());
        content.put("name", name);
        content.put("contentHash", contentHash == null ? "" : contentHash);
        content.put("attributes", attributes);
        content.put("edges", edges);
        return Hashing.sha256(Json.canonical(content));
    }

    public static Builder builder(EntityKind kind, String name) {
        return new Builder(kind, name);
    }

    /** Collects attributes and edges for a record. */
    public static final class Builder {
        private final EntityKind kind;
        private final String name;
        private String contentHash;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final List<Edge> edges = new java.util.ArrayList<>();

        private Builder(EntityKind kind, String name) {
            this.kind = kind;
            this.name = name;
        }

        public Builder contentHash(String hash) {
            this.contentHash = hash;
            return this;
        }

        public Builder attribute(String key, Object value) {
            if (value != null) {
                attributes.put(key, value);
            }
            return this;
        }

        public Builder attributes(Map<String, ?> values) {
            values.forEach(this::attribute);
            return this;
        }

        public Builder edge(Relation relation, String target) {
            if (target != null) {
                edges.add(new Edge(relation, target));
            }
            return this;
        }

        public LineageRecord build() {
            return new LineageRecord(kind, name, contentHash, attributes, edges);
        }
    }
}

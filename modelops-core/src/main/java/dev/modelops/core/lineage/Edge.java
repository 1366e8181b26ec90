package dev.modelops.core.lineage;

/**
 * A directed, typed link from the record that holds it to an earlier record.
 *
 * @param relation what the link means
 * @param target the id of the earlier record
 */
public record Edge(Relation relation, String target) {
}

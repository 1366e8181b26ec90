package dev.modelops.core.lineage;

import java.util.List;
import java.util.Optional;

/**
 * The durable memory of the lifecycle. Implementations must be safe for several processes at
 * once (Jenkins runs builds in parallel) and never update a record in place: a change is a new
 * version. Steps depend only on this interface; the lineage module provides the stores.
 */
public interface LineageStore extends AutoCloseable {
    /**
     * Records an entity version. Recording content that is already stored returns the stored
     * record unchanged (same id, same version).
     */
    Entity record(LineageRecord record);

    Optional<Entity> get(String id);

    /** All versions of (kind, name), oldest first. */
    List<Entity> history(EntityKind kind, String name);

    /** The newest version of (kind, name). */
    default Optional<Entity> latest(EntityKind kind, String name) {
        List<Entity> all = history(kind, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** A specific version of (kind, name). */
    default Optional<Entity> version(EntityKind kind, String name, int version) {
        return history(kind, name).stream().filter(e -> e.version() == version).findFirst();
    }

    /** Records that link to {@code id}, optionally only by one relation (null for any). */
    List<Entity> referrers(String id, Relation relation);

    /** All entity names of a kind, sorted. */
    List<String> names(EntityKind kind);

    /**
     * Where the store is, in the form {@code --store} takes ({@code sqlite:/path/lineage.db},
     * {@code postgresql://host:port/db}, never with credentials), so a step can tell the user the
     * command that reads what it recorded; empty for a throw-away store.
     */
    default Optional<String> location() {
        return Optional.empty();
    }

    @Override
    void close();
}

package dev.modelops.core.lineage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A lineage store that lives only as long as the process: for {@code --store memory:} dry runs
 * and for tests of components that need a store but not durability.
 */
public final class InMemoryLineageStore implements LineageStore {
    private final Map<String, Entity> byId = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryLineageStore() {
        this(Clock.systemUTC());
    }

    public InMemoryLineageStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Entity record(LineageRecord record) {
        String id = record.id();
        Entity existing = byId.get(id);
        if (existing != null) {
            return existing;
        }
        int version = history(record.kind(), record.name()).size() + 1;
        Entity entity = new Entity(id, record.kind(), record.name(), version, record.contentHash(), clock.instant(),
                record.attributes(), record.edges());
        byId.put(id, entity);
        return entity;
    }

    @Override
    public synchronized Optional<Entity> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Entity> history(EntityKind kind, String name) {
        return byId.values().stream().filter(e -> e.kind() == kind && e.name().equals(name)).toList();
    }

    @Override
    public synchronized List<Entity> referrers(String id, Relation relation) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : byId.values()) {
            if (e.edges().stream().anyMatch(edge -> edge.target().equals(id)
                    && (relation == null || edge.relation() == relation))) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized List<String> names(EntityKind kind) {
        TreeSet<String> names = new TreeSet<>();
        byId.values().stream().filter(e -> e.kind() == kind).forEach(e -> names.add(e.name()));
        return List.copyOf(names);
    }

    @Override
    public void close() {
        // nothing to release
    }
}

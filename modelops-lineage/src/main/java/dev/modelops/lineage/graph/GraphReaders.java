package dev.modelops.lineage.graph;

import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link GraphReader} for any store: the store itself when it has one (the JDBC stores), else a
 * breadth-first walk over {@link LineageStore#get} and {@link LineageStore#referrers} (the
 * in-memory store of {@code --store memory:}).
 */
public final class GraphReaders {
    private GraphReaders() {
    }

    public static GraphReader of(LineageStore store) {
        return store instanceof GraphReader reader ? reader : new Walking(store);
    }

    private record Walking(LineageStore store) implements GraphReader {
        @Override
        public Set<String> reachable(String id, Direction direction) {
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> queue = new ArrayDeque<>(List.of(id));
            while (!queue.isEmpty()) {
                String current = queue.removeFirst();
                if (!seen.add(current)) {
                    continue;
                }
                store.get(current).ifPresent(e -> {
                    for (Edge edge : e.edges()) {
                        if (direction.followsEdgeForward(edge.relation())) {
                            queue.add(edge.target());
                        }
                    }
                });
                for (Entity referrer : store.referrers(current, null)) {
                    for (Edge edge : referrer.edges()) {
                        if (edge.target().equals(current) && !direction.followsEdgeForward(edge.relation())) {
                            queue.add(referrer.id());
                        }
                    }
                }
            }
            return seen;
        }

        @Override
        public Map<String, Entity> getAll(Collection<String> ids) {
            Map<String, Entity> out = new LinkedHashMap<>();
            for (String id : ids) {
                store.get(id).ifPresent(e -> out.put(id, e));
            }
            return out;
        }

        @Override
        public List<String> idsStartingWith(String prefix, int limit) {
            List<String> out = new ArrayList<>();
            for (EntityKind kind : EntityKind.values()) {
                for (String name : store.names(kind)) {
                    for (Entity e : store.history(kind, name)) {
                        if (e.id().startsWith(prefix) && out.size() < limit) {
                            out.add(e.id());
                        }
                    }
                }
            }
            return out;
        }
    }
}

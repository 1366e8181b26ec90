package dev.modelops.lineage.graph;

import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds lineage graphs: the reachable set comes from the store in one query
 * ({@link GraphReader#reachable}), the records in bulk, and depths by a breadth-first walk over
 * the links in memory. No per-record round trips, so answers take milliseconds even on a store
 * with years of history.
 */
public final class LineageGraphs {
    private final GraphReader reader;

    public LineageGraphs(GraphReader reader) {
        this.reader = reader;
    }

    /** Everything {@code root} was made from, transitively. */
    public LineageGraph ancestors(Entity root) {
        return walk(root, Direction.UPSTREAM);
    }

    /** Everything made from {@code root}, transitively. */
    public LineageGraph descendants(Entity root) {
        return walk(root, Direction.DOWNSTREAM);
    }

    private LineageGraph walk(Entity root, Direction direction) {
        Set<String> ids = reader.reachable(root.id(), direction);
        Map<String, Entity> entities = reader.getAll(ids);
        entities.putIfAbsent(root.id(), root);
        return build(root, entities, Map.of(direction, 1));
    }

    /**
     * The whole story around a record, as the web view shows it: its ancestors, its descendants,
     * and the direct inputs of those descendants (the environment a deployment went to, the
     * approval it needed, the dataset a gate judged on).
     */
    public LineageGraph neighbourhood(Entity root) {
        Set<String> up = reader.reachable(root.id(), Direction.UPSTREAM);
        Set<String> down = reader.reachable(root.id(), Direction.DOWNSTREAM);
        Map<String, Entity> entities = reader.getAll(union(up, down));
        entities.putIfAbsent(root.id(), root);
        Set<String> inputs = new LinkedHashSet<>();
        for (String id : down) {
            Entity e = entities.get(id);
            if (e != null) {
                inputs.addAll(directInputs(e));
            }
        }
        inputs.removeAll(entities.keySet());
        entities.putAll(reader.getAll(inputs));
        return build(root, entities, Map.of(Direction.UPSTREAM, -1, Direction.DOWNSTREAM, 1));
    }

    /**
     * The graph of a set of records (a run's task runs and pipeline-run versions) with everything
     * they used and produced and the direct inputs of those, rooted at {@code root}.
     */
    public LineageGraph around(Entity root, Collection<Entity> members) {
        Map<String, Entity> entities = new LinkedHashMap<>();
        entities.put(root.id(), root);
        members.forEach(m -> entities.put(m.id(), m));
        Set<String> touched = new LinkedHashSet<>();
        for (Entity m : members) {
            m.edges().forEach(e -> touched.add(e.target()));
        }
        touched.removeAll(entities.keySet());
        entities.putAll(reader.getAll(touched));
        Set<String> inputs = new LinkedHashSet<>();
        for (Entity e : entities.values()) {
            if (e.kind() != EntityKind.PIPELINE_RUN && e.kind() != EntityKind.TASK_RUN) {
                inputs.addAll(directInputs(e));
            }
        }
        inputs.removeAll(entities.keySet());
        entities.putAll(reader.getAll(inputs));
        return build(root, entities, Map.of(Direction.UPSTREAM, -1, Direction.DOWNSTREAM, 1));
    }

    private static List<String> directInputs(Entity e) {
        List<String> out = new ArrayList<>();
        for (Edge edge : e.edges()) {
            if (Direction.UPSTREAM.followsEdgeForward(edge.relation())) {
                out.add(edge.target());
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Links among the given records, and depths by breadth-first search from the root in each
     * requested direction (the sign says which side of the root a record lies on).
     */
    private static LineageGraph build(Entity root, Map<String, Entity> entities, Map<Direction, Integer> signs) {
        List<GraphLink> links = new ArrayList<>();
        Map<String, List<GraphLink>> byUpstream = new HashMap<>();
        Map<String, List<GraphLink>> byDownstream = new HashMap<>();
        for (Entity e : entities.values()) {
            for (Edge edge : e.edges()) {
                if (entities.containsKey(edge.target())) {
                    GraphLink link = new GraphLink(e.id(), edge.target(), edge.relation());
                    links.add(link);
                    byDownstream.computeIfAbsent(link.downstream(), k -> new ArrayList<>()).add(link);
                    byUpstream.computeIfAbsent(link.upstream(), k -> new ArrayList<>()).add(link);
                }
            }
        }
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        nodes.put(root.id(), new GraphNode(root, 0, null));
        for (Map.Entry<Direction, Integer> side : signs.entrySet()) {
            Direction direction = side.getKey();
            int sign = side.getValue();
            Map<String, Integer> depth = new HashMap<>(Map.of(root.id(), 0));
            Deque<String> queue = new ArrayDeque<>(List.of(root.id()));
            while (!queue.isEmpty()) {
                String current = queue.removeFirst();
                List<GraphLink> next = direction == Direction.UPSTREAM
                        ? byDownstream.getOrDefault(current, List.of())
                        : byUpstream.getOrDefault(current, List.of());
                for (GraphLink link : next) {
                    String other = direction == Direction.UPSTREAM ? link.upstream() : link.downstream();
                    if (depth.containsKey(other)) {
                        continue;
                    }
                    int d = depth.get(current) + 1;
                    depth.put(other, d);
                    queue.add(other);
                    nodes.putIfAbsent(other, new GraphNode(entities.get(other), sign * d, link.relation()));
                }
            }
        }
        // records only linked sideways (an environment a descendant deployment went to)
        for (Entity e : entities.values()) {
            nodes.putIfAbsent(e.id(), new GraphNode(e, signs.size() > 1 ? 1 : 0, sideRelation(e, links)));
        }
        return new LineageGraph(root, new ArrayList<>(nodes.values()), links);
    }

    private static Relation sideRelation(Entity e, List<GraphLink> links) {
        return links.stream().filter(l -> l.target().equals(e.id()) || l.source().equals(e.id()))
                .map(GraphLink::relation).findFirst().orElse(null);
    }
}

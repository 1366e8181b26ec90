package dev.modelops.lineage.graph;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The answer to a lineage question: the records reached from a root and the stored links among
 * them. Ancestors, descendants, the neighbourhood shown in the web view and the graph of one run
 * are all graphs of this shape, so one renderer draws them all.
 *
 * @param root the record the question was about
 * @param nodes the records reached, nearest first
 * @param links the edges among the nodes
 */
public record LineageGraph(Entity root, List<GraphNode> nodes, List<GraphLink> links) {
    public LineageGraph {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    public Map<String, GraphNode> byId() {
        return nodes.stream().collect(Collectors.toMap(GraphNode::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    public Optional<GraphNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The nodes other than the root, nearest first. */
    public List<GraphNode> reached() {
        return nodes.stream().filter(n -> !n.id().equals(root.id()))
                .sorted(Comparator.comparingInt((GraphNode n) -> Math.abs(n.depth()))
                        .thenComparing(n -> n.entity().kind())
                        .thenComparing(n -> n.entity().name())
                        .thenComparingInt(n -> n.entity().version()))
                .toList();
    }

    public List<Entity> entities(EntityKind kind) {
        return nodes.stream().map(GraphNode::entity).filter(e -> e.kind() == kind).toList();
    }

    public boolean contains(String id) {
        return nodes.stream().anyMatch(n -> n.id().equals(id));
    }
}

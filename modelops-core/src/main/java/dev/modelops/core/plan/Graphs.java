package dev.modelops.core.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cycle detection and a stable topological order for task graphs. */
public final class Graphs {
    private Graphs() {
    }

    /**
     * A cycle in the graph as a list of ids (first id repeated at the end), if there is one.
     *
     * @param deps id to the ids it depends on, in declaration order; unknown ids are ignored
     */
    public static Optional<List<String>> findCycle(Map<String, List<String>> deps) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        for (String start : deps.keySet()) {
            List<String> stack = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, deps, state, stack);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String id, Map<String, List<String>> deps, Map<String, Integer> state,
                                                List<String> stack) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(id), stack.size()));
            cycle.add(id);
            return Optional.of(cycle);
        }
        state.put(id, 1);
        stack.add(id);
        for (String d : deps.getOrDefault(id, List.of())) {
            if (deps.containsKey(d)) {
                Optional<List<String>> cycle = visit(d, deps, state, stack);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        stack.remove(stack.size() - 1);
        state.put(id, 2);
        return Optional.empty();
    }

    /** Kahn's algorithm, keeping declaration order among ready tasks. Assumes no cycle. */
    public static List<PlannedTask> topologicalOrder(List<PlannedTask> tasks) {
        Map<String, PlannedTask> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.id(), t));
        List<PlannedTask> ordered = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        while (ordered.size() < tasks.size()) {
            boolean progressed = false;
            for (PlannedTask t : byId.values()) {
                if (!done.contains(t.id()) && done.containsAll(t.dependsOn())) {
                    ordered.add(t);
                    done.add(t.id());
                    progressed = true;
                    break;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("the task graph has a cycle");
            }
        }
        return ordered;
    }
}

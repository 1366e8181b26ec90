package dev.modelops.core.exec;

import dev.modelops.core.InputError;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.PlannedTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Step implementations by type, found through {@link StepProvider}s on the class path. */
public final class StepRegistry {
    private final Map<String, StepProvider> providers;

    public StepRegistry(List<StepProvider> providers) {
        Map<String, StepProvider> byType = new LinkedHashMap<>();
        providers.forEach(p -> byType.putIfAbsent(p.type().name(), p));
        this.providers = Map.copyOf(byType);
    }

    public static StepRegistry discover() {
        List<StepProvider> found = new java.util.ArrayList<>();
        ServiceLoader.load(StepProvider.class).forEach(found::add);
        return new StepRegistry(found);
    }

    public boolean has(String type) {
        return providers.containsKey(type);
    }

    public Step create(String type) {
        StepProvider p = providers.get(type);
        if (p == null) {
            throw new IllegalStateException("no implementation of step " + type);
        }
        return p.create();
    }

    /** Fails before anything runs if a task's step type has no implementation installed. */
    public void requireImplementations(Plan plan) {
        for (PlannedTask t : plan.tasks()) {
            if (!has(t.type())) {
                throw new InputError(t.specPath(), "task '" + t.id() + "' uses step " + t.type()
                        + ", which is not installed in this build; installed: " + new TreeSet<>(providers.keySet()));
            }
        }
    }
}

package dev.modelops.core.plan;

import java.util.ArrayList;
import java.util.List;

/** Graph edits shared by transformers. */
public final class Transformations {
    private Transformations() {
    }

    /**
     * Inserts {@code inserted} (which must depend on {@code afterId}) directly after that task
     * and re-points every other task that depended on {@code afterId} to the inserted task.
     */
    public static void insertAfter(List<PlannedTask> tasks, String afterId, PlannedTask inserted) {
        for (int i = 0; i < tasks.size(); i++) {
            PlannedTask t = tasks.get(i);
            if (t.dependsOn().contains(afterId)) {
                List<String> deps = new ArrayList<>();
                for (String d : t.dependsOn()) {
                    deps.add(d.equals(afterId) ? inserted.id() : d);
                }
                tasks.set(i, t.withDependsOn(deps));
            }
        }
        int at = 0;
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).id().equals(afterId)) {
                at = i + 1;
            }
        }
        tasks.add(at, inserted);
    }
}

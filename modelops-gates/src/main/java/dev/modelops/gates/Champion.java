package dev.modelops.gates;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import java.util.List;
import java.util.Optional;

/**
 * The model version currently serving a model in an environment, by the shared lineage
 * convention: the model version of the newest DEPLOYMENT {@code <model>/<env>} record whose status
 * is ACTIVE. With none there is no champion, and champion checks pass saying so.
 *
 * @param deployment the ACTIVE deployment record
 * @param modelVersion the model version it serves, or empty when the record names a version this
 *                     lineage store does not hold
 */
public record Champion(Entity deployment, Optional<Entity> modelVersion) {

    /** Finds the champion of (model, env). */
    public static Optional<Champion> find(LineageStore store, String model, String env) {
        List<Entity> history = store.history(EntityKind.DEPLOYMENT, model + "/" + env);
        for (int i = history.size() - 1; i >= 0; i--) {
            Entity d = history.get(i);
            if ("ACTIVE".equals(String.valueOf(d.attributes().get("status")))) {
                return Optional.of(new Champion(d, modelOf(store, d)));
            }
        }
        return Optional.empty();
    }

    private static Optional<Entity> modelOf(LineageStore store, Entity deployment) {
        for (String id : deployment.targets(Relation.USED)) {
            Optional<Entity> e = store.get(id);
            if (e.isPresent() && e.get().kind() == EntityKind.MODEL) {
                return e;
            }
        }
        Object id = deployment.attributes().get("modelId");
        return id == null ? Optional.empty() : store.get(String.valueOf(id)).filter(e -> e.kind() == EntityKind.MODEL);
    }
}

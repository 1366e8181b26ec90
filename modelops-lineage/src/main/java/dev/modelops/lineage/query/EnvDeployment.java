package dev.modelops.lineage.query;

import dev.modelops.core.lineage.Entity;
import java.util.List;

/**
 * Where a model stands in one environment.
 *
 * @param env the environment's name
 * @param current the newest DEPLOYMENT record of {@code <model>/<env>}, whatever its status
 * @param champion the model version of the newest ACTIVE deployment (the champion), or null
 * @param championDeployment that ACTIVE DEPLOYMENT record, or null
 * @param history every DEPLOYMENT record of {@code <model>/<env>}, oldest first
 */
public record EnvDeployment(String env, Entity current, Entity champion, Entity championDeployment,
                            List<Entity> history) {
    public EnvDeployment {
        history = List.copyOf(history);
    }
}

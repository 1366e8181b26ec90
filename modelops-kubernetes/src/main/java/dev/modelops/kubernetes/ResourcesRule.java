package dev.modelops.kubernetes;

import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecRule;
import java.util.Map;

/**
 * Checks every model's {@code resources:} (GPU count, CPU and memory quantities, node selector,
 * tolerations, volume) at {@code modelops validate}, with the line of the bad key, so a typo never
 * reaches the cluster or a Jenkins pod template. Environment defaults are not consulted here.
 */
public final class ResourcesRule implements SpecRule {
    @Override
    public void check(ModelOpsSpec spec, Problems problems) {
        for (ModelSpec m : spec.models().values()) {
            String base = "models." + m.name() + ".resources";
            TrainingJobSettings.read(m.resources(), null, Map.of(),
                    (key, message) -> problems.add(m.resources().containsKey(key) ? base + "." + key : base, message));
        }
    }
}

package dev.modelops.steps.deploy;

import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecRule;
import java.util.Map;

/** {@code modelops validate} checks every environment's {@code deploy} settings. */
public final class DeploySettingsRule implements SpecRule {
    @Override
    public void check(ModelOpsSpec spec, Problems problems) {
        for (EnvironmentSpec env : spec.environments().values()) {
            String path = "environments." + env.name() + ".deploy";
            DeploySettings.read(env.deploy(), Map.of(), spec.source().getFileName().toString(),
                    (key, message) -> problems.add(path + "." + key, message));
        }
    }
}

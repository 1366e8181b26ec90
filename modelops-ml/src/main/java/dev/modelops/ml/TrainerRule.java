package dev.modelops.ml;

import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecRule;
import java.util.Optional;

/** Checks each model's trainer name and hyperparameters against the trainer catalog. */
public final class TrainerRule implements SpecRule {
    @Override
    public void check(ModelOpsSpec spec, Problems problems) {
        for (ModelSpec m : spec.models().values()) {
            if (m.trainer() == null) {
                continue;
            }
            String path = "models." + m.name();
            Optional<TrainerDefinition> trainer = TrainerCatalog.find(m.trainer());
            if (trainer.isEmpty()) {
                problems.add(path + ".trainer", "unknown trainer '" + m.trainer() + "'; known: "
                        + String.join(", ", TrainerCatalog.names()));
                continue;
            }
            trainer.get().settings(m.hyperparameters(),
                    (key, message) -> problems.add(path + ".hyperparameters." + key, message));
        }
    }
}

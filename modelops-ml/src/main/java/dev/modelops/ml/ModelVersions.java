package dev.modelops.ml;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import java.util.Optional;
import org.tribuo.Model;

/**
 * Finds the model version a task works on and loads its artifact. A task uses the model an
 * upstream task produced ({@code model.id}); without one it uses the newest recorded version of
 * its model. The artifact's bytes are checked against the hash lineage recorded before use.
 */
public final class ModelVersions {
    public static final String MODEL_ID = "model.id";

    private ModelVersions() {
    }

    public static Entity resolve(StepContext ctx) {
        LineageStore lineage = ctx.run().lineage();
        Optional<String> upstream = ctx.upstream(MODEL_ID);
        if (upstream.isPresent()) {
            return lineage.get(upstream.get()).orElseThrow(() -> new IllegalStateException(
                    "upstream model record " + upstream.get() + " is not in the lineage store"));
        }
        String name = ctx.model().name();
        return lineage.latest(EntityKind.MODEL, name).orElseThrow(() -> new InputError(ctx.task().specPath(),
                "task '" + ctx.task().id() + "': model '" + name + "' has no trained version yet; add a trainModel task"
                        + " to its depends_on or run a training pipeline first"));
    }

    /** The artifact of a model version, verified against its recorded hash. */
    public static ArtifactRef artifact(ArtifactStore store, Entity model) {
        String sha = model.contentHash();
        ArtifactRef ref = store.find(sha).orElseThrow(() -> new InputError(model.label(),
                "artifact sha256 " + sha + " is not in the artifact store " + store.root()));
        if (!store.verify(sha)) {
            throw new InputError(model.label(), "artifact " + ref.path() + " no longer matches its recorded sha256 "
                    + sha + " (modified after training); refusing to use it");
        }
        return ref;
    }

    /** The model of a version: Tribuo protobuf, or ONNX through Tribuo's ONNXExternalModel ({@link OnnxModels}). */
    public static Model<?> load(ArtifactStore store, Entity model) {
        return OnnxModels.loadAny(artifact(store, model).path(), model);
    }

    public static TaskKind kind(Entity model) {
        Object kind = model.attributes().get("kind");
        return kind == null ? TaskKind.CLASSIFICATION : TaskKind.valueOf(String.valueOf(kind));
    }
}

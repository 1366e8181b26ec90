package dev.modelops.ml;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import java.util.List;
import java.util.Optional;
import org.tribuo.Model;

/**
 * Finds the model version a task works on and loads its artifact. A task uses, in this order: the
 * version it names ({@code with.model_version}: a version number, {@code name@vN} or a lineage
 * id; {@code modelops step --model-version}), so a CI build can pin the version its own earlier
 * step produced even when other builds train the same model meanwhile; the model an upstream
 * task produced ({@code model.id}); else the newest version of its model whose producing task
 * did not fail (a training whose post-training hook failed leaves a recorded version behind, and
 * later steps must not pick it up). The artifact's bytes are checked against the hash lineage
 * recorded before use.
 */
public final class ModelVersions {
    public static final String MODEL_ID = "model.id";
    /** The {@code with:} key that pins a task to one model version. */
    public static final String MODEL_VERSION = "model_version";

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("v?([0-9]{1,9})");

    private ModelVersions() {
    }

    public static Entity resolve(StepContext ctx) {
        LineageStore lineage = ctx.run().lineage();
        Optional<Object> pinned = ctx.param(MODEL_VERSION).filter(v -> !String.valueOf(v).isBlank());
        if (pinned.isPresent()) {
            return pinned(ctx, String.valueOf(pinned.get()).trim());
        }
        Optional<String> upstream = ctx.upstream(MODEL_ID);
        if (upstream.isPresent()) {
            return lineage.get(upstream.get()).orElseThrow(() -> new IllegalStateException(
                    "upstream model record " + upstream.get() + " is not in the lineage store"));
        }
        String name = ctx.model().name();
        List<Entity> history = lineage.history(EntityKind.MODEL, name);
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!producedByFailedTask(lineage, history.get(i))) {
                return history.get(i);
            }
        }
        throw new InputError(ctx.task().specPath(), "task '" + ctx.task().id() + "': model '" + name + "' has no "
                + (history.isEmpty() ? "trained version yet" : "usable version (every recorded one came from a failed task)")
                + "; add a trainModel task to its depends_on or run a training pipeline first");
    }

    /**
     * The version a task names: {@code N} (or {@code vN}, {@code name@vN}) of the task's model, or
     * the lineage id of one of its versions.
     */
    static Entity pinned(StepContext ctx, String value) {
        String place = ctx.run().spec().placeOf(ctx.task().specPath() + ".with." + MODEL_VERSION);
        return pinned(ctx.run().lineage(), ctx.model().name(), value, place, "task '" + ctx.task().id() + "': ");
    }

    /**
     * The version {@code value} names among model {@code name}'s versions, else bad input at
     * {@code place}. Public so {@code modelops step --model-version} can refuse a version that does
     * not exist before its run starts, with the message a task gives.
     *
     * @param context what starts the message ({@code "task 'x': "}, or empty)
     */
    public static Entity pinned(LineageStore lineage, String name, String value, String place, String context) {
        String number = value.startsWith(name + "@") ? value.substring(name.length() + 1) : value;
        java.util.regex.Matcher m = NUMBER.matcher(number);
        if (m.matches()) {
            int v = Integer.parseInt(m.group(1));
            return lineage.version(EntityKind.MODEL, name, v).orElseThrow(() -> new InputError(place, context
                    + "model '" + name + "' has no version " + v + " ("
                    + versions(lineage.history(EntityKind.MODEL, name)) + ")"));
        }
        Entity e = lineage.get(value).orElseThrow(() -> new InputError(place, context + "model_version '" + value
                + "' is neither a version number of '" + name + "' nor a lineage id in this store"));
        if (e.kind() != EntityKind.MODEL || !e.name().equals(name)) {
            throw new InputError(place, context + "model_version '" + value + "' is " + e.kind() + " " + e.label()
                    + ", not a version of model '" + name + "'");
        }
        return e;
    }

    /**
     * Whether every task run that PRODUCED this version failed (a version with no producing task
     * run, e.g. an imported one, is usable).
     */
    static boolean producedByFailedTask(LineageStore lineage, Entity version) {
        boolean failed = false;
        for (Entity r : lineage.referrers(version.id(), Relation.PRODUCED)) {
            if (r.kind() != EntityKind.TASK_RUN) {
                continue;
            }
            if ("FAILED".equals(String.valueOf(r.attributes().get("status")))) {
                failed = true;
            } else {
                return false;
            }
        }
        return failed;
    }

    private static String versions(List<Entity> history) {
        return history.isEmpty() ? "none recorded" : "versions 1.." + history.get(history.size() - 1).version();
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

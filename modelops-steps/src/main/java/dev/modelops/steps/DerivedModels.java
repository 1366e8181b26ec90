package dev.modelops.steps;

import dev.modelops.core.exec.StepContext;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import java.util.List;

/**
 * The shared shape of a model version made from another one (hardened, exported, quantized): same
 * model name, the parent's description (kind, trainer, features, label, ...), a {@code variant}
 * attribute and a DERIVED_FROM edge to the parent, per the lineage convention.
 */
final class DerivedModels {
    /** Attributes that describe what the model is and carry over to derived versions. */
    private static final List<String> INHERITED = List.of("kind", "trainer", "tribuoTrainer", "hyperparameters",
            "features", "label", "positiveClass", "split", "featureIds", "outputIds", "classes");

    private DerivedModels() {
    }

    /** A MODEL record builder for a version derived from {@code parent}. */
    static LineageRecord.Builder builder(StepContext ctx, Entity parent, String variant, String sha256, long bytes,
                                         String format) {
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.MODEL, parent.name()).contentHash(sha256);
        for (String key : INHERITED) {
            Object v = parent.attributes().get(key);
            if (v != null) {
                b.attribute(key, v);
            }
        }
        return b.attribute("variant", variant)
                .attribute("parent", parent.label())
                .attribute("parentId", parent.id())
                .attribute("format", format)
                .attribute("artifactBytes", bytes)
                .attribute("runId", ctx.run().info().runId())
                .attribute("specHash", ctx.run().info().specHash())
                .edge(Relation.DERIVED_FROM, parent.id());
    }

    /** The variant of a model version ({@code trained} when none is recorded). */
    static String variant(Entity model) {
        Object v = model.attributes().get("variant");
        return v == null ? "trained" : String.valueOf(v);
    }

    static String format(Entity model) {
        Object v = model.attributes().get("format");
        return v == null ? "tribuo-protobuf" : String.valueOf(v);
    }
}

package dev.modelops.drift.lineage;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.drift.profile.ColumnKind;
import dev.modelops.drift.profile.ColumnProfile;
import dev.modelops.drift.profile.DataProfile;
import dev.modelops.drift.profile.ModelPredictor;
import dev.modelops.drift.profile.NumericSummary;
import dev.modelops.drift.profile.ProfileCodec;
import dev.modelops.drift.profile.ProfileLayout;
import dev.modelops.drift.profile.ProfileSource;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.drift.profile.TableProfiler;
import dev.modelops.ml.TaskKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Model;

/**
 * Builds, records and finds reference profiles. A profile is stored twice over: its JSON (with
 * the sketches) as a content-addressed artifact, and a PROFILE lineage record (name = model name,
 * content hash = the artifact's SHA-256, DERIVED_FROM the model version and the dataset version)
 * whose attributes summarise every column for people and lineage queries.
 */
public final class ReferenceProfiles {
    public static final String FORMAT = ProfileCodec.FORMAT + "/" + ProfileCodec.FORMAT_VERSION;

    private ReferenceProfiles() {
    }

    /** The training rows a model version learnt from: the split's training rows that have a label. */
    public static int[] labelledTrainingRows(Table table, Split split, String label) {
        if (label == null || !table.hasColumn(label)) {
            return split.train();
        }
        int c = table.columnIndex(label);
        return java.util.Arrays.stream(split.train()).filter(r -> table.text(r, c) != null).toArray();
    }

    /** Profiles the training rows of a model version and its predictions on them. */
    public static ReferenceProfile build(Entity modelVersion, String datasetId, ModelSpec spec, LoadedDataset data,
                                         Split split, Model<?> model, TaskKind task) {
        ModelPredictor predictor = new ModelPredictor(model, task, data.spec(), spec.features(), spec.positiveClass());
        DataProfile profile = ProfileLayout.empty(data.spec(), spec.features(), spec.label(), task, predictor.givesScore());
        int[] rows = labelledTrainingRows(data.table(), split, spec.label());
        TableProfiler.addRows(profile, data.table(), rows, data.path().toString());
        predictor.addPredictions(profile, data.table(), rows);
        ProfileSource source = new ProfileSource(modelVersion.name(), modelVersion.version(), modelVersion.id(),
                modelVersion.contentHash(), task.name(), spec.features(), spec.label(),
                task == TaskKind.CLASSIFICATION ? predictor.positiveClass() : null, data.spec().name(), datasetId,
                data.path().toAbsolutePath().normalize().toString(), data.sha256(), spec.split().train(),
                spec.split().train() == null ? spec.split().ratio() : null, spec.split().seed(), split.description());
        return new ReferenceProfile(source, profile);
    }

    /** Stores the profile as an artifact and records it; returns the PROFILE record. */
    public static Entity record(LineageStore lineage, ArtifactStore artifacts, ReferenceProfile reference,
                                Map<String, Object> extra) {
        ArtifactRef ref = artifacts.put(ProfileCodec.write(reference));
        ProfileSource s = reference.source();
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.PROFILE, s.model())
                .contentHash(ref.sha256())
                .attribute("format", FORMAT)
                .attribute("model", s.model() + "@v" + s.modelVersion())
                .attribute("rows", reference.profile().rows())
                .attribute("sketch", "KLL doubles, k=" + NumericSummary.DEFAULT_K + " (Apache DataSketches 6.2.0)")
                .attribute("split", s.splitDescription())
                .attribute("datasetSha256", s.datasetSha256())
                .attribute("artifactBytes", ref.size())
                .attribute("columns", summary(reference.profile()))
                .attributes(extra)
                .edge(Relation.DERIVED_FROM, s.modelId())
                .edge(Relation.DERIVED_FROM, s.datasetId());
        return lineage.record(b.build());
    }

    /** Column summaries for the lineage record: exact statistics and category counts, no sketches. */
    static Map<String, Object> summary(DataProfile profile) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ColumnProfile c : profile.columns().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", c.role().jsonName());
            m.put("kind", c.kind().jsonName());
            m.put("count", c.count());
            m.put("missing", c.missing());
            if (c.kind() == ColumnKind.NUMERIC && c.count() > 0) {
                NumericSummary n = c.numeric();
                m.put("mean", n.mean());
                m.put("std", Math.sqrt(n.variance()));
                m.put("min", n.min());
                m.put("max", n.max());
                m.put("distinct", n.distinctValues() < 0 ? "more than " + NumericSummary.EXACT_CAPACITY : n.distinctValues());
            } else if (c.kind() == ColumnKind.CATEGORICAL) {
                m.put("categories", c.categories().counts());
            }
            out.put(c.name(), m);
        }
        return out;
    }

    /** The newest PROFILE record derived from this model version, if any. */
    public static Optional<Entity> of(LineageStore lineage, Entity modelVersion) {
        return lineage.referrers(modelVersion.id(), Relation.DERIVED_FROM).stream()
                .filter(e -> e.kind() == EntityKind.PROFILE)
                .max(Comparator.comparingInt(Entity::version));
    }

    /**
     * The profile a model version is checked against: its own, else that of the nearest model it
     * derives from (a hardened or compressed variant has its parent's training data).
     */
    public static Optional<Entity> nearest(LineageStore lineage, Entity modelVersion) {
        List<Entity> frontier = new ArrayList<>(List.of(modelVersion));
        for (int depth = 0; depth < 8 && !frontier.isEmpty(); depth++) {
            List<Entity> next = new ArrayList<>();
            for (Entity m : frontier) {
                Optional<Entity> p = of(lineage, m);
                if (p.isPresent()) {
                    return p;
                }
                for (String parent : m.targets(Relation.DERIVED_FROM)) {
                    lineage.get(parent).filter(e -> e.kind() == EntityKind.MODEL).ifPresent(next::add);
                }
            }
            frontier = next;
        }
        return Optional.empty();
    }

    /** Reads a PROFILE record's artifact, refusing one whose bytes no longer match the record. */
    public static ReferenceProfile load(ArtifactStore artifacts, Entity profile) {
        String sha = profile.contentHash();
        ArtifactRef ref = artifacts.find(sha).orElseThrow(() -> new InputError(profile.label(),
                "profile artifact sha256 " + sha + " is not in the artifact store " + artifacts.root()));
        if (!artifacts.verify(sha)) {
            throw new InputError(profile.label(), "profile artifact " + ref.path() + " no longer matches its sha256");
        }
        try {
            return ProfileCodec.read(java.nio.file.Files.readAllBytes(ref.path()), ref.path().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.modelops.drift.check;

import dev.modelops.core.InputError;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.drift.profile.ColumnProfile;
import dev.modelops.drift.profile.ColumnRole;
import dev.modelops.drift.profile.DataProfile;
import dev.modelops.drift.profile.ModelPredictor;
import dev.modelops.drift.profile.ProfileSource;
import dev.modelops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks batches of new data against one model version's reference profile. A batch is read
 * once, streaming: its rows are profiled (features and label), run through the model (the
 * prediction profile) and sampled (for the domain classifier and the performance check). Then
 * every column is judged ({@link ColumnComparator}), the dataset-drift share applied, and the
 * domain classifier and performance check run where their inputs exist; each part that cannot
 * run says why. The same judgement serves a model server's live window ({@link CurrentData} fed
 * with the rows it answered), so the server and the scheduled check agree on every number. No
 * lineage or files are written here: see {@code DriftRun}.
 */
public final class DriftCheck {
    private final ReferenceProfile reference;
    private final String profileId;
    private final DatasetSpec dataset;
    private final ModelPredictor predictor;
    private final RecordedMetrics recorded;
    private final ReferenceRows referenceRows;
    private final DriftSettings settings;
    private ModelRef checked;

    /**
     * The model version a check is about, when it is not the one the profile was built for (a
     * hardened or compressed variant checked against its parent's profile).
     *
     * @param name model name
     * @param version version number
     * @param id lineage id
     */
    public record ModelRef(String name, int version, String id) {
    }

    /** Reports name this model version instead of the profile's. */
    public DriftCheck about(ModelRef model) {
        this.checked = model;
        return this;
    }

    /**
     * @param reference the reference profile
     * @param profileId its lineage id, or null
     * @param dataset the dataset declaration (column types, missing markers)
     * @param predictor the model version, or null to skip prediction and performance checks
     * @param recorded the model's recorded metrics, or null
     * @param referenceRows the raw training rows for the domain classifier, or null
     * @param settings thresholds
     */
    public DriftCheck(ReferenceProfile reference, String profileId, DatasetSpec dataset, ModelPredictor predictor,
                      RecordedMetrics recorded, ReferenceRows referenceRows, DriftSettings settings) {
        this.reference = reference;
        this.profileId = profileId;
        this.dataset = dataset;
        this.predictor = predictor;
        this.recorded = recorded;
        this.referenceRows = referenceRows;
        this.settings = settings;
    }

    public DriftSettings settings() {
        return settings;
    }

    public ReferenceProfile reference() {
        return reference;
    }

    /** Empty current data for this check's reference and settings (a model server fills it). */
    public CurrentData newCurrentData() {
        return new CurrentData(reference, settings);
    }

    /** The model version the check runs, or null when it could not be loaded. */
    public ModelPredictor predictor() {
        return predictor;
    }

    /** Reads a batch file once, streaming, and judges it. */
    public DriftReport check(Path batch) {
        ProfileSource source = reference.source();
        List<String> features = source.features();
        CurrentData current = newCurrentData();
        boolean predict = predictor != null && settings.runs(DriftCheckKind.PREDICTION);
        String display = batch.toString();
        // the raw reference rows (domain classifier) are read on another core while the batch streams
        if (settings.runs(DriftCheckKind.DOMAIN) && referenceRows != null) {
            java.util.concurrent.CompletableFuture.runAsync(referenceRows::load);
        }
        BatchReader.Result read = BatchReader.read(batch, new HashSet<>(dataset.missing()), new BatchReader.Consumer() {
            @Override
            public void header(List<String> columns) {
                Set<String> have = Set.copyOf(columns);
                List<String> absent = features.stream().filter(f -> !have.contains(f)).toList();
                if (!absent.isEmpty()) {
                    throw new InputError(display + ":1", "feature column" + (absent.size() > 1 ? "s " : " ")
                            + String.join(", ", absent) + " of model '" + source.model() + "' " + (absent.size() > 1
                            ? "are" : "is") + " not in the header; header: " + String.join(", ", columns));
                }
            }

            @Override
            public void chunk(Table chunk) {
                current.add(chunk, display, predict ? p -> predictor.addPredictions(p, chunk, null) : null);
            }
        });
        if (read.rows() == 0) {
            throw new InputError(display, "no data rows after the header");
        }
        return judge(current, new DriftReport.Batch(batch.getFileName().toString(),
                batch.toAbsolutePath().normalize().toString(), read.sha256(), read.rows(), labelled(current)));
    }

    private boolean labelled(CurrentData current) {
        String label = reference.source().label();
        return label != null && current.header() != null && current.header().contains(label);
    }

    /**
     * Judges current data against the reference: every column, the dataset-drift share,
     * prediction and label drift, the domain classifier and the performance check where their
     * inputs exist.
     *
     * @param batch what the current data is (its rows and labelled flag are taken from {@code current})
     */
    public DriftReport judge(CurrentData current, DriftReport.Batch batch) {
        ProfileSource source = reference.source();
        List<String> features = source.features();
        String label = source.label();
        boolean labelled = labelled(current);
        DriftReport.Batch info = new DriftReport.Batch(batch.name(), batch.path(), batch.sha256(), current.rows(), labelled);
        DataProfile profile = current.profile();

        List<String> reasons = new ArrayList<>();
        List<ColumnDrift> featureVerdicts = new ArrayList<>();
        DriftReport.DatasetDrift datasetDrift = null;
        if (settings.runs(DriftCheckKind.FEATURES)) {
            for (String f : features) {
                featureVerdicts.add(compare(f, profile));
            }
            List<String> drifted = featureVerdicts.stream().filter(ColumnDrift::drift).map(ColumnDrift::column).toList();
            int judged = (int) featureVerdicts.stream().filter(c -> c.skipped() == null).count();
            double share = judged == 0 ? 0 : (double) drifted.size() / judged;
            boolean drift = judged > 0 && share >= settings.driftShare();
            datasetDrift = new DriftReport.DatasetDrift(drifted.size(), judged, share, settings.driftShare(), drift, drifted);
            String line = String.format(Locale.ROOT, "%d of %d features drifted (%.0f%%, dataset drift at %.0f%%)%s",
                    drifted.size(), judged, 100 * share, 100 * settings.driftShare(),
                    drifted.isEmpty() ? "" : ": " + String.join(", ", drifted));
            reasons.add((drift ? "dataset drift: " : "") + line);
        }
        List<ColumnDrift> predictionVerdicts = new ArrayList<>();
        boolean predictionDrift = false;
        if (settings.runs(DriftCheckKind.PREDICTION)) {
            if (predictor == null) {
                reasons.add("prediction drift not checked: the model could not be loaded");
            } else {
                for (ColumnProfile c : reference.profile().columns().values()) {
                    if (c.role() == ColumnRole.PREDICTION) {
                        ColumnDrift v = compare(c.name(), profile);
                        predictionVerdicts.add(v);
                        if (v.drift()) {
                            predictionDrift = true;
                            reasons.add("prediction drift: " + v.column() + " " + v.reason());
                        }
                    }
                }
            }
        }
        ColumnDrift labelVerdict = null;
        if (settings.runs(DriftCheckKind.LABEL) && labelled) {
            labelVerdict = compare(label, profile);
            if (labelVerdict.drift()) {
                reasons.add("label (target) drift, reported only: " + labelVerdict.reason());
            }
        }
        Table sampled = current.sample(features);
        DomainResult domain = null;
        if (settings.runs(DriftCheckKind.DOMAIN)) {
            domain = domain(sampled, features);
            if (domain.drift()) {
                reasons.add(domain.reason());
            }
        }
        PerformanceResult performance = null;
        if (settings.runs(DriftCheckKind.PERFORMANCE)) {
            performance = performance(sampled, labelled, features, label);
            if (performance.drift()) {
                reasons.add("performance drift: " + performance.reason());
            }
        }
        boolean drift = (datasetDrift != null && datasetDrift.drift()) || predictionDrift
                || (domain != null && domain.drift()) || (performance != null && performance.drift());
        if (!drift) {
            reasons.add("no drift");
        }
        ModelRef about = checked != null ? checked : new ModelRef(source.model(), source.modelVersion(), source.modelId());
        if (!about.id().equals(source.modelId())) {
            reasons.add("reference profile: that of " + source.model() + "@v" + source.modelVersion()
                    + ", which " + about.name() + "@v" + about.version() + " derives from");
        }
        return new DriftReport(about.name(), about.version(), about.id(), profileId, info,
                reference.profile().rows(), settings.describe(), featureVerdicts, datasetDrift, predictionVerdicts,
                predictionDrift, labelVerdict, domain, performance, drift, reasons);
    }

    private ColumnDrift compare(String column, DataProfile current) {
        ColumnProfile ref = reference.profile().column(column).orElseThrow(() -> new InputError(column,
                "the reference profile has no column '" + column + "'"));
        return ColumnComparator.compare(ref, current.column(column).orElseThrow(), settings);
    }

    private DomainResult domain(Table sampled, List<String> features) {
        if (referenceRows == null) {
            return DomainResult.skipped(settings.domainAuc(), "no raw reference rows (a profile file was given)");
        }
        ReferenceRows.Result ref = referenceRows.load();
        if (ref.rows() == null) {
            return DomainResult.skipped(settings.domainAuc(), ref.skipped());
        }
        return DomainClassifier.run(ref.rows(), sampled, dataset, features, settings);
    }

    private PerformanceResult performance(Table sampled, boolean labelled, List<String> features, String label) {
        double tolerance = settings.performanceTolerance();
        if (!labelled) {
            return PerformanceResult.skipped(tolerance, "the new data has no label column '" + label + "'");
        }
        if (predictor == null) {
            return PerformanceResult.skipped(tolerance, "the model could not be loaded");
        }
        if (recorded == null || recorded.metrics().isEmpty()) {
            return PerformanceResult.skipped(tolerance, "no recorded metrics for " + reference.source().model() + "@v"
                    + reference.source().modelVersion() + " (run evaluateModel first)");
        }
        String positive = recorded.positiveClass() != null ? recorded.positiveClass() : predictor.positiveClass();
        return PerformanceCheck.run(predictor.model(), predictor.task(), dataset, features, label, positive, sampled,
                recorded.metrics(), recorded.from(), tolerance, settings.confidence());
    }
}

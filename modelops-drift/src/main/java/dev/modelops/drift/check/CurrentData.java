package dev.modelops.drift.check;

import dev.modelops.core.data.Table;
import dev.modelops.drift.profile.DataProfile;
import dev.modelops.drift.profile.ModelPredictor;
import dev.modelops.drift.profile.ReferenceProfile;
import dev.modelops.drift.profile.TableProfiler;
import java.util.List;
import java.util.function.Consumer;

/**
 * The current side of a drift check, accumulated chunk by chunk: the profile of the new rows
 * (same columns as the reference, so they compare column by column, with the model's outputs on
 * them) and a seeded sample of the raw rows for the domain classifier and the performance check.
 * A batch file streams into one ({@link DriftCheck#check}); a model server feeds its requests into
 * one as they are answered ({@code LiveDrift}). Either way {@link DriftCheck#judge} gives the same
 * report for the same rows. Not thread-safe: the owner serialises additions.
 */
public final class CurrentData {
    static final int PERFORMANCE_MAX_ROWS = 50_000;
    static final long SAMPLE_SEED = 42;

    private final DataProfile profile;
    private final RowSample sample;
    private List<String> header;

    CurrentData(ReferenceProfile reference, DriftSettings settings) {
        this.profile = reference.profile().emptyLike();
        this.sample = settings.runs(DriftCheckKind.DOMAIN) || settings.runs(DriftCheckKind.PERFORMANCE)
                ? new RowSample(Math.max(settings.domainMaxRows(), PERFORMANCE_MAX_ROWS), SAMPLE_SEED) : null;
    }

    private CurrentData(DataProfile profile, RowSample sample, List<String> header) {
        this.profile = profile;
        this.sample = sample;
        this.header = header;
    }

    /**
     * Adds rows: their feature and label cells to the profile, the rows to the sample, and the
     * model's outputs on them through {@code predictions} (which adds them to the profile it is given).
     *
     * @param display where the rows come from, for messages
     */
    public void add(Table rows, String display, Consumer<DataProfile> predictions) {
        if (header == null) {
            header = rows.columns();
        }
        TableProfiler.addRows(profile, rows, null, display);
        if (predictions != null) {
            predictions.accept(profile);
        }
        if (sample != null) {
            sample.add(rows);
        }
    }

    /** Adds rows a model already answered, with those answers. */
    public void add(Table rows, String display, ModelPredictor predictor, List<? extends org.tribuo.Prediction<?>> outputs) {
        add(rows, display, p -> predictor.addPredictions(p, outputs));
    }

    /** Rows added. */
    public long rows() {
        return profile.rows();
    }

    /** An independent copy (profiles merged into empty ones), to judge while this one keeps growing. */
    public CurrentData copy() {
        return new CurrentData(profile.emptyLike().merge(profile), sample == null ? null : sample.copy(), header);
    }

    DataProfile profile() {
        return profile;
    }

    /** The sampled rows, or null when no check needs them. */
    Table sample(List<String> fallbackHeader) {
        return sample == null ? null : sample.table(header == null ? fallbackHeader : header);
    }

    /** The column names of the rows added (the first chunk's). */
    List<String> header() {
        return header;
    }
}

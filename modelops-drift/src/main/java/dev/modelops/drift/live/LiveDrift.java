package dev.modelops.drift.live;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.Table;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.drift.DriftMonitor;
import dev.modelops.drift.DriftTarget;
import dev.modelops.drift.check.CurrentData;
import dev.modelops.drift.check.DriftCheck;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.drift.lineage.ReferenceProfiles;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Model;
import org.tribuo.Prediction;

/**
 * The drift side of a model server: every answered request's rows and the model's answers go
 * into the current window ({@link CurrentData}: mergeable profiles of the features and outputs,
 * and a row sample), which is judged by the same {@link DriftCheck} as {@code modelops drift
 * check}, against the served version's reference profile (its own, else that of the version it
 * derives from) with the model's {@code drift:} settings. When a drift monitor
 * ({@code <home>/monitors/<model>/<env>/drift-monitor.json}) pins the served version, its profile
 * and settings are used, and the rows are also written as CSV batches into the monitor's batch
 * folder ({@link LiveBatches}), where the scheduled job's {@code modelops drift check --monitor}
 * finds them: the server shows drift as it happens, the job records it and starts retraining.
 * Thread-safe: requests add concurrently; a report is judged on a copy, outside the lock.
 */
public final class LiveDrift implements AutoCloseable {
    private final DriftTarget target;
    private final DriftSettings settings;
    private final DriftCheck check;
    private final Path monitorFile;
    private final LiveBatches batches;
    private final String batchesNote;
    private CurrentData window;
    private Instant windowStart = Instant.now();
    private long windowNumber;
    private DriftReport cached;
    private long cachedWindow = -1;
    private long cachedRows = -1;
    private Instant cachedAt = Instant.EPOCH;
    private String batchError;

    private LiveDrift(DriftTarget target, DriftSettings settings, DriftCheck check, Path monitorFile,
                      LiveBatches batches, String batchesNote) {
        this.target = target;
        this.settings = settings;
        this.check = check;
        this.monitorFile = monitorFile;
        this.batches = batches;
        this.batchesNote = batchesNote;
        this.window = check.newCurrentData();
    }

    /**
     * Whether drift can be watched for this version: a reference profile is recorded for it or a
     * version it derives from (not for an imported ONNX model, which has no training data here).
     */
    public static Optional<String> unavailable(LineageStore lineage, Entity served) {
        return ReferenceProfiles.nearest(lineage, served).isPresent() ? Optional.empty()
                : Optional.of("no reference profile is recorded for " + served.label()
                + " or a version it derives from (profiles are recorded at training)");
    }

    /**
     * @param served the served model version
     * @param model the loaded model (its answers are profiled, not recomputed)
     * @param env the environment served
     * @param batchRows rows per live batch
     */
    public static LiveDrift open(ModelOpsSpec spec, LineageStore lineage, ArtifactStore artifacts, Entity served,
                                 Model<?> model, String env, int batchRows) {
        Path monitorFile = DriftMonitor.path(artifacts.root(), served.name(), env);
        DriftMonitor.Pinned pinned = Files.isRegularFile(monitorFile) ? DriftMonitor.read(monitorFile) : null;
        boolean applies = pinned != null && (pinned.modelId() != null ? pinned.modelId().equals(served.id())
                : pinned.modelVersion() == served.version());
        DriftTarget target = applies
                ? DriftTarget.pinned(spec, lineage, artifacts, served.name(), served.version(), pinned.profileId(),
                monitorFile.toString())
                : DriftTarget.resolve(spec, lineage, artifacts, served.name(), null, served);
        Map<String, Object> overrides = applies ? pinned.settings() : Map.of();
        DriftSettings settings = target.settings(overrides, (key, message) -> {
            throw new InputError(key.startsWith("drift.") ? spec.placeOf("models." + served.name() + "." + key)
                    : monitorFile + " (settings." + key + ")", message);
        });
        DriftCheck check = target.check(lineage, settings, model);
        LiveBatches batches = null;
        String note;
        if (applies) {
            batches = new LiveBatches(pinned.data(), target.reference().source().features(), batchRows);
            note = "served rows go to " + pinned.data() + " in batches of up to " + batchRows
                    + " rows, for the scheduled 'modelops drift check --monitor " + monitorFile + "'";
        } else if (pinned != null) {
            note = "served rows are not kept: the drift monitor " + monitorFile + " pins " + served.name() + "@v"
                    + pinned.modelVersion() + ", this server serves " + served.label();
        } else {
            note = "served rows are not kept: no drift monitor " + monitorFile
                    + " (deploy with monitor_drift: true to have the scheduled job check them)";
        }
        return new LiveDrift(target, settings, check, applies ? monitorFile : null, batches, note);
    }

    /** Adds answered rows (the model's feature columns, raw values) and the model's answers to them. */
    public void add(Table rows, List<? extends Prediction<?>> outputs) {
        synchronized (this) {
            window.add(rows, "live request", check.predictor(), outputs);
            if (batches != null && batchError == null) {
                try {
                    batches.append(rows);
                } catch (UncheckedIOException e) {
                    // serving goes on; /health and the next report say why batches stopped
                    batchError = e.getMessage() + ": " + e.getCause().getMessage();
                }
            }
        }
    }

    /** Rows in the current window. */
    public synchronized long rows() {
        return window.rows();
    }

    /** The current window judged (recomputed only when rows arrived since the last judgement). */
    public DriftReport report() {
        return report(Duration.ZERO);
    }

    /**
     * The current window judged, accepting the last judgement of this window when it is at most
     * {@code maxAge} old even if rows arrived since (a judgement with the domain classifier costs
     * seconds on wide data; metrics scrapes need not pay it every time).
     */
    public DriftReport report(Duration maxAge) {
        CurrentData snapshot;
        long number;
        Instant start;
        synchronized (this) {
            if (cached != null && cachedWindow == windowNumber && (cachedRows == window.rows()
                    || Duration.between(cachedAt, Instant.now()).compareTo(maxAge) <= 0)) {
                return cached;
            }
            snapshot = window.copy();
            number = windowNumber;
            start = windowStart;
        }
        DriftReport report = judge(snapshot, start);
        synchronized (this) {
            if (number == windowNumber && (cachedWindow != number || snapshot.rows() >= cachedRows)) {
                cached = report;
                cachedWindow = number;
                cachedRows = snapshot.rows();
                cachedAt = Instant.now();
            }
        }
        return report;
    }

    private DriftReport judge(CurrentData data, Instant start) {
        return check.judge(data, new DriftReport.Batch("live window since " + start.truncatedTo(ChronoUnit.SECONDS), null,
                null, data.rows(), false));
    }

    /**
     * The window that ended at a reset and the batch completed with it.
     *
     * @param report the ended window judged
     * @param batch the batch file completed, if rows were pending
     */
    public record Ended(DriftReport report, Path batch) {
    }

    /** Ends the window (judged) and the batch being written; a new window starts empty. */
    public Ended reset() {
        CurrentData ended;
        Instant start;
        Path batch;
        DriftReport judged;
        synchronized (this) {
            judged = cached != null && cachedWindow == windowNumber && cachedRows == window.rows() ? cached : null;
            ended = window;
            start = windowStart;
            window = check.newCurrentData();
            windowStart = Instant.now();
            windowNumber++;
            batch = rotateBatch().orElse(null);
        }
        return new Ended(judged != null ? judged : judge(ended, start), batch);
    }

    /** Completes the batch being written, if it has rows (a timer calls this, and so do reset and close). */
    public synchronized Optional<Path> rotateBatch() {
        if (batches == null || batchError != null) {
            return Optional.empty();
        }
        try {
            return batches.rotate();
        } catch (UncheckedIOException e) {
            batchError = e.getMessage() + ": " + e.getCause().getMessage();
            return Optional.empty();
        }
    }

    public DriftTarget target() {
        return target;
    }

    public DriftSettings settings() {
        return settings;
    }

    /** The batch folder, when served rows are written for the scheduled job. */
    public Optional<Path> batchFolder() {
        return batches == null ? Optional.empty() : Optional.of(batches.folder());
    }

    /** One sentence on where served rows go (or why nowhere). */
    public String batchesNote() {
        return batchesNote;
    }

    /** What health and the drift endpoint report about the window, the profile and the batches. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowStart", windowStart.toString());
        m.put("rows", window.rows());
        m.put("profile", target.profile().label());
        m.put("profileId", target.profile().id());
        if (monitorFile != null) {
            m.put("monitor", monitorFile.toString());
        }
        if (batches != null) {
            m.put("batches", batches.folder().toString());
            m.put("pendingBatchRows", batches.pendingRows());
        }
        m.put("batchesNote", batchError != null ? "batches stopped: " + batchError : batchesNote);
        return m;
    }

    /** Completes the batch being written, so served rows are not lost at shutdown. */
    @Override
    public void close() {
        rotateBatch();
    }
}

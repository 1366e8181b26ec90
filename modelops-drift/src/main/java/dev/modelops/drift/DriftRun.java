package dev.modelops.drift;

import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactRef;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.TriggerSpec;
import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Hashing;
import dev.modelops.core.util.Json;
import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DriftCheck;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.report.HtmlReport;
import dev.modelops.drift.report.JUnitReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a drift check over one batch file or a folder of batches (every {@code *.csv}, in name
 * order) and acts on it: writes the JSON, JUnit XML and HTML reports of each batch, records a
 * DRIFT_REPORT per batch in lineage (EVALUATED the model version, USED its profile), and when a
 * batch drifted records an EVENT per drift trigger of the model (TRIGGERED_BY the report) and
 * writes {@code drift-trigger.json}, naming the pipeline and environment to start, for the
 * Jenkins library. A stale trigger file from an earlier run is removed first, so the file exists
 * exactly when this run found drift.
 */
public final class DriftRun {
    public static final String TRIGGER_FILE = "drift-trigger.json";
    public static final String SUMMARY_FILE = "drift-summary.json";

    private DriftRun() {
    }

    /**
     * One checked batch.
     *
     * @param report the report
     * @param record the DRIFT_REPORT lineage record
     * @param events EVENT records (when it drifted)
     * @param dir where its reports were written
     */
    public record BatchResult(DriftReport report, Entity record, List<Entity> events, Path dir) {
    }

    /**
     * All batches of a run.
     *
     * @param results checked batches, in order
     * @param alreadyChecked batches skipped because they were checked against this profile before
     * @param drift whether any batch drifted
     * @param triggerFile the trigger file, when written
     */
    public record Outcome(List<BatchResult> results, List<String> alreadyChecked, boolean drift, Path triggerFile) {
    }

    /** The batch files a data argument names: the file itself, or a folder's CSV files in name order. */
    public static List<Path> batches(Path data, String place) {
        if (Files.isRegularFile(data)) {
            return List.of(data);
        }
        if (!Files.isDirectory(data)) {
            throw new InputError(place, "no such file or folder: " + data);
        }
        try (Stream<Path> files = Files.list(data)) {
            List<Path> csv = files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                    .sorted().toList();
            if (csv.isEmpty()) {
                throw new InputError(place, "folder " + data + " holds no .csv batch");
            }
            return csv;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param target what is checked
     * @param check the prepared check
     * @param batches batch files, in order
     * @param folder whether the batches came from a folder (reports go to one sub-folder per batch)
     * @param outDir where reports and the trigger file go
     * @param provenance attributes recorded with every record (source, run id, CI facts)
     * @param onlyNew skip batches already checked against the same profile
     */
    public static Outcome run(DriftTarget target, DriftCheck check, List<Path> batches, boolean folder, Path outDir,
                              LineageStore lineage, ArtifactStore artifacts, Map<String, Object> provenance,
                              boolean onlyNew) {
        try {
            Files.createDirectories(outDir);
            Files.deleteIfExists(outDir.resolve(TRIGGER_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + outDir, e);
        }
        List<BatchResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path batch : batches) {
            if (onlyNew && alreadyChecked(lineage, target.profile(), Hashing.sha256(batch))) {
                skipped.add(batch.getFileName().toString());
                continue;
            }
            DriftReport report = check.check(batch);
            Path dir = folder ? outDir.resolve(stem(batch)) : outDir;
            write(report, dir, folder ? stem(batch) : null);
            Entity record = recordReport(lineage, artifacts, report, provenance);
            List<Entity> events = report.drift() ? recordEvents(lineage, target, report, record, provenance) : List.of();
            results.add(new BatchResult(report, record, events, dir));
        }
        boolean drift = results.stream().anyMatch(r -> r.report().drift());
        Path trigger = null;
        if (drift) {
            trigger = outDir.resolve(TRIGGER_FILE);
            Json.write(trigger, triggerFile(target, results));
        }
        Json.write(outDir.resolve(SUMMARY_FILE), summary(target, results, skipped));
        return new Outcome(results, skipped, drift, trigger);
    }

    /** Writes drift-report.json, drift-report.xml (JUnit) and drift-report.html into {@code dir}. */
    public static void write(DriftReport report, Path dir, String qualifier) {
        Json.write(dir.resolve("drift-report.json"), report);
        AtomicFiles.write(dir.resolve("drift-report.xml"), JUnitReport.render(report, qualifier));
        AtomicFiles.write(dir.resolve("drift-report.html"), HtmlReport.render(report));
    }

    private static boolean alreadyChecked(LineageStore lineage, Entity profile, String batchSha) {
        return lineage.referrers(profile.id(), Relation.USED).stream()
                .filter(e -> e.kind() == EntityKind.DRIFT_REPORT)
                .anyMatch(e -> e.attributes().get("batch") instanceof Map<?, ?> b && batchSha.equals(b.get("sha256")));
    }

    static Entity recordReport(LineageStore lineage, ArtifactStore artifacts, DriftReport report,
                               Map<String, Object> provenance) {
        ArtifactRef ref = artifacts.put((Json.pretty(report) + "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("name", report.batch().name());
        batch.put("path", report.batch().path());
        batch.put("sha256", report.batch().sha256());
        batch.put("rows", report.batch().rows());
        batch.put("labelled", report.batch().labelled());
        Map<String, Object> features = new LinkedHashMap<>();
        for (ColumnDrift c : report.features()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("drift", c.drift());
            if (c.skipped() != null) {
                f.put("skipped", c.skipped());
            } else {
                f.put("method", c.method());
                f.put("statistic", c.statistic());
                f.put("threshold", c.threshold());
                f.put("psi", c.psi());
            }
            features.put(c.column(), f);
        }
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.DRIFT_REPORT, report.model())
                .contentHash(ref.sha256())
                .attribute("model", report.model() + "@v" + report.modelVersion())
                .attribute("batch", batch)
                .attribute("drift", report.drift())
                .attribute("features", features)
                .attribute("predictionDrift", report.predictionDrift())
                .attribute("reasons", report.reasons())
                .attribute("settings", report.settings());
        if (report.datasetDrift() != null) {
            b.attribute("datasetDrift", report.datasetDrift().drift())
                    .attribute("driftShare", report.datasetDrift().share())
                    .attribute("driftedFeatures", report.datasetDrift().driftedFeatures());
        }
        if (report.domain() != null && report.domain().auc() != null) {
            b.attribute("domainAuc", report.domain().auc()).attribute("domainDrift", report.domain().drift());
        }
        if (report.performance() != null && report.performance().skipped() == null) {
            b.attribute("performanceDrift", report.performance().drift());
        }
        b.attributes(provenance)
                .edge(Relation.EVALUATED, report.modelId())
                .edge(Relation.USED, report.profileId());
        return lineage.record(b.build());
    }

    /** One EVENT per drift trigger watching the model (or one without an action when none does). */
    static List<Entity> recordEvents(LineageStore lineage, DriftTarget target, DriftReport report, Entity reportRecord,
                                     Map<String, Object> provenance) {
        List<Entity> events = new ArrayList<>();
        List<TriggerSpec> triggers = target.triggers();
        if (triggers.isEmpty()) {
            events.add(lineage.record(event(report.model() + "/drift", report, reportRecord, null, provenance)));
        }
        for (TriggerSpec t : triggers) {
            events.add(lineage.record(event(t.name(), report, reportRecord, t, provenance)));
        }
        return events;
    }

    private static LineageRecord event(String name, DriftReport report, Entity reportRecord, TriggerSpec trigger,
                                       Map<String, Object> provenance) {
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.EVENT, name)
                .attribute("type", "drift")
                .attribute("model", report.model() + "@v" + report.modelVersion())
                .attribute("batch", report.batch().name())
                .attribute("batchSha256", report.batch().sha256())
                .attribute("reasons", report.reasons())
                .attributes(provenance)
                .edge(Relation.TRIGGERED_BY, reportRecord.id());
        if (trigger == null) {
            b.attribute("action", "none: no trigger in the spec watches model " + report.model() + " for drift");
        } else {
            b.attribute("trigger", trigger.name()).attribute("pipeline", trigger.pipeline()).attribute("env", trigger.env())
                    .attribute("action", "start pipeline " + trigger.pipeline()
                            + (trigger.env() == null ? "" : " in " + trigger.env()));
        }
        return b.build();
    }

    private static Map<String, Object> triggerFile(DriftTarget target, List<BatchResult> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "modelops-drift-trigger/1");
        m.put("drift", true);
        m.put("exitCode", 3);
        m.put("model", target.modelVersion().name());
        m.put("modelVersion", target.modelVersion().version());
        m.put("modelId", target.modelVersion().id());
        List<Map<String, Object>> triggers = new ArrayList<>();
        for (TriggerSpec t : target.triggers()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("pipeline", t.pipeline());
            if (t.env() != null) {
                tm.put("env", t.env());
            }
            List<String> eventIds = new ArrayList<>();
            results.forEach(r -> r.events().stream().filter(e -> e.name().equals(t.name())).forEach(e -> eventIds.add(e.id())));
            tm.put("events", eventIds);
            triggers.add(tm);
        }
        m.put("triggers", triggers);
        List<Map<String, Object>> batches = new ArrayList<>();
        for (BatchResult r : results) {
            if (!r.report().drift()) {
                continue;
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", r.report().batch().name());
            b.put("path", r.report().batch().path());
            b.put("sha256", r.report().batch().sha256());
            b.put("driftReportId", r.record().id());
            b.put("report", r.dir().resolve("drift-report.json").toAbsolutePath().toString());
            b.put("reasons", r.report().reasons());
            batches.add(b);
        }
        m.put("batches", batches);
        return m;
    }

    private static Map<String, Object> summary(DriftTarget target, List<BatchResult> results, List<String> skipped) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", target.modelVersion().label());
        m.put("profileId", target.profile().id());
        m.put("drift", results.stream().anyMatch(r -> r.report().drift()));
        List<Map<String, Object>> batches = new ArrayList<>();
        for (BatchResult r : results) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", r.report().batch().name());
            b.put("rows", r.report().batch().rows());
            b.put("drift", r.report().drift());
            if (r.report().datasetDrift() != null) {
                b.put("driftedFeatures", r.report().datasetDrift().driftedFeatures());
            }
            b.put("predictionDrift", r.report().predictionDrift());
            b.put("driftReportId", r.record().id());
            b.put("reasons", r.report().reasons());
            b.put("report", r.dir().resolve("drift-report.json").toString());
            batches.add(b);
        }
        m.put("batches", batches);
        m.put("alreadyChecked", skipped);
        return m;
    }

    private static String stem(Path batch) {
        String name = batch.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}

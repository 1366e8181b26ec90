package dev.modelops.drift;

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
 * Jenkins library.
 *
 * <p>A run is all or nothing, because a drifted batch that is recorded as checked but never
 * reaches a trigger file would never start retraining ({@code --only-new} skips it from then on):
 * every batch is read and judged before anything is written or recorded, so a bad batch stops
 * the run with nothing recorded; the reports, trigger file and summary are written before the
 * lineage records; and a drifted batch whose report has no EVENT yet (a run that died while
 * recording) does not count as checked. Once every batch is judged, the output folder's earlier
 * reports, summary and trigger file are removed, so it holds exactly this run's (only names this
 * class writes are touched); a run stopped by bad input leaves the folder as it was.
 */
public final class DriftRun {
    public static final String TRIGGER_FILE = "drift-trigger.json";
    public static final String SUMMARY_FILE = "drift-summary.json";
    /** The reports this class writes into an output folder or its per-batch sub-folders. */
    private static final List<String> REPORT_FILES = List.of("drift-report.json", "drift-report.xml", "drift-report.html");

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

    /** A judged batch with the records it will get (ids are content hashes, known before recording). */
    private record Judged(Path batch, DriftReport report, LineageRecord record, List<LineageRecord> events, Path dir) {
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
        // 1. read and judge every batch first: a bad one stops the run before anything is written or recorded
        List<String> skipped = new ArrayList<>();
        List<Path> toCheck = new ArrayList<>();
        List<DriftReport> reports = new ArrayList<>();
        for (Path batch : batches) {
            if (onlyNew && alreadyChecked(lineage, target.profile(), Hashing.sha256(batch))) {
                skipped.add(batch.getFileName().toString());
                continue;
            }
            toCheck.add(batch);
            reports.add(check.check(batch));
        }
        // 2. what will be recorded, so the files can name the records
        List<Judged> judged = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            DriftReport report = reports.get(i);
            Path batch = toCheck.get(i);
            LineageRecord record = reportRecord(artifacts, report, provenance);
            List<LineageRecord> events = report.drift() ? eventRecords(target, report, record.id(), provenance) : List.of();
            judged.add(new Judged(batch, report, record, events, folder ? outDir.resolve(stem(batch)) : outDir));
        }
        // 3. the files: the earlier run's go only now (bad input above leaves them, and the folder, as they were),
        //    then the reports, the trigger file and the summary
        clearEarlierOutput(outDir);
        for (Judged j : judged) {
            write(j.report(), j.dir(), folder ? stem(j.batch()) : null);
        }
        boolean drift = judged.stream().anyMatch(j -> j.report().drift());
        Path trigger = null;
        if (drift) {
            trigger = outDir.resolve(TRIGGER_FILE);
            Json.write(trigger, triggerFile(target, judged));
        }
        Json.write(outDir.resolve(SUMMARY_FILE), summary(target, judged, skipped));
        // 4. lineage last: every report, then the events (a drifted report without events is not yet checked)
        List<Entity> recorded = new ArrayList<>();
        for (Judged j : judged) {
            recorded.add(lineage.record(j.record()));
        }
        List<BatchResult> results = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            Judged j = judged.get(i);
            List<Entity> events = new ArrayList<>();
            j.events().forEach(e -> events.add(lineage.record(e)));
            results.add(new BatchResult(j.report(), recorded.get(i), events, j.dir()));
        }
        return new Outcome(results, skipped, drift, trigger);
    }

    /**
     * Removes what an earlier run wrote into {@code outDir}: the trigger file, the summary and the
     * reports (in the folder and in its sub-folders, which are removed when that leaves them
     * empty). Other files are left alone.
     */
    static void clearEarlierOutput(Path outDir) {
        try {
            Files.createDirectories(outDir);
            Files.deleteIfExists(outDir.resolve(TRIGGER_FILE));
            Files.deleteIfExists(outDir.resolve(SUMMARY_FILE));
            for (String name : REPORT_FILES) {
                Files.deleteIfExists(outDir.resolve(name));
            }
            List<Path> dirs;
            try (Stream<Path> children = Files.list(outDir)) {
                dirs = children.filter(Files::isDirectory).toList();
            }
            for (Path dir : dirs) {
                boolean ours = false;
                for (String name : REPORT_FILES) {
                    ours |= Files.deleteIfExists(dir.resolve(name));
                }
                if (ours) {
                    try (Stream<Path> left = Files.list(dir)) {
                        if (left.findAny().isEmpty()) {
                            Files.delete(dir);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + outDir, e);
        }
    }

    /** Writes drift-report.json, drift-report.xml (JUnit) and drift-report.html into {@code dir}. */
    public static void write(DriftReport report, Path dir, String qualifier) {
        Json.write(dir.resolve("drift-report.json"), report);
        AtomicFiles.write(dir.resolve("drift-report.xml"), JUnitReport.render(report, qualifier));
        AtomicFiles.write(dir.resolve("drift-report.html"), HtmlReport.render(report));
    }

    /**
     * Whether a batch (by content) was checked against this profile: it has a DRIFT_REPORT that
     * found no drift, or found drift and has its EVENT records (a run that recorded the report but
     * died before its events never handed the drift on, so the batch is checked again).
     */
    private static boolean alreadyChecked(LineageStore lineage, Entity profile, String batchSha) {
        return lineage.referrers(profile.id(), Relation.USED).stream()
                .filter(e -> e.kind() == EntityKind.DRIFT_REPORT)
                .filter(e -> e.attributes().get("batch") instanceof Map<?, ?> b && batchSha.equals(b.get("sha256")))
                .anyMatch(e -> !Boolean.TRUE.equals(e.attributes().get("drift"))
                        || lineage.referrers(e.id(), Relation.TRIGGERED_BY).stream()
                        .anyMatch(r -> r.kind() == EntityKind.EVENT));
    }

    static LineageRecord reportRecord(ArtifactStore artifacts, DriftReport report, Map<String, Object> provenance) {
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
        return b.build();
    }

    /** One EVENT per drift trigger watching the model (or one without an action when none does). */
    static List<LineageRecord> eventRecords(DriftTarget target, DriftReport report, String reportId,
                                            Map<String, Object> provenance) {
        List<LineageRecord> events = new ArrayList<>();
        List<TriggerSpec> triggers = target.triggers();
        if (triggers.isEmpty()) {
            events.add(event(report.model() + "/drift", report, reportId, null, provenance));
        }
        for (TriggerSpec t : triggers) {
            events.add(event(t.name(), report, reportId, t, provenance));
        }
        return events;
    }

    private static LineageRecord event(String name, DriftReport report, String reportId, TriggerSpec trigger,
                                       Map<String, Object> provenance) {
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.EVENT, name)
                .attribute("type", "drift")
                .attribute("model", report.model() + "@v" + report.modelVersion())
                .attribute("batch", report.batch().name())
                .attribute("batchSha256", report.batch().sha256())
                .attribute("reasons", report.reasons())
                .attributes(provenance)
                .edge(Relation.TRIGGERED_BY, reportId);
        if (trigger == null) {
            b.attribute("action", "none: no trigger in the spec watches model " + report.model() + " for drift");
        } else {
            b.attribute("trigger", trigger.name()).attribute("pipeline", trigger.pipeline()).attribute("env", trigger.env())
                    .attribute("action", "start pipeline " + trigger.pipeline()
                            + (trigger.env() == null ? "" : " in " + trigger.env()));
        }
        return b.build();
    }

    private static Map<String, Object> triggerFile(DriftTarget target, List<Judged> judged) {
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
            judged.forEach(j -> j.events().stream().filter(e -> e.name().equals(t.name())).forEach(e -> eventIds.add(e.id())));
            tm.put("events", eventIds);
            triggers.add(tm);
        }
        m.put("triggers", triggers);
        List<Map<String, Object>> batches = new ArrayList<>();
        for (Judged j : judged) {
            if (!j.report().drift()) {
                continue;
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", j.report().batch().name());
            b.put("path", j.report().batch().path());
            b.put("sha256", j.report().batch().sha256());
            b.put("driftReportId", j.record().id());
            b.put("report", j.dir().resolve("drift-report.json").toAbsolutePath().toString());
            b.put("reasons", j.report().reasons());
            batches.add(b);
        }
        m.put("batches", batches);
        return m;
    }

    private static Map<String, Object> summary(DriftTarget target, List<Judged> judged, List<String> skipped) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", target.modelVersion().label());
        m.put("profileId", target.profile().id());
        m.put("drift", judged.stream().anyMatch(j -> j.report().drift()));
        List<Map<String, Object>> batches = new ArrayList<>();
        for (Judged j : judged) {
            DriftReport r = j.report();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", r.batch().name());
            b.put("rows", r.batch().rows());
            b.put("drift", r.drift());
            if (r.datasetDrift() != null) {
                b.put("driftedFeatures", r.datasetDrift().driftedFeatures());
            }
            b.put("predictionDrift", r.predictionDrift());
            b.put("driftReportId", j.record().id());
            b.put("reasons", r.reasons());
            b.put("report", j.dir().resolve("drift-report.json").toString());
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

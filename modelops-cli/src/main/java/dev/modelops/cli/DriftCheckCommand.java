package dev.modelops.cli;

import dev.modelops.core.data.CsvBatches;
import dev.modelops.core.InputError;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.exec.CiContext;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.Json;
import dev.modelops.drift.DriftMonitor;
import dev.modelops.drift.DriftRun;
import dev.modelops.drift.DriftTarget;
import dev.modelops.drift.check.DriftCheck;
import dev.modelops.drift.check.DriftMethod;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.drift.profile.ColumnKind;
import dev.modelops.drift.profile.ColumnProfile;
import dev.modelops.drift.report.TextReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops drift check FILE --model M --data PATH}: checks a batch, or every CSV batch of a
 * folder in name order, against the model version's reference profile; writes JSON, JUnit XML
 * and HTML reports per batch; records DRIFT_REPORT and EVENT records; on drift writes
 * {@code drift-trigger.json} and exits 3. With {@code --monitor FILE} everything comes from a
 * deployment's drift monitor and only batches not checked before are checked: the command a
 * scheduled Jenkins job runs, for which a night without a new batch is exit 0.
 */
@Command(name = "check", description = "Check new data for drift against a model's reference profile. "
        + "Exit codes: 0 no drift (or, with --only-new/--monitor, no new batch), 3 drift detected "
        + "(drift-trigger.json written), 2 bad input, 1 failure.")
final class DriftCheckCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The modelops.yaml (default with --monitor: the spec the monitor names).")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "The model whose profile new data is compared with.")
    String model;

    @Option(names = "--version", paramLabel = "N", description = "The model version (default: the newest).")
    Integer version;

    @Option(names = {"-d", "--data"}, paramLabel = "PATH", description = "A CSV batch, or a folder of CSV batches.")
    Path data;

    @Option(names = "--monitor", paramLabel = "FILE",
            description = "A drift-monitor.json written by monitorDrift: model, version, profile, data folder and "
                    + "thresholds come from it; implies --only-new.")
    Path monitor;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "drift-reports",
            description = "Where reports and drift-trigger.json go; the reports, summary and trigger file of an "
                    + "earlier check there are removed once every batch is judged. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--only-new", description = "Skip batches already checked against the same profile; "
            + "no new batch (or an empty folder) is exit 0.")
    boolean onlyNew;

    @Option(names = "--threshold", paramLabel = "X", description = "Effect-size threshold (normed Wasserstein, "
            + "Jensen-Shannon). Default 0.1.")
    Double threshold;

    @Option(names = "--confidence", paramLabel = "X", description = "Confidence of the statistical tests. Default 0.95.")
    Double confidence;

    @Option(names = "--psi-threshold", paramLabel = "X", description = "PSI threshold for columns judged by PSI. Default 0.1.")
    Double psiThreshold;

    @Option(names = "--drift-share", paramLabel = "X", description = "Share of drifted features that is dataset drift. Default 0.5.")
    Double driftShare;

    @Option(names = "--small-reference-rows", paramLabel = "N",
            description = "Reference size up to which statistical tests are the primary tests. Default 1000.")
    Integer smallReferenceRows;

    @Option(names = "--bins", paramLabel = "N", description = "Bins of numeric columns for PSI and histograms. Default 10.")
    Integer bins;

    @Option(names = "--domain-auc", paramLabel = "X", description = "Domain-classifier AUC that is drift. Default 0.7.")
    Double domainAuc;

    @Option(names = "--domain-max-rows", paramLabel = "N", description = "Rows per side for the domain classifier. Default 5000.")
    Integer domainMaxRows;

    @Option(names = "--performance-tolerance", paramLabel = "X", description = "Allowed metric drop. Default 0.05.")
    Double performanceTolerance;

    @Option(names = "--checks", paramLabel = "LIST", split = ",",
            description = "Checks to run: features, prediction, label, domain, performance (default: all).")
    List<String> checks;

    @Option(names = "--method", paramLabel = "COLUMN=METHOD",
            description = "Judge a column by one method: ks, wasserstein, psi, jensenshannon, chisquare, ztest or auto.")
    Map<String, String> methods = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: table or json (the summary). Default: ${DEFAULT-VALUE}.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new InputError("--format " + format, "expected table or json");
        }
        OutputPaths.folder("--out", out);
        Map<String, String> env = System.getenv();
        DriftMonitor.Pinned pinned = monitor == null ? null : DriftMonitor.read(monitor);
        Path specFile = file != null ? file : pinned != null ? pinned.spec() : null;
        if (specFile == null) {
            throw new InputError("drift check", "give the modelops.yaml to read (or --monitor FILE)");
        }
        if (pinned != null) {
            if (store.home == null) {
                store.home = pinned.home();
            }
            model = model != null ? model : pinned.model();
            data = data != null ? data : pinned.data();
            version = version != null ? version : pinned.modelVersion();
            onlyNew = true;
        }
        ModelOpsSpec loaded = args.load(specFile, Planner.discover());
        if (model == null) {
            throw new InputError("drift check", "needs --model; known: " + String.join(", ", loaded.models().keySet()));
        }
        if (data == null) {
            throw new InputError("drift check", "needs --data: a CSV batch or a folder of CSV batches");
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (pinned != null) {
            overrides.putAll(pinned.settings());
        }
        put(overrides, "threshold", threshold);
        put(overrides, "confidence", confidence);
        put(overrides, "psi_threshold", psiThreshold);
        put(overrides, "drift_share", driftShare);
        put(overrides, "small_reference_rows", smallReferenceRows);
        put(overrides, "bins", bins);
        put(overrides, "domain_auc", domainAuc);
        put(overrides, "domain_max_rows", domainMaxRows);
        put(overrides, "performance_tolerance", performanceTolerance);
        put(overrides, "checks", checks);
        PrintWriter printer = spec.commandLine().getOut();
        try (LineageStore lineage = store.openLineage(env)) {
            ArtifactStore artifacts = store.artifacts(env);
            DriftTarget target = pinned != null
                    ? DriftTarget.pinned(loaded, lineage, artifacts, model, version, pinned.profileId(), "--monitor " + monitor)
                    : DriftTarget.resolve(loaded, lineage, artifacts, model, version, null);
            DriftSettings settings = target.settings(overrides, (key, message) -> {
                throw new InputError(key.startsWith("drift.") ? loaded.placeOf("models." + model + "." + key)
                        : "--" + key.replace('_', '-'), message);
            });
            for (Map.Entry<String, String> m : methods.entrySet()) {
                Optional<ColumnProfile> column = target.reference().profile().column(m.getKey());
                if (column.isEmpty()) {
                    throw new InputError("--method " + m.getKey(), "not a column of the reference profile; columns: "
                            + String.join(", ", target.reference().profile().columns().keySet()));
                }
                DriftMethod method;
                try {
                    method = DriftMethod.parse(m.getValue());
                } catch (IllegalArgumentException e) {
                    throw new InputError("--method " + m.getKey(), e.getMessage());
                }
                // the same type check validate applies to a spec's drift.columns
                String refusal = method.refusal(m.getKey(), column.get().kind() == ColumnKind.NUMERIC);
                if (refusal != null) {
                    throw new InputError("--method " + m.getKey() + "=" + m.getValue(), refusal);
                }
                settings = settings.withColumn(m.getKey(), new DriftSettings.ColumnRule(method, null));
            }
            // with --only-new (and --monitor) an empty folder is a quiet night, not an input error
            List<Path> batches = onlyNew ? CsvBatches.ofOrNone(data, "--data " + data)
                    : CsvBatches.of(data, "--data " + data);
            DriftCheck check = target.check(lineage, artifacts, settings);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("source", pinned != null ? "modelops drift check --monitor" : "modelops drift check");
            provenance.putAll(CiContext.from(env));
            DriftRun.Outcome outcome = DriftRun.run(target, check, batches, Files.isDirectory(data), out, lineage,
                    artifacts, provenance, onlyNew);
            if (format.equals("json")) {
                printer.print(Json.pretty(Json.read(out.resolve(DriftRun.SUMMARY_FILE), Map.class)));
                printer.println();
            } else {
                printer.printf("drift check of %s against profile %s%n", target.modelVersion().label(),
                        target.profile().label());
                for (DriftRun.BatchResult r : outcome.results()) {
                    printer.println();
                    printer.print(TextReport.render(r.report()));
                }
                if (!outcome.alreadyChecked().isEmpty()) {
                    printer.printf("%nalready checked against this profile, skipped: %s%n",
                            String.join(", ", outcome.alreadyChecked()));
                }
                printer.printf("%nreports in %s%n", out.toAbsolutePath().normalize());
                if (outcome.results().isEmpty()) {
                    printer.printf("nothing new to check: %s%n", batches.isEmpty()
                            ? data + " holds no .csv batch yet"
                            : "all " + batches.size() + " batch(es) in " + data + " were checked against this profile before");
                } else if (outcome.drift()) {
                    printer.printf("DRIFT in %d of %d batch(es); %s written%s%n",
                            outcome.results().stream().filter(r -> r.report().drift()).count(), outcome.results().size(),
                            outcome.triggerFile(), target.triggers().isEmpty() ? " (no trigger in the spec watches "
                                    + model + ")" : ": start " + String.join(", ", target.triggers().stream()
                                    .map(t -> t.pipeline() + (t.env() == null ? "" : " in " + t.env())).toList()));
                } else {
                    printer.printf("no drift in %d batch(es)%n", outcome.results().size());
                }
            }
            printer.flush();
            return outcome.drift() ? ModelOpsCli.DRIFT : ModelOpsCli.OK;
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}

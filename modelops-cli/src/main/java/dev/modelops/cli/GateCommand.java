package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.TaskSpec;
import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Json;
import dev.modelops.gates.GateReport;
import dev.modelops.gates.GateReports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops gate FILE --model M}: judges the newest version of a model against its gates
 * (a qualityGate task), or with {@code --data CSV} validates a data file before training (a
 * validateData task). Run records and the GATE_VERDICT go to lineage as for any task; the
 * report is printed in the chosen format (progress goes to stderr so stdout stays clean) and
 * {@code --out} receives all three report files. Exit 0 on PASS or WARN, 1 on FAIL, 2 on bad input.
 */
@Command(name = "gate", description = "Judge a model version against its quality gates, or validate a data file (--data).")
final class GateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "The model whose gates apply.")
    String model;

    @Option(names = "--champion-env", paramLabel = "ENV",
            description = "Environment whose champion is the baseline (default: --env).")
    String championEnv;

    @Option(names = "--data", paramLabel = "CSV", description = "Validate this data file instead of judging a model.")
    Path data;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "With --data: the dataset whose schema the file must match (default: the model's).")
    String dataset;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "What to print: text, json, junit or html. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write gate-report.json, gate-junit.xml and gate-report.html into DIR.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!List.of("text", "json", "junit", "html").contains(format)) {
            throw new InputError("--format " + format, "expected text, json, junit or html");
        }
        if (out != null) {
            OutputPaths.folder("--out", out); // before the gate runs and records its verdict
        }
        Planner planner = Planner.discover();
        ModelOpsSpec loaded = args.load(file, planner);
        if (model != null && !loaded.models().containsKey(model)) {
            throw new InputError("--model " + model, "unknown; known: " + String.join(", ", loaded.models().keySet()));
        }
        if (dataset != null && !loaded.datasets().containsKey(dataset)) {
            throw new InputError("--dataset " + dataset, "unknown; known: " + String.join(", ", loaded.datasets().keySet()));
        }
        if (championEnv != null && !loaded.environments().containsKey(championEnv)) {
            throw new InputError("--champion-env " + championEnv, "unknown; known: "
                    + String.join(", ", loaded.environments().keySet()));
        }
        if (data == null && model == null) {
            throw new InputError("gate", "needs --model (or --data CSV to validate a data file); known models: "
                    + String.join(", ", loaded.models().keySet()));
        }
        if (data != null && model == null && dataset == null) {
            throw new InputError("--data " + data, "needs --dataset (or --model) to know which schema the file must match");
        }
        if (data != null && !Files.isRegularFile(data)) {
            throw new InputError("--data " + data, "file not found");
        }
        Map<String, Object> with = new LinkedHashMap<>();
        String type;
        if (data != null) {
            type = StepTypes.VALIDATE_DATA;
            with.put("data", data.toAbsolutePath().normalize().toString());
        } else {
            type = StepTypes.QUALITY_GATE;
            if (championEnv != null) {
                with.put("champion_env", championEnv);
            }
        }
        String id = data != null ? "validate-data" : "gate";
        TaskSpec task = new TaskSpec(id, type, model, dataset, null, List.of(), false, false, with);
        SingleTask single = SingleTask.of(loaded, id, task, "gate", Map.of("model", "--model", "dataset", "--dataset"),
                Map.of("champion_env", "--champion-env", "data", "--data"));
        ModelOpsSpec withSingle = single.spec();
        Plan plan = planner.plan(withSingle, single.pipeline());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        PlanRunner.Finished finished = PlanRunner.execute(withSingle, file, plan, store, 1, null, progress);
        TaskOutcome outcome = finished.report().outcomes().get(0);
        Path taskDir = finished.runDir().resolve(id);
        Path json = taskDir.resolve(GateReports.JSON);
        if (!Files.isRegularFile(json)) {
            // the task failed before judging (e.g. no trained version); the summary on stderr says why
            return outcome.status() == TaskStatus.FAILED ? ModelOpsCli.FAILED : ModelOpsCli.OK;
        }
        if (out != null) {
            for (String name : List.of(GateReports.JSON, GateReports.JUNIT, GateReports.HTML)) {
                AtomicFiles.write(out.resolve(name), Files.readAllBytes(taskDir.resolve(name)));
            }
        }
        switch (format) {
            case "json" -> stdout.print(Files.readString(json));
            case "junit" -> stdout.print(Files.readString(taskDir.resolve(GateReports.JUNIT)));
            case "html" -> stdout.print(Files.readString(taskDir.resolve(GateReports.HTML)));
            default -> {
                GateReport report = Json.read(json, GateReport.class);
                stdout.print(GateReports.text(report));
                stdout.printf("reports: %s%n", out != null ? out.toAbsolutePath().normalize() : taskDir);
            }
        }
        stdout.flush();
        return finished.report().exitCode();
    }
}

package dev.modelops.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.SpecFixtures;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The values a built-in step type accepts under {@code with:} are checked when a spec is validated. */
class StepParameterValuesTest {
    @TempDir
    Path dir;

    private final Planner planner = Planner.discover();

    private ModelOpsSpec load(String pipelines, Map<String, String> sets) throws Exception {
        Path file = SpecFixtures.write(dir, SpecFixtures.spec(pipelines).replace("  epochs: 5\n",
                "  epochs: 5\n  port: 8080\n"));
        Files.writeString(dir.resolve("x.csv"), SpecFixtures.CSV);
        Files.createDirectories(dir.resolve("empty"));
        return SpecLoader.loadValid(file, new SpecOptions(null, sets), new SpecValidator(planner, List.of()));
    }

    private static String task(String type, String env, String with) {
        return """
                pipelines:
                  - name: p
                    tasks:
                      - id: t
                        type: %s
                        model: m%s
                        with: %s
                """.formatted(type, env == null ? "" : "\n        env: " + env, with);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "compressModel | {format: onx}                | with.format: expected one of onnx, got 'onx'",
        "compressModel | {quantize: int4}             | with.quantize: expected one of int8, float16, none, got 'int4'",
        "compressModel | {bits: 9}                    | with.bits: expected a whole number in [2, 8], got 9",
        "compressModel | {max_accuracy_loss: 2}       | with.max_accuracy_loss: expected a number >= 0 and <= 1, got 2",
        "deployModel   | {target: kubernets}          | with.target: expected one of local, kubernetes, got 'kubernets'",
        "deployModel   | {port: notaport}             | with.port: expected a whole number in [1, 65535], got 'notaport'",
        "deployModel   | {port: 80.5}                 | with.port: expected a whole number in [1, 65535], got 80.5",
        "deployModel   | {canary: 1}                  | with.canary: expected a number >= 0 and < 1, got 1",
        "deployModel   | {namespace: My_NS}           | with.namespace: expected a Kubernetes namespace",
        "deployModel   | {replicas: [1, 2]}           | with.replicas: expected a whole number in [1, 1000], got a list",
        "hardenModel   | {epsilon: 0}                 | with.epsilon: expected a number > 0, got 0",
        "hardenModel   | {attack: fgsm}               | with.attack: expected one of auto, exact-linear, hopskipjump, got 'fgsm'",
        "hardenModel   | {batches: 2}                 | with.batches: expected a whole number in [3, 10000], got 2",
        "trainModel    | {platform: cloud}            | with.platform: expected one of local, kubernetes, got 'cloud'",
        "trainModel    | {gpu: -1}                    | with.gpu: expected a whole number in [0, 2147483647], got -1",
        "promote       | {from: nowhere}              | with.from: unknown environment 'nowhere'; known: dev, staging",
        "promote       | {from: dev, approval_source: email} | with.approval_source: expected one of cli, jenkins-input, got 'email'",
        "qualityGate   | {champion_env: prd}          | with.champion_env: unknown environment 'prd'; known: dev, staging",
        "checkDrift    | {data: x.csv, confidence: 1} | with.confidence: expected a number > 0 and < 1, got 1",
        "checkDrift    | {data: x.csv, fail_on_drift: maybe} | with.fail_on_drift: expected true or false, got 'maybe'",
        "monitorDrift  | {schedule: daily}            | with.schedule: expected five cron fields (minute hour day month weekday), got 'daily'",
        "monitorDrift  | {schedule: H 25 * * *}       | with.schedule: hour field '25' of 'H 25 * * *': 25 is out of range 0-23",
        "monitorDrift  | {data: x.csv}                | with.data: expected a folder, but ",
        "validateData  | {data: missing.csv}          | with.data: file not found: ",
        "validateData  | {data: empty}                | with.data: expected a CSV file, got the folder ",
        "checkDrift    | {data: missing}              | with.data: no such file or folder: ",
        "checkDrift    | {data: empty}                | with.data: folder ",
    })
    void aValueTheStepWouldRejectFailsValidationWithItsLine(String type, String with, String expected) {
        String env = type.equals("deployModel") || type.equals("promote") ? "staging" : null;
        assertThatThrownBy(() -> load(task(type, env, with), Map.of()))
                .isInstanceOf(Problems.SpecInvalid.class)
                .hasMessageStartingWith(dir.resolve("modelops.yaml") + ":")
                .hasMessageContaining(": pipelines[0].tasks[0]." + expected);
    }

    @Test
    void goodValuesPassWhetherYamlTypedTextOrFromVariables() throws Exception {
        ModelOpsSpec spec = load("""
                pipelines:
                  - name: p
                    tasks:
                      - {id: c, type: compressModel, model: m, with: {format: ONNX, quantize: " int8", bits: 8.0, max_accuracy_loss: "0.02"}}
                      - {id: d, type: deployModel, model: m, env: staging, depends_on: [c], with: {target: local, port: "${port}", canary: 0.25}}
                      - {id: p, type: promote, model: m, env: dev, depends_on: [d], with: {from: staging, approval_source: jenkins-input}}
                      - {id: w, type: monitorDrift, model: m, depends_on: [d], with: {schedule: "H 3 * * *"}}
                      - {id: x, type: checkDrift, model: m, with: {data: x.csv, fail_on_drift: true, drift_share: 1}}
                      - {id: y, type: checkDrift, model: m, with: {data: ., fail_on_drift: true}}
                      - {id: z, type: monitorDrift, model: m, depends_on: [d], with: {data: live/batches}}
                      - {id: v, type: validateData, model: m, with: {data: x.csv}}
                """, Map.of("port", "9000"));
        assertThat(planner.plan(spec, "p").task("d").orElseThrow().with()).containsEntry("port", "9000");
    }

    @Test
    void everyBadValueIsReportedOnItsOwnLine() {
        assertThatThrownBy(() -> load(task("deployModel", "staging", "{target: kubernets, port: 0, replicas: x}"),
                Map.of()))
                .isInstanceOf(Problems.SpecInvalid.class)
                .satisfies(e -> assertThat(((Problems.SpecInvalid) e).problems()).extracting(Problems.Problem::path)
                        .containsExactlyInAnyOrder("pipelines[0].tasks[0].with.target", "pipelines[0].tasks[0].with.port",
                                "pipelines[0].tasks[0].with.replicas"));
    }

    @Test
    void aValueTwoChecksRejectIsReportedOnce() throws Exception {
        ModelOpsSpec loaded = load(task("trainModel", null, "{}"), Map.of());
        Problems problems = new Problems(loaded.locations());
        problems.add("pipelines[0].tasks[0].with.threshold", "expected a number > 0, got 'x'");
        problems.add("pipelines[0].tasks[0].with.threshold", "expected a number, got 'x'");
        problems.add("pipelines[0].tasks[0]", "needs a model");
        problems.add("pipelines[0].tasks[0]", "needs a model");
        problems.add("pipelines[0].tasks[0]", "needs env");
        assertThat(problems.list()).extracting(Problems.Problem::message)
                .containsExactlyInAnyOrder("expected a number > 0, got 'x'", "needs a model", "needs env");
    }

    @Test
    void aPipelineACommandMadeUpIsNamedByItsFlagsNeverByItsIndex() throws Exception {
        ModelOpsSpec loaded = load(task("trainModel", null, "{}"), Map.of());
        String taskLine = dir.resolve("modelops.yaml") + ":"
                + (java.nio.file.Files.readAllLines(dir.resolve("modelops.yaml")).indexOf("      - id: t") + 1);
        // what 'modelops step' does: a made-up pipeline after the spec's, whose places are flags
        var locations = loaded.locations().withCommandPlaces("pipelines[1]",
                rest -> rest.startsWith(".tasks[0].with.") ? "--with " + rest.substring(".tasks[0].with.".length())
                        : "step compressModel");
        assertThat(locations.place("pipelines[1].tasks[0].with.format")).isEqualTo("--with format");
        assertThat(locations.place("pipelines[1].tasks[0]")).isEqualTo("step compressModel");
        assertThat(locations.place("pipelines[0].tasks[0]")).isEqualTo(taskLine);
        Problems problems = new Problems(locations);
        problems.add("pipelines[1].tasks[0].with.format", "expected one of onnx, got 'onx'");
        assertThat(problems.list().get(0).render()).isEqualTo("--with format: expected one of onnx, got 'onx'");

        ModelOpsSpec spec = new ModelOpsSpec(loaded.source(), null, loaded.variables(), loaded.datasets(),
                loaded.models(), loaded.environments(), loaded.pipelines(), loaded.triggers(), locations,
                loaded.contentHash());
        // a step names its task by path; the message names the flag, or the file and line
        assertThat(spec.located(new InputError("pipelines[1].tasks[0]", "no trained version")).getMessage())
                .isEqualTo("step compressModel: no trained version");
        assertThat(spec.located(new InputError("pipelines[0].tasks[0]", "no trained version")).getMessage())
                .isEqualTo(taskLine + ": pipelines[0].tasks[0]: no trained version");
        assertThat(spec.located(new InputError("data.csv:3", "bad row")).getMessage()).isEqualTo("data.csv:3: bad row");
    }
}

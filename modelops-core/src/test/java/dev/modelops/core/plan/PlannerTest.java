package dev.modelops.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.SpecFixtures;
import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    @TempDir
    Path dir;

    private final Planner planner = Planner.discover();

    private ModelOpsSpec load(String pipelines) throws Exception {
        Path file = SpecFixtures.write(dir, SpecFixtures.spec(pipelines));
        return SpecLoader.loadValid(file, SpecOptions.defaults(), new SpecValidator(planner, List.of()));
    }

    @Test
    void transformersTurnThePapersThreeTasksIntoFive() throws Exception {
        ModelOpsSpec spec = load("""
                pipelines:
                  - name: release
                    tasks:
                      - {id: train, type: trainModel, model: m, harden: true}
                      - {id: evaluate, type: evaluateModel, model: m, depends_on: [train]}
                      - {id: deploy, type: deployModel, model: m, env: staging, monitor_drift: true, depends_on: [evaluate]}
                """);
        Plan plan = planner.plan(spec, "release");
        assertThat(plan.tasks()).extracting(PlannedTask::id)
                .containsExactly("train", "train-harden", "evaluate", "deploy", "deploy-drift-monitor");
        assertThat(plan.task("train-harden").orElseThrow().type()).isEqualTo(StepTypes.HARDEN);
        assertThat(plan.task("train-harden").orElseThrow().dependsOn()).containsExactly("train");
        // evaluation now judges the hardened model
        assertThat(plan.task("evaluate").orElseThrow().dependsOn()).containsExactly("train-harden");
        assertThat(plan.task("deploy-drift-monitor").orElseThrow().dependsOn()).containsExactly("deploy");
        assertThat(plan.task("deploy-drift-monitor").orElseThrow().origin()).isEqualTo("transformer:monitor_drift");
        assertThat(plan.tasks()).allMatch(PlannedTask::recordLineage);
    }

    @Test
    void lineageFalseTurnsTaskRecordsOff() throws Exception {
        ModelOpsSpec spec = load("""
                pipelines:
                  - name: quiet
                    lineage: false
                    tasks:
                      - {id: train, type: trainModel, model: m}
                """);
        assertThat(planner.plan(spec, null).tasks()).noneMatch(PlannedTask::recordLineage);
    }

    @Test
    void templatesInstantiateWithParametersAndDefaults() throws Exception {
        ModelOpsSpec spec = load("""
                pipelines:
                  - name: td
                    template: train-deploy
                    with: {model: m, harden: true}
                """);
        Plan plan = planner.plan(spec, "td");
        assertThat(plan.tasks()).extracting(PlannedTask::id)
                .containsExactly("train", "train-harden", "evaluate", "gate", "deploy");
        assertThat(plan.task("deploy").orElseThrow().env()).isEqualTo("staging");
        assertThat(plan.task("train").orElseThrow().origin()).isEqualTo("template:train-deploy");
        assertThat(plan.task("train").orElseThrow().dataset()).isEqualTo("people");
    }

    @Test
    void branchesAndJoinsKeepDeclarationOrderAmongReadyTasks() throws Exception {
        ModelOpsSpec spec = load("""
                pipelines:
                  - name: diamond
                    tasks:
                      - {id: join, type: evaluateModel, model: m, depends_on: [left, right]}
                      - {id: left, type: trainModel, model: m, depends_on: [root]}
                      - {id: right, type: trainModel, model: m, depends_on: [root]}
                      - {id: root, type: checkDrift, model: m}
                """);
        assertThat(planner.plan(spec, null).tasks()).extracting(PlannedTask::id)
                .containsExactly("root", "left", "right", "join");
    }

    @Test
    void cyclesAreReportedWithTheirPath() {
        assertThatThrownBy(() -> load("""
                pipelines:
                  - name: loop
                    tasks:
                      - {id: a, type: trainModel, model: m, depends_on: [c]}
                      - {id: b, type: evaluateModel, model: m, depends_on: [a]}
                      - {id: c, type: evaluateModel, model: m, depends_on: [b]}
                """)).isInstanceOf(InputError.class)
                .hasMessageContaining("pipelines[0].tasks[0].depends_on")
                .hasMessageContaining("a -> c -> b -> a");
    }

    @Test
    void renderersShowInsertedTasks() throws Exception {
        ModelOpsSpec spec = load("""
                pipelines:
                  - name: p
                    tasks:
                      - {id: train, type: trainModel, model: m, harden: true}
                """);
        Plan plan = planner.plan(spec, null);
        assertThat(PlanRenderer.text(plan)).contains("train-harden").contains("[transformer:harden]");
        assertThat(PlanRenderer.json(plan)).contains("\"origin\" : \"transformer:harden\"");
        assertThat(PlanRenderer.dot(plan)).contains("\"train\" -> \"train-harden\";");
    }

    @Test
    void templatesAndTransformersFromJarsOnTheClassPathArePickedUp() throws Exception {
        ModelOpsSpec spec = load("""
                pipelines:
                  - name: auto-eval-nightly
                    template: train-only
                    with: {model: m}
                """);
        assertThat(planner.templates().names()).contains("train-only", "train-deploy");
        Plan plan = planner.plan(spec, null);
        assertThat(plan.tasks()).extracting(PlannedTask::id).containsExactly("train", "train-evaluate");
        assertThat(plan.task("train-evaluate").orElseThrow().origin()).isEqualTo("transformer:auto-evaluate");
    }
}

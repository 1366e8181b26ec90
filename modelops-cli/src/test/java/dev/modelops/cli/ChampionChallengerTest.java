package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.exec.Executor;
import dev.modelops.core.exec.RunContext;
import dev.modelops.core.exec.RunInfo;
import dev.modelops.core.exec.RunListener;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.StepProvider;
import dev.modelops.core.exec.StepRegistry;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import dev.modelops.core.util.Json;
import dev.modelops.gates.Champion;
import dev.modelops.lineage.LineageStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Champion/challenger on the arrests data with the real train, evaluate and gate steps: the
 * first release deploys to staging (there is no champion yet); a deliberately worse challenger
 * (one feature instead of five) then fails its champion gate and the pipeline stops before
 * deploy. Deploying is the real deployModel step on the local target, which writes the deployment
 * descriptor and records the ACTIVE DEPLOYMENT without starting a server.
 */
class ChampionChallengerTest {
    static final Path CSV = Path.of("..", "examples", "arrests", "data", "arrests.csv");

    @TempDir
    Path dir;

    static String spec(String features) {
        return """
                version: 1
                datasets:
                  arrests:
                    uri: %s
                    schema:
                      released: {type: categorical, values: ["Yes", "No"]}
                      colour:   {type: categorical, values: [Black, White]}
                      year:     {type: integer, min: 1997, max: 2002}
                      age:      {type: integer, min: 0, max: 120}
                      sex:      {type: categorical, values: [Female, Male]}
                      employed: {type: categorical, values: ["Yes", "No"]}
                      citizen:  {type: categorical, values: ["Yes", "No"]}
                      checks:   {type: integer, min: 0, max: 6}
                models:
                  release:
                    trainer: logistic-regression
                    hyperparameters: {epochs: 10, learning_rate: 0.5, seed: 42}
                    dataset: arrests
                    features: %s
                    label: released
                    positive_class: "Yes"
                    split: {train: "year <= 1999"}
                    gates:
                      metrics: ["accuracy >= 0.5"]
                      champion: ["auc >= champion.auc - 0.01"]
                environments:
                  staging: {deploy: {target: local, port: 8099}}
                pipelines:
                  - name: release
                    tasks:
                      - {id: train, type: trainModel, model: release}
                      - {id: evaluate, type: evaluateModel, model: release, depends_on: [train]}
                      - {id: gate, type: qualityGate, model: release, env: staging, depends_on: [evaluate]}
                      - {id: deploy, type: deployModel, model: release, env: staging, depends_on: [gate]}
                """.formatted(CSV.toAbsolutePath().normalize(), features);
    }

    private RunReport run(String yaml, String runId, LineageStore lineage) throws Exception {
        Path file = dir.resolve(runId + ".yaml");
        Files.writeString(file, yaml);
        ModelOpsSpec spec = SpecLoader.loadValid(file, SpecOptions.defaults(), SpecValidator.discover(Planner.discover()));
        Plan plan = Planner.discover().plan(spec, null);
        // the real steps, deployModel included (modelops-steps is on this module's classpath)
        List<StepProvider> providers = new ArrayList<>();
        ServiceLoader.load(StepProvider.class).forEach(providers::add);
        RunInfo info = new RunInfo(runId, plan.pipeline(), null, file, spec.contentHash(), Instant.now(), Map.of(), Map.of());
        RunContext ctx = new RunContext(info, spec, new ArtifactStore(dir.resolve("home")), lineage, new DatasetLoader(),
                dir.resolve("runs").resolve(runId), Map.of());
        return new Executor(new StepRegistry(providers), 2).run(plan, ctx, RunListener.NONE);
    }

    private static TaskOutcome task(RunReport r, String id) {
        return r.outcomes().stream().filter(o -> o.taskId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aWorseChallengerFailsAgainstTheChampionAndIsNotDeployed() throws Exception {
        try (LineageStore lineage = LineageStores.open("sqlite:" + dir.resolve("lineage.db"), Map.of())) {
            RunReport first = run(spec("[age, sex, employed, citizen, checks]"), "r1", lineage);
            assertThat(first.outcomes()).extracting(TaskOutcome::status).containsOnly(TaskStatus.SUCCEEDED);
            assertThat(task(first, "gate").message()).contains("PASS release@v1 for staging");
            Entity champion = lineage.latest(EntityKind.MODEL, "release").orElseThrow();
            assertThat(task(first, "deploy").message()).startsWith("deployed release@v1 to staging (local");
            assertThat(lineage.history(EntityKind.DEPLOYMENT, "release/staging")).hasSize(1);
            Path descriptor = dir.resolve("home/deployments/release/staging.json");
            assertThat(Json.mapper().readTree(descriptor.toFile()).get("modelVersion").asText()).isEqualTo("release@v1");
            String descriptorBefore = Files.readString(descriptor);

            RunReport second = run(spec("[sex]"), "r2", lineage);
            assertThat(task(second, "train").status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(task(second, "gate").status()).isEqualTo(TaskStatus.FAILED);
            assertThat(task(second, "gate").message()).startsWith("FAIL release@v2 for staging: 1 passed, 1 failed - auc ")
                    .contains("champion release@v1 in staging: auc");
            assertThat(task(second, "deploy").status()).isEqualTo(TaskStatus.SKIPPED);
            assertThat(task(second, "deploy").message()).isEqualTo("blocked: 'gate' failed");
            assertThat(second.exitCode()).isEqualTo(1);
            // the champion still serves: no new deployment was recorded
            List<Entity> deployments = lineage.history(EntityKind.DEPLOYMENT, "release/staging");
            assertThat(deployments).hasSize(1);
            assertThat(deployments.get(0).attributes()).containsEntry("status", "ACTIVE").containsEntry("modelVersion", "release@v1");
            assertThat(deployments.get(0).targets(Relation.USED)).containsExactly(champion.id());
            assertThat(Files.readString(descriptor)).isEqualTo(descriptorBefore);
            assertThat(Champion.find(lineage, "release", "staging").orElseThrow().modelVersion())
                    .map(Entity::id).contains(champion.id());

            JsonNode report = Json.mapper().readTree(dir.resolve("runs/r2/gate/gate-report.json").toFile());
            assertThat(report.get("champion").asText()).isEqualTo("release@v1");
            double challengerAuc = report.get("metrics").get("auc").asDouble();
            double championAuc = report.get("championMetrics").get("auc").asDouble();
            assertThat(challengerAuc).isLessThan(championAuc - 0.01);
            Entity verdict = lineage.latest(EntityKind.GATE_VERDICT, "release").orElseThrow();
            assertThat(verdict.attributes()).containsEntry("status", "FAIL").containsEntry("champion", "release@v1");
            assertThat(verdict.targets(Relation.EVALUATED))
                    .containsExactly(lineage.latest(EntityKind.MODEL, "release").orElseThrow().id());
        }

        // the CLI's gate command on the same store exits 1 for the challenger
        Files.writeString(dir.resolve("worse.yaml"), spec("[sex]"));
        Cli cli = Cli.run("gate", dir.resolve("worse.yaml").toString(), "--model", "release",
                "--champion-env", "staging", "--home", dir.resolve("home").toString(),
                "--store", "sqlite:" + dir.resolve("lineage.db"));
        assertThat(cli.code()).as(cli.err()).isEqualTo(1);
        assertThat(cli.out()).startsWith("FAIL release@v2 for staging");
    }
}

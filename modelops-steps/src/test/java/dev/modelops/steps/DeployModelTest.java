package dev.modelops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.gates.Champion;
import dev.modelops.steps.deploy.LocalTarget;
import dev.modelops.steps.serve.ServedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployModelTest {
    @TempDir
    Path dir;

    private Path spec() throws Exception {
        return SmallSpecs.write(dir, """
                staging:
                  deploy: {target: local, port: 18087}
                """, """
                - name: release
                  tasks:
                    - {id: train, type: trainModel, model: m}
                    - {id: deploy, type: deployModel, model: m, env: staging, depends_on: [train]}
                - name: deploy
                  tasks:
                    - {id: deploy, type: deployModel, model: m, env: staging}
                """);
    }

    @Test
    void localDeploymentWritesADescriptorAndRecordsAnActiveDeployment() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport report = p.run(spec(), "release");
        TaskOutcome deploy = Pipelines.task(report, "deploy");
        assertThat(deploy.status()).as(deploy.message()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity model = p.lineage.latest(EntityKind.MODEL, "m").orElseThrow();
        Entity d = p.lineage.latest(EntityKind.DEPLOYMENT, "m/staging").orElseThrow();
        assertThat(d.attributes()).containsEntry("status", "ACTIVE").containsEntry("target", "local")
                .containsEntry("modelSha256", model.contentHash()).containsEntry("endpoint", "http://127.0.0.1:18087");
        assertThat(d.targets(Relation.USED)).containsExactly(model.id());
        Entity env = p.lineage.get(d.targets(Relation.DEPLOYED_TO).get(0)).orElseThrow();
        assertThat(env.kind()).isEqualTo(EntityKind.ENVIRONMENT);
        assertThat(env.name()).isEqualTo("staging");
        Map<?, ?> descriptor = Json.read(LocalTarget.descriptor(p.artifacts, "m", "staging"), Map.class);
        assertThat(descriptor.get("modelId")).isEqualTo(model.id());
        assertThat(String.valueOf(descriptor.get("serve"))).contains("serve-model").contains("--env staging");
        assertThat(deploy.outputs()).containsEntry("deployment.status", "ACTIVE").containsEntry("deployment.id", d.id());
    }

    @Test
    void aTamperedModelFileIsRefusedAtDeployAndLineageShowsTheRefusal() throws Exception {
        Path spec = spec();
        Pipelines p = new Pipelines(dir.resolve("home"));
        assertThat(Pipelines.task(p.run(spec, "release"), "deploy").status()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity model = p.lineage.latest(EntityKind.MODEL, "m").orElseThrow();
        Entity active = p.lineage.latest(EntityKind.DEPLOYMENT, "m/staging").orElseThrow();

        // someone edits the stored model file after it was recorded
        Path file = p.artifacts.pathOf(model.contentHash());
        Files.write(file, new byte[] {0x0a}, StandardOpenOption.APPEND);

        TaskOutcome refused = Pipelines.task(p.run(spec, "deploy"), "deploy");
        assertThat(refused.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(refused.message()).startsWith("refused to deploy " + model.label() + " to staging: SHA-256 mismatch")
                .contains("lineage recorded " + model.contentHash())
                .contains("the model file was modified after it was recorded");

        List<Entity> history = p.lineage.history(EntityKind.DEPLOYMENT, "m/staging");
        assertThat(history).extracting(e -> e.attributes().get("status")).containsExactly("ACTIVE", "REFUSED");
        Entity refusal = history.get(1);
        assertThat(String.valueOf(refusal.attributes().get("reason"))).contains("SHA-256 mismatch");
        assertThat(refusal.targets(Relation.USED)).containsExactly(model.id());
        // the refusal does not unseat the version that was serving
        assertThat(Champion.find(p.lineage, "m", "staging").orElseThrow().deployment().id()).isEqualTo(active.id());

        // and the server refuses to start on it, recording that too
        assertThatThrownBy(() -> ServedModels.open(p.load(spec, null), p.lineage, p.artifacts, "m", "staging", null, 1000))
                .isInstanceOf(ServedModels.Refused.class).hasMessageContaining("refused to serve " + model.label());
        assertThat(p.lineage.history(EntityKind.DEPLOYMENT, "m/staging")).hasSize(3)
                .last().satisfies(e -> assertThat(e.attributes()).containsEntry("status", "REFUSED")
                        .containsEntry("refusedBy", "serve-model"));
    }
}

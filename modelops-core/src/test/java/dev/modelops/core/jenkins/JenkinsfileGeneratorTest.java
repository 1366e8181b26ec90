package dev.modelops.core.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.SpecFixtures;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsfileGeneratorTest {
    @TempDir
    Path dir;

    private JenkinsPipeline describe(String yaml, String pipeline) throws Exception {
        Path file = SpecFixtures.write(dir, yaml);
        ModelOpsSpec spec = SpecLoader.load(file, SpecOptions.defaults());
        Planner planner = Planner.discover();
        return JenkinsfileGenerator.describe(spec, planner.plan(spec, pipeline), "ml/modelops.yaml", null);
    }

    @Test
    void transformerTasksBecomeFlagsOfTheStepThatOwnsThem() throws Exception {
        JenkinsPipeline p = describe(SpecFixtures.spec("""
                pipelines:
                  - name: release
                    tasks:
                      - {id: train, type: trainModel, model: m, harden: true}
                      - {id: gate, type: qualityGate, model: m, depends_on: [train], with: {champion_env: staging}}
                      - {id: deploy, type: deployModel, model: m, env: staging, monitor_drift: true, depends_on: [gate]}
                      - {id: promote, type: promote, model: m, env: dev, with: {from: staging}, depends_on: [deploy]}
                      - {id: watch, type: monitorDrift, model: m, env: staging, depends_on: [promote], with: {schedule: "H * * * *"}}
                triggers:
                  - {name: nightly, on: schedule, schedule: "H 2 * * *", pipeline: release}
                  - {name: other, on: schedule, schedule: "H 3 * * *", pipeline: elsewhere}
                """), "release");
        assertThat(p.stages()).extracting(JenkinsStage::name).containsExactly("train", "gate", "deploy", "promote", "watch");
        assertThat(p.stages().get(0).args()).containsExactly(Map.entry("model", "m"), Map.entry("harden", true));
        assertThat(p.stages().get(1).args()).containsEntry("championEnv", "staging");
        assertThat(p.stages().get(2).args()).containsEntry("env", "staging").containsEntry("monitorDrift", true);
        assertThat(p.stages().get(3).step()).isEqualTo("promote");
        assertThat(p.stages().get(3).args()).containsEntry("to", "dev").containsEntry("from", "staging");
        // A type without a dedicated library step goes through the generic one.
        assertThat(p.stages().get(4).step()).isEqualTo("modelopsStep");
        assertThat(p.stages().get(4).args()).containsEntry("type", "monitorDrift")
                .containsEntry("with", Map.of("schedule", "H * * * *"));
        assertThat(p.cron()).containsExactly("H 2 * * *");

        String groovy = JenkinsfileGenerator.groovy(p, "modelops generate jenkinsfile ml/modelops.yaml --pipeline release");
        assertThat(groovy).contains("@Library('modelops') _", "agent { label 'modelops' }", "cron('H 2 * * *')",
                "MODELOPS_SPEC = 'ml/modelops.yaml'",
                "trainModel model: 'm', harden: true",
                "qualityGate model: 'm', championEnv: 'staging'",
                "deployModel model: 'm', env: 'staging', monitorDrift: true",
                "modelopsStep type: 'monitorDrift', model: 'm', env: 'staging', with: [schedule: 'H * * * *']");
        assertThat(groovy).doesNotContain("train-harden", "deploy-drift-monitor");
    }

    @Test
    void kubernetesModelsTrainInAGpuPodAndPromotionsAskTheEnvironmentsApprovers() throws Exception {
        String yaml = SpecFixtures.spec("""
                pipelines:
                  - name: p
                    tasks:
                      - {id: train, type: trainModel, model: m}
                      - {id: promote, type: promote, model: m, env: staging, with: {from: dev}, depends_on: [train]}
                """).replace("    split: {train: \"year <= 1998\"}\n", """
                    split: {train: "year <= 1998"}
                    platform: kubernetes
                    resources:
                      gpu: 2
                      node_selector: {nvidia.com/gpu.product: Tesla-T4}
                      tolerations: [{key: dedicated, operator: Equal, value: ml, effect: NoSchedule}]
                """).replace("  staging:\n", "  staging:\n    approvers: [alice, ml-leads]\n");
        JenkinsPipeline p = describe(yaml, "p");
        assertThat(p.stages().get(0).args()).containsEntry("platform", "kubernetes").containsEntry("gpu", 2)
                .containsEntry("nodeSelector", Map.of("nvidia.com/gpu.product", "Tesla-T4"));
        assertThat(p.stages().get(1).args()).containsEntry("submitter", "alice,ml-leads");
        assertThat(p.approvers()).containsEntry("staging", List.of("alice", "ml-leads"));
        String groovy = JenkinsfileGenerator.groovy(p, "x");
        assertThat(groovy).contains("trainModel model: 'm', platform: 'kubernetes', gpu: 2, "
                + "nodeSelector: ['nvidia.com/gpu.product': 'Tesla-T4'], "
                + "tolerations: [[key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule']]");
    }

    @Test
    void literalsAreEscapedForGroovy() {
        assertThat(JenkinsfileGenerator.literal("it's a \\ path")).isEqualTo("'it\\'s a \\\\ path'");
        assertThat(JenkinsfileGenerator.literal(0.25)).isEqualTo("0.25");
        assertThat(JenkinsfileGenerator.literal(3.0)).isEqualTo("3");
        assertThat(JenkinsfileGenerator.literal(List.of("a", 1))).isEqualTo("['a', 1]");
        assertThat(JenkinsfileGenerator.camel("max_accuracy_loss")).isEqualTo("maxAccuracyLoss");
    }
}

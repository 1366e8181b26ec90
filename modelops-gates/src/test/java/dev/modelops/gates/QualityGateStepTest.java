package dev.modelops.gates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityGateStepTest {
    static final List<String> ALL = List.of("age", "sex", "employed", "citizen", "checks");

    @TempDir
    Path dir;

    GateHarness h;

    @BeforeEach
    void setUp() {
        h = new GateHarness(dir);
    }

    private static TaskOutcome task(RunReport r, String id) {
        return r.outcomes().stream().filter(o -> o.taskId().equals(id)).findFirst().orElseThrow();
    }

    private JsonNode report(String task) throws Exception {
        return Json.mapper().readTree(Files.readString(h.taskDir(task).resolve(GateReports.JSON)));
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("check").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report.get("checks"));
    }

    @Test
    void aFailingMetricFailsTheTaskAndBlocksItsDependants() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("""
                metrics: ["accuracy >= 0.95", {check: "auc >= 0.6", warn: "auc >= 0.99"}]
                """, """
                - {id: gate, type: qualityGate, model: release}
                - {id: after, type: qualityGate, model: release, depends_on: [gate]}
                """));
        Entity v1 = h.train(spec, "release", ALL);
        RunReport r = h.run(spec);
        assertThat(task(r, "gate").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task(r, "gate").message()).startsWith("FAIL release@v1: 0 passed, 1 warned, 1 failed - accuracy 0.8")
                .contains("violates >= 0.95 by ");
        assertThat(task(r, "after").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(task(r, "after").message()).isEqualTo("blocked: 'gate' failed");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode report = report("gate");
        assertThat(check(report, "auc >= 0.6").get("status").asText()).isEqualTo("WARN");
        assertThat(check(report, "auc >= 0.6").get("reason").asText()).contains("but not the warn threshold >= 0.99");
        assertThat(report.get("metricsSource").asText()).startsWith("computed with Tribuo on 2758 test rows");

        Entity verdict = h.lineage.latest(EntityKind.GATE_VERDICT, "release").orElseThrow();
        assertThat(verdict.attributes().get("status")).isEqualTo("FAIL");
        assertThat(verdict.targets(Relation.EVALUATED)).containsExactly(v1.id());
        Entity dataset = h.lineage.get(verdict.targets(Relation.USED).get(0)).orElseThrow();
        assertThat(dataset.kind()).isEqualTo(EntityKind.DATASET);
        assertThat(task(r, "gate").outputs()).containsEntry(QualityGates.GATE_ID, verdict.id())
                .containsEntry(QualityGates.GATE_STATUS, "FAIL");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) verdict.attributes().get("checks");
        assertThat(checks).extracting(c -> c.get("status")).containsExactly("FAIL", "WARN");
        assertThat(checks.get(0)).containsKeys("check", "value", "threshold", "reason");
    }

    @Test
    void recordedMetricsOfTheSameDataAreUsedInsteadOfRecomputing() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("metrics: [\"accuracy >= 0.5\"]", "- {id: gate, type: qualityGate, model: release}"));
        Entity v1 = h.train(spec, "release", ALL);
        Entity data = h.lineage.get(v1.targets(Relation.DERIVED_FROM).get(0)).orElseThrow();
        Entity metrics = h.lineage.record(LineageRecord.builder(EntityKind.METRICS, "release")
                .attribute("metrics", Map.of("accuracy", 0.42))
                .attribute("datasetSha256", data.contentHash())
                .attribute("split", "train where year <= 1999, test otherwise")
                .edge(Relation.EVALUATED, v1.id())
                .edge(Relation.USED, data.id())
                .build());
        RunReport r = h.run(spec);
        // the recorded (here deliberately low) accuracy is what the gate judged
        assertThat(task(r, "gate").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(report("gate").get("metricsSource").asText()).startsWith("METRICS record " + metrics.label());
    }

    @Test
    void tinyFairnessGroupsAreInconclusiveAndOnlyWarn() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("""
                fairness:
                  attribute: colour
                  privileged: White
                  min_group_size: 1000
                  checks: ["disparate_impact in [0.8, 1.25]"]
                """, "- {id: gate, type: qualityGate, model: release}"));
        h.train(spec, "release", ALL);
        RunReport r = h.run(spec);
        assertThat(task(r, "gate").status()).isEqualTo(TaskStatus.WARNED);
        assertThat(r.exitCode()).isZero();
        JsonNode c = check(report("gate"), "colour: disparate_impact in [0.8, 1.25]");
        assertThat(c.get("status").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(c.get("value").isNull()).isTrue();
        assertThat(c.get("reason").asText()).contains("unprivileged group has 675 rows, privileged group 2083 (minimum 1000)");
    }

    @Test
    void championChecksPassWithoutAChampionAndFailAWorseChallenger() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("""
                champion: ["auc >= champion.auc - 0.01", {check: "accuracy >= champion.accuracy - 1%", level: warn}]
                """, "- {id: gate, type: qualityGate, model: release, with: {champion_env: staging}}"));
        Entity champion = h.train(spec, "release", ALL);
        RunReport first = h.run(spec);
        assertThat(task(first, "gate").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(check(report("gate"), "auc >= champion.auc - 0.01").get("reason").asText())
                .isEqualTo("no champion in staging (no ACTIVE deployment release/staging), so there is nothing to compare against");

        h.deploy(champion, "staging");
        Entity challenger = h.train(spec, "release", List.of("sex"));
        RunReport second = h.run(spec);
        assertThat(task(second, "gate").status()).isEqualTo(TaskStatus.FAILED);
        JsonNode report = report("gate");
        assertThat(report.get("champion").asText()).isEqualTo(champion.label());
        assertThat(report.get("modelVersion").asText()).isEqualTo(challenger.label());
        JsonNode auc = check(report, "auc >= champion.auc - 0.01");
        assertThat(auc.get("status").asText()).isEqualTo("FAIL");
        double championAuc = report.get("championMetrics").get("auc").asDouble();
        assertThat(auc.get("threshold").asText()).isEqualTo(">= champion.auc - 0.01 = " + String.format(java.util.Locale.ROOT,
                "%.4f", championAuc - 0.01));
        assertThat(auc.get("reason").asText()).contains("champion " + champion.label() + " in staging: auc ")
                .contains("re-evaluated on the same 2758 test rows");
        assertThat(auc.get("value").asDouble()).isLessThan(championAuc - 0.01);
        Entity verdict = h.lineage.latest(EntityKind.GATE_VERDICT, "release").orElseThrow();
        assertThat(verdict.attributes()).containsEntry("champion", champion.label()).containsEntry("env", "staging");
    }

    @Test
    void championChecksWithoutAnEnvironmentAreInconclusive() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("champion: [\"auc >= champion.auc\"]",
                "- {id: gate, type: qualityGate, model: release}"));
        h.train(spec, "release", ALL);
        RunReport r = h.run(spec);
        assertThat(task(r, "gate").status()).isEqualTo(TaskStatus.WARNED);
        assertThat(check(report("gate"), "auc >= champion.auc").get("reason").asText())
                .contains("no target environment to find a champion in");
    }

    @Test
    void robustnessChecksReadWhatHardeningRecorded() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("""
                robustness: ["noise_accuracy >= 0.8", "after_clever_mean >= 0.5", "adversarial_accuracy >= 0.5"]
                drift: ["max_psi <= 0.1"]
                """, "- {id: gate, type: qualityGate, model: release}"));
        Entity v = h.train(spec, "release", ALL);
        h.lineage.record(LineageRecord.builder(EntityKind.METRICS, "release")
                .attribute("robustness", Map.of("noise_accuracy", 0.83, "after", Map.of("clever_mean", 0.4)))
                .edge(Relation.EVALUATED, v.id())
                .build());
        RunReport r = h.run(spec);
        JsonNode report = report("gate");
        assertThat(check(report, "noise_accuracy >= 0.8").get("status").asText()).isEqualTo("PASS");
        assertThat(check(report, "after_clever_mean >= 0.5").get("status").asText()).isEqualTo("FAIL");
        assertThat(check(report, "adversarial_accuracy >= 0.5").get("status").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(check(report, "adversarial_accuracy >= 0.5").get("reason").asText())
                .contains("no 'adversarial_accuracy' measurement: attributes.robustness of METRICS release@v1");
        // no drift provider is installed in this module: the hook is there, the check says so
        assertThat(check(report, "max_psi <= 0.1").get("status").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(check(report, "max_psi <= 0.1").get("reason").asText())
                .contains("no 'drift' measurement provider is installed");
        assertThat(task(r, "gate").status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aTaskCanNarrowTheSectionsItRuns() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("""
                metrics: ["accuracy >= 0.99"]
                fairness: {attribute: colour, privileged: White, checks: ["statistical_parity_difference within 0.5"]}
                """, "- {id: gate, type: qualityGate, model: release, with: {gates: [fairness]}}"));
        h.train(spec, "release", ALL);
        RunReport r = h.run(spec);
        assertThat(task(r, "gate").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(report("gate").get("checks")).hasSize(1);
    }

    @Test
    void aModelWithoutGatesWarnsInsteadOfBlessingSilently() throws Exception {
        ModelOpsSpec spec = h.load(GateHarness.spec("data: {max_missing: 0.1}", "- {id: gate, type: qualityGate, model: release}"));
        h.train(spec, "release", ALL);
        RunReport r = h.run(spec);
        assertThat(task(r, "gate").status()).isEqualTo(TaskStatus.WARNED);
        assertThat(task(r, "gate").message()).contains("declares no gates for a trained model");
    }
}

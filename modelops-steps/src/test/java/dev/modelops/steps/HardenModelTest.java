package dev.modelops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hardenModel on the Fashion-MNIST subset: robustness must rise, at a small clean-accuracy cost. */
@Tag("slow")
class HardenModelTest {
    @TempDir
    Path dir;

    static String spec(Path csv, String hardenWith) throws Exception {
        String text = Files.readString(Path.of("../examples/fashion-mnist/modelops.yaml"));
        text = text.replace("uri: data/fashion-mnist-14x14.csv", "uri: " + csv)
                .replace("      metrics: [\"accuracy >= 0.75\"]", "      metrics: [\"accuracy >= 0.75\"]\n"
                        + "      robustness: [\"clever_mean >= 0.12\", \"adversarial_accuracy >= 0.45\"]");
        int pipelines = text.indexOf("\npipelines:");
        return text.substring(0, pipelines) + """

                pipelines:
                  - name: harden
                    tasks:
                      - {id: train, type: trainModel, model: fashion-classifier}
                      - {id: harden, type: hardenModel, model: fashion-classifier, depends_on: [train],
                         with: %s}
                      - {id: evaluate, type: evaluateModel, model: fashion-classifier, depends_on: [harden]}
                      - {id: gate, type: qualityGate, model: fashion-classifier, depends_on: [evaluate]}
                """.formatted(hardenWith);
    }

    @Test
    void adversarialTrainingRaisesRobustnessAndRecordsBothMeasurements() throws Exception {
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, spec(Pipelines.FASHION_CSV,
                "{epsilon: 0.3, rounds: 6, points: 12, batches: 12, samples: 8, seed: 7}"));
        Pipelines pipelines = new Pipelines(dir.resolve("home"));
        RunReport report = pipelines.run(file, "harden");
        TaskOutcome harden = Pipelines.task(report, "harden");
        assertThat(harden.status()).as(harden.message()).isEqualTo(TaskStatus.SUCCEEDED);

        List<Entity> versions = pipelines.lineage.history(EntityKind.MODEL, "fashion-classifier");
        assertThat(versions).hasSize(2);
        Entity original = versions.get(0);
        Entity hardened = versions.get(1);
        assertThat(hardened.attributes()).containsEntry("variant", "hardened");
        assertThat(hardened.targets(Relation.DERIVED_FROM)).contains(original.id());
        assertThat(pipelines.artifacts.verify(hardened.contentHash())).isTrue();

        Map<?, ?> after = (Map<?, ?>) hardened.attributes().get("robustness");
        Map<?, ?> before = (Map<?, ?>) hardened.attributes().get("robustnessBefore");
        assertThat(number(after, "clever_mean")).isGreaterThan(number(before, "clever_mean") * 1.3);
        assertThat(number(after, "adversarial_accuracy")).isGreaterThan(number(before, "adversarial_accuracy") + 0.05);
        assertThat(number(after, "perturbation_median")).isGreaterThan(number(before, "perturbation_median"));
        double cost = number(before, "clean_accuracy") - number(after, "clean_accuracy");
        assertThat(cost).as("clean-accuracy cost").isLessThan(0.05);
        assertThat(after.get("attack")).isEqualTo("exact-linear");

        // evaluateModel on the hardened version reports its robustness beside accuracy
        TaskOutcome evaluate = Pipelines.task(report, "evaluate");
        assertThat(evaluate.metrics()).containsKeys("accuracy", "robustness.clever_mean", "robustness.adversarial_accuracy");
        assertThat(evaluate.metrics().get("robustness.clever_mean")).isEqualTo(number(after, "clever_mean"));
        assertThat(evaluate.metrics().get("accuracy")).isEqualTo(number(after, "clean_accuracy"));
        // the original's measurement is a metrics record of its own
        assertThat(pipelines.lineage.referrers(original.id(), Relation.EVALUATED)).anySatisfy(m ->
                assertThat(((Map<?, ?>) m.attributes().get("metrics")).containsKey("robustness.clever_mean")).isTrue());
    }

    @Test
    void aRobustnessGateReadsTheRecordedNumbers() throws Exception {
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, spec(Pipelines.FASHION_CSV,
                "{epsilon: 0.3, rounds: 6, points: 12, batches: 12, samples: 8, seed: 7}"));
        Pipelines pipelines = new Pipelines(dir.resolve("home"));
        TaskOutcome gate = Pipelines.task(pipelines.run(file, "harden"), "gate");
        assertThat(gate.status()).as(gate.message()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity verdict = pipelines.lineage.latest(EntityKind.GATE_VERDICT, "fashion-classifier").orElseThrow();
        assertThat(verdict.attributes()).containsEntry("status", "PASS");
        assertThat(String.valueOf(verdict.attributes().get("checks"))).contains("clever_mean").contains("adversarial_accuracy");
        // the thresholds are above what the original version measured: the same gate keeps it out
        Entity hardened = pipelines.lineage.latest(EntityKind.MODEL, "fashion-classifier").orElseThrow();
        Map<?, ?> before = (Map<?, ?>) hardened.attributes().get("robustnessBefore");
        assertThat(number(before, "clever_mean")).isLessThan(0.12);
        assertThat(number(before, "adversarial_accuracy")).isLessThan(0.45);
    }

    private static double number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}

package dev.modelops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobSettingsTest {
    @TempDir
    Path dir;

    @Test
    void badResourcesAreReportedByValidateWithTheirLines() throws Exception {
        Files.writeString(dir.resolve("d.csv"), "y,x\na,1\nb,2\n");
        Path spec = dir.resolve("modelops.yaml");
        Files.writeString(spec, """
                version: 1
                datasets:
                  d: {uri: d.csv, schema: {y: categorical, x: integer}}
                models:
                  m:
                    trainer: logistic-regression
                    dataset: d
                    features: [x]
                    label: y
                    platform: kubernetes
                    resources:
                      gpu: two
                      memory: lots
                      colour: red
                      tolerations:
                        - {key: nvidia.com/gpu, operator: Maybe, effect: NoSchedule}
                pipelines:
                  - name: p
                    tasks: [{id: t, type: trainModel, model: m}]
                """);
        assertThatThrownBy(() -> SpecLoader.loadValid(spec, SpecOptions.defaults(),
                SpecValidator.discover(Planner.discover())))
                .isInstanceOf(Problems.SpecInvalid.class)
                .hasMessageContaining("modelops.yaml:12: models.m.resources.gpu: expected a whole number >= 0, got 'two'")
                .hasMessageContaining("modelops.yaml:13: models.m.resources.memory: expected a Kubernetes quantity")
                .hasMessageContaining("modelops.yaml:14: models.m.resources.colour: unknown resources key 'colour'")
                .hasMessageContaining("operator must be Exists or Equal");
    }

    @Test
    void defaultsComeFromTheEnvironmentAndGpuNodesAreTolerated() {
        List<String> problems = new ArrayList<>();
        TrainingJobSettings s = TrainingJobSettings.read(Map.of("gpu", 2), null,
                Map.of("MODELOPS_K8S_IMAGE", "registry.example/modelops/cli:0.1.0", "MODELOPS_K8S_VOLUME", "ws"),
                (k, m) -> problems.add(k + ": " + m));
        assertThat(problems).isEmpty();
        assertThat(s.image()).isEqualTo("registry.example/modelops/cli:0.1.0");
        assertThat(s.volume()).isEqualTo("ws");
        assertThat(s.mountPath()).isEqualTo("/workspace");
        assertThat(s.tolerations()).containsExactly(TrainingJobSettings.GPU_TOLERATION);
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.timeout()).isEqualTo(Duration.ofHours(6));
        // A task's with: {gpu: 0} overrides the spec and drops the GPU toleration.
        TrainingJobSettings cpuOnly = TrainingJobSettings.read(Map.of("gpu", 2), "0", Map.of(), (k, m) -> problems.add(m));
        assertThat(cpuOnly.gpu()).isZero();
        assertThat(cpuOnly.tolerations()).isEmpty();
    }

    @Test
    void jobNamesAreValidDnsLabelsForEveryAttempt() {
        String base = "modelops-train-" + TrainingJobs.dnsLabel("Arrests_Release.V2--with a very long name indeed", 30)
                + "-abc123";
        TrainingJobRequest request = new TrainingJobRequest(base, "Arrests_Release.V2", List.of("modelops"), "/workspace",
                new LinkedHashMap<>(), TrainingJobSettings.read(Map.of("volume", "ws"), null, Map.of(), (k, m) -> { }));
        for (int attempt = 1; attempt <= 12; attempt++) {
            Job job = TrainingJobs.build(request, attempt, "ml");
            String name = job.getMetadata().getName();
            assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(job.getMetadata().getLabels().get(TrainingJobs.LABEL_MODEL)).isEqualTo("Arrests_Release.V2");
        }
        assertThat(TrainingJobs.build(request, 1, "ml").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getResources().getLimits()).isEmpty();
    }
}

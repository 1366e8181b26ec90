package dev.modelops.drift.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.Problems;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import dev.modelops.drift.check.DriftSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftSpecRuleTest {
    @TempDir
    Path dir;

    private Path spec(String drift, String tasks, String triggers) throws Exception {
        Path csv = Path.of("../examples/arrests/data/arrests.csv").toAbsolutePath().normalize();
        String yaml = """
                version: 1
                datasets:
                  arrests:
                    uri: %s
                    schema:
                      released: {type: categorical, values: ["Yes", "No"]}
                      year: integer
                      age: integer
                      sex: categorical
                      citizen: categorical
                models:
                  m:
                    trainer: logistic-regression
                    dataset: arrests
                    features: [age, sex, citizen]
                    label: released
                    split: {train: "year <= 1999"}
                %s
                environments:
                  staging: {}
                pipelines:
                  - name: p
                    tasks:
                      - id: train
                        type: trainModel
                        model: m
                %s
                %s
                """.formatted(csv, drift.indent(4).stripTrailing(), tasks.indent(6).stripTrailing(),
                triggers.stripTrailing());
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, yaml);
        // checkDrift's with.data must hold a batch when the spec is validated
        Files.createDirectories(dir.resolve("batches"));
        Files.copy(csv, dir.resolve("batches").resolve("2003.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static ModelOpsSpec load(Path file) {
        return SpecLoader.loadValid(file, new SpecOptions(null, Map.of()), SpecValidator.discover(Planner.discover()));
    }

    @Test
    void aValidDriftSectionAndDriftTasksPass() throws Exception {
        ModelOpsSpec s = load(spec("""
                drift:
                  threshold: 0.15
                  confidence: 0.99
                  checks: [features, prediction, domain]
                  columns:
                    age: {method: psi, threshold: 0.2}
                    citizen: jensenshannon
                """, """
                - id: drift
                  type: checkDrift
                  model: m
                  with: {data: batches, threshold: 0.2, fail_on_drift: true}
                  depends_on: [train]
                """, ""));
        assertThat(s.models().get("m").drift().threshold()).isEqualTo(0.15);
        assertThat(s.models().get("m").drift().columns().get("citizen").method()).isEqualTo("jensenshannon");
    }

    @Test
    void everyDriftSettingButColumnsIsAcceptedInTheWithOfCheckDriftAndMonitorDrift() throws Exception {
        // the README promises "any drift setting above, except columns": one value per DriftSettings key
        Map<String, String> values = Map.of("threshold", "0.2", "confidence", "0.99", "psi_threshold", "0.2",
                "drift_share", "0.4", "small_reference_rows", "500", "bins", "20", "domain_auc", "0.8",
                "domain_max_rows", "2000", "performance_tolerance", "0.1", "checks", "[features, domain]");
        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(DriftSettings.KEYS);
        String with = DriftSettings.KEYS.stream().map(k -> k + ": " + values.get(k))
                .collect(java.util.stream.Collectors.joining(", "));
        ModelOpsSpec s = load(spec("", """
                - id: drift
                  type: checkDrift
                  model: m
                  with: {data: batches, fail_on_drift: true, %s}
                  depends_on: [train]
                - id: watch
                  type: monitorDrift
                  model: m
                  env: staging
                  with: {schedule: "H 4 * * *", data: live, %s}
                  depends_on: [train]
                """.formatted(with, with), ""));
        assertThat(s.pipelines().get(0).tasks().get(1).with()).containsEntry("bins", 20)
                .containsEntry("small_reference_rows", 500).containsEntry("domain_max_rows", 2000);
        Path columns = spec("", """
                - id: drift
                  type: checkDrift
                  model: m
                  with: {data: batches, columns: {age: psi}}
                """, "");
        assertThatThrownBy(() -> load(columns)).hasMessageContaining("unknown parameter 'columns' for checkDrift");
    }

    @Test
    void everyDriftProblemIsReportedWithItsLine() throws Exception {
        Path file = spec("""
                drift:
                  confidence: 1.5
                  checks: [features, weather]
                  columns:
                    sex: {method: ks}
                    height: psi
                    age: {method: magic}
                """, """
                - id: drift
                  type: checkDrift
                  model: m
                  with: {threshold: -1, fail_on_drift: maybe}
                - id: watch
                  type: monitorDrift
                  model: m
                  with: {schedule: daily}
                """, """
                triggers:
                  - name: t
                    on: drift
                    model: m
                    pipeline: p
                    with: {threshold: 0.3}
                """);
        assertThatThrownBy(() -> load(file)).isInstanceOfSatisfying(Problems.SpecInvalid.class, e -> {
            List<String> lines = e.problems().stream().map(Problems.Problem::render).toList();
            String all = String.join("\n", lines);
            assertThat(all).contains("models.m.drift.confidence: expected a number > 0 and < 1, got 1.5");
            assertThat(all).contains("models.m.drift.checks: unknown check 'weather'");
            assertThat(all).contains("models.m.drift.columns.sex.method: ks needs a numeric column; 'sex' is categorical");
            assertThat(all).contains("models.m.drift.columns.height: column 'height' is not a feature");
            assertThat(all).contains("models.m.drift.columns.age.method: unknown drift method 'magic'");
            assertThat(all).contains("pipelines[0].tasks[1].with.threshold: expected a number > 0, got -1");
            assertThat(all).contains("pipelines[0].tasks[1]: task 'drift' (checkDrift) needs with.data");
            assertThat(all).contains("pipelines[0].tasks[1].with.fail_on_drift: expected true or false, got 'maybe'");
            assertThat(all).contains("pipelines[0].tasks[2].with.schedule: expected five cron fields");
            assertThat(all).contains("triggers[0].with: a drift trigger takes no settings");
            assertThat(lines).allMatch(l -> l.matches(".*modelops\\.yaml:\\d+: .*"));
        });
    }

    @Test
    void anUnknownKeyInTheDriftSectionNamesItsLine() throws Exception {
        Path file = spec("""
                drift:
                  treshold: 0.2
                """, "", "");
        assertThatThrownBy(() -> load(file)).hasMessageContaining("modelops.yaml:19")
                .hasMessageContaining("unknown key 'treshold'");
    }
}

package dev.modelops.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.plan.Planner;
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

class GateRuleTest {
    @TempDir
    Path dir;

    static final String CSV = """
            label,age,colour,year
            yes,21,a,1997
            no,35,b,1998
            yes,40,a,2000
            no,52,b,2001
            """;

    static String spec(String gates, String extra) {
        return """
                version: 1
                datasets:
                  people:
                    uri: people.csv
                    schema:
                      label: {type: categorical, values: ["yes", "no"]}
                      age: integer
                      colour: {type: categorical, values: [a, b]}
                      year: integer
                models:
                  m:
                    trainer: logistic-regression
                    dataset: people
                    features: [age]
                    label: label
                    positive_class: "yes"
                    split: {train: "year <= 1998"}
                    gates:
                """ + gates.indent(6) + """
                environments:
                  dev: {}
                  prod:
                    overrides:
                      models:
                        m:
                          gates:
                            metrics: ["accuracy >= 0.9", "f1 >= 0.5"]
                """ + extra + """
                pipelines:
                  - name: p
                    tasks:
                      - {id: train, type: trainModel, model: m}
                      - {id: gate, type: qualityGate, model: m, depends_on: [train]}
                """;
    }

    private Path write(String yaml) throws Exception {
        Files.writeString(dir.resolve("people.csv"), CSV);
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private ModelOpsSpec load(String yaml, String env) throws Exception {
        Path file = write(yaml);
        return SpecLoader.loadValid(file, new SpecOptions(env, Map.of()), SpecValidator.discover(Planner.discover()));
    }

    private List<String> problems(String yaml) throws Exception {
        try {
            load(yaml, null);
            return List.of();
        } catch (Problems.SpecInvalid e) {
            return e.problems().stream().map(Problems.Problem::render).toList();
        }
    }

    @Test
    void validGatesLoad() throws Exception {
        ModelOpsSpec spec = load(spec("""
                metrics: ["accuracy >= 0.8", {check: "auc >= 0.7", warn: "auc >= 0.75"}]
                champion: ["auc >= champion.auc - 0.01", {check: "accuracy >= champion.accuracy - 2%", level: warn}]
                fairness:
                  attribute: colour
                  privileged: a
                  favorable: "yes"
                  min_group_size: 1
                  checks: ["disparate_impact in [0.8, 1.25]", "statistical_parity_difference within 0.1"]
                data: {max_missing: {max: 0.1, columns: {age: 0.3}}, duplicates: warn, label_balance: {min: 0.1, level: warn}}
                robustness: ["clever_min >= 0.1"]
                """, ""), null);
        Declarations d = QualityGates.declarations(spec, spec.models().get("m"), null);
        assertThat(d.metrics()).hasSize(2);
        assertThat(d.metrics().get(1).warn().text()).isEqualTo("auc >= 0.75");
        assertThat(d.champion().get(1).level()).isEqualTo(Level.WARN);
        assertThat(d.fairness()).singleElement().satisfies(f -> {
            assertThat(f.privileged()).containsExactly("a");
            assertThat(f.minGroupSize()).isEqualTo(1);
        });
        assertThat(d.data().missingLimit("age")).isEqualTo(0.3);
        assertThat(d.data().missingLimit("colour")).isEqualTo(0.1);
        assertThat(d.data().duplicates()).isEqualTo(new DataRules.Threshold(0.0, Level.WARN));
        assertThat(d.measured()).containsKey("robustness");
    }

    @Test
    void problemsNameTheFileLineAndField() throws Exception {
        List<String> p = problems(spec("""
                metrics: ["accuracy >= 0.8", "acuracy >= 0.8", "auc at least 0.7"]
                champion: ["auc >= 0.7"]
                fairness: {attribute: race, privileged: c, checks: ["disparate_impakt in [0.8, 1.25]"]}
                data: {max_missing: 1.5, duplicates: sometimes}
                speed: ["latency <= 10"]
                """, ""));
        assertThat(p).anySatisfy(s -> assertThat(s).matches(".*/modelops.yaml:\\d\\d: models.m.gates.metrics\\[1]: unknown metric "
                + "'acuracy' for a classification model; evaluation computes: accuracy, precision, .*"));
        assertThat(p).anySatisfy(s -> assertThat(s).matches(".*/modelops.yaml:\\d\\d: models.m.gates.metrics\\[2]: 'auc at least 0.7' "
                + "is not a condition.*"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("models.m.gates.champion[0]: a champion check compares with the champion"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("models.m.gates.fairness.attribute: protected attribute 'race' is not "
                + "a column of dataset 'people'"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("unknown fairness metric 'disparate_impakt'"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("models.m.gates.data.max_missing: expected a share between 0 and 1"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("models.m.gates.data.duplicates: expected fail, warn, ignore"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("models.m.gates.speed: unknown gate section 'speed'"));
        assertThat(p).allSatisfy(s -> assertThat(s).matches(".*/modelops\\.yaml:\\d+: .*"));
    }

    @Test
    void privilegedValuesMustBeDeclaredValues() throws Exception {
        List<String> p = problems(spec("""
                fairness: {attribute: colour, privileged: [a, c], checks: ["disparate_impact in [0.8, 1.25]"]}
                """, ""));
        assertThat(p).singleElement().asString()
                .contains("models.m.gates.fairness.privileged: 'c' is not a declared value of colour: [a, b]");
    }

    @Test
    void environmentOverridesAreCheckedAtTheirOwnLines() throws Exception {
        String yaml = spec("metrics: [\"accuracy >= 0.8\"]", "").replace("\"f1 >= 0.5\"", "\"f2 >= 0.5\"");
        List<String> p = problems(yaml);
        int line = yaml.lines().toList().indexOf(yaml.lines().filter(l -> l.contains("f2 >= 0.5")).findFirst().orElseThrow()) + 1;
        assertThat(p).anySatisfy(s -> assertThat(s).contains("/modelops.yaml:" + line
                + ": environments.prod.overrides.models.m.gates.metrics[1]: unknown metric 'f2'"));
    }

    @Test
    void gatesForAnotherEnvironmentMergeThatEnvironmentsOverrides() throws Exception {
        ModelOpsSpec spec = load(spec("""
                metrics: ["accuracy >= 0.8"]
                data: {max_missing: 0.2}
                """, ""), null);
        Declarations base = QualityGates.declarations(spec, spec.models().get("m"), "dev");
        Declarations prod = QualityGates.declarations(spec, spec.models().get("m"), "prod");
        assertThat(base.metrics()).extracting(Check::name).containsExactly("accuracy >= 0.8");
        assertThat(prod.metrics()).extracting(Check::name).containsExactly("accuracy >= 0.9", "f1 >= 0.5");
        assertThat(prod.data().maxMissing().limit()).isEqualTo(0.2);
        // loaded for prod, the overrides are already merged
        ModelOpsSpec asProd = load(spec("metrics: [\"accuracy >= 0.8\"]", ""), "prod");
        assertThat(QualityGates.declarations(asProd, asProd.models().get("m"), "prod").metrics()).hasSize(2);
    }

    @Test
    void qualityGateTasksMayNarrowOrReplaceTheirGates() throws Exception {
        String yaml = spec("metrics: [\"accuracy >= 0.8\"]", "").replace("{id: gate, type: qualityGate, model: m, depends_on: [train]}",
                "{id: gate, type: qualityGate, model: m, depends_on: [train], with: {gates: [metrics, speed]}}");
        assertThat(problems(yaml)).singleElement().asString().contains("unknown gate section 'speed'");
        // a known section the model does not declare would pass with nothing checked: refused, naming what it declares
        String undeclared = spec("metrics: [\"accuracy >= 0.8\"]", "").replace("{id: gate, type: qualityGate, model: m, depends_on: [train]}",
                "{id: gate, type: qualityGate, model: m, depends_on: [train], with: {gates: [metrics, robustness]}}");
        assertThat(problems(undeclared)).singleElement().asString()
                .contains("model 'm' declares no 'robustness' gates (it declares: ");
        String inline = spec("metrics: [\"accuracy >= 0.8\"]", "").replace("{id: gate, type: qualityGate, model: m, depends_on: [train]}",
                "{id: gate, type: qualityGate, model: m, depends_on: [train], with: {gates: {metrics: [\"rmse <= 2\"]}}}");
        assertThat(problems(inline)).singleElement().asString().contains("pipelines[0].tasks[1].with.gates.metrics[0]: unknown metric 'rmse'");
    }

    @Test
    void validateDataTasksNeedAModelOrADataset() throws Exception {
        String yaml = spec("metrics: [\"accuracy >= 0.8\"]", "").replace("- {id: train, type: trainModel, model: m}",
                "- {id: check, type: validateData}\n      - {id: train, type: trainModel, model: m}");
        assertThat(problems(yaml)).singleElement().asString()
                .contains("task 'check' (validateData) needs a model (whose gates.data rules apply) or a dataset");
    }

    @Test
    void declarationsThatDoNotParseAreAnInputErrorAtRunTime() throws Exception {
        ModelOpsSpec spec = SpecLoader.load(write(spec("metrics: [\"accuracy >> 0.8\"]", "")), SpecOptions.defaults());
        assertThatThrownBy(() -> QualityGates.declarations(spec, spec.models().get("m"), null))
                .isInstanceOf(dev.modelops.core.InputError.class)
                .hasMessageMatching(".*/modelops.yaml:\\d+: models.m.gates.metrics\\[0]: .*");
    }
}

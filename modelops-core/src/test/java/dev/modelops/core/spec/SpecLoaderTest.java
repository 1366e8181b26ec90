package dev.modelops.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.SpecFixtures;
import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.plan.TemplateCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
    private static final String PIPELINES = """
            pipelines:
              - name: p
                tasks:
                  - id: train
                    type: trainModel
                    model: m
            """;

    @TempDir
    Path dir;

    private ModelOpsSpec load(String yaml, SpecOptions options) throws Exception {
        Path file = SpecFixtures.write(dir, yaml);
        Planner planner = new Planner(StepTypes.builtIn(), TemplateCatalog.discover(), List.of());
        return SpecLoader.loadValid(file, options, new SpecValidator(planner, List.of()));
    }

    @Test
    void bindsSectionsAndAttachesNamesFromKeys() throws Exception {
        ModelOpsSpec spec = load(SpecFixtures.spec(PIPELINES), SpecOptions.defaults());
        assertThat(spec.models()).containsOnlyKeys("m");
        ModelSpec m = spec.models().get("m");
        assertThat(m.name()).isEqualTo("m");
        assertThat(m.features()).containsExactly("age", "colour");
        assertThat(m.split().train()).isEqualTo("year <= 1998");
        assertThat(spec.datasets().get("people").schema().get("age").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(spec.datasets().get("people").schema().get("label").values()).containsExactly("yes", "no");
        assertThat(spec.pipelines().get(0).tasks().get(0).type()).isEqualTo("trainModel");
        assertThat(spec.contentHash()).hasSize(64);
    }

    @Test
    void variablesResolveFromDefaultsEnvironmentAndSetInThatOrder() throws Exception {
        String yaml = SpecFixtures.spec(PIPELINES);
        assertThat(load(yaml, SpecOptions.defaults()).models().get("m").hyperparameters()).containsEntry("epochs", "5");
        assertThat(load(yaml, new SpecOptions("staging", Map.of())).models().get("m").hyperparameters())
                .containsEntry("epochs", "20");
        assertThat(load(yaml, new SpecOptions("staging", Map.of("epochs", "7"))).models().get("m").hyperparameters())
                .containsEntry("epochs", "7");
    }

    @Test
    void environmentOverridesMergeIntoTheSpec() throws Exception {
        ModelOpsSpec staging = load(SpecFixtures.spec(PIPELINES), new SpecOptions("staging", Map.of()));
        assertThat(staging.environment()).isEqualTo("staging");
        assertThat(staging.models().get("m").features()).containsExactly("age");
        // untouched fields survive the merge
        assertThat(staging.models().get("m").label()).isEqualTo("label");
    }

    @Test
    void setOfAnUndeclaredVariableIsRefused() {
        assertThatThrownBy(() -> load(SpecFixtures.spec(PIPELINES), new SpecOptions(null, Map.of("epoch", "3"))))
                .isInstanceOf(InputError.class)
                .hasMessageContaining("--set epoch")
                .hasMessageContaining("declared: epochs");
    }

    @Test
    void unknownEnvironmentIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> load(SpecFixtures.spec(PIPELINES), new SpecOptions("qa", Map.of())))
                .isInstanceOf(InputError.class)
                .hasMessageContaining("--env qa")
                .hasMessageContaining("dev, staging");
    }

    @Test
    void errorsNameFileLineAndField() throws Exception {
        String yaml = SpecFixtures.spec("""
                pipelines:
                  - name: p
                    tasks:
                      - id: train
                        type: trainModel
                        model: credit
                """);
        assertThatThrownBy(() -> load(yaml, SpecOptions.defaults()))
                .isInstanceOf(InputError.class)
                .hasMessageMatching(".*modelops.yaml:3\\d: pipelines\\[0]\\.tasks\\[0]\\.model: unknown model 'credit'; known: m");
    }

    @Test
    void dollarDollarEscapesAReference() throws Exception {
        String yaml = SpecFixtures.spec(PIPELINES.replace("- name: p", "- name: p\n    description: costs $${price}"));
        assertThat(load(yaml, SpecOptions.defaults()).pipelines().get(0).description()).isEqualTo("costs ${price}");
    }

    @Test
    void everyEnvironmentsOverridesAreCheckedOnTheirOwnLineWithoutEnv() {
        String yaml = SpecFixtures.spec(PIPELINES).replace("models: {m: {features: [age]}}",
                "models: {m: {trainr: cart}}");
        for (SpecOptions options : List.of(SpecOptions.defaults(), new SpecOptions("dev", Map.of()))) {
            assertThatThrownBy(() -> load(yaml, options))
                    .isInstanceOf(InputError.class)
                    .hasMessageMatching(".*modelops.yaml:26: environments\\.staging\\.overrides\\.models\\.m: unknown key 'trainr'.*");
        }
    }

    @Test
    void anOverrideCannotNameAModelOrDatasetTheSpecDoesNotDeclare() {
        String yaml = SpecFixtures.spec(PIPELINES).replace("models: {m: {features: [age]}}",
                "models: {n: {features: [age]}}\n      datasets: {peple: {uri: people.csv}}");
        assertThatThrownBy(() -> load(yaml, SpecOptions.defaults()))
                .isInstanceOfSatisfying(Problems.SpecInvalid.class, e -> assertThat(e.problems())
                        .extracting(Problems.Problem::render).containsExactly(
                                dir.resolve("modelops.yaml") + ":26: environments.staging.overrides.models.n: unknown model 'n'; known: m",
                                dir.resolve("modelops.yaml") + ":27: environments.staging.overrides.datasets.peple: unknown dataset 'peple'; known: people"));
    }

    @Test
    void anOverriddenValueIsValidatedAndReportedAtTheOverride() {
        String yaml = SpecFixtures.spec(PIPELINES).replace("models: {m: {features: [age]}}",
                "models: {m: {features: [age]}}\n      datasets: {people: {uri: missing.csv}}");
        assertThatThrownBy(() -> load(yaml, SpecOptions.defaults()))
                .isInstanceOf(InputError.class)
                .hasMessageMatching(".*modelops.yaml:27: environments\\.staging\\.overrides\\.datasets\\.people\\.uri: file not found: .*missing\\.csv");
        // with that environment chosen, the same line
        assertThatThrownBy(() -> load(yaml, new SpecOptions("staging", Map.of())))
                .hasMessageMatching(".*modelops.yaml:27: environments\\.staging\\.overrides\\.datasets\\.people\\.uri: file not found: .*");
    }

    @Test
    void anEnvironmentVariableMustBeDeclaredEvenWhenAnotherEnvironmentIsChosen() {
        String yaml = SpecFixtures.spec(PIPELINES).replace("variables: {epochs: 20}", "variables: {epoch: 20}");
        assertThatThrownBy(() -> load(yaml, new SpecOptions("dev", Map.of())))
                .isInstanceOf(InputError.class)
                .hasMessageMatching(".*modelops.yaml:24: environments\\.staging\\.variables\\.epoch: variable 'epoch' is not declared.*");
    }

    @Test
    void aProblemOnlyAnEnvironmentsVariablesCauseNamesTheEnvironment() {
        String yaml = SpecFixtures.spec(PIPELINES).replace("split: {train: \"year <= 1998\"}", "split: {ratio: \"${ratio}\"}")
                .replace("epochs: 5", "epochs: 5\n  ratio: 0.7").replace("variables: {epochs: 20}", "variables: {ratio: 2}");
        assertThatThrownBy(() -> load(yaml, SpecOptions.defaults()))
                .isInstanceOf(InputError.class)
                .hasMessageMatching(".*modelops.yaml:\\d+: models\\.m\\.split\\.ratio: expected a share .* \\(with --env staging\\)");
    }

    @Test
    void overridesCannotTouchVariablesOrEnvironments() {
        String yaml = SpecFixtures.spec(PIPELINES).replace("models: {m: {features: [age]}}",
                "models: {m: {features: [age]}}\n      variables: {epochs: 3}");
        assertThatThrownBy(() -> load(yaml, SpecOptions.defaults()))
                .hasMessageMatching(".*modelops.yaml:27: environments\\.staging\\.overrides\\.variables: cannot be overridden; an override may hold: datasets, models, pipelines, triggers");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "year <= abc  | 'year <= abc': column 'year' is an integer column and 'abc' is not a number",
        "yeer <= 1998 | column 'yeer' is not in the dataset's schema; columns: label, age, colour, year",
        "label == maybe | 'label == maybe': 'maybe' is not a declared value of column 'label': yes, no"})
    void aSplitThatCannotSelectRowsIsRefusedWithItsField(String train, String message) {
        String yaml = SpecFixtures.spec(PIPELINES).replace("year <= 1998", train);
        assertThatThrownBy(() -> load(yaml, SpecOptions.defaults()))
                .isInstanceOf(InputError.class)
                .hasMessageEndingWith("modelops.yaml:20: models.m.split.train: " + message);
    }

    @Test
    void aSplitComparingNumbersOrDeclaredValuesPasses() throws Exception {
        for (String train : List.of("year < 1998.5", "age >= 30", "label != no", "colour == a")) {
            assertThat(load(SpecFixtures.spec(PIPELINES).replace("year <= 1998", train), SpecOptions.defaults())
                    .models().get("m").split().train()).isEqualTo(train);
        }
    }
}

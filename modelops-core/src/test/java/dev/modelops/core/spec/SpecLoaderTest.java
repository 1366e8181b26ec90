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
}

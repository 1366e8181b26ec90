package dev.modelops.jenkins

import dev.modelops.core.exec.StepTypes
import dev.modelops.core.jenkins.JenkinsfileGenerator
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/**
 * The library (StepCatalog), the generator (JenkinsfileGenerator) and the CLI's step catalog
 * (StepTypes) agree: every step type the generator maps has a library step that accepts the
 * named arguments the generator writes, and every --with parameter the library passes is one
 * the CLI accepts for that type.
 */
class CatalogAgreementTest {
    @Test
    void generatorLibraryAndCliAgree() {
        StepTypes types = StepTypes.builtIn()
        for (String type : types.names()) {
            String step = JenkinsfileGenerator.libraryStep(type)
            assertThat(new File(PipelineTestSupport.REPO, "vars/${step}.groovy")).as(type).exists()
            List<String> accepted = StepCatalog.accepted(step)
            for (String p : JenkinsfileGenerator.namedParameters(type)) {
                assertThat(accepted).as("${step} accepts ${p}").contains(JenkinsfileGenerator.camel(p))
            }
            Map entry = StepCatalog.STEPS[step]
            if (entry.type != null) {
                assertThat(entry.type).isEqualTo(type)
                for (String w : entry.with as List<String>) {
                    assertThat(types.get(type).parameters()).as("modelops step ${type} accepts --with ${StepCatalog.snake(w)}")
                            .contains(StepCatalog.snake(w))
                }
            }
        }
        assertThat(JenkinsfileGenerator.libraryStep('monitorDrift')).isEqualTo('modelopsStep')
    }
}

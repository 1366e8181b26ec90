package dev.modelops.jenkins

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/**
 * One build, one model version: the steps after a training work on the version that training
 * produced (other builds may train the same model into a shared store meanwhile), per model, and
 * an explicit modelVersion wins.
 */
class ModelVersionPinningTest extends PipelineTestSupport {
    static final String SPEC = 'examples/arrests/modelops.yaml'

    @BeforeEach
    void onAnAgent() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_SPEC = SPEC
    }

    private List<String> steps() {
        return commands().findAll { it.contains(' step ') }
    }

    @Test
    void laterStepsWorkOnTheVersionThisBuildTrainedAndOnlyForThatModel() {
        runPipeline("""trainModel model: 'arrests-release'
                       evaluateModel model: 'arrests-release'
                       evaluateModel model: 'arrests-release-xgb'""")
        assertThat(steps()).containsExactly(
                "modelops step trainModel ${SPEC} --model arrests-release".toString(),
                "modelops step evaluateModel ${SPEC} --model arrests-release --model-version id-arrests-release-1".toString(),
                // a model this build did not train: the newest usable version
                "modelops step evaluateModel ${SPEC} --model arrests-release-xgb".toString())
        assertThat(env.MODELOPS_MODEL_ID_ARRESTS_RELEASE).isEqualTo('id-arrests-release-1')
    }

    @Test
    void anExplicitModelVersionWinsOverTheBuildsOwn() {
        runPipeline("""trainModel model: 'arrests-release'
                       qualityGate model: 'arrests-release', modelVersion: 'arrests-release@v7'""")
        assertThat(steps()[1]).isEqualTo(
                "modelops step qualityGate ${SPEC} --model arrests-release --model-version arrests-release@v7".toString())
    }

    @Test
    void aBuildThatTrainedNothingPinsNothing() {
        runPipeline("deployModel model: 'arrests-release', env: 'staging'")
        assertThat(steps()).containsExactly(
                "modelops step deployModel ${SPEC} --model arrests-release --target-env staging".toString())
    }

    @Test
    void aModelVersionThatIsNotTextIsRefusedBeforeAnythingRuns() {
        assertThat(failure("evaluateModel model: 'arrests-release', modelVersion: 3"))
                .isEqualTo("evaluateModel: 'modelVersion' must be text, got Integer")
        assertThat(steps()).isEmpty()
    }
}

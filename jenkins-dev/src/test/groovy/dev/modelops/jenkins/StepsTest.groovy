package dev.modelops.jenkins

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** The other model steps: their command lines, what they publish, and how they fail. */
class StepsTest extends PipelineTestSupport {
    @BeforeEach
    void onAnAgent() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_SPEC = 'examples/arrests/modelops.yaml'
    }

    @Test
    void evaluateModel() {
        runPipeline("evaluateModel model: 'arrests-release'")
        assertThat(commands()[0]).isEqualTo('modelops step evaluateModel examples/arrests/modelops.yaml --model arrests-release')
        assertThat(build.description).isEqualTo('evaluated arrests-release@v1')
        assertThat(args('archiveArtifacts').findAll { it.fingerprint }).isEmpty()
    }

    @Test
    void hardenModelPassesItsParametersAndArchivesTheHardenedModel() {
        def result = runPipeline("hardenModel model: 'arrests-release', epsilon: 0.1, attack: 'fgsm', seed: 42")
        assertThat(commands()[0]).isEqualTo('modelops step hardenModel examples/arrests/modelops.yaml '
                + '--model arrests-release --with epsilon=0.1 --with attack=fgsm --with seed=42')
        String sha = result.outputs['model.sha256']
        assertThat(args('archiveArtifacts')).contains(
                [artifacts: ".modelops/artifacts/sha256/${sha.take(2)}/${sha}".toString(), fingerprint: true])
        assertThat(build.description).isEqualTo('hardened arrests-release@v1')
    }

    @Test
    void compressModelNamesItsParametersTheSpecsWay() {
        runPipeline("compressModel model: 'arrests-release', format: 'onnx', quantize: 'int8', maxAccuracyLoss: 0.01")
        assertThat(commands()[0]).isEqualTo('modelops step compressModel examples/arrests/modelops.yaml '
                + '--model arrests-release --with format=onnx --with quantize=int8 --with max_accuracy_loss=0.01')
        assertThat(args('archiveArtifacts').findAll { it.fingerprint }).hasSize(1)
    }

    @Test
    void deployModelTargetsTheEnvironmentAndAddsTheDriftMonitor() {
        runPipeline("deployModel model: 'arrests-release', env: 'staging', monitorDrift: true, replicas: 2")
        assertThat(commands()[0]).isEqualTo('modelops step deployModel examples/arrests/modelops.yaml '
                + '--model arrests-release --target-env staging --with replicas=2 --monitor-drift')
        assertThat(build.description).isEqualTo('deployed arrests-release@v1 to staging')
        assertThat(args('archiveArtifacts').findAll { it.fingerprint }).isEmpty()
    }

    @Test
    void qualityGateResultsAreJUnitTestsAndAFailingGateFailsTheBuildWithItsReason() {
        def result = runPipeline("qualityGate model: 'arrests-release', championEnv: 'prod'")
        assertThat(commands()[0]).isEqualTo('modelops step qualityGate examples/arrests/modelops.yaml '
                + '--model arrests-release --with champion_env=prod')
        assertThat(files.keySet()).contains(".modelops/runs/${result.runId}/qualityGate/gate-arrests-release.xml".toString())
        assertThat(args('junit')).containsExactly([testResults: ".modelops/runs/${result.runId}/**/*.xml".toString(),
                                                   allowEmptyResults: true])
        assertThat(build.description).isEqualTo('gate passed: arrests-release@v1')

        cli.on('step qualityGate') { List w, Map call -> cli.stepRun(w, 'FAILED', 1) }
        helper.clearCallStack()
        String message = failure("qualityGate model: 'arrests-release'")
        assertThat(message).startsWith('qualityGate: qualityGate failed (run ')
                .endsWith('qualityGate: accuracy 0.61 < 0.70 (absolute bound)')
        // the failing checks were published as tests before the build failed
        assertThat(calls('junit')).hasSize(1)
    }

    @Test
    void validateDataChecksAFileAndPublishesTheChecksAsTests() {
        def result = runPipeline("validateData model: 'arrests-release', data: 'data/arrests-2003.csv'")
        assertThat(commands()[0]).isEqualTo('modelops step validateData examples/arrests/modelops.yaml '
                + '--model arrests-release --with data=data/arrests-2003.csv')
        assertThat(args('junit')[0].testResults).isEqualTo(".modelops/runs/${result.runId}/**/*.xml".toString())
        assertThat(build.description).isEqualTo('validated the data of arrests-release')
    }

    @Test
    void modelopsStepRunsAnyStepType() {
        runPipeline("modelopsStep type: 'monitorDrift', model: 'arrests-release', env: 'staging', with: [schedule: 'H * * * *']")
        assertThat(commands()[0]).isEqualTo('modelops step monitorDrift examples/arrests/modelops.yaml '
                + "--model arrests-release --target-env staging --with 'schedule=H * * * *'")
    }

    @Test
    void quotingKeepsOddValuesOneWordEach() {
        runPipeline("trainModel model: \"it's-a-model\", spec: 'my specs/modelops.yaml'")
        String command = commands()[0]
        assertThat(command).isEqualTo("modelops step trainModel 'my specs/modelops.yaml' --model 'it'\"'\"'s-a-model'")
        assertThat(FakeCli.words(command)).containsExactly('modelops', 'step', 'trainModel', 'my specs/modelops.yaml',
                '--model', "it's-a-model")
    }
}

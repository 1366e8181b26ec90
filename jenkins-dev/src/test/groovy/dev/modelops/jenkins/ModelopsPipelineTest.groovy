package dev.modelops.jenkins

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** modelopsPipeline: one Jenkins stage per task of a spec's pipeline, each through its library step. */
class ModelopsPipelineTest extends PipelineTestSupport {
    static final String SPEC = 'examples/arrests/modelops.yaml'

    @BeforeEach
    void onAnAgent() {
        env.NODE_NAME = 'agent-1'
    }

    @Test
    void theReleasePipelineRunsAsStagesWithSignOff() {
        Map results = runPipeline("modelopsPipeline spec: '${SPEC}', pipeline: 'release-to-prod', credentialsId: 'lineage-db'") as Map

        assertThat(args('stage')).containsExactly('train', 'evaluate', 'gate', 'compress', 'deploy', 'promote')
        assertThat(results.keySet()).containsExactly('train', 'evaluate', 'gate', 'compress', 'deploy', 'promote')
        assertThat(commands().findAll { !it.contains(' report lineage ') }).containsExactly(
                "modelops generate jenkinsfile ${SPEC} --format json --spec-path ${SPEC} --pipeline release-to-prod".toString(),
                "modelops step trainModel ${SPEC} --model arrests-release --harden".toString(),
                // every later step works on the version this build produced, not the newest in a shared store
                "modelops step evaluateModel ${SPEC} --model arrests-release --model-version id-arrests-release-2".toString(),
                "modelops step qualityGate ${SPEC} --model arrests-release --model-version id-arrests-release-2 --with champion_env=staging".toString(),
                "modelops step compressModel ${SPEC} --model arrests-release --model-version id-arrests-release-2 --with format=onnx".toString(),
                "modelops step deployModel ${SPEC} --model arrests-release --target-env staging --model-version id-arrests-release-3 --monitor-drift".toString(),
                // the list Jenkins's input enforced goes along, for the CLI to check against the spec and record
                "modelops step promote ${SPEC} --model arrests-release --target-env prod --with from=staging --with approver=bob --with approval_source=jenkins-input --with submitter=release-managers,alice".toString())
        // the spec's approvers came with the stages: no second lookup, and the sign-off is restricted
        assertThat(args('input')[0] as Map).containsEntry('submitter', 'release-managers,alice')
        // every step ran with the store's credentials bound
        assertThat(calls('withCredentials')).hasSize(6)
        assertThat(build.description.readLines()).containsExactly('trained arrests-release@v2',
                'evaluated arrests-release@v2', 'gate passed: arrests-release@v2', 'compressed arrests-release@v3',
                'deployed arrests-release@v3 to staging', 'promoted arrests-release@v3 to prod')
    }

    @Test
    void aTemplatePipelineWithADriftCheckAndASpecEnvironment() {
        runPipeline("modelopsPipeline spec: '${SPEC}', pipeline: 'continuous', specEnv: 'staging'")
        assertThat(args('stage')).containsExactly('drift', 'train', 'evaluate', 'gate', 'deploy')
        List<String> steps = commands().findAll { !it.contains(' report lineage ') }
        assertThat(steps[0]).endsWith('--pipeline continuous --env staging')
        assertThat(steps[1]).startsWith("modelops drift check ${SPEC} --model arrests-release --data examples/arrests/data/arrests.csv --out modelops-reports/drift-".toString())
                .endsWith(' --env staging')
        assertThat(steps[4]).isEqualTo("modelops step qualityGate ${SPEC} --model arrests-release --env staging --model-version id-arrests-release-1 --with champion_env=staging".toString())
        assertThat(steps[5]).isEqualTo("modelops step deployModel ${SPEC} --model arrests-release --target-env staging --env staging --model-version id-arrests-release-1 --monitor-drift".toString())
    }

    @Test
    void aFailingGateStopsThePipeline() {
        cli.on('step qualityGate') { List w, Map call -> cli.stepRun(w, 'FAILED', 1) }
        String message = failure("modelopsPipeline spec: '${SPEC}', pipeline: 'release-to-prod'")
        assertThat(message).startsWith('qualityGate: qualityGate failed')
        assertThat(args('stage')).containsExactly('train', 'evaluate', 'gate')
        assertThat(commands().findAll { it.contains('compressModel') || it.contains('deployModel') }).isEmpty()
    }

    @Test
    void anUnknownPipelineIsBadInput() {
        assertThat(failure("modelopsPipeline spec: '${SPEC}', pipeline: 'nope'"))
                .contains('--pipeline nope: unknown pipeline; known: train-evaluate, release, ').contains('release-to-prod')
    }

    @Test
    void outsideANodeItAllocatesOneForTheWholePipeline() {
        env.remove('NODE_NAME')
        runPipeline("modelopsPipeline spec: '${SPEC}', pipeline: 'train-evaluate'")
        assertThat(args('node')).containsExactly('modelops')
        assertThat(args('stage')).containsExactly('validate', 'train', 'evaluate', 'gate', 'train-xgb', 'evaluate-xgb')
    }
}

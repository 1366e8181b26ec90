package dev.modelops.jenkins

import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** The root Jenkinsfile: the arrests release pipeline through the library's steps. */
class RootJenkinsfileTest extends PipelineTestSupport {
    static final String SPEC = 'examples/arrests/modelops.yaml'

    @Test
    void runsTheArrestsReleasePipeline() {
        runScript('Jenkinsfile')

        // declarative: an agent with the CLI, one build at a time, old builds discarded
        assertThat(args('label')).containsExactly('modelops')
        assertThat(calls('disableConcurrentBuilds')).hasSize(1)
        assertThat(args('logRotator')).containsExactly([numToKeepStr: '30'])
        assertThat(env.MODELOPS_SPEC).isEqualTo(SPEC)

        assertThat(args('stage')).containsExactly('train', 'evaluate', 'gate', 'compress', 'deploy', 'promote')
        assertThat(commands().findAll { !it.contains(' report lineage ') }).containsExactly(
                "modelops step trainModel ${SPEC} --model arrests-release --harden".toString(),
                // every later step works on the version this build produced, not the newest in a shared store
                "modelops step evaluateModel ${SPEC} --model arrests-release --model-version id-arrests-release-2".toString(),
                "modelops step qualityGate ${SPEC} --model arrests-release --model-version id-arrests-release-2 --with champion_env=staging".toString(),
                "modelops step compressModel ${SPEC} --model arrests-release --model-version id-arrests-release-2 --with format=onnx".toString(),
                "modelops step deployModel ${SPEC} --model arrests-release --target-env staging --model-version id-arrests-release-3 --monitor-drift".toString(),
                // the list Jenkins's input enforced goes along, for the CLI to check against the spec and record
                "modelops step promote ${SPEC} --model arrests-release --target-env prod --with from=staging --with approver=bob --with approval_source=jenkins-input --with submitter=release-managers,alice".toString())
        // every step ran on the agent, with the build's facts
        for (Map sh : shCalls) {
            assertThat(sh.env as Map).containsEntry('NODE_NAME', 'agent-modelops')
        }
        assertThat(shCalls.findAll { it.script.contains(' step ') }.collect { it.env.MODELOPS_USER }.unique()).containsExactly('alice')
        assertThat(args('input')).containsExactly([message: 'Promote arrests-release from staging to prod?', ok: 'Promote',
                                                   submitterParameter: 'APPROVER', submitter: 'release-managers,alice'])
        assertThat(calls('junit')).hasSize(6)
        assertThat(args('archiveArtifacts').findAll { it.fingerprint }).hasSize(2) // the trained (hardened) and the compressed model
        assertThat(build.description.readLines()).contains('trained arrests-release@v2', 'promoted arrests-release@v3 to prod')
        assertThat(build.result).isNull()
    }

    @Test
    void aFailingGateStopsTheReleaseBeforeDeployment() {
        cli.on('step qualityGate') { List w, Map call -> cli.stepRun(w, 'FAILED', 1) }
        try {
            runScript('Jenkinsfile')
            throw new org.opentest4j.AssertionFailedError('the build should fail')
        } catch (PipelineError e) {
            assertThat(e.message).startsWith('qualityGate: qualityGate failed')
        }
        assertThat(args('stage')).containsExactly('train', 'evaluate', 'gate')
        assertThat(calls('input')).isEmpty()
        assertThat(build.result).isEqualTo('FAILURE')
    }
}

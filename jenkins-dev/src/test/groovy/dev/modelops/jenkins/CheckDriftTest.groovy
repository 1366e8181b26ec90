package dev.modelops.jenkins

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** checkDrift: drift results as tests; on drift (exit 3) the training job starts and the build turns unstable. */
class CheckDriftTest extends PipelineTestSupport {
    @BeforeEach
    void onAnAgent() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_SPEC = 'examples/arrests/modelops.yaml'
    }

    @Test
    void noDriftPublishesTheChecksAndStartsNothing() {
        def result = runPipeline("checkDrift model: 'arrests-release', data: 'data/new.csv', trainJob: 'arrests-retrain'")
        // data is relative to the spec's folder, as in the spec; reports go to a folder of the workspace
        String out = result.reportDir
        assertThat(out).matches('modelops-reports/drift-7-[0-9]+')
        assertThat(commands()).containsExactly('modelops drift check examples/arrests/modelops.yaml --model arrests-release '
                + "--data examples/arrests/data/new.csv --out ${out}".toString())
        assertThat(result.drifted).isFalse()
        assertThat(args('junit')).containsExactly([testResults: "${out}/**/*.xml".toString(), allowEmptyResults: true])
        assertThat(args('archiveArtifacts')).containsExactly([artifacts: "${out}/**".toString(), allowEmptyArchive: true])
        assertThat(files.keySet()).contains("${out}/new.csv/drift-report.xml".toString())
        assertThat(calls('build')).isEmpty()
        assertThat(build.result).isNull()
        assertThat(build.description).isEqualTo('drift check of arrests-release: no drift')
    }

    @Test
    void driftStartsTheTrainingJobWithThePipelineTheTriggerNames() {
        cli.on('drift check') { List w, Map call -> cli.driftCheck(w, true) }
        def result = runPipeline("""checkDrift model: 'arrests-release', data: 'data/new.csv', threshold: 0.2,
                trainJob: 'arrests-retrain', trainParameters: [REASON: 'nightly drift']""")
        assertThat(commands()[0]).endsWith('--data examples/arrests/data/new.csv --out ' + result.reportDir + ' --threshold 0.2')
        assertThat(result.drifted).isTrue()
        assertThat(result.pipeline).isEqualTo('continuous')
        assertThat(args('build')).containsExactly([job: 'arrests-retrain', wait: false, parameters: [
                [$class: 'StringParameterValue', name: 'MODELOPS_PIPELINE', value: 'continuous'],
                [$class: 'StringParameterValue', name: 'MODELOPS_ENV', value: 'staging'],
                [$class: 'StringParameterValue', name: 'REASON', value: 'nightly drift']]])
        assertThat(args('unstable')).containsExactly(
                'modelops: drift detected for arrests-release; pipeline continuous should run; started arrests-retrain')
        assertThat(build.result).isEqualTo('UNSTABLE')
        assertThat(calls('junit')).hasSize(1)
        assertThat(build.description).isEqualTo('drift check of arrests-release@v4: DRIFT')
    }

    @Test
    void failOnDriftFailsTheBuildAfterStartingTheJob() {
        cli.on('drift check') { List w, Map call -> cli.driftCheck(w, true) }
        assertThat(failure("checkDrift model: 'arrests-release', data: 'data/new.csv', trainJob: 'arrests-retrain', failOnDrift: true"))
                .isEqualTo('checkDrift: drift detected for arrests-release; pipeline continuous should run; started arrests-retrain')
        assertThat(calls('build')).hasSize(1)
    }

    @Test
    void aBrokenCheckFailsTheBuild() {
        cli.on('drift check') { List w, Map call -> [exit: 1, log: 'modelops: error: no reference profile for arrests-release\n'] }
        assertThat(failure("checkDrift model: 'arrests-release', data: 'data/new.csv'"))
                .isEqualTo('checkDrift: checkDrift failed: modelops: error: no reference profile for arrests-release')
        assertThat(calls('build')).isEmpty()
    }
}

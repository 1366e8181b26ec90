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

    @Test
    void onlyNewChecksEachBatchOnceSoANightWithNothingNewStartsNothing() {
        cli.on('drift check') { List w, Map call -> cli.driftCheck(w, true) }
        String job = "checkDrift model: 'arrests-release', data: 'data/batches', onlyNew: true, trainJob: 'arrests-retrain'"
        Map first = runPipeline(job) as Map
        assertThat(commands()[0]).isEqualTo('modelops drift check examples/arrests/modelops.yaml --model arrests-release '
                + "--data examples/arrests/data/batches --out ${first.reportDir} --only-new".toString())
        assertThat(first.drifted).isTrue()
        assertThat(first.checked).containsExactly('batches')
        assertThat(args('build')).hasSize(1)

        // the next night: the same batches, already checked against the profile
        build.result = null
        Map second = runPipeline(job) as Map
        assertThat(commands()[1]).endsWith('--only-new')
        assertThat(second.exitCode).isEqualTo(0)
        assertThat(second.drifted).isFalse()
        assertThat(second.nothingNew).isTrue()
        assertThat(second.checked).isEmpty()
        assertThat(second.alreadyChecked).containsExactly('batches')
        assertThat(args('build')).hasSize(1)
        assertThat(build.result).isNull()
        assertThat(args('echo')).contains('modelops: nothing new to check for arrests-release')
        assertThat(build.description.readLines()).containsExactly('drift check of arrests-release@v4: DRIFT',
                'drift check of arrests-release: nothing new')
    }

    @Test
    void withoutOnlyNewTheSameBatchesAreCheckedAndRetrainedAgain() {
        cli.on('drift check') { List w, Map call -> cli.driftCheck(w, true) }
        String job = "checkDrift model: 'arrests-release', data: 'data/batches', trainJob: 'arrests-retrain'"
        runPipeline(job)
        runPipeline(job)
        assertThat(commands()).hasSize(2)
        assertThat(commands().findAll { it.contains('--only-new') }).isEmpty()
        assertThat(args('build')).hasSize(2)
    }

    static final String MONITOR = '.modelops/monitors/arrests-release/staging/drift-monitor.json'

    void aMonitor() {
        files[MONITOR] = groovy.json.JsonOutput.toJson([schema: 'modelops-drift-monitor/1', model: 'arrests-release',
                env: 'staging', modelVersion: 4, profileId: 'p1', spec: 'examples/arrests/modelops.yaml', home: '.modelops',
                data: '.modelops/monitors/arrests-release/staging/batches', settings: [:]])
    }

    @Test
    void aMonitorNamesTheModelAndTheBatchFolder() {
        aMonitor()
        env.remove('MODELOPS_SPEC')
        cli.on('drift check') { List w, Map call -> cli.driftCheck(w, true) }
        Map first = runPipeline("checkDrift monitor: '${MONITOR}', trainJob: 'arrests-retrain'") as Map
        // no spec named: the CLI reads the one the monitor names; the monitor path is the workspace's
        assertThat(commands()[0]).isEqualTo("modelops drift check --monitor ${MONITOR} --out ${first.reportDir}".toString())
        assertThat(first.drifted).isTrue()
        assertThat(args('build')).hasSize(1)
        assertThat(args('unstable')).containsExactly(
                'modelops: drift detected for arrests-release@v4; pipeline continuous should run; started arrests-retrain')
        assertThat(build.description).isEqualTo('drift check of arrests-release@v4: DRIFT')

        build.result = null
        Map second = runPipeline("checkDrift monitor: '${MONITOR}', trainJob: 'arrests-retrain'") as Map
        assertThat(second.nothingNew).isTrue()
        assertThat(args('build')).hasSize(1)
        assertThat(build.result).isNull()
    }

    @Test
    void aMonitorWithASpecAndDataOverridingItsFolder() {
        aMonitor()
        Map result = runPipeline("checkDrift monitor: '${MONITOR}', data: 'data/batches', onlyNew: true, threshold: 0.2") as Map
        assertThat(commands()[0]).isEqualTo("modelops drift check examples/arrests/modelops.yaml --monitor ${MONITOR} "
                + "--data examples/arrests/data/batches --out ${result.reportDir} --only-new --threshold 0.2".toString())
        assertThat(build.description).isEqualTo('drift check of arrests-release@v4: no drift')
    }

    @Test
    void aMissingMonitorFailsTheBuildWithTheCliReason() {
        assertThat(failure("checkDrift monitor: 'no/drift-monitor.json'"))
                .isEqualTo('checkDrift: modelops rejected the input: modelops: --monitor no/drift-monitor.json: file not found')
        assertThat(calls('build')).isEmpty()
    }
}

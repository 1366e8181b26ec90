package dev.modelops.jenkins

import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** The scheduled drift job and the retraining job it starts (examples/arrests). */
class ExampleJenkinsfilesTest extends PipelineTestSupport {
    @Test
    void theNightlyDriftJobStartsRetrainingOnDrift() {
        cli.on('drift check') { List w, Map call -> cli.driftCheck(w, true) }
        runScript('examples/arrests/Jenkinsfile.drift')

        assertThat(args('cron')).containsExactly('H 2 * * *')
        assertThat(commands()[0]).startsWith(
                'modelops drift check examples/arrests/modelops.yaml --model arrests-release --data examples/arrests/data/batches --out modelops-reports/drift-')
        assertThat(commands()[0]).endsWith(' --only-new')
        assertThat(args('build')).hasSize(1)
        Map started = args('build')[0] as Map
        assertThat(started.job).isEqualTo('arrests-retrain')
        assertThat(started.wait).isEqualTo(false)
        assertThat(started.parameters*.value).containsExactly('continuous', 'staging')
        assertThat(build.result).isEqualTo('UNSTABLE')
    }

    @Test
    void theNextNightWithNoNewBatchIsGreenAndStartsNoRetraining() {
        cli.on('drift check') { List w, Map call -> cli.driftCheck(w, true) }
        runScript('examples/arrests/Jenkinsfile.drift')
        assertThat(args('build')).hasSize(1)

        build.result = null
        runScript('examples/arrests/Jenkinsfile.drift')
        assertThat(commands()).hasSize(2)
        assertThat(commands()[1]).endsWith(' --only-new')
        assertThat(args('build')).hasSize(1)
        assertThat(build.result).isNull()
        assertThat(build.description.readLines()[1]).isEqualTo('drift check of arrests-release: nothing new')
    }

    @Test
    void theDriftJobWithoutDriftIsGreenAndStartsNothing() {
        binding.setVariable('params', [DATA: 'data/arrests-2003.csv'])
        runScript('examples/arrests/Jenkinsfile.drift')
        assertThat(commands()[0] as String).contains('--data examples/arrests/data/arrests-2003.csv --out ')
        assertThat(calls('build')).isEmpty()
        assertThat(build.result).isNull()
    }

    @Test
    void theRetrainingJobRunsThePipelineTheTriggerNamed() {
        binding.setVariable('params', [MODELOPS_PIPELINE: 'continuous', MODELOPS_ENV: 'staging'])
        runScript('examples/arrests/Jenkinsfile.retrain')
        assertThat(args('stage')).containsExactly('Retrain', 'drift', 'train', 'evaluate', 'gate', 'deploy')
        assertThat(commands()[0]).isEqualTo('modelops generate jenkinsfile examples/arrests/modelops.yaml --format json '
                + '--spec-path examples/arrests/modelops.yaml --pipeline continuous --env staging')
        List<String> steps = commands().findAll { it.contains(' step ') || it.contains(' drift check ') }
        assertThat(steps).hasSize(5)
        for (String step : steps) {
            assertThat(step).contains('--env staging')
        }
    }
}

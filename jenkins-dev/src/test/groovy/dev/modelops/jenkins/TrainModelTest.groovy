package dev.modelops.jenkins

import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

class TrainModelTest extends PipelineTestSupport {
    @Test
    void trainsThroughTheCliAndPublishesTheModelVersion() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_SPEC = 'examples/arrests/modelops.yaml'
        def result = runPipeline("trainModel model: 'arrests-release', harden: true")

        String runId = result.runId
        assertThat(commands()).containsExactly(
                "modelops step trainModel examples/arrests/modelops.yaml --model arrests-release --harden",
                "modelops report lineage --run ${runId} --out modelops-reports/lineage-${runId}".toString())
        Map sh = shCalls[0]
        assertThat(sh.returnStatus).isTrue()
        assertThat(sh.script as String).startsWith('#!/bin/bash\nset -o pipefail\n')
                .contains(' 2>&1 | tee .modelops/jenkins/trainModel-7-')
        // lineage gets the build's facts and the user who started it
        assertThat(sh.env as Map).containsEntry('BUILD_URL', 'https://jenkins.example/job/arrests/7/')
                .containsEntry('JOB_NAME', 'arrests').containsEntry('BUILD_NUMBER', '7')
                .containsEntry('GIT_COMMIT', '0123456789abcdef0123456789abcdef01234567')
                .containsEntry('MODELOPS_USER', 'alice')

        assertThat(runId).startsWith('20991231-')
        assertThat(args('junit')).containsExactly([testResults: ".modelops/runs/${runId}/**/*.xml".toString(),
                                                   allowEmptyResults: true])
        String sha = result.outputs['model.sha256']
        assertThat(args('archiveArtifacts')).containsExactly(
                [artifacts: ".modelops/runs/${runId}/**".toString(), allowEmptyArchive: true],
                [artifacts: ".modelops/artifacts/sha256/${sha.take(2)}/${sha}".toString(), fingerprint: true])
        assertThat(args('publishHTML')).hasSize(1)
        Map report = args('publishHTML')[0].target as Map
        assertThat(report).containsEntry('reportDir', "modelops-reports/lineage-${runId}".toString())
                .containsEntry('reportFiles', 'index.html').containsEntry('reportName', 'Lineage: trainModel arrests-release')
        // the hardened model is the newest version: v2
        assertThat(build.description).isEqualTo('trained arrests-release@v2')
        assertThat(result.outputs['model.version']).isEqualTo('2')
    }
}

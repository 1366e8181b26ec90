package dev.modelops.jenkins

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** The lineage store's keys come from Jenkins credentials, reach the CLI only as environment, and never a command line. */
class CredentialsTest extends PipelineTestSupport {
    @BeforeEach
    void onAnAgent() {
        env.NODE_NAME = 'agent-1'
    }

    @Test
    void credentialsAreBoundWithWithCredentialsAndNeverWritten() {
        runPipeline("trainModel model: 'm', credentialsId: 'lineage-db', store: 'postgresql://db.example:5432/lineage'")

        assertThat(calls('withCredentials')).hasSize(1)
        List bindings = calls('withCredentials')[0].args[0] as List
        assertThat(bindings).containsExactly([$class          : 'UsernamePasswordMultiBinding', credentialsId: 'lineage-db',
                                              usernameVariable: 'MODELOPS_STORE_USER', passwordVariable: 'MODELOPS_STORE_PASSWORD'])
        // both the step and its lineage report ran with the store's keys in their environment...
        List<Map> modelops = shCalls.findAll { it.script.contains('modelops') }
        assertThat(modelops).hasSize(2)
        for (Map sh : modelops) {
            assertThat(sh.env as Map).containsEntry('MODELOPS_STORE_USER', STORE_USER)
                    .containsEntry('MODELOPS_STORE_PASSWORD', STORE_PASSWORD)
                    .containsEntry('MODELOPS_STORE', 'postgresql://db.example:5432/lineage')
        }
        // ...and nowhere else: not in a command line, not in withEnv, not in the build description
        for (Map sh : shCalls) {
            assertThat(sh.script as String).doesNotContain(STORE_PASSWORD).doesNotContain(STORE_USER)
        }
        assertThat(args('withEnv').flatten().join(' ')).doesNotContain(STORE_PASSWORD)
        assertThat(String.valueOf(build.description)).doesNotContain(STORE_PASSWORD)
        assertThat(env).doesNotContainKey('MODELOPS_STORE_PASSWORD')
    }

    @Test
    void aTeamWideCredentialsIdComesFromTheEnvironment() {
        env.MODELOPS_STORE_CREDENTIALS = 'team-lineage'
        env.MODELOPS_STORE = 'postgresql://db/lineage'
        runPipeline("evaluateModel model: 'm'")
        assertThat((calls('withCredentials')[0].args[0] as List)[0].credentialsId).isEqualTo('team-lineage')
        assertThat(shCalls[0].env.MODELOPS_STORE_PASSWORD).isEqualTo(STORE_PASSWORD)
    }

    @Test
    void withoutCredentialsNothingIsBound() {
        runPipeline("evaluateModel model: 'm'")
        assertThat(calls('withCredentials')).isEmpty()
        assertThat(shCalls[0].env as Map).doesNotContainKeys('MODELOPS_STORE_USER', 'MODELOPS_STORE_PASSWORD')
    }

    @Test
    void aGpuPodGetsTheCredentialsInsideItsContainerOnly() {
        runPipeline("trainModel model: 'm', gpu: 1, credentialsId: 'lineage-db'")
        Map sh = shCalls.find { it.script.contains('step trainModel') }
        assertThat(sh.env as Map).containsEntry('MODELOPS_IN_CONTAINER', 'modelops').containsEntry('MODELOPS_STORE_PASSWORD', STORE_PASSWORD)
        assertThat((args('podTemplate')[0] as Map).yaml as String).doesNotContain(STORE_PASSWORD)
        assertThat(args('stash').collect { it.toString() }.join(' ')).doesNotContain(STORE_PASSWORD)
    }
}

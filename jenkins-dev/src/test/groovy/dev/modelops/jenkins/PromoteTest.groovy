package dev.modelops.jenkins

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** Promotion waits for sign-off by the environment's approvers and records who approved it. */
class PromoteTest extends PipelineTestSupport {
    @BeforeEach
    void onAnAgent() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_SPEC = 'examples/arrests/modelops.yaml'
    }

    @Test
    void theSpecsApproversSignOffAndTheApproverLandsInLineage() {
        inputAnswer = 'bob'
        def result = runPipeline("promote model: 'arrests-release', from: 'staging', to: 'prod'")

        // the approvers of environments.prod come from the spec, through the CLI
        assertThat(commands()[0]).isEqualTo('modelops generate jenkinsfile examples/arrests/modelops.yaml --format json '
                + '--spec-path examples/arrests/modelops.yaml')
        assertThat(args('input')).containsExactly([message: 'Promote arrests-release from staging to prod?', ok: 'Promote',
                                                   submitterParameter: 'APPROVER', submitter: 'release-managers,alice'])
        assertThat(commands()[1]).isEqualTo('modelops step promote examples/arrests/modelops.yaml --model arrests-release '
                + '--target-env prod --with from=staging --with approver=bob --with approval_source=jenkins-input '
                + '--with submitter=release-managers,alice')
        assertThat(result.approver).isEqualTo('bob')
        assertThat(build.description).isEqualTo('promoted arrests-release@v1 to prod')
        // the sign-off came before the promotion ran
        List<String> order = helper.callStack.collect { it.methodName }.findAll { it in ['input', 'sh'] }
        assertThat(order.indexOf('input')).isLessThan(order.lastIndexOf('sh'))
    }

    @Test
    void anExplicitSubmitterOverridesTheSpecAndATimeoutBoundsTheWait() {
        inputAnswer = [APPROVER: 'dana']
        runPipeline("""promote model: 'arrests-release', from: 'staging', to: 'prod', submitter: 'ml-leads,erin',
                message: 'Ship it?', timeoutMinutes: 60""")
        assertThat(commands().findAll { it.contains('generate') }).isEmpty()
        assertThat(args('input')[0] as Map).containsEntry('submitter', 'ml-leads,erin').containsEntry('message', 'Ship it?')
        assertThat(args('timeout')).containsExactly([time: 60, unit: 'MINUTES'])
        assertThat(commands()[0]).endsWith('--with from=staging --with approver=dana --with approval_source=jenkins-input '
                + '--with submitter=ml-leads,erin')
    }

    @Test
    void anEnvironmentWithoutApproversLetsAnyoneSignOff() {
        runPipeline("promote model: 'arrests-release', from: 'dev', to: 'staging'")
        assertThat(args('input')[0] as Map).doesNotContainKey('submitter')
    }

    @Test
    void anAbortedSignOffPromotesNothing() {
        inputAnswer = new PipelineError('Rejected by frank')
        assertThat(failure("promote model: 'arrests-release', from: 'staging', to: 'prod'")).isEqualTo('Rejected by frank')
        assertThat(commands().findAll { it.contains('step promote') }).isEmpty()
    }

    @Test
    void theApproverCannotBeSuppliedByTheCaller() {
        assertThat(failure("promote model: 'arrests-release', from: 'staging', to: 'prod', with: [approver: 'mallory']"))
                .isEqualTo("promote: the approver comes from the sign-off (input), not from 'with'")
        assertThat(calls('input')).isEmpty()
    }

    @Test
    void theApprovalSourceCannotBeSuppliedEither() {
        assertThat(failure("promote model: 'arrests-release', from: 'staging', to: 'prod', with: [approval_source: 'cli']"))
                .isEqualTo("promote: the approver comes from the sign-off (input), not from 'with'")
    }

    @Test
    void outsideANodeNoExecutorWaitsForTheAnswer() {
        env.remove('NODE_NAME')
        boolean inNodeAtInput = true
        helper.registerAllowedMethod('input', [Map]) { Map m -> inNodeAtInput = env.NODE_NAME != null; 'bob' }
        runPipeline("promote model: 'arrests-release', from: 'staging', to: 'prod'")
        assertThat(inNodeAtInput).isFalse()
        assertThat(args('node')).containsExactly('modelops', 'modelops')
    }
}

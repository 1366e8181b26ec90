package dev.modelops.jenkins

import groovy.json.JsonSlurper
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

class TrainModelTest extends PipelineTestSupport {
    @Test
    void trainsThroughTheCliAndPublishesTheModelVersion() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_SPEC = 'examples/arrests/modelops.yaml'
        def result = runPipeline("trainModel model: 'arrests-release', harden: true")

        String runId = result.runId
        assertThat(runId).startsWith('20991231-')
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
                .containsEntry('GIT_BRANCH', 'origin/main')
                .containsEntry('MODELOPS_USER', 'alice')
        assertThat(args('withEnv')).contains(['BUILD_URL=https://jenkins.example/job/arrests/7/', 'JOB_NAME=arrests',
                                              'BUILD_NUMBER=7', 'GIT_COMMIT=0123456789abcdef0123456789abcdef01234567',
                                              'GIT_BRANCH=origin/main', 'MODELOPS_USER=alice'])

        assertThat(args('junit')).containsExactly([testResults: ".modelops/runs/${runId}/**/*.xml".toString(),
                                                   allowEmptyResults: true])
        String sha = result.outputs['model.sha256']
        assertThat(args('archiveArtifacts')).containsExactly(
                [artifacts: ".modelops/runs/${runId}/**".toString(), allowEmptyArchive: true],
                [artifacts: ".modelops/artifacts/sha256/${sha.take(2)}/${sha}".toString(), fingerprint: true])
        Map report = args('publishHTML')[0].target as Map
        assertThat(args('publishHTML')).hasSize(1)
        assertThat(report).containsEntry('reportDir', "modelops-reports/lineage-${runId}".toString())
                .containsEntry('reportFiles', 'index.html').containsEntry('reportName', 'Lineage: trainModel arrests-release')
                .containsEntry('keepAll', true)
        // the hardened model is the newest version: v2
        assertThat(build.description).isEqualTo('trained arrests-release@v2')
        assertThat(result.outputs['model.version']).isEqualTo('2')
        // no pod, no new node: it ran where it was called
        assertThat(calls('podTemplate')).isEmpty()
        assertThat(calls('node')).isEmpty()
    }

    @Test
    void theUserComesFromBuildUserVarsWhenPresentAndIsLeftOutForTimerBuilds() {
        env.NODE_NAME = 'agent-1'
        env.BUILD_USER_ID = 'carol'
        runPipeline("trainModel model: 'm'")
        assertThat(shCalls[0].env as Map).containsEntry('MODELOPS_USER', 'carol')

        env.remove('BUILD_USER_ID')
        causes = [[_class: 'hudson.triggers.TimerTrigger$TimerTriggerCause']]
        shCalls.clear()
        runPipeline("trainModel model: 'm'")
        assertThat(shCalls[0].env as Map).doesNotContainKey('MODELOPS_USER')
    }

    @Test
    void aGpuRequestRunsTheStepInAPodWithTheGpuOnTheModelopsContainer() {
        env.NODE_NAME = 'agent-1'
        runPipeline("""trainModel model: 'arrests-release', spec: 'examples/arrests/modelops.yaml', gpu: 2,
                nodeSelector: ['cloud.google.com/gke-accelerator': 'nvidia-tesla-t4'],
                image: 'registry.example/modelops/cli:0.1.0', memory: '16Gi'""")

        Map options = args('podTemplate')[0] as Map
        assertThat(options.yamlMergeStrategy).isEqualTo('merge()')
        Map pod = new JsonSlurper().parseText(options.yaml as String) as Map
        assertThat(pod.kind).isEqualTo('Pod')
        assertThat(pod.spec as Map).doesNotContainKey('resources')
        Map container = (pod.spec.containers as List).find { it.name == 'modelops' } as Map
        assertThat(container.image).isEqualTo('registry.example/modelops/cli:0.1.0')
        assertThat(container.resources.limits as Map).containsEntry('nvidia.com/gpu', 2).containsEntry('memory', '16Gi')
        assertThat(pod.spec.nodeSelector as Map).containsEntry('cloud.google.com/gke-accelerator', 'nvidia-tesla-t4')
        assertThat(pod.spec.tolerations as List).containsExactly([key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule'])

        // the pod is the Kubernetes platform: training runs inside it, not as another Job
        assertThat(commands()[0]).isEqualTo(
                'modelops step trainModel examples/arrests/modelops.yaml --model arrests-release --with platform=local')
        // the CLI ran in the modelops container of the pod's node
        assertThat(shCalls[0].env as Map).containsEntry('MODELOPS_IN_CONTAINER', 'modelops')
                .containsEntry('NODE_NAME', 'agent-modelops-pod-1').containsEntry('POD_LABEL', 'modelops-pod-1')
        assertThat(args('node')).containsExactly('modelops-pod-1')
        assertThat(args('container')).containsExactly('modelops')
        // the spec folder and the ModelOps home went to the pod, and the home came back
        List<String> order = helper.callStack.collect { it.methodName }
                .findAll { it in ['stash', 'podTemplate', 'unstash', 'sh', 'archiveArtifacts'] }
        assertThat(order).startsWith('stash', 'podTemplate', 'unstash', 'sh')
        assertThat(order.takeRight(2)).containsExactly('stash', 'unstash')
        Map there = args('stash')[0] as Map
        assertThat(there.includes).isEqualTo('examples/arrests/**,.modelops/**')
        assertThat((args('stash')[1] as Map).includes).isEqualTo('.modelops/**')
        assertThat(args('unstash')).containsExactly(there.name, (args('stash')[1] as Map).name)
        // the model file was archived from the pod's workspace
        assertThat(args('archiveArtifacts').collect { it.fingerprint }).contains(true)
    }

    @Test
    void platformKubernetesWithoutGpuStillUsesAPodButRequestsNoGpu() {
        env.NODE_NAME = 'agent-1'
        runPipeline("trainModel model: 'm', platform: 'kubernetes', tolerations: [], cloud: 'gpu-cluster', namespace: 'ml'")
        Map options = args('podTemplate')[0] as Map
        assertThat(options).containsEntry('cloud', 'gpu-cluster').containsEntry('namespace', 'ml')
        Map pod = new JsonSlurper().parseText(options.yaml as String) as Map
        assertThat(pod.spec.containers[0].resources.limits as Map).doesNotContainKey('nvidia.com/gpu')
        assertThat(pod.spec as Map).doesNotContainKey('tolerations')
    }

    @Test
    void calledOutsideANodeItAllocatesAnAgentWithTheCliAndChecksOut() {
        env.MODELOPS_AGENT_LABEL = 'ml-linux'
        runPipeline("trainModel model: 'm'")
        assertThat(args('node')).containsExactly('ml-linux')
        assertThat(calls('checkout')).hasSize(1)
        assertThat(shCalls[0].env as Map).containsEntry('NODE_NAME', 'agent-ml-linux')
    }

    @Test
    void aGpuStepOutsideANodeChecksOutInThePodInsteadOfStashing() {
        runPipeline("trainModel model: 'm', gpu: 1")
        assertThat(calls('stash')).isEmpty()
        assertThat(calls('checkout')).hasSize(1)
        assertThat(shCalls[0].env as Map).containsEntry('POD_LABEL', 'modelops-pod-1')
    }

    @Test
    void theCliCommandIsConfigurable() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_CLI = 'java -jar /opt/modelops/modelops-cli.jar'
        runPipeline("trainModel model: 'm', specEnv: 'staging', dataset: 'arrests-2002', report: false")
        assertThat(FakeCli.command(shCalls[0].script as String)).isEqualTo(
                'java -jar /opt/modelops/modelops-cli.jar step trainModel modelops.yaml --model m --dataset arrests-2002 --env staging')
        assertThat(shCalls).hasSize(1)
        assertThat(calls('publishHTML')).isEmpty()
    }

    @Test
    void aFailedTrainingFailsTheBuildWithTheReasonAfterPublishing() {
        env.NODE_NAME = 'agent-1'
        cli.on('step trainModel') { List w, Map call -> cli.stepRun(w, 'FAILED', 1) }
        String message = failure("trainModel model: 'm'")
        assertThat(message).matches(/trainModel: trainModel failed \(run 20991231-\S+\): trainModel: failed/)
        assertThat(calls('junit')).hasSize(1)
        assertThat(args('archiveArtifacts')).hasSize(1) // the run folder, no model file
    }

    @Test
    void badInputFailsTheBuildWithTheCliMessage() {
        env.NODE_NAME = 'agent-1'
        cli.on('step trainModel') { List w, Map call ->
            [exit: 2, log: "modelops: modelops.yaml:14: unknown model 'mm'; known: m\n"]
        }
        assertThat(failure("trainModel model: 'mm'"))
                .isEqualTo("trainModel: modelops rejected the input: modelops: modelops.yaml:14: unknown model 'mm'; known: m")
        assertThat(calls('junit')).isEmpty()
    }

    @Test
    void aModelopsHomeOutsideTheWorkspaceIsCopiedInForPublishing() {
        env.NODE_NAME = 'agent-1'
        env.MODELOPS_HOME = '/shared/modelops'
        def result = runPipeline("trainModel model: 'm'")
        assertThat(shCalls[0].script as String).contains('| tee /shared/modelops/jenkins/trainModel-')
        assertThat(shCalls.collect { it.script }).contains(
                "mkdir -p modelops-runs && cp -R /shared/modelops/runs/${result.runId} modelops-runs/".toString())
        assertThat(args('junit')[0].testResults).isEqualTo("modelops-runs/${result.runId}/**/*.xml".toString())
        // the model file is copied in too, to be archived and fingerprinted
        String sha = result.outputs['model.sha256']
        assertThat(shCalls.collect { it.script }).contains(
                "mkdir -p modelops-models && cp /shared/modelops/artifacts/sha256/${sha.take(2)}/${sha} modelops-models/".toString())
        assertThat(args('archiveArtifacts')).contains([artifacts: "modelops-models/${sha}".toString(), fingerprint: true])
    }
}

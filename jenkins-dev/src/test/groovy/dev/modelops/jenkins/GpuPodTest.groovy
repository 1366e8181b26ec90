package dev.modelops.jenkins

import groovy.json.JsonSlurper
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** The pod spec of a GPU step, built by the library's GpuPod class. */
class GpuPodTest {
    @Test
    void theGpuLimitIsOnTheModelopsContainerNeverOnThePod() {
        Map pod = GpuPod.spec([gpu: 4, cpu: '8', memory: '32Gi'], [:], 'trainModel')
        assertThat(pod.spec as Map).doesNotContainKey('resources')
        List containers = pod.spec.containers as List
        assertThat(containers).hasSize(1)
        Map c = containers[0] as Map
        assertThat(c.name).isEqualTo('modelops')
        assertThat(c.image).isEqualTo('modelops/cli:latest')
        assertThat(c.command).isEqualTo(['sleep'])
        assertThat(c.args).isEqualTo(['infinity'])
        assertThat(c.resources.limits as Map).isEqualTo(['cpu': '8', 'memory': '32Gi', 'nvidia.com/gpu': 4])
        assertThat(c.resources.requests as Map).isEqualTo(['cpu': '8', 'memory': '32Gi'])
        assertThat(pod.metadata.labels as Map).containsEntry('modelops.dev/step', 'trainModel')
    }

    @Test
    void gpuNodesAreToleratedByDefaultAndPlacementIsConfigurable() {
        assertThat(GpuPod.spec([gpu: 1], [:], 's').spec.tolerations as List)
                .containsExactly([key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule'])
        Map custom = GpuPod.spec([gpu: 1, nodeSelector: ['nvidia.com/gpu.product': 'A100'],
                                  tolerations: [[key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoExecute']],
                                  serviceAccount: 'trainer'], [MODELOPS_POD_IMAGE: 'registry/cli:1'], 's')
        assertThat(custom.spec.nodeSelector as Map).isEqualTo(['nvidia.com/gpu.product': 'A100'])
        assertThat(custom.spec.tolerations as List).containsExactly([key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoExecute'])
        assertThat(custom.spec.serviceAccountName).isEqualTo('trainer')
        assertThat(custom.spec.containers[0].image).isEqualTo('registry/cli:1')
        // no GPU: no GPU limit and no GPU toleration
        Map cpuOnly = GpuPod.spec([platform: 'kubernetes'], [:], 's')
        assertThat(cpuOnly.spec as Map).doesNotContainKeys('tolerations', 'nodeSelector')
        assertThat(cpuOnly.spec.containers[0].resources.limits as Map).isEmpty()
    }

    @Test
    void theYamlTextParsesToTheSameSpec() {
        Map args = [gpu: 2, nodeSelector: ['accelerator': 'nvidia-l4']]
        assertThat(new JsonSlurper().parseText(GpuPod.yaml(args, [:], 'trainModel'))).isEqualTo(GpuPod.spec(args, [:], 'trainModel'))
    }

    @Test
    void whetherACallWantsAPod() {
        assertThat(GpuPod.wanted([gpu: 1])).isTrue()
        assertThat(GpuPod.wanted([gpu: '2'])).isTrue()
        assertThat(GpuPod.wanted([gpu: 0])).isFalse()
        assertThat(GpuPod.wanted([platform: 'kubernetes'])).isTrue()
        assertThat(GpuPod.wanted([platform: 'local'])).isFalse()
        assertThat(GpuPod.wanted([:])).isFalse()
    }
}

package dev.modelops.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/**
 * The pod a step runs in when it asks for a GPU or {@code platform: 'kubernetes'}: the Jenkins
 * agent ({@code jnlp}, from the cloud's template) plus a {@code modelops} sidecar container with
 * the CLI, where the step's commands run. The kubernetes plugin's containerTemplate has no GPU
 * field, and a pod-level {@code spec.resources} is silently dropped, so the request is written in
 * raw pod YAML as {@code resources.limits: {nvidia.com/gpu: N}} on the {@code modelops}
 * container itself, with the node selector and tolerations that steer it to GPU nodes. The text
 * is JSON, which is YAML too, so no YAML library is needed on the controller.
 */
class GpuPod implements Serializable {
    private static final long serialVersionUID = 1L

    static final String CONTAINER = 'modelops'
    static final String GPU_RESOURCE = 'nvidia.com/gpu'
    static final String DEFAULT_IMAGE = 'modelops/cli:latest'
    /** GPU nodes are usually tainted with this (GKE, AKS, the NVIDIA GPU operator). */
    static final Map GPU_TOLERATION = [key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule']

    /**
     * Whether a call runs in a pod: it asks for GPUs or for platform kubernetes.
     */
    @NonCPS
    static boolean wanted(Map args) {
        return (args.gpu != null && (args.gpu as String).toInteger() > 0) || args.platform == 'kubernetes'
    }

    /**
     * The pod spec for a call.
     *
     * @param args the step's arguments (gpu, image, nodeSelector, tolerations, cpu, memory, serviceAccount)
     * @param env defaults from the environment (MODELOPS_POD_IMAGE)
     * @param step the step's name, kept as a label
     */
    @NonCPS
    static Map spec(Map args, Map env, String step) {
        int gpu = args.gpu != null ? (args.gpu as String).toInteger() : 0
        Map limits = [:]
        Map requests = [:]
        if (args.cpu) {
            requests.cpu = args.cpu as String
            limits.cpu = args.cpu as String
        }
        if (args.memory) {
            requests.memory = args.memory as String
            limits.memory = args.memory as String
        }
        if (gpu > 0) {
            limits[GPU_RESOURCE] = gpu
        }
        Map container = [
                name     : CONTAINER,
                image    : args.image ?: env?.MODELOPS_POD_IMAGE ?: DEFAULT_IMAGE,
                command  : ['sleep'],
                args     : ['infinity'],
                resources: [limits: limits, requests: requests],
        ]
        Map podSpec = [containers: [container]]
        Map nodeSelector = args.nodeSelector as Map
        if (nodeSelector) {
            podSpec.nodeSelector = nodeSelector
        }
        List tolerations = args.tolerations != null ? args.tolerations as List : (gpu > 0 ? [GPU_TOLERATION] : [])
        if (tolerations) {
            podSpec.tolerations = tolerations
        }
        if (args.serviceAccount) {
            podSpec.serviceAccountName = args.serviceAccount
        }
        return [
                apiVersion: 'v1',
                kind      : 'Pod',
                metadata  : [labels: ['app.kubernetes.io/managed-by': 'modelops', 'modelops.dev/step': step]],
                spec      : podSpec,
        ]
    }

    /** The pod spec as the text {@code podTemplate(yaml: ...)} takes. */
    @NonCPS
    static String yaml(Map args, Map env, String step) {
        return JsonOutput.prettyPrint(JsonOutput.toJson(spec(args, env, step)))
    }
}

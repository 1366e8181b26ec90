package dev.modelops.steps.deploy.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;

/**
 * The cluster a deployment goes to: the usual client configuration (kubeconfig, in-cluster service
 * account, {@code KUBERNETES_*} variables), unless {@code MODELOPS_KUBERNETES_URL} names an API
 * server explicitly (e.g. {@code kubectl proxy} at {@code http://127.0.0.1:8001}).
 */
public final class KubernetesClients {
    public static final String URL_VARIABLE = "MODELOPS_KUBERNETES_URL";

    private KubernetesClients() {
    }

    public static KubernetesClient create(Map<String, String> environment) {
        String url = environment.get(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url).build()).build();
        }
        return new KubernetesClientBuilder().build();
    }
}

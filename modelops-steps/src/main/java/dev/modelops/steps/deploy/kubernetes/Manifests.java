package dev.modelops.steps.deploy.kubernetes;

import dev.modelops.core.lineage.Entity;
import dev.modelops.steps.deploy.DeploySettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes objects of a deployed model: a Deployment per track ({@code stable}, and
 * {@code canary} while a canary runs) whose pods run {@code modelops serve-model} for one model
 * version, and one Service that selects both tracks, so traffic splits by replica count.
 * Resources go on the container (a pod-level {@code spec.resources} is ignored by many tools).
 */
public final class Manifests {
    public static final String APP = "app";
    public static final String MODEL = "modelops.dev/model";
    public static final String ENV = "modelops.dev/env";
    public static final String TRACK = "modelops.dev/track";
    public static final String VERSION = "modelops.dev/version";
    public static final String MODEL_ID = "modelops.dev/model-id";
    public static final String SHA256 = "modelops.dev/sha256";
    public static final String STABLE = "stable";
    public static final String CANARY = "canary";

    private Manifests() {
    }

    /** A DNS-1123 name for a model in an environment, e.g. {@code fashion-classifier-prod}. */
    public static String name(String model, String env) {
        String raw = (model + "-" + env).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        if (raw.length() > 50) {
            raw = raw.substring(0, 50).replaceAll("-$", "");
        }
        return raw.isEmpty() ? "model" : raw;
    }

    /** A label value: at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric. */
    static String labelValue(String text) {
        String v = text.replaceAll("[^A-Za-z0-9._-]", "-");
        if (v.length() > 63) {
            v = v.substring(0, 63);
        }
        return v.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    public static String deploymentName(String base, String track) {
        return track.equals(CANARY) ? base + "-canary" : base;
    }

    public static Deployment deployment(String base, String track, Entity model, String env, DeploySettings s,
                                        int replicas) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, base);
        labels.put(MODEL, labelValue(model.name()));
        labels.put(ENV, labelValue(env));
        labels.put(TRACK, track);
        labels.put(VERSION, "v" + model.version());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(MODEL_ID, model.id());
        annotations.put(SHA256, model.contentHash());
        annotations.put("modelops.dev/model-version", model.label());
        return new DeploymentBuilder()
                .withNewMetadata().withName(deploymentName(base, track)).withNamespace(s.namespace())
                    .withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().addToMatchLabels(APP, base).addToMatchLabels(TRACK, track).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                        .withNewSpec().withContainers(container(model, env, s, base)).endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    static Container container(Entity model, String env, DeploySettings s, String base) {
        List<EnvVar> vars = new ArrayList<>();
        vars.add(new EnvVarBuilder().withName("MODELOPS_SERVE_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                .withName(s.tokenSecret() != null ? s.tokenSecret() : base + "-token").withKey("token").endSecretKeyRef()
                .endValueFrom().build());
        s.env().forEach((k, v) -> vars.add(new EnvVarBuilder().withName(k).withValue(v).build()));
        return new ContainerBuilder()
                .withName("model-server")
                .withImage(s.image())
                .withArgs("serve-model", s.specPath(), "--model", model.name(), "--env", env, "--model-id", model.id(),
                        "--host", "0.0.0.0", "--port", String.valueOf(s.port()))
                .withEnv(vars)
                .addNewPort().withName("http").withContainerPort(s.port()).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/health").withPort(new IntOrString("http")).endHttpGet()
                    .withInitialDelaySeconds(5).withPeriodSeconds(5).endReadinessProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/health").withPort(new IntOrString("http")).endHttpGet()
                    .withInitialDelaySeconds(20).withPeriodSeconds(10).endLivenessProbe()
                .withResources(resources(s.resources()))
                .build();
    }

    /** {@code {requests: {...}, limits: {...}}} as given, or flat values used as both request and limit. */
    static ResourceRequirements resources(Map<String, Object> spec) {
        ResourceRequirementsBuilder b = new ResourceRequirementsBuilder();
        if (spec.containsKey("requests") || spec.containsKey("limits")) {
            b.withRequests(quantities(spec.get("requests")));
            b.withLimits(quantities(spec.get("limits")));
        } else if (!spec.isEmpty()) {
            Map<String, Quantity> q = quantities(spec);
            b.withRequests(q);
            b.withLimits(q);
        }
        return b.build();
    }

    private static Map<String, Quantity> quantities(Object map) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String key = String.valueOf(k).equals("gpu") ? "nvidia.com/gpu" : String.valueOf(k);
                out.put(key, new Quantity(String.valueOf(v)));
            });
        }
        return out;
    }

    /** The Service in front of both tracks: port 80 to the container's http port. */
    public static Service service(String base, String env, DeploySettings s) {
        return new ServiceBuilder()
                .withNewMetadata().withName(base).withNamespace(s.namespace()).addToLabels(APP, base)
                    .addToLabels(ENV, labelValue(env)).endMetadata()
                .withNewSpec().addToSelector(APP, base)
                    .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build();
    }
}

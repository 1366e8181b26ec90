package dev.modelops.steps.deploy.kubernetes;

import dev.modelops.core.lineage.Entity;
import dev.modelops.steps.deploy.DeploySettings;
import dev.modelops.steps.deploy.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deploys a model version to Kubernetes with fabric8: the stable Deployment and the Service, and,
 * with a canary share, a second Deployment running the new version on that share of the replicas
 * while the stable one keeps serving the old version. The rollout is watched; when the new pods do
 * not become healthy in time the change is undone (the canary removed and the stable replicas
 * restored, or the previous stable spec put back) and the outcome is ROLLED_BACK.
 */
public final class KubernetesTarget {
    private final KubernetesClient client;
    private final Duration poll;

    public KubernetesTarget(KubernetesClient client, Duration poll) {
        this.client = client;
        this.poll = poll;
    }

    /**
     * What happened.
     *
     * @param status ACTIVE, CANARY or ROLLED_BACK
     * @param message one line for the task summary
     * @param details attributes for the DEPLOYMENT record
     */
    public record Result(DeploymentStatus status, String message, Map<String, Object> details) {
    }

    public Result deploy(Entity model, String env, DeploySettings s) throws InterruptedException {
        String base = Manifests.name(model.name(), env);
        String ns = s.namespace();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("namespace", ns);
        details.put("deployment", base);
        details.put("service", base);
        details.put("image", s.image());
        details.put("replicas", s.replicas());
        details.put("resources", s.resources());
        details.put("endpoint", "http://" + base + "." + ns + ".svc.cluster.local");
        client.services().inNamespace(ns).resource(Manifests.service(base, env, s)).createOr(NonDeletingOperation::update);
        Deployment stable = client.apps().deployments().inNamespace(ns).withName(base).get();
        if (s.canary() > 0 && stable != null) {
            return canary(model, env, s, base, stable, details);
        }
        return replace(model, env, s, base, stable, details);
    }

    /** All replicas on the new version; the canary, if any, is removed. */
    private Result replace(Entity model, String env, DeploySettings s, String base, Deployment previous,
                           Map<String, Object> details) throws InterruptedException {
        String ns = s.namespace();
        Deployment next = Manifests.deployment(base, Manifests.STABLE, model, env, s, s.replicas());
        client.apps().deployments().inNamespace(ns).resource(next).createOr(NonDeletingOperation::update);
        details.put("track", Manifests.STABLE);
        RolloutWatch.Result health = new RolloutWatch(client, poll).await(ns, base, s.replicas(),
                Duration.ofSeconds(s.healthTimeoutSeconds()));
        details.put("health", health.reason());
        if (!health.healthy()) {
            if (previous != null) {
                Deployment restore = new DeploymentBuilder(previous).editMetadata().withResourceVersion(null).endMetadata()
                        .withStatus(null).build();
                client.apps().deployments().inNamespace(ns).resource(restore).update();
                details.put("restored", previous.getMetadata().getAnnotations().get("modelops.dev/model-version"));
            } else {
                client.apps().deployments().inNamespace(ns).withName(base).delete();
            }
            String undo = previous == null ? "removed the new deployment" : "restored " + details.get("restored");
            details.put("reason", health.reason());
            return new Result(DeploymentStatus.ROLLED_BACK, "rolled back " + model.label() + " in " + env + ": "
                    + health.reason() + "; " + undo, details);
        }
        deleteCanary(ns, base);
        return new Result(DeploymentStatus.ACTIVE, "deployed " + model.label() + " to " + env + " (kubernetes " + ns + "/"
                + base + ", " + s.replicas() + " replica(s)): " + health.reason(), details);
    }

    /** A share of the replicas on the new version beside the stable ones. */
    private Result canary(Entity model, String env, DeploySettings s, String base, Deployment stable,
                          Map<String, Object> details) throws InterruptedException {
        String ns = s.namespace();
        int canaryReplicas = Math.max(1, (int) Math.round(s.replicas() * s.canary()));
        int stableReplicas = Math.max(1, s.replicas() - canaryReplicas);
        String stableVersion = stable.getMetadata().getAnnotations().get("modelops.dev/model-version");
        details.put("track", Manifests.CANARY);
        details.put("canary", s.canary());
        details.put("canaryReplicas", canaryReplicas);
        details.put("stableReplicas", stableReplicas);
        details.put("stableModelVersion", stableVersion);
        details.put("stableModelId", stable.getMetadata().getAnnotations().get(Manifests.MODEL_ID));
        int before = stable.getSpec().getReplicas() == null ? s.replicas() : stable.getSpec().getReplicas();
        scale(ns, base, stableReplicas);
        String canaryName = Manifests.deploymentName(base, Manifests.CANARY);
        client.apps().deployments().inNamespace(ns)
                .resource(Manifests.deployment(base, Manifests.CANARY, model, env, s, canaryReplicas))
                .createOr(NonDeletingOperation::update);
        RolloutWatch.Result health = new RolloutWatch(client, poll).await(ns, canaryName, canaryReplicas,
                Duration.ofSeconds(s.healthTimeoutSeconds()));
        details.put("health", health.reason());
        if (!health.healthy()) {
            deleteCanary(ns, base);
            scale(ns, base, before);
            details.put("reason", health.reason());
            return new Result(DeploymentStatus.ROLLED_BACK, "rolled back canary of " + model.label() + " in " + env + ": "
                    + health.reason() + "; " + stableVersion + " keeps all " + before + " replica(s)", details);
        }
        return new Result(DeploymentStatus.CANARY, String.format("canary %s in %s: %d of %d replica(s) on the new "
                        + "version, %d on %s (%s); deploy again with canary 0 to complete", model.label(), env,
                canaryReplicas, canaryReplicas + stableReplicas, stableReplicas, stableVersion, health.reason()), details);
    }

    private void scale(String ns, String name, int replicas) {
        client.apps().deployments().inNamespace(ns).withName(name)
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(replicas).endSpec().build());
    }

    private void deleteCanary(String ns, String base) {
        client.apps().deployments().inNamespace(ns).withName(Manifests.deploymentName(base, Manifests.CANARY)).delete();
    }
}

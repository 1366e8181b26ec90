package dev.modelops.steps.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Waits for a Deployment's rollout the way {@code kubectl rollout status} does: healthy when the
 * controller has seen the current generation and all replicas are updated, ready and available;
 * failed at once when the controller reports {@code ProgressDeadlineExceeded} or a
 * {@code ReplicaFailure}, or when the timeout passes first.
 */
public final class RolloutWatch {
    private final KubernetesClient client;
    private final Duration poll;

    public RolloutWatch(KubernetesClient client, Duration poll) {
        this.client = client;
        this.poll = poll;
    }

    /**
     * @param healthy whether the rollout completed
     * @param reason what was seen (for messages and lineage)
     */
    public record Result(boolean healthy, String reason) {
    }

    public Result await(String namespace, String name, int replicas, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status reported yet";
        while (true) {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            if (d == null) {
                return new Result(false, "deployment " + name + " disappeared");
            }
            DeploymentStatus st = d.getStatus();
            if (st != null) {
                for (DeploymentCondition c : st.getConditions()) {
                    if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                            && "ProgressDeadlineExceeded".equals(c.getReason())) {
                        return new Result(false, "rollout of " + name + " exceeded its progress deadline: "
                                + Objects.toString(c.getMessage(), ""));
                    }
                    if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
                        return new Result(false, "replica failure in " + name + ": " + Objects.toString(c.getMessage(), c.getReason()));
                    }
                }
                Long generation = d.getMetadata().getGeneration();
                Long observed = st.getObservedGeneration();
                boolean current = generation == null || (observed != null && observed >= generation);
                int updated = n(st.getUpdatedReplicas());
                int ready = n(st.getReadyReplicas());
                int available = n(st.getAvailableReplicas());
                last = String.format("%d/%d updated, %d ready, %d available%s", updated, replicas, ready, available,
                        current ? "" : " (controller has not seen the new spec)");
                if (current && updated >= replicas && ready >= replicas && available >= replicas) {
                    return new Result(true, name + ": " + last);
                }
            }
            if (System.nanoTime() >= deadline) {
                return new Result(false, "rollout of " + name + " not healthy after " + timeout.toSeconds() + "s: " + last);
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}

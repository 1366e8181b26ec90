package dev.modelops.steps.deploy;

import dev.modelops.core.exec.StepContext;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.steps.deploy.kubernetes.KubernetesClients;
import dev.modelops.steps.deploy.kubernetes.KubernetesTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One deployment of a model version to an environment, shared by deployModel and promote: the
 * artifact's SHA-256 is checked against lineage first (a mismatch is REFUSED and recorded), then
 * the target deploys, and the outcome, whatever it is, becomes a DEPLOYMENT record.
 */
public final class Deployer {
    /** Milliseconds between rollout status polls (default 2000); tests and impatient operators lower it. */
    public static final String POLL_VARIABLE = "MODELOPS_ROLLOUT_POLL_MS";

    private Deployer() {
    }

    /**
     * @param status what happened
     * @param message one line for the task summary
     * @param deployment the DEPLOYMENT record
     */
    public record Outcome(DeploymentStatus status, String message, Entity deployment) {
        public boolean succeeded() {
            return status == DeploymentStatus.ACTIVE || status == DeploymentStatus.CANARY;
        }
    }

    public static Outcome deploy(StepContext ctx, Entity model, EnvironmentSpec env, DeploySettings settings,
                                 String approvalId) throws InterruptedException {
        Entity environment = DeploymentRecords.environment(ctx.run().lineage(), env);
        Optional<String> problem = ArtifactCheck.problem(ctx.run().artifacts(), model);
        if (problem.isPresent()) {
            String message = "refused to deploy " + model.label() + " to " + env.name() + ": " + problem.get();
            Entity refused = DeploymentRecords.record(ctx, model, environment, settings.target(), DeploymentStatus.REFUSED,
                    Map.of("reason", problem.get()), approvalId);
            return new Outcome(DeploymentStatus.REFUSED, message, refused);
        }
        if (settings.kubernetes()) {
            long poll = Long.parseLong(ctx.run().environment().getOrDefault(POLL_VARIABLE, "2000"));
            KubernetesTarget.Result r;
            try (KubernetesClient client = KubernetesClients.create(ctx.run().environment())) {
                r = new KubernetesTarget(client, Duration.ofMillis(poll)).deploy(model, env.name(), settings);
            } catch (KubernetesClientException e) {
                String reason = "the Kubernetes API refused or could not be reached: " + e.getMessage();
                Entity failed = DeploymentRecords.record(ctx, model, environment, settings.target(),
                        DeploymentStatus.ROLLED_BACK, Map.of("reason", reason), approvalId);
                return new Outcome(DeploymentStatus.ROLLED_BACK, "deployment of " + model.label() + " to " + env.name()
                        + " failed: " + reason, failed);
            }
            Entity recorded = DeploymentRecords.record(ctx, model, environment, settings.target(), r.status(),
                    r.details(), approvalId);
            return new Outcome(r.status(), r.message(), recorded);
        }
        Map<String, Object> details = new LinkedHashMap<>(LocalTarget.deploy(ctx.run().artifacts(), model, env.name(),
                settings, ctx.run().spec().source(), ctx.run().lineage().location().orElse(null)));
        String note = settings.canary() > 0 ? " (canary applies to target kubernetes; the local server serves one version)" : "";
        Entity recorded = DeploymentRecords.record(ctx, model, environment, settings.target(), DeploymentStatus.ACTIVE,
                details, approvalId);
        return new Outcome(DeploymentStatus.ACTIVE, "deployed " + model.label() + " to " + env.name() + " (local, "
                + details.get("endpoint") + ")" + note + "; serve it with: " + details.get("serve"), recorded);
    }
}

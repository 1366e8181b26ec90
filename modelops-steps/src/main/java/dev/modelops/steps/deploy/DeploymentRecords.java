package dev.modelops.steps.deploy;

import dev.modelops.core.exec.StepContext;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.gates.Champion;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments as lineage records, per the shared convention: DEPLOYMENT {@code <model>/<env>}
 * with the model version's id and SHA-256, the target, the status and the endpoint; USED the model
 * version, DEPLOYED_TO the ENVIRONMENT record, APPROVED_BY the approval of a promotion. Each
 * record carries its time, so deploying the same version again is a new version of the record.
 */
public final class DeploymentRecords {
    private DeploymentRecords() {
    }

    public static String name(String model, String env) {
        return model + "/" + env;
    }

    /** The ENVIRONMENT record of an environment as the spec declares it now. */
    public static Entity environment(LineageStore lineage, EnvironmentSpec env) {
        return lineage.record(LineageRecord.builder(EntityKind.ENVIRONMENT, env.name())
                .attribute("deploy", env.deploy())
                .attribute("approvers", env.approvers())
                .attribute("variables", env.variables())
                .build());
    }

    /**
     * Records one deployment outcome.
     *
     * @param details target-specific attributes (endpoint, namespace, replicas, canary, reason)
     * @param approvalId the APPROVAL record of a promotion, or null
     */
    public static Entity record(StepContext ctx, Entity model, Entity environment, String target,
                                DeploymentStatus status, Map<String, ?> details, String approvalId) {
        return record(ctx, model, environment, target, status, details, approvalId, null);
    }

    /** The same, also USED the gate verdict that decided it (a promotion). */
    public static Entity record(StepContext ctx, Entity model, Entity environment, String target,
                                DeploymentStatus status, Map<String, ?> details, String approvalId, String verdictId) {
        return record(ctx.run().lineage(), ctx.run().info().runId(), ctx.run().info().ci(), model, environment,
                target, status, details, approvalId, verdictId);
    }

    /** The same outside a pipeline run (e.g. when {@code serve-model} refuses a tampered artifact). */
    public static Entity record(LineageStore lineage, String runId, Map<String, String> ci, Entity model,
                                Entity environment, String target, DeploymentStatus status, Map<String, ?> details,
                                String approvalId) {
        return record(lineage, runId, ci, model, environment, target, status, details, approvalId, null);
    }

    static Entity record(LineageStore lineage, String runId, Map<String, String> ci, Entity model, Entity environment,
                         String target, DeploymentStatus status, Map<String, ?> details, String approvalId,
                         String verdictId) {
        LineageRecord.Builder b = LineageRecord.builder(EntityKind.DEPLOYMENT,
                        name(model.name(), environment.name()))
                .attribute("model", model.name())
                .attribute("env", environment.name())
                .attribute("modelVersion", model.label())
                .attribute("modelId", model.id())
                .attribute("modelSha256", model.contentHash())
                .attribute("variant", model.attributes().getOrDefault("variant", "trained"))
                .attribute("format", model.attributes().getOrDefault("format", "tribuo-protobuf"))
                .attribute("target", target)
                .attribute("status", status.name())
                .attribute("deployedAt", Instant.now().toString())
                .attribute("runId", runId)
                .attributes(details)
                .edge(Relation.USED, model.id())
                .edge(Relation.DEPLOYED_TO, environment.id())
                .edge(Relation.APPROVED_BY, approvalId)
                .edge(Relation.USED, verdictId);
        if (ci != null && !ci.isEmpty()) {
            b.attribute("ci", ci);
        }
        return lineage.record(b.build());
    }

    /** The champion's ACTIVE deployment record and model version in an environment, if any. */
    public static Optional<Champion> champion(LineageStore lineage, String model, String env) {
        return Champion.find(lineage, model, env);
    }
}

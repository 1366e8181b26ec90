package dev.modelops.steps;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.gates.Champion;
import dev.modelops.gates.GateReport;
import dev.modelops.gates.QualityGates;
import dev.modelops.ml.ModelVersions;
import dev.modelops.steps.deploy.DeploySettings;
import dev.modelops.steps.deploy.Deployer;
import dev.modelops.steps.deploy.DeploymentRecords;
import dev.modelops.steps.deploy.DeploymentStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Promotes the model version ACTIVE in one environment ({@code with.from}) to the next (the task's
 * {@code env}): only when the target environment's quality gates pass for it and an allowed
 * approver signed off (see {@link #signOffProblem} for who is allowed, from the CLI and from
 * Jenkins). The sign-off is an APPROVAL record (approver, time, source: the CLI flag or Jenkins's
 * {@code input} step, and the list the approver was checked against), and the redeployment to the
 * target is a DEPLOYMENT APPROVED_BY it. A refused promotion is a DEPLOYMENT with status REFUSED
 * and the reason, linked to the gate verdict that refused it.
 */
public final class Promote implements Step {
    public static final List<String> SOURCES = List.of("cli", "jenkins-input");
    static final String JENKINS_INPUT = "jenkins-input";

    @Override
    public StepResult run(StepContext ctx) throws Exception {
        Params params = new Params(ctx);
        String from = ctx.paramText("from", null);
        String to = ctx.task().env();
        if (from == null || from.isBlank()) {
            throw new InputError(ctx.task().specPath(), "task '" + ctx.task().id() + "': promote needs with.from, the "
                    + "environment the version is serving in; known: " + String.join(", ", ctx.run().spec().environments().keySet()));
        }
        EnvironmentSpec source = DeployModel.environment(ctx, from);
        EnvironmentSpec target = DeployModel.environment(ctx, to);
        if (source.name().equals(target.name())) {
            throw new InputError(ctx.task().specPath(), "task '" + ctx.task().id() + "': with.from and env are both '"
                    + to + "'; promote moves a version to another environment");
        }
        String approver = ctx.paramText("approver", "").trim();
        String approvalSource = params.choice("approval_source", "cli", SOURCES);
        List<String> submitter = ctx.param("submitter").map(v -> names(v)).orElse(null);
        if (submitter != null && !JENKINS_INPUT.equals(approvalSource)) {
            throw new InputError(ctx.task().specPath(), "task '" + ctx.task().id() + "': with.submitter is the list "
                    + "Jenkins's input step restricted the sign-off to; it goes with approval_source jenkins-input");
        }
        DeploySettings settings = DeployModel.settings(ctx, target);
        String model = ctx.model().name();

        Optional<Champion> serving = Champion.find(ctx.run().lineage(), model, from);
        if (serving.isEmpty() || serving.get().modelVersion().isEmpty()) {
            return StepResult.failed("nothing to promote: no ACTIVE deployment of " + model + " in " + from).build();
        }
        Entity version = serving.get().modelVersion().get();
        ctx.progress().update("judging " + version.label() + " against the gates of " + to, 0.2);
        GateReport gates = QualityGates.judge(ctx, version, to);
        Entity environment = DeploymentRecords.environment(ctx.run().lineage(), target);

        String refusal = null;
        if (gates.failed()) {
            refusal = "the gates of " + to + " failed: " + gates.summary();
        } else if (approver.isEmpty()) {
            refusal = "no approver: a promotion to " + to + " needs a sign-off (with.approver, the CLI's --approver, "
                    + "or Jenkins's input step)";
        } else {
            refusal = signOffProblem(approver, approvalSource, submitter, target);
        }
        if (refusal != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", refusal);
            details.put("promotion", Map.of("from", from, "to", to));
            details.put("gateStatus", gates.status().name());
            details.put("gateVerdictId", gates.verdictId());
            if (!approver.isEmpty()) {
                details.put("approver", approver);
            }
            Entity refused = DeploymentRecords.record(ctx, version, environment, settings.target(),
                    DeploymentStatus.REFUSED, details, null, gates.verdictId());
            return StepResult.failed("refused to promote " + version.label() + " from " + from + " to " + to + ": "
                            + refusal)
                    .output(ModelVersions.MODEL_ID, version.id())
                    .output("deployment.id", refused.id())
                    .output("deployment.status", DeploymentStatus.REFUSED.name())
                    .output(QualityGates.GATE_STATUS, gates.status().name())
                    .output(QualityGates.GATE_ID, gates.verdictId())
                    .used(version.id())
                    .used(gates.verdictId())
                    .produced(gates.verdictId())
                    .produced(refused.id())
                    .build();
        }

        Entity approval = ctx.run().lineage().record(LineageRecord.builder(EntityKind.APPROVAL,
                        DeploymentRecords.name(model, to))
                .attribute("approver", approver)
                .attribute("approvedAt", Instant.now().toString())
                .attribute("source", approvalSource)
                .attribute("approvers", target.approvers())
                .attribute("checkedAgainst", checkedAgainst(approvalSource, submitter, target))
                .attribute("checkedBy", JENKINS_INPUT.equals(approvalSource)
                        ? "Jenkins: the input step let this user answer (user ids or groups; administrators always may)"
                        : "modelops: the approver's id is in the target environment's approvers")
                .attribute("from", from)
                .attribute("to", to)
                .attribute("modelVersion", version.label())
                .attribute("modelId", version.id())
                .attribute("gateStatus", gates.status().name())
                .attribute("runId", ctx.run().info().runId())
                .attribute("ci", ctx.run().info().ci().isEmpty() ? null : ctx.run().info().ci())
                .edge(Relation.USED, version.id())
                .edge(Relation.USED, gates.verdictId())
                .build());
        ctx.progress().update("deploying " + version.label() + " to " + to, 0.6);
        Deployer.Outcome outcome = Deployer.deploy(ctx, version, target, settings, approval.id());
        String message = outcome.succeeded()
                ? "promoted " + version.label() + " from " + from + " to " + to + ", approved by " + approver + " ("
                + approvalSource + "), gates " + gates.status() + ": " + outcome.message()
                : "promotion of " + version.label() + " to " + to + " approved by " + approver + " but not deployed: "
                + outcome.message();
        return (outcome.succeeded() ? StepResult.succeeded(message) : StepResult.failed(message))
                .output(ModelVersions.MODEL_ID, version.id())
                .output("approval.id", approval.id())
                .output("deployment.id", outcome.deployment().id())
                .output("deployment.status", outcome.status().name())
                .output("deployment.endpoint", outcome.deployment().attributes().get("endpoint"))
                .output(QualityGates.GATE_STATUS, gates.status().name())
                .output(QualityGates.GATE_ID, gates.verdictId())
                .used(version.id())
                .used(gates.verdictId())
                .produced(gates.verdictId())
                .produced(approval.id())
                .produced(outcome.deployment().id())
                .build();
    }

    /**
     * Why a sign-off does not count, or null when it does. Two sources, two checks:
     * <ul>
     *   <li>{@code jenkins-input}: Jenkins's {@code input} step has already decided who may answer
     *       (its {@code submitter} list holds user ids or group names, and Jenkins resolves group
     *       membership, which this process cannot). The list it enforced ({@code with.submitter},
     *       default the spec's approvers) must not go beyond the spec's approvers: a Jenkinsfile may
     *       narrow who signs off, not widen it.</li>
     *   <li>{@code cli}: the approver's id must be one of the spec's approvers, compared as ids;
     *       a group name there can only be answered through Jenkins.</li>
     * </ul>
     */
    static String signOffProblem(String approver, String source, List<String> submitter, EnvironmentSpec target) {
        List<String> approvers = target.approvers();
        if (JENKINS_INPUT.equals(source)) {
            if (approvers.isEmpty() || submitter == null) {
                return null;
            }
            List<String> wider = submitter.stream().filter(s -> !approvers.contains(s)).toList();
            if (submitter.isEmpty() || !wider.isEmpty()) {
                return "the sign-off in Jenkins was open to " + (submitter.isEmpty() ? "anyone" : String.join(", ", wider))
                        + ", beyond the approvers of " + target.name() + " in the spec (" + String.join(", ", approvers)
                        + "); a Jenkinsfile's submitter may narrow that list, not widen it";
            }
            return null;
        }
        if (!approvers.isEmpty() && !approvers.contains(approver)) {
            return "'" + approver + "' may not approve promotions to " + target.name() + "; approvers: "
                    + String.join(", ", approvers) + " (the CLI matches ids; members of a Jenkins group sign off "
                    + "through Jenkins's input step)";
        }
        return null;
    }

    /** The list the approver was checked against: Jenkins's submitter list, else the spec's approvers. */
    private static List<String> checkedAgainst(String source, List<String> submitter, EnvironmentSpec target) {
        return JENKINS_INPUT.equals(source) && submitter != null ? submitter : target.approvers();
    }

    /** {@code "a, b"} or a YAML list as names. */
    private static List<String> names(Object value) {
        List<String> out = new java.util.ArrayList<>();
        Iterable<?> items = value instanceof List<?> l ? l : List.of(String.valueOf(value).split(","));
        for (Object o : items) {
            String n = String.valueOf(o).trim();
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }
}

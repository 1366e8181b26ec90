package dev.modelops.steps;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.ml.ModelVersions;
import dev.modelops.steps.deploy.DeploySettings;
import dev.modelops.steps.deploy.Deployer;

/**
 * Deploys a model version (the upstream task's, else the newest) to the task's environment with
 * that environment's deploy settings: {@code local} (a deployment descriptor; {@code modelops
 * serve-model} serves it) or {@code kubernetes} (Deployment and Service, optionally a canary,
 * rolled back when unhealthy). The artifact is checked against its recorded SHA-256 first; a
 * mismatch fails the task and is recorded as a REFUSED deployment.
 */
public final class DeployModel implements Step {
    @Override
    public StepResult run(StepContext ctx) throws Exception {
        Entity model = ModelVersions.resolve(ctx);
        EnvironmentSpec env = environment(ctx, ctx.task().env());
        DeploySettings settings = settings(ctx, env);
        Deployer.Outcome outcome = Deployer.deploy(ctx, model, env, settings, null);
        return result(outcome, model).build();
    }

    static EnvironmentSpec environment(StepContext ctx, String name) {
        EnvironmentSpec env = name == null ? null : ctx.run().spec().environments().get(name);
        if (env == null) {
            throw new InputError(ctx.task().specPath(), "task '" + ctx.task().id() + "' needs a declared environment; "
                    + (name == null ? "give env:" : "unknown '" + name + "'") + "; known: "
                    + String.join(", ", ctx.run().spec().environments().keySet()));
        }
        return env;
    }

    static DeploySettings settings(StepContext ctx, EnvironmentSpec env) {
        return DeploySettings.read(env.deploy(), ctx.task().with(), ctx.run().spec().source().getFileName().toString(),
                (key, message) -> {
                    String where = ctx.task().with().containsKey(key) ? ctx.task().specPath()
                            : ctx.run().spec().placeOf("environments." + env.name() + ".deploy." + key);
                    throw new InputError(where, "deploy." + key + ": " + message);
                });
    }

    static StepResult.Builder result(Deployer.Outcome outcome, Entity model) {
        StepResult.Builder b = outcome.succeeded() ? StepResult.succeeded(outcome.message())
                : StepResult.failed(outcome.message());
        Object endpoint = outcome.deployment().attributes().get("endpoint");
        return b.output(ModelVersions.MODEL_ID, model.id())
                .output("deployment.id", outcome.deployment().id())
                .output("deployment.status", outcome.status().name())
                .output("deployment.endpoint", endpoint)
                .used(model.id())
                .produced(outcome.deployment().id());
    }
}

package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.PlannedTask;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelops run FILE}: validates and plans first (bad input writes nothing), then runs the
 * pipeline locally, prints a summary table and writes {@code run.json} into the run's folder.
 */
@Command(name = "run", description = "Run a pipeline of a modelops.yaml locally.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", description = "Pipeline to run (default: the first).")
    String pipeline;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "Tasks run at once on independent branches. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--run-id-file", paramLabel = "FILE",
            description = "Also write the run id into FILE (before the first task starts), e.g. for "
                    + "'modelops report lineage --run \"$(cat FILE)\"'.")
    Path runIdFile;

    @Option(names = "--approver", paramLabel = "ID",
            description = "Who signs off the pipeline's promote tasks that name no approver of their own (checked "
                    + "against the target environment's approvers; recorded with source cli).")
    String approver;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new InputError("--parallelism " + parallelism, "expected at least 1 (the number of tasks run at once)");
        }
        Planner planner = Planner.discover();
        ModelOpsSpec loaded = args.load(file, planner);
        Plan plan = signedOff(planner.plan(loaded, pipeline));
        return PlanRunner.run(loaded, file, plan, store, parallelism, runIdFile, spec.commandLine().getOut());
    }

    /** The plan with {@code --approver} on its promote tasks that have none; a plan without one refuses it. */
    private Plan signedOff(Plan plan) {
        if (approver == null) {
            return plan;
        }
        if (approver.isBlank()) {
            throw new InputError("--approver", "expected the id of who signs off, got an empty value");
        }
        boolean promotes = plan.tasks().stream().anyMatch(t -> StepTypes.PROMOTE.equals(t.type()));
        if (!promotes) {
            throw new InputError("--approver " + approver, "pipeline '" + plan.pipeline() + "' has no promote task "
                    + "to sign off");
        }
        List<PlannedTask> tasks = plan.tasks().stream()
                .map(t -> StepTypes.PROMOTE.equals(t.type()) && !t.with().containsKey("approver")
                        ? t.withParameter("approver", approver.trim()).withParameter("approval_source", "cli") : t)
                .toList();
        return new Plan(plan.pipeline(), plan.description(), plan.environment(), tasks);
    }
}

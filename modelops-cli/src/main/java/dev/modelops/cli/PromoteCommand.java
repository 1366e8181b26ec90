package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops promote FILE --model M --from staging --to prod --approver ID}: the promote step
 * as one command (the same single task {@code modelops step promote ... --with from=... --with
 * approver=...} runs). Exit 0 when promoted, 1 when refused (gates failed, no allowed approver) or
 * the redeployment failed.
 */
@Command(name = "promote", description = "Promote the version serving in one environment to the next (gates + approval).")
final class PromoteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL") String model;

    @Option(names = "--from", required = true, paramLabel = "ENV", description = "Where the version serves now.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "The environment to promote it to.")
    String to;

    @Option(names = "--approver", paramLabel = "ID", description = "Who signs off (must be in the target's approvers, if listed).")
    String approver;

    @Option(names = "--approval-source", defaultValue = "cli", paramLabel = "SOURCE",
            description = "cli or jenkins-input (the Jenkins shared library passes the input step's submitter). "
                    + "Default: ${DEFAULT-VALUE}.")
    String approvalSource;

    @Option(names = "--run-id-file", paramLabel = "FILE",
            description = "Also write the run id into FILE (before the task starts).")
    Path runIdFile;

    @Spec
    CommandSpec spec;

    /** Messages name the flags typed here, not the step's ({@code --to}, not {@code --target-env}). */
    private static final Map<String, String> FIELDS = Map.of("model", "--model", "env", "--to");
    private static final Map<String, String> WITH = Map.of("from", "--from", "approver", "--approver",
            "approval_source", "--approval-source");

    @Override
    public Integer call() throws Exception {
        Planner planner = Planner.discover();
        ModelOpsSpec loaded = args.load(file, planner);
        if (from.equals(to) && loaded.environments().containsKey(to)) {
            throw new InputError("--to " + to, "is also --from; promote moves the version serving in one "
                    + "environment to another");
        }
        StepCommand step = new StepCommand();
        step.type = "promote";
        step.file = file;
        step.args = args;
        step.store = store;
        step.model = model;
        step.targetEnv = to;
        step.with.put("from", from);
        if (approver != null) {
            step.with.put("approver", approver);
        }
        step.with.put("approval_source", approvalSource);
        step.runIdFile = runIdFile;
        step.spec = spec;
        return step.run(planner, loaded, FIELDS, WITH);
    }
}

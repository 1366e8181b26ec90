package dev.modelops.cli;

import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code modelops validate FILE}: checks a spec without running or writing anything. */
@Command(name = "validate", description = "Check a modelops.yaml: syntax, references, files, trainers, pipelines.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Mixin
    SpecArgs args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Planner planner = Planner.discover();
        ModelOpsSpec loaded = args.load(file, planner);
        spec.commandLine().getOut().printf("%s is valid: %d dataset(s), %d model(s), %d environment(s), "
                        + "%d pipeline(s), %d trigger(s)%n", file, loaded.datasets().size(), loaded.models().size(),
                loaded.environments().size(), loaded.pipelines().size(), loaded.triggers().size());
        return ModelOpsCli.OK;
    }
}

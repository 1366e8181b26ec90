package dev.modelops.cli;

import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.SpecLoader;
import dev.modelops.core.spec.SpecOptions;
import dev.modelops.core.spec.SpecValidator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments every spec-reading command shares: the file, {@code --env} and {@code --set}. */
final class SpecArgs {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "Apply this environment's variables and overrides.")
    String env;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a variable declared under variables:.")
    Map<String, String> sets = new LinkedHashMap<>();

    /** Loads and fully validates the spec. */
    ModelOpsSpec load(Planner planner) {
        return SpecLoader.loadValid(file, new SpecOptions(env, sets), SpecValidator.discover(planner));
    }
}

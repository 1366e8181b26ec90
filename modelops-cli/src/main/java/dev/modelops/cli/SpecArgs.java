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

/**
 * The options every spec-reading command shares: {@code --env} and {@code --set}. Commands
 * declare the FILE parameter themselves, since its position differs ({@code step TYPE FILE}).
 */
final class SpecArgs {
    @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "Apply this environment's variables and overrides.")
    String env;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a variable declared under variables:.")
    Map<String, String> sets = new LinkedHashMap<>();

    /** Loads and fully validates the spec. */
    ModelOpsSpec load(Path file, Planner planner) {
        return SpecLoader.loadValid(file, new SpecOptions(env, sets), SpecValidator.discover(planner));
    }
}

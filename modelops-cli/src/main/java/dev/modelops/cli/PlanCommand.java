package dev.modelops.cli;

import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.PlanRenderer;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelops plan FILE}: prints the expanded task graph of a pipeline. */
@Command(name = "plan", description = "Print a pipeline's expanded task graph (templates and transformers applied).")
final class PlanCommand implements Callable<Integer> {
    /** Output formats of a plan. */
    enum Format { text, json, dot }

    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
    Path file;

    @Mixin
    SpecArgs args;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", description = "Pipeline to plan (default: the first).")
    String pipeline;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or dot (Graphviz). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Planner planner = Planner.discover();
        ModelOpsSpec loaded = args.load(file, planner);
        Plan plan = planner.plan(loaded, pipeline);
        String rendered = switch (format) {
            case text -> PlanRenderer.text(plan);
            case json -> PlanRenderer.json(plan) + "\n";
            case dot -> PlanRenderer.dot(plan);
        };
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        return ModelOpsCli.OK;
    }
}

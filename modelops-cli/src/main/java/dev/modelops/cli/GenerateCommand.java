package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.jenkins.JenkinsPipeline;
import dev.modelops.core.jenkins.JenkinsfileGenerator;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelops generate ...}: code generated from a spec. */
@Command(name = "generate", description = "Generate code from a modelops.yaml.",
        subcommands = {GenerateCommand.Jenkinsfile.class, HelpCommand.class})
final class GenerateCommand {

    /**
     * {@code modelops generate jenkinsfile FILE}: the declarative Jenkinsfile of a pipeline, calling
     * the ModelOps shared library's steps (or, with {@code --format json}, the same stages as JSON,
     * which the library's {@code modelopsPipeline} step reads).
     */
    @Command(name = "jenkinsfile", description = "Write the declarative Jenkinsfile of a pipeline (shared library steps).")
    static final class Jenkinsfile implements Callable<Integer> {
        /** Output formats. */
        enum Format { groovy, json }

        @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml to read.")
        Path file;

        @Mixin
        SpecArgs args;

        @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", description = "Pipeline (default: the first).")
        String pipeline;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of to standard output.")
        Path out;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "groovy",
                description = "groovy (a Jenkinsfile) or json (its stages). Default: ${DEFAULT-VALUE}.")
        Format format;

        @Option(names = "--agent-label", paramLabel = "LABEL", defaultValue = JenkinsfileGenerator.DEFAULT_AGENT_LABEL,
                description = "Label of the Jenkins agents that have the modelops CLI. Default: ${DEFAULT-VALUE}.")
        String agentLabel;

        @Option(names = "--spec-path", paramLabel = "PATH",
                description = "The spec's path relative to the workspace, as the Jenkinsfile names it "
                        + "(default: FILE relative to the current folder).")
        String specPath;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (out != null) {
                OutputPaths.file("--out", out);
            }
            Planner planner = Planner.discover();
            ModelOpsSpec loaded = args.load(file, planner);
            Plan plan = planner.plan(loaded, pipeline);
            String path = specPath != null ? specPath : workspacePath(file);
            JenkinsPipeline described = JenkinsfileGenerator.describe(loaded, plan, path, agentLabel);
            String text = switch (format) {
                case groovy -> JenkinsfileGenerator.groovy(described, command(path, plan.pipeline()));
                case json -> JenkinsfileGenerator.json(described) + "\n";
            };
            if (out == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
                spec.commandLine().getOut().printf("wrote %s: pipeline %s, %d stage(s)%n", out, plan.pipeline(),
                        described.stages().size());
            }
            return ModelOpsCli.OK;
        }

        private String command(String path, String pipelineName) {
            StringBuilder sb = new StringBuilder("modelops generate jenkinsfile ").append(path)
                    .append(" --pipeline ").append(pipelineName);
            if (args.env != null) {
                sb.append(" --env ").append(args.env);
            }
            args.sets.forEach((k, v) -> sb.append(" --set ").append(k).append('=').append(v));
            if (!JenkinsfileGenerator.DEFAULT_AGENT_LABEL.equals(agentLabel)) {
                sb.append(" --agent-label ").append(agentLabel);
            }
            return sb.toString();
        }

        private static String workspacePath(Path file) {
            Path cwd = Path.of("").toAbsolutePath();
            Path abs = file.toAbsolutePath().normalize();
            Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
            if (shown.isAbsolute()) {
                throw new InputError(file.toString(), "is outside the current folder; run from the workspace root "
                        + "or give --spec-path (the spec's path relative to the Jenkins workspace)");
            }
            return shown.toString().replace('\\', '/');
        }
    }
}

package dev.modelops.cli;

import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.web.LineageReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelops report ...}: static HTML reports a Jenkins build can publish. */
@Command(name = "report", description = "Write static HTML reports.", subcommands = ReportCommand.Lineage.class)
final class ReportCommand {
    @Command(name = "lineage", description = "The lineage graph, tasks and model timelines of one run as static HTML "
            + "(publish DIR with Jenkins' HTML Publisher).")
    static final class Lineage implements Callable<Integer> {
        @Option(names = "--run", paramLabel = "RUN_ID", required = true, description = "The run to report.")
        String runId;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write index.html into.")
        Path out;

        @Mixin
        StoreArgs store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OutputPaths.folder("--out", out);
            try (LineageStore lineage = store.openExistingLineage(System.getenv())) {
                List<Path> files = new LineageReport(new LineageQueries(lineage)).write(runId, out);
                spec.commandLine().getOut().printf("wrote the lineage report of run %s: %s (%d files)%n", runId,
                        out.resolve("index.html"), files.size());
                spec.commandLine().getOut().flush();
                return ModelOpsCli.OK;
            }
        }
    }
}

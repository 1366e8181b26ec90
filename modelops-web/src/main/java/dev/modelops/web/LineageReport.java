package dev.modelops.web;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.util.AtomicFiles;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.query.RunView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code modelops report lineage --run RUN_ID --out DIR}: the web view of one run as static files
 * a Jenkins build can publish beside its artifacts (HTML Publisher). {@code index.html} holds the
 * run's lineage graph, its tasks and every record in it; {@code model-NAME.html} the timeline of
 * each model the run trained. Styles and script are files in {@code assets/}, never inline and
 * never remote, so Jenkins' default content security policy still shows the styled pages; the graph's nodes
 * are plain links, so the pages work even where the script is blocked.
 */
public final class LineageReport {
    private final LineageQueries queries;

    public LineageReport(LineageQueries queries) {
        this.queries = queries;
    }

    /** Writes the report and returns the files written. */
    public List<Path> write(String runId, Path out) {
        RunView run = queries.run(runId);
        LineagePages pages = new LineagePages(queries, new ReportLinks(), "run " + run.runId());
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out.resolve("assets"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        for (String asset : List.of("modelops.css", "lineage.js")) {
            written.add(write(out.resolve("assets").resolve(asset), LineageServer.Assets.read(asset)));
        }
        String index = pages.run(run);
        String records = pages.recordIndex(queries.runGraph(run));
        index = index.replace("</main>", records + "</main>");
        written.add(write(out.resolve("index.html"), index.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (Entity model : queries.modelsOf(run)) {
            written.add(write(out.resolve(ReportLinks.modelFile(model.name())),
                    pages.timeline(model.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return written;
    }

    private static Path write(Path file, byte[] content) {
        AtomicFiles.write(file, content);
        return file;
    }

    /** Links between the report's files. */
    static final class ReportLinks implements SiteLinks {
        static String modelFile(String name) {
            return "model-" + Html.fileSafe(name) + ".html";
        }

        @Override
        public String asset(String file) {
            return "assets/" + file;
        }

        @Override
        public String home() {
            return "index.html";
        }

        @Override
        public String model(String name) {
            return modelFile(name);
        }

        @Override
        public String record(Entity e) {
            return "index.html#r-" + e.id();
        }

        @Override
        public String graph(Entity e) {
            return null;
        }

        @Override
        public String diff(String model, int before, int after) {
            return null;
        }

        @Override
        public String run(String runId) {
            return "index.html";
        }
    }
}

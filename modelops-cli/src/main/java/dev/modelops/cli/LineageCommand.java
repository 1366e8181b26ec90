package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.openlineage.OpenLineageExporter;
import dev.modelops.lineage.openlineage.OpenLineageFacets;
import dev.modelops.lineage.openlineage.OpenLineageImporter;
import dev.modelops.lineage.query.LineageJson;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.query.LineageText;
import dev.modelops.lineage.query.RecordRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops lineage ...}: questions to the lineage store and OpenLineage exchange. Each
 * subcommand parses, asks {@link LineageQueries} (or the OpenLineage exporter/importer) and prints
 * text or, with {@code --format json}, a JSON document.
 */
@Command(name = "lineage", description = "Query the lineage store: show, ancestors, descendants, diff, history, "
        + "where-deployed; exchange runs as OpenLineage events.",
        subcommands = {LineageCommand.Show.class, LineageCommand.Ancestors.class, LineageCommand.Descendants.class,
                LineageCommand.Diff.class, LineageCommand.History.class, LineageCommand.WhereDeployed.class,
                LineageCommand.ExportOpenLineage.class, LineageCommand.ImportOpenLineage.class})
final class LineageCommand {
    /** How answers are printed. */
    enum Format { text, json }

    /** Options every lineage query shares. */
    static final class QueryArgs {
        @Mixin
        StoreArgs store;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json. Default: ${DEFAULT-VALUE}.")
        Format format;
    }

    /** Opens the store, runs the query, prints its answer. */
    abstract static class Query implements Callable<Integer> {
        @Mixin
        QueryArgs args;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (LineageStore store = args.store.openExistingLineage(System.getenv())) {
                Answer answer = ask(new LineageQueries(store));
                PrintWriter out = spec.commandLine().getOut();
                out.print(args.format == Format.json ? Json.pretty(answer.json()) + "\n" : answer.text());
                out.flush();
                return ModelOpsCli.OK;
            }
        }

        abstract Answer ask(LineageQueries q);
    }

    /** An answer in both forms. */
    record Answer(String text, Object json) {
    }

    @Command(name = "show", description = "Show a record: a model version with its data, run, build, metrics, "
            + "gates and deployments, or any record by KIND:NAME[@vN] or id.")
    static final class Show extends Query {
        @Parameters(paramLabel = "MODEL[@VERSION]", description = "A model (newest version), MODEL@vN, KIND:NAME[@vN] or a record id.")
        String ref;

        @Override
        Answer ask(LineageQueries q) {
            Entity e = q.resolve(ref);
            if (e.kind() == EntityKind.MODEL) {
                var view = q.view(e);
                return new Answer(LineageText.model(view), LineageJson.view(view));
            }
            List<Entity> referrers = q.store().referrers(e.id(), null);
            Map<String, Entity> targets = q.getAll(e.edges().stream().map(x -> x.target()).toList());
            return new Answer(LineageText.record(e, referrers, targets), LineageJson.record(e, referrers));
        }
    }

    @Command(name = "ancestors", description = "Everything a record was made from: data, runs, parent models, "
            + "environments, approvals.")
    static final class Ancestors extends Query {
        @Parameters(paramLabel = "MODEL[@VERSION]", description = "A model version or KIND:NAME[@vN] or a record id.")
        String ref;

        @Override
        Answer ask(LineageQueries q) {
            var graph = q.ancestors(q.resolve(ref));
            return new Answer(LineageText.graph("ancestors", graph), LineageJson.graph("ancestors", graph));
        }
    }

    @Command(name = "descendants", description = "Everything made from a record: models, metrics, verdicts, deployments.")
    static final class Descendants extends Query {
        @Parameters(paramLabel = "RECORD", description = "e.g. dataset:arrests@v2, a model version, or a record id.")
        String ref;

        @Override
        Answer ask(LineageQueries q) {
            var graph = q.descendants(q.resolve(ref));
            return new Answer(LineageText.graph("descendants", graph), LineageJson.graph("descendants", graph));
        }
    }

    @Command(name = "diff", description = "What changed between two model versions: data (dataset hash), code "
            + "(spec hash, git commit), parameters, metrics (with deltas), artifact.")
    static final class Diff extends Query {
        @Parameters(index = "0", paramLabel = "MODEL@vA", description = "The older version.")
        String before;

        @Parameters(index = "1", paramLabel = "MODEL@vB", description = "The newer version (MODEL@vB or just @vB).")
        String after;

        @Override
        Answer ask(LineageQueries q) {
            Entity a = q.resolveModel(before);
            String b = after.startsWith("@") ? a.name() + after : after;
            var diff = q.diff(a, q.resolveModel(b));
            return new Answer(LineageText.diff(diff), LineageJson.diff(diff));
        }
    }

    @Command(name = "history", description = "Every version of a model (data, metrics, run, commit, deployments), "
            + "or of any record named KIND:NAME.")
    static final class History extends Query {
        @Parameters(paramLabel = "MODEL", description = "A model name, or KIND:NAME.")
        String ref;

        @Override
        Answer ask(LineageQueries q) {
            RecordRef r = RecordRef.parse(ref);
            if (r.kind() == null || r.kind() == EntityKind.MODEL) {
                var versions = q.history(r.name());
                return new Answer(LineageText.history(r.name(), versions), LineageJson.history(r.name(), versions));
            }
            List<Entity> versions = q.history(r.kind(), r.name());
            if (versions.isEmpty()) {
                throw new InputError(ref, "no " + r.kind() + " named '" + r.name() + "' in the lineage store");
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", r.kind().name());
            json.put("name", r.name());
            json.put("versions", LineageJson.entities(versions));
            return new Answer(LineageText.entityHistory(r.kind(), r.name(), versions), json);
        }
    }

    @Command(name = "where-deployed", description = "Per environment: the champion (newest ACTIVE deployment) and "
            + "the newest deployment record of a model.")
    static final class WhereDeployed extends Query {
        @Parameters(paramLabel = "MODEL", description = "A model name.")
        String model;

        @Override
        Answer ask(LineageQueries q) {
            var where = q.whereDeployed(model);
            return new Answer(LineageText.whereDeployed(model, where), LineageJson.whereDeployed(model, where));
        }
    }

    @Command(name = "export-openlineage", description = "Write a run as OpenLineage RunEvents, one JSON event per line.")
    static final class ExportOpenLineage implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_ID", description = "The run id that 'modelops run' printed.")
        String runId;

        @Mixin
        StoreArgs store;

        @Option(names = "--namespace", paramLabel = "NS", defaultValue = OpenLineageFacets.DEFAULT_NAMESPACE,
                description = "OpenLineage job namespace. Default: ${DEFAULT-VALUE}.")
        String namespace;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (out != null) {
                OutputPaths.file("--out", out);
            }
            try (LineageStore lineage = store.openExistingLineage(System.getenv())) {
                List<Map<String, Object>> events = new OpenLineageExporter(new LineageQueries(lineage), namespace)
                        .export(runId);
                String ndjson = events.stream().map(Json::canonical).collect(Collectors.joining("\n")) + "\n";
                if (out == null) {
                    spec.commandLine().getOut().print(ndjson);
                    spec.commandLine().getOut().flush();
                } else {
                    AtomicFiles.write(out, ndjson);
                    spec.commandLine().getErr().printf("wrote %d OpenLineage events of run %s to %s%n", events.size(),
                            runId, out);
                }
                return ModelOpsCli.OK;
            }
        }
    }

    @Command(name = "import-openlineage", description = "Read OpenLineage RunEvents (one per line, a JSON array, or "
            + "one event) into the lineage store.")
    static final class ImportOpenLineage implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Events to import.")
        Path file;

        @Mixin
        QueryArgs args;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InputError(file.toString(), "no such file");
            }
            var events = OpenLineageImporter.parse(text, file.toString());
            try (LineageStore store = args.store.openLineage(System.getenv())) {
                var result = new OpenLineageImporter(store).importEvents(events, file.toString());
                PrintWriter out = spec.commandLine().getOut();
                if (args.format == Format.json) {
                    out.println(Json.pretty(result));
                } else {
                    out.printf("imported %d event(s) of %d run(s): %d record(s), %d new%s%n", result.events(),
                            result.runs().size(), result.records(), result.added(),
                            result.danglingEdges() == 0 ? "" : "; " + result.danglingEdges()
                                    + " link(s) point to records not in this store");
                }
                out.flush();
                return ModelOpsCli.OK;
            }
        }
    }
}

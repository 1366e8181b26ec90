package dev.modelops.core.spec;

import dev.modelops.core.InputError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, variable-resolved and validated {@code modelops.yaml}. Everything downstream (the
 * planner, steps, the Jenkinsfile generator) reads this and never the YAML, so there is one
 * place where input is checked.
 *
 * @param source the file it came from
 * @param environment the environment whose overrides were applied, or null
 * @param variables the resolved variable values
 * @param datasets datasets by name
 * @param models models by name
 * @param environments environments by name
 * @param pipelines pipelines in file order
 * @param triggers triggers in file order
 * @param locations where each field was written, for messages that name a line
 * @param contentHash SHA-256 of the spec text, recorded with every run
 */
public record ModelOpsSpec(Path source, String environment, Map<String, String> variables,
                           Map<String, DatasetSpec> datasets, Map<String, ModelSpec> models,
                           Map<String, EnvironmentSpec> environments, List<PipelineSpec> pipelines,
                           List<TriggerSpec> triggers, SourceLocations locations, String contentHash) {

    /** The folder relative paths in the spec are resolved against. */
    public Path baseDir() {
        Path parent = source.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    public Optional<PipelineSpec> pipeline(String name) {
        return pipelines.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The place (file:line) of a field, given its display path such as {@code models.m.trainer}. */
    public String placeOf(String path) {
        return locations.place(path);
    }

    /**
     * The same error with its place made readable: steps name a task by its display path
     * ({@code pipelines[0].tasks[2]}); this adds the file and line, or names the flag when a
     * command made the task up. Other places are kept.
     */
    public InputError located(InputError e) {
        String place = e.place();
        if (!place.startsWith("pipelines[")) {
            return e;
        }
        return new InputError(locations.describe(place), e.problem(), e);
    }

    /** Resolves a dataset's URI against the spec's folder. */
    public Path datasetPath(DatasetSpec dataset) {
        Path p = Path.of(dataset.uri());
        return p.isAbsolute() ? p : baseDir().resolve(p).normalize();
    }
}

package dev.modelops.core.exec;

import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.data.DatasetLoader;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.spec.ModelOpsSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything shared by the tasks of one run.
 *
 * @param info run identity
 * @param spec the loaded spec
 * @param artifacts the artifact store
 * @param lineage the lineage store
 * @param datasets per-run dataset reader and cache
 * @param runDir the run's folder for per-task outputs (reports, JUnit XML)
 * @param environment process environment variables (credentials are read from here, never logged)
 */
public record RunContext(RunInfo info, ModelOpsSpec spec, ArtifactStore artifacts, LineageStore lineage,
                         DatasetLoader datasets, Path runDir, Map<String, String> environment) {
}

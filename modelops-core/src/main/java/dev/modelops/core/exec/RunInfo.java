package dev.modelops.core.exec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Identity and circumstances of one pipeline run, recorded with every lineage record it makes.
 *
 * @param runId unique, sortable run id
 * @param pipeline pipeline name
 * @param environment environment or null
 * @param specFile the spec that was run
 * @param specHash SHA-256 of the spec text
 * @param startedAt start time
 * @param variables resolved variables
 * @param ci CI facts when present (Jenkins build URL, job, build number, git commit, user)
 */
public record RunInfo(String runId, String pipeline, String environment, Path specFile, String specHash,
                      Instant startedAt, Map<String, String> variables, Map<String, String> ci) {
    public RunInfo {
        variables = Map.copyOf(variables);
        ci = Map.copyOf(ci);
    }
}

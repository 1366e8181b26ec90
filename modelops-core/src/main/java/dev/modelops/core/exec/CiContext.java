package dev.modelops.core.exec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CI facts worth keeping with every run, read from the environment variables Jenkins sets
 * (and that the shared library passes on): build URL, job, build number, git commit and branch,
 * and the user who started it. Only these names are read, so no credential can leak into lineage.
 */
public final class CiContext {
    private static final Map<String, String> VARIABLES = Map.of(
            "BUILD_URL", "buildUrl",
            "JOB_NAME", "job",
            "BUILD_NUMBER", "buildNumber",
            "GIT_COMMIT", "gitCommit",
            "GIT_BRANCH", "gitBranch",
            "BUILD_USER_ID", "user",
            "MODELOPS_USER", "user");

    private CiContext() {
    }

    public static Map<String, String> from(Map<String, String> env) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String variable : new String[] {"BUILD_URL", "JOB_NAME", "BUILD_NUMBER", "GIT_COMMIT", "GIT_BRANCH",
                "BUILD_USER_ID", "MODELOPS_USER"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                facts.put(VARIABLES.get(variable), value);
            }
        }
        return facts;
    }
}

package dev.modelops.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lineage keeps the build's facts, and nothing else of the environment Jenkins gives the CLI. */
class CiContextTest {
    @Test
    void onlyTheWhitelistedBuildFactsAreRead() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("BUILD_URL", "https://jenkins.example/job/arrests/7/"),
                Map.entry("JOB_NAME", "arrests"),
                Map.entry("BUILD_NUMBER", "7"),
                Map.entry("GIT_COMMIT", "0123abc"),
                Map.entry("GIT_BRANCH", "origin/main"),
                Map.entry("MODELOPS_USER", "alice"),
                Map.entry("MODELOPS_STORE_USER", "lineage-writer"),
                Map.entry("MODELOPS_STORE_PASSWORD", "Pa55-w0rd-s3cret"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "aws-secret"),
                Map.entry("JENKINS_SECRET", "agent-secret"));
        Map<String, String> facts = CiContext.from(env);
        assertThat(facts).containsOnly(Map.entry("buildUrl", "https://jenkins.example/job/arrests/7/"),
                Map.entry("job", "arrests"), Map.entry("buildNumber", "7"), Map.entry("gitCommit", "0123abc"),
                Map.entry("gitBranch", "origin/main"), Map.entry("user", "alice"));
        assertThat(facts.values().toString()).doesNotContain("Pa55-w0rd-s3cret", "lineage-writer", "aws-secret");
    }

    @Test
    void theLibrarysUserWinsOverBuildUserVarsAndBlankValuesAreLeftOut() {
        assertThat(CiContext.from(Map.of("BUILD_USER_ID", "bob", "MODELOPS_USER", "alice"))).containsEntry("user", "alice");
        assertThat(CiContext.from(Map.of("BUILD_USER_ID", "bob"))).containsEntry("user", "bob");
        assertThat(CiContext.from(Map.of("BUILD_URL", " "))).isEmpty();
    }
}

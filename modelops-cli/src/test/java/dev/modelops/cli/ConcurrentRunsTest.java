package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.LineageStores;
import dev.modelops.lineage.testing.ArrestsExample;
import dev.modelops.lineage.testing.JavaProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight {@code modelops run} processes, as eight parallel Jenkins builds, train and evaluate a
 * model on the real arrests data into one embedded store at once. No record is lost: every run
 * has both its pipeline-run versions and its task runs, and the model's and metrics' versions are
 * numbered 1..8 without gap or duplicate. Each build's Jenkins variables end up in its run's
 * lineage and in {@code lineage show}.
 */
@Tag("slow")
class ConcurrentRunsTest {
    private static final int BUILDS = 8;
    private static final String SPEC = """
            version: 1
            datasets:
              arrests:
                uri: data/arrests.csv
                format: csv
                schema:
                  released: {type: categorical, values: ["Yes", "No"]}
                  colour:   {type: categorical, values: [Black, White]}
                  year:     {type: integer}
                  age:      {type: integer}
                  sex:      {type: categorical, values: [Female, Male]}
                  employed: {type: categorical, values: ["Yes", "No"]}
                  citizen:  {type: categorical, values: ["Yes", "No"]}
                  checks:   {type: integer}
            models:
              tiny:
                trainer: logistic-regression
                hyperparameters: {epochs: 2, seed: 1}
                dataset: arrests
                features: [age, sex, employed, citizen, checks]
                label: released
                positive_class: "Yes"
                split: {train: "year <= 1999"}
            pipelines:
              - name: tiny
                tasks:
                  - {id: train, type: trainModel, model: tiny}
                  - {id: evaluate, type: evaluateModel, model: tiny, depends_on: [train]}
            """;

    @TempDir
    Path dir;

    @Test
    void eightModelopsRunProcessesWritingOneStoreLoseNoRecord() throws Exception {
        ArrestsExample example = ArrestsExample.copyTo(dir.resolve("example"));
        Path spec = example.dir().resolve("tiny.yaml");
        Files.writeString(spec, SPEC);
        Path home = dir.resolve("home");
        List<Process> builds = new ArrayList<>();
        for (int b = 1; b <= BUILDS; b++) {
            Map<String, String> env = Map.of("BUILD_URL", "https://jenkins.example/job/tiny/" + b + "/",
                    "JOB_NAME", "tiny", "BUILD_NUMBER", String.valueOf(b), "GIT_COMMIT", "c0ffee" + b,
                    "BUILD_USER_ID", "builder" + b, "MODELOPS_STORE", "", "MODELOPS_HOME", "");
            builds.add(JavaProcesses.start(ModelOpsCli.class, List.of("run", spec.toString(), "--home", home.toString()),
                    env, dir.resolve("build-" + b + ".log")));
        }
        for (int b = 1; b <= BUILDS; b++) {
            Process p = builds.get(b - 1);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("build %d finished", b).isTrue();
            assertThat(p.exitValue()).as("build %d: %s", b, Files.readString(dir.resolve("build-" + b + ".log"))).isZero();
        }
        List<Integer> oneToEight = IntStream.rangeClosed(1, BUILDS).boxed().toList();
        try (LineageStore store = LineageStores.open("sqlite:" + home.resolve("lineage.db"), Map.of())) {
            assertThat(store.history(EntityKind.MODEL, "tiny")).extracting(Entity::version).containsExactlyElementsOf(oneToEight);
            assertThat(store.history(EntityKind.METRICS, "tiny")).extracting(Entity::version).containsExactlyElementsOf(oneToEight);
            assertThat(store.history(EntityKind.DATASET, "arrests")).hasSize(1);
            List<String> runs = store.names(EntityKind.PIPELINE_RUN);
            assertThat(runs).hasSize(BUILDS);
            Set<Object> buildNumbers = new HashSet<>();
            int tasks = 0;
            for (String run : runs) {
                List<Entity> versions = store.history(EntityKind.PIPELINE_RUN, run);
                assertThat(versions).extracting(e -> e.attributes().get("status")).containsExactly("RUNNING", "SUCCEEDED");
                Map<?, ?> ci = (Map<?, ?>) versions.get(1).attributes().get("ci");
                buildNumbers.add(ci.get("buildNumber"));
                assertThat(ci.get("buildUrl")).isEqualTo("https://jenkins.example/job/tiny/" + ci.get("buildNumber") + "/");
                tasks += store.referrers(versions.get(0).id(), dev.modelops.core.lineage.Relation.PART_OF).size();
            }
            assertThat(buildNumbers).hasSize(BUILDS);
            assertThat(tasks).isEqualTo(2 * BUILDS);
        }
        Cli show = Cli.run("lineage", "show", "tiny@v3", "--home", home.toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("build +https://jenkins\\.example/job/tiny/\\d/ \\(job tiny #\\d\\)")
                .containsPattern("commit +c0ffee\\d").containsPattern("user +builder\\d");
        assertThat(Cli.run("lineage", "history", "tiny", "--home", home.toString()).out()).contains("8 versions");
    }
}

package dev.modelops.web;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.testing.ArrestsExample;
import java.nio.file.Path;
import java.util.Map;

/**
 * The arrests example run twice into one store, the second time on a copy of the data with every
 * fifth row dropped and with Jenkins' CI facts, as a retraining build would.
 *
 * @param example the example's folder (its CSV is the changed one after the second run)
 * @param first the first run
 * @param second the run on the changed data
 * @param originalSha the first CSV's SHA-256
 * @param changedSha the changed CSV's SHA-256
 */
record TwoArrestsRuns(ArrestsExample example, RunReport first, RunReport second, String originalSha,
                      String changedSha) {
    static TwoArrestsRuns into(LineageStore store, Path dir) {
        ArrestsExample example = ArrestsExample.copyTo(dir.resolve("example"));
        Path home = dir.resolve("home");
        String original = example.csvSha256();
        RunReport first = example.run(store, home, Map.of());
        example.dropEvery(5);
        RunReport second = example.run(store, home, Map.of("buildUrl", "https://jenkins.example/job/arrests/12/",
                "job", "arrests", "buildNumber", "12", "gitCommit", "deadbeefcafe1234", "user", "alice"));
        return new TwoArrestsRuns(example, first, second, original, example.csvSha256());
    }
}

package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.LineageStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelops drift} end to end on a copy of the arrests example: a real training run
 * (TrainModel with the drift module's profile hook, SQLite lineage), then checks, the trigger
 * file, the exit codes, a pipeline's checkDrift task and a deployment monitor's scheduled check.
 */
class DriftCommandTest {
    @TempDir
    static Path work;

    static Path spec;
    static Path home;

    private static Cli modelops(String... args) {
        return Cli.run(args);
    }

    @BeforeAll
    static void trainTheExample() throws Exception {
        Path example = Path.of("../examples/arrests").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(example)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = work.resolve("example").resolve(example.relativize(p));
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        spec = work.resolve("example/modelops.yaml");
        home = work.resolve("home");
        Cli train = modelops("run", spec.toString(), "--home", home.toString(), "-p", "train-evaluate");
        assertThat(train.code()).as(train.err()).isZero();
    }

    private static LineageStore lineage() {
        return LineageStores.open("sqlite:" + home.resolve("lineage.db"), Map.of());
    }

    @Test
    void checkingEachLaterYearPrintsTheDriftTableAndExitsThreeWithATriggerFile() throws Exception {
        Path out = work.resolve("reports-years");
        Cli r = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                spec.getParent().resolve("data/batches").toString(), "--home", home.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ModelOpsCli.DRIFT);
        assertThat(r.out()).contains("batch 2000.csv (1270 rows, labelled) against arrests-release@v1 (2468 training rows)");
        assertThat(r.out()).containsPattern("citizen +feature +categorical +jensenshannon +0\\.1184 .* DRIFT");
        assertThat(r.out()).containsPattern("age +feature +numeric +wasserstein .* no");
        assertThat(r.out()).contains("start continuous in staging");
        @SuppressWarnings("unchecked")
        Map<String, Object> trigger = Json.read(out.resolve("drift-trigger.json"), Map.class);
        assertThat(trigger.get("triggers").toString()).contains("name=retrain-on-drift").contains("pipeline=continuous");
        for (String year : List.of("2000", "2001", "2002")) {
            assertThat(out.resolve(year + "/drift-report.xml")).exists();
            assertThat(Files.readString(out.resolve(year + "/drift-report.html"))).contains("<svg");
        }
        try (LineageStore lineage = lineage()) {
            List<Entity> reports = lineage.history(EntityKind.DRIFT_REPORT, "arrests-release");
            assertThat(reports).hasSizeGreaterThanOrEqualTo(3);
            Entity model = lineage.latest(EntityKind.MODEL, "arrests-release").orElseThrow();
            assertThat(reports).allMatch(e -> e.targets(Relation.EVALUATED).contains(model.id()));
            List<Entity> events = lineage.history(EntityKind.EVENT, "retrain-on-drift");
            assertThat(events).isNotEmpty().allMatch(e -> !e.targets(Relation.TRIGGERED_BY).isEmpty());
        }
    }

    @Test
    void aSampleOfTheTrainingPeriodIsNoDriftAndExitsZero() throws Exception {
        List<String> lines = Files.readAllLines(spec.getParent().resolve("data/arrests.csv"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        Random random = new Random(3);
        for (String line : lines.subList(1, lines.size())) {
            String year = line.split(",")[2];
            if (year.compareTo("1999") <= 0 && random.nextInt(3) == 0) {
                sb.append(line).append('\n');
            }
        }
        Path sample = work.resolve("same-period.csv");
        Files.writeString(sample, sb);
        Path out = work.resolve("reports-same");
        Cli r = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data", sample.toString(),
                "--home", home.toString(), "--out", out.toString(), "--checks", "features,prediction,domain");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("no drift in 1 batch(es)");
        assertThat(out.resolve("drift-trigger.json")).doesNotExist();
        Cli json = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data", sample.toString(),
                "--home", home.toString(), "--out", out.toString(), "--checks", "features", "--format", "json");
        assertThat(json.code()).isZero();
        assertThat(Json.mapper().readTree(json.out()).path("drift").asBoolean(true)).isFalse();
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Cli missing = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                work.resolve("nope.csv").toString(), "--home", home.toString(), "--out", work.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(missing.err()).startsWith("modelops: --data ").contains("no such file or folder");
        assertThat(missing.err().lines().count()).isEqualTo(1);
        Cli model = modelops("drift", "check", spec.toString(), "--model", "nope", "--data", spec.toString(),
                "--home", home.toString());
        assertThat(model.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(model.err()).contains("--model nope: unknown model; known: arrests-release");
        Cli threshold = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                spec.getParent().resolve("data/batches/2002.csv").toString(), "--home", home.toString(), "--threshold", "0");
        assertThat(threshold.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(threshold.err()).contains("--threshold: expected a number > 0");
        Cli method = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                spec.getParent().resolve("data/batches/2002.csv").toString(), "--home", home.toString(),
                "--method", "weight=psi");
        assertThat(method.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(method.err()).contains("--method weight: not a column of the reference profile");
        // a plain --data folder without batches is a mistake (only --only-new/--monitor make it a quiet night)
        Path none = Files.createDirectories(work.resolve("no-batches"));
        Cli empty = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                none.toString(), "--home", home.toString(),
                "--out", work.resolve("no-batches-reports").toString());
        assertThat(empty.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(empty.err()).contains("holds no .csv batch");
        // the type check validate applies to drift.columns: KS cannot judge a categorical column
        Cli ks = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                spec.getParent().resolve("data/batches/2002.csv").toString(), "--home", home.toString(),
                "--out", work.resolve("method-ks").toString(), "--method", "sex=ks");
        assertThat(ks.code()).as(ks.out() + ks.err()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(ks.err().strip()).isEqualTo("modelops: --method sex=ks: ks needs a numeric column; 'sex' is"
                + " categorical (use psi, jensenshannon, chisquare or ztest)");
        assertThat(work.resolve("method-ks")).doesNotExist();
        Cli numeric = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                spec.getParent().resolve("data/batches/2002.csv").toString(), "--home", home.toString(),
                "--out", work.resolve("method-age").toString(), "--method", "age=ks", "--checks", "features");
        assertThat(numeric.code()).as(numeric.out() + numeric.err()).isIn(ModelOpsCli.OK, ModelOpsCli.DRIFT);
        assertThat(numeric.out()).containsPattern("age +feature +numeric +ks ");
    }

    @Test
    void aPipelinesCheckDriftTaskWarnsOnDrift() throws Exception {
        Cli r = modelops("run", spec.toString(), "--home", home.toString(), "-p", "drift-check");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("drift +checkDrift +WARNED .*2 of 3 batches drifted; wrote drift-trigger.json");
    }

    @Test
    void aDeploymentMonitorDrivesTheScheduledCheckOfNewBatchesOnly() throws Exception {
        Path live = work.resolve("live");
        Cli monitor = modelops("step", "monitorDrift", spec.toString(), "--model", "arrests-release", "--target-env",
                "staging", "--home", home.toString(), "--with", "data=" + live, "--with", "schedule=H 5 * * *");
        assertThat(monitor.code()).as(monitor.out() + monitor.err()).isZero();
        Path file = home.resolve("monitors/arrests-release/staging/drift-monitor.json");
        assertThat(file).exists();
        assertThat(Files.isDirectory(live)).isTrue();
        Path out = work.resolve("scheduled");
        // the first night, before any batch arrived: nothing to do is not an error
        Cli empty = modelops("drift", "check", "--monitor", file.toString(), "--out", out.toString());
        assertThat(empty.code()).as(empty.out() + empty.err()).isZero();
        assertThat(empty.out()).contains("nothing new to check: " + live + " holds no .csv batch yet");
        // batches unlike any other test's (without their last row), so no other check has seen them
        copyWithoutLastRow(spec.getParent().resolve("data/batches/2000.csv"), live.resolve("2000.csv"));
        Cli first = modelops("drift", "check", "--monitor", file.toString(), "--out", out.toString());
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(ModelOpsCli.DRIFT);
        assertThat(out.resolve("drift-trigger.json")).exists();
        copyWithoutLastRow(spec.getParent().resolve("data/batches/2002.csv"), live.resolve("2002.csv"));
        Cli second = modelops("drift", "check", "--monitor", file.toString(), "--out", out.toString());
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("already checked against this profile, skipped: 2000.csv")
                .contains("batch 2002.csv");
        assertThat(out.resolve("drift-trigger.json")).doesNotExist();
        // the reused folder holds this night's reports only: junit 'drift-reports/**' republishes nothing stale
        assertThat(out.resolve("2000")).doesNotExist();
        assertThat(out.resolve("2002/drift-report.xml")).exists();
        Cli third = modelops("drift", "check", "--monitor", file.toString(), "--out", out.toString());
        assertThat(third.code()).as(third.out() + third.err()).isZero();
        assertThat(third.out()).contains("nothing new to check: all 2 batch(es) in " + live
                + " were checked against this profile before");
        assertThat(out.resolve("2002")).doesNotExist();
        assertThat(out.resolve("drift-trigger.json")).doesNotExist();
        assertThat(Json.mapper().readTree(out.resolve("drift-summary.json").toFile()).path("batches").size()).isZero();
    }

    @Test
    void aBadBatchInAFolderRecordsNothingSoTheDriftOfTheGoodOnesStillStartsRetraining() throws Exception {
        // the reviewer's case: 2000.csv drifts, 2001.csv has a bad cell at line 50
        Path folder = Files.createDirectories(work.resolve("all-or-nothing"));
        List<String> y2000 = Files.readAllLines(spec.getParent().resolve("data/batches/2000.csv"));
        List<String> y2001 = Files.readAllLines(spec.getParent().resolve("data/batches/2001.csv"));
        // without their first data row, so no other test has checked these batches
        List<String> a = new java.util.ArrayList<>(y2000);
        a.remove(1);
        List<String> b = new java.util.ArrayList<>(y2001);
        b.remove(1);
        Files.write(folder.resolve("2000.csv"), a);
        List<String> bad = new java.util.ArrayList<>(b);
        String[] cells = bad.get(49).split(",", -1);
        cells[3] = "forty";
        bad.set(49, String.join(",", cells));
        Files.write(folder.resolve("2001.csv"), bad);
        String sha2000 = dev.modelops.core.util.Hashing.sha256(folder.resolve("2000.csv"));
        Path out = work.resolve("all-or-nothing-reports");
        Cli broken = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data", folder.toString(),
                "--only-new", "--home", home.toString(), "--out", out.toString());
        assertThat(broken.code()).as(broken.out() + broken.err()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(broken.err()).contains("2001.csv:50").contains("'age': expected a number, got 'forty'");
        // nothing of batch 2000 was written or recorded
        assertThat(out.resolve("2000")).doesNotExist();
        assertThat(out.resolve("drift-trigger.json")).doesNotExist();
        assertThat(out.resolve("drift-summary.json")).doesNotExist();
        try (LineageStore lineage = lineage()) {
            assertThat(lineage.history(EntityKind.DRIFT_REPORT, "arrests-release"))
                    .noneMatch(r -> sha2000.equals(((Map<?, ?>) r.attributes().get("batch")).get("sha256")));
        }
        // the file fixed: the next check (--only-new, as the scheduled job) sees both as new
        Files.write(folder.resolve("2001.csv"), b);
        Cli fixed = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data", folder.toString(),
                "--only-new", "--home", home.toString(), "--out", out.toString());
        assertThat(fixed.code()).as(fixed.out() + fixed.err()).isEqualTo(ModelOpsCli.DRIFT);
        assertThat(fixed.out()).doesNotContain("already checked");
        JsonNode trigger = Json.mapper().readTree(out.resolve("drift-trigger.json").toFile());
        List<String> named = new java.util.ArrayList<>();
        trigger.path("batches").forEach(n -> named.add(n.path("name").asText()));
        assertThat(named).contains("2000.csv");
        assertThat(trigger.path("triggers").get(0).path("events").size()).isEqualTo(named.size());
    }

    @Test
    void aCheckStoppedByBadInputLeavesTheEarlierReportsAndTriggerFileAsTheyWere() throws Exception {
        Path out = work.resolve("kept-reports");
        Path batches = spec.getParent().resolve("data/batches");
        Path batch = batches.resolve("2002.csv");
        Cli first = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data", batches.toString(),
                "--home", home.toString(), "--out", out.toString());
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(ModelOpsCli.DRIFT);
        Map<Path, String> before = contents(out);
        assertThat(before).containsKeys(Path.of("drift-trigger.json"), Path.of("drift-summary.json"),
                Path.of("2000/drift-report.json"));

        List<String> lines = Files.readAllLines(batch);
        Path ragged = work.resolve("ragged.csv");
        List<String> cut = new java.util.ArrayList<>(lines);
        cut.set(5, cut.get(5).substring(0, cut.get(5).lastIndexOf(',')));
        Files.write(ragged, cut);
        Path headerOnly = Files.writeString(work.resolve("header-only.csv"), lines.get(0) + "\n");
        for (Path bad : List.of(ragged, headerOnly)) {
            Cli r = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data", bad.toString(),
                    "--home", home.toString(), "--out", out.toString());
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ModelOpsCli.BAD_INPUT);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("modelops: " + bad);
            assertThat(contents(out)).as(bad.toString()).isEqualTo(before);
        }
        // nor does a bad batch (or an --out that is a file) create the folder
        Path fresh = work.resolve("never-created");
        Cli missing = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                work.resolve("missing.csv").toString(), "--home", home.toString(), "--out", fresh.toString());
        assertThat(missing.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        Cli headerOnlyFresh = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data",
                headerOnly.toString(), "--home", home.toString(), "--out", fresh.toString());
        assertThat(headerOnlyFresh.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(fresh).doesNotExist();
        Cli file = modelops("drift", "check", spec.toString(), "--model", "arrests-release", "--data", batch.toString(),
                "--home", home.toString(), "--out", ragged.toString());
        assertThat(file.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(file.err().strip()).isEqualTo("modelops: --out " + ragged + ": is a file, not a folder");
    }

    /** Every file under a folder (relative path) with its content. */
    private static Map<Path, String> contents(Path folder) throws Exception {
        Map<Path, String> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p), Files.readString(p));
            }
        }
        return files;
    }

    private static void copyWithoutLastRow(Path from, Path to) throws Exception {
        List<String> lines = Files.readAllLines(from);
        Files.write(to, lines.subList(0, lines.size() - 1));
    }

    @Test
    void theProfileCommandShowsTheRecordedProfile() {
        Cli r = modelops("drift", "profile", spec.toString(), "--model", "arrests-release", "--home", home.toString(),
                "--out", work.resolve("profile.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("existing profile arrests-release@v1 of arrests-release@v1: 2468 training rows, 8 columns");
        assertThat(work.resolve("profile.json")).exists();
    }

    @Test
    void trainingAgainOnTheSameDataRecordsANewModelVersionWithItsOwnProfile() throws Exception {
        // README, "Reference profiles": what a second training of unchanged data records
        Path again = work.resolve("home-trained-twice");
        for (int i = 0; i < 2; i++) {
            Cli train = modelops("step", "trainModel", spec.toString(), "--model", "arrests-release", "--home", again.toString());
            assertThat(train.code()).as(train.out() + train.err()).isZero();
        }
        try (LineageStore lineage = LineageStores.open("sqlite:" + again.resolve("lineage.db"), Map.of())) {
            List<Entity> models = lineage.history(EntityKind.MODEL, "arrests-release");
            List<Entity> profiles = lineage.history(EntityKind.PROFILE, "arrests-release");
            assertThat(models).hasSize(2);
            assertThat(lineage.history(EntityKind.DATASET, "arrests")).hasSize(1);
            assertThat(profiles).hasSize(2);
            for (int v = 0; v < 2; v++) {
                assertThat(profiles.get(v).targets(Relation.DERIVED_FROM)).contains(models.get(v).id());
            }
        }
        // a model version that has a profile keeps it
        Cli show = modelops("drift", "profile", spec.toString(), "--model", "arrests-release", "--version", "2",
                "--home", again.toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("existing profile arrests-release@v2 of arrests-release@v2");
        try (LineageStore lineage = LineageStores.open("sqlite:" + again.resolve("lineage.db"), Map.of())) {
            assertThat(lineage.history(EntityKind.PROFILE, "arrests-release")).hasSize(2);
        }
    }

    @Test
    void theStreamCommandReportsWhereADetectorSignalsAndExitsThree() throws Exception {
        Random random = new Random(1);
        StringBuilder changing = new StringBuilder("# errors of a model\n");
        StringBuilder stable = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            changing.append(random.nextDouble() < (i < 2000 ? 0.1 : 0.5) ? 1 : 0).append('\n');
            stable.append(random.nextDouble() < 0.1 ? 1 : 0).append('\n');
        }
        Path c = work.resolve("changing.txt");
        Path s = work.resolve("stable.txt");
        Files.writeString(c, changing);
        Files.writeString(s, stable);
        for (String detector : List.of("adwin", "page-hinkley", "ddm")) {
            Cli r = modelops("drift", "stream", "--detector", detector, c.toString());
            assertThat(r.code()).as(detector + r.err()).isEqualTo(ModelOpsCli.DRIFT);
            assertThat(r.out()).contains("over 4000 values: change signalled at index ");
        }
        Cli none = modelops("drift", "stream", "--detector", "page-hinkley", s.toString());
        assertThat(none.code()).isZero();
        assertThat(none.out()).contains("no change");
        Path bad = work.resolve("bad.txt");
        Files.writeString(bad, "0\n1\nx\n");
        Cli err = modelops("drift", "stream", bad.toString());
        assertThat(err.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(err.err()).contains("bad.txt:3: expected a number, got 'x'");
        Cli flag = modelops("drift", "stream", "--detector", "adwin", "--lambda", "3", c.toString());
        assertThat(flag.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(flag.err()).contains("--lambda: does not apply to --detector adwin");
        // a parameter out of range is named by its flag and value as typed
        Cli delta = modelops("drift", "stream", "--detector", "adwin", "--delta", "5", c.toString());
        assertThat(delta.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(delta.err().strip()).isEqualTo("modelops: --delta 5: ADWIN's confidence must be between 0 and 1 "
                + "(exclusive)");
        Cli alpha = modelops("drift", "stream", "--detector", "page-hinkley", "--alpha", "1.5", c.toString());
        assertThat(alpha.err().strip()).isEqualTo("modelops: --alpha 1.5: Page-Hinkley's fading factor must be above 0 "
                + "and at most 1");
        Cli lambda = modelops("drift", "stream", "--detector", "page-hinkley", "--lambda", "0", c.toString());
        assertThat(lambda.err().strip()).isEqualTo("modelops: --lambda 0: Page-Hinkley's threshold must be above 0");
        Cli min = modelops("drift", "stream", "--detector", "ddm", "--min-instances", "0", c.toString());
        assertThat(min.err().strip()).isEqualTo("modelops: --min-instances 0: expected at least 1");
        Cli warning = modelops("drift", "stream", "--detector", "ddm", "--warning", "4", c.toString());
        assertThat(warning.code()).isEqualTo(ModelOpsCli.BAD_INPUT);
        assertThat(warning.err().strip()).isEqualTo("modelops: --warning 4: DDM's warning level must be at most the "
                + "drift level (default 3.0; raise it with --drift-level)");
        Cli level = modelops("drift", "stream", "--detector", "ddm", "--warning", "2.5", "--drift-level", "2", c.toString());
        assertThat(level.err().strip()).isEqualTo("modelops: --drift-level 2: DDM's drift level must be at least the "
                + "warning level (2.5)");
        Cli direction = modelops("drift", "stream", "--detector", "page-hinkley", "--direction", "sideways", c.toString());
        assertThat(direction.err()).contains("--direction sideways: expected up, down or both");
        Cli both = modelops("drift", "stream", "--detector", "page-hinkley", "--direction", "both", "--format", "json",
                c.toString());
        assertThat(both.code()).isEqualTo(ModelOpsCli.DRIFT);
        assertThat(Json.mapper().readTree(both.out()).path("changes").size()).isPositive();
    }
}

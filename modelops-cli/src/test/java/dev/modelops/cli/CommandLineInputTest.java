package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.util.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user mistypes on the command line (a store, a home, a step parameter's value, an
 * environment, a port) is one line of bad input naming the flag, exit 2, printed before anything
 * else and leaving nothing behind.
 */
class CommandLineInputTest {
    static final String SPEC = ArrestsExampleTest.SPEC.toString();
    static final String MODEL = "arrests-release";

    @TempDir
    Path dir;

    private static void badInput(Cli r, String line) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("modelops: " + line);
        assertThat(r.out()).isEmpty();
    }

    private static void badInputStartingWith(Cli r, String start) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("modelops: " + start);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadStorePrintsNoRunLineAndCreatesNoRunFolder() {
        Path home = dir.resolve("home");
        badInput(Cli.run("run", SPEC, "--home", home.toString(), "--store", "bogus://x"),
                "--store bogus://x: unknown store location; expected sqlite:PATH, PATH.db, postgresql://HOST:PORT/DB or memory:");
        assertThat(home).doesNotExist();
    }

    @Test
    void aFileOrFolderThatIsNotALineageStoreIsNamedInOneLine() throws Exception {
        Path home = dir.resolve("home");
        Path garbage = Files.writeString(dir.resolve("garbage.db"), "these are not the bytes of a database\n");
        badInput(Cli.run("run", SPEC, "--home", home.toString(), "--store", garbage.toString()),
                "--store " + garbage + ": is not a SQLite database (it does not start with the SQLite header)");
        badInput(Cli.run("lineage", "history", MODEL, "--store", garbage.toString()),
                "--store " + garbage + ": is not a SQLite database (it does not start with the SQLite header)");
        Path folder = Files.createDirectories(dir.resolve("dir.db"));
        badInput(Cli.run("step", "trainModel", SPEC, "--model", MODEL, "--home", home.toString(), "--store", folder.toString()),
                "--store " + folder + ": is a folder, not a SQLite lineage store");
        assertThat(home).doesNotExist();
    }

    @Test
    void readOnlyCommandsNeverCreateAStore() {
        Path home = dir.resolve("fresh");
        String missing = home.resolve("lineage.db").toString();
        for (List<String> command : List.of(List.of("lineage", "history", MODEL), List.of("lineage", "show", MODEL),
                List.of("lineage", "where-deployed", MODEL), List.of("lineage", "export-openlineage", "some-run"),
                List.of("report", "lineage", "--run", "some-run", "--out", dir.resolve("report").toString()))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--home", home.toString()))
                    .toArray(String[]::new);
            badInput(Cli.run(args), "no lineage store at " + missing + " (run a pipeline first or pass --store)");
        }
        Path elsewhere = dir.resolve("none").resolve("x.db");
        badInput(Cli.run("lineage", "history", MODEL, "--store", "sqlite:" + elsewhere),
                "no lineage store at " + elsewhere + " (run a pipeline first or pass --store)");
        badInput(Cli.run("serve", "--port", "0", "--store", "sqlite:" + elsewhere),
                "no lineage store at " + elsewhere + " (run a pipeline first or pass --store)");
        assertThat(home).doesNotExist();
        assertThat(dir.resolve("none")).doesNotExist();
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void anUnusableHomeIsNamedWithItsReason() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        badInput(Cli.run("run", SPEC, "--home", file.toString()), "--home " + file + ": is a file, not a folder");
        badInputStartingWith(Cli.run("run", SPEC, "--home", file.resolve("sub").toString()),
                "--home " + file.resolve("sub") + ": cannot create the folder: ");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            badInputStartingWith(Cli.run("step", "trainModel", SPEC, "--model", MODEL, "--home", "/proc/xx"),
                    "--home /proc/xx: cannot create the folder: ");
        }
    }

    @Test
    void parallelismBelowOneIsRefused() {
        badInput(Cli.run("run", SPEC, "--parallelism", "0", "--home", dir.toString()),
                "--parallelism 0: expected at least 1 (the number of tasks run at once)");
        badInput(Cli.run("run", SPEC, "--parallelism", "-3", "--home", dir.toString()),
                "--parallelism -3: expected at least 1 (the number of tasks run at once)");
    }

    @Test
    void theRunIdFileNamesTheRunForTheLineageReport() throws Exception {
        Path home = dir.resolve("home");
        Path idFile = dir.resolve("ids").resolve("run-id");
        Cli run = Cli.run("run", SPEC, "--home", home.toString(), "--run-id-file", idFile.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String id = Files.readString(idFile).strip();
        assertThat(id).isEqualTo(run.runId());
        assertThat(Json.read(home.resolve("runs").resolve(id).resolve("run.json"), Map.class)).containsEntry("runId", id);
        Cli report = Cli.run("report", "lineage", "--run", Files.readString(idFile).strip(), "--home", home.toString(),
                "--out", dir.resolve("report").toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(dir.resolve("report").resolve("index.html")).exists();

        badInput(Cli.run("run", SPEC, "--home", home.toString(), "--run-id-file", dir.toString()),
                "--run-id-file " + dir + ": is a folder; expected a file to write the run id into");
    }

    @Test
    void aStepParameterValueIsCheckedBeforeAnythingRunsAndNamedByItsFlag() {
        Path home = dir.resolve("home");
        String h = home.toString();
        badInput(Cli.run("step", "deployModel", SPEC, "--model", MODEL, "--target-env", "staging", "--home", h,
                "--with", "target=kubernets"), "--with target: expected one of local, kubernetes, got 'kubernets'");
        badInput(Cli.run("step", "deployModel", SPEC, "--model", MODEL, "--target-env", "staging", "--home", h,
                "--with", "port=notaport"), "--with port: expected a whole number in [1, 65535], got 'notaport'");
        badInput(Cli.run("step", "compressModel", SPEC, "--model", MODEL, "--home", h, "--with", "format=onx"),
                "--with format: expected one of onnx, got 'onx'");
        badInput(Cli.run("step", "checkDrift", SPEC, "--model", MODEL, "--home", h, "--with", "data=data/batches",
                "--with", "fail_on_drift=maybe"), "--with fail_on_drift: expected true or false, got 'maybe'");
        // data is relative to the spec's folder, as the step reads it
        badInputStartingWith(Cli.run("step", "checkDrift", SPEC, "--model", MODEL, "--home", h, "--with", "data=x.csv"),
                "--with data: no such file or folder: " + ArrestsExampleTest.SPEC.toAbsolutePath().normalize().getParent().resolve("x.csv"));
        badInput(Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--home", h, "--harden"),
                "--harden: applies only to step trainModel");
        assertThat(home).doesNotExist();
    }

    @Test
    void aTaskFailureOfASingleStepNamesTheCommandNotAPipelineIndex() {
        Cli r = Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--home", dir.resolve("home").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED", "step evaluateModel: task 'evaluateModel': model 'arrests-release' has no "
                + "trained version yet").doesNotContain("pipelines[");
    }

    @Test
    void promoteNamesTheFlagsTheUserTyped() {
        String h = dir.resolve("home").toString();
        badInput(Cli.run("promote", SPEC, "--model", MODEL, "--from", "staging", "--to", "nope", "--approver", "a",
                "--home", h), "--to nope: unknown; known: dev, staging, prod");
        badInput(Cli.run("promote", SPEC, "--model", MODEL, "--from", "nope", "--to", "prod", "--approver", "a",
                "--home", h), "--from: unknown environment 'nope'; known: dev, staging, prod");
        badInput(Cli.run("promote", SPEC, "--model", MODEL, "--from", "prod", "--to", "prod", "--home", h),
                "--to prod: is also --from; promote moves the version serving in one environment to another");
        badInput(Cli.run("promote", SPEC, "--model", MODEL, "--from", "staging", "--to", "prod", "--home", h,
                "--approval-source", "email"), "--approval-source: expected one of cli, jenkins-input, got 'email'");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void aPortInUseIsOneLineNamingPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Path home = dir.resolve("home");
            Cli release = Cli.run("step", "trainModel", SPEC, "--model", MODEL, "--home", home.toString());
            assertThat(release.code()).as(release.err()).isZero();
            Cli deploy = Cli.run("step", "deployModel", SPEC, "--model", MODEL, "--target-env", "staging",
                    "--home", home.toString());
            assertThat(deploy.code()).as(deploy.out()).isZero();
            Cli serveModel = Cli.run("serve-model", SPEC, "--model", MODEL, "--env", "staging", "--token", "t",
                    "--port", String.valueOf(port), "--home", home.toString());
            badInput(serveModel, "--port " + port + ": port " + port + " on 127.0.0.1 is already in use; stop what "
                    + "listens there or choose another port");
            badInput(Cli.run("serve", "--port", String.valueOf(port), "--home", home.toString()),
                    "--port " + port + ": port " + port + " on 127.0.0.1 is already in use; stop what listens there or "
                            + "choose another port");
        }
    }

    @Test
    void theServeHintOfADeploymentWorksForANonDefaultHomeAndStore() throws Exception {
        Path home = dir.resolve("home");
        Path store = dir.resolve("stores").resolve("lineage.db");
        String[] where = {"--home", home.toString(), "--store", "sqlite:" + store};
        Cli train = Cli.run(concat(new String[] {"step", "trainModel", SPEC, "--model", MODEL}, where));
        assertThat(train.code()).as(train.out()).isZero();
        Cli deploy = Cli.run(concat(new String[] {"step", "deployModel", SPEC, "--model", MODEL, "--target-env", "staging"},
                where));
        assertThat(deploy.code()).as(deploy.out()).isZero();
        java.util.regex.Matcher hint = java.util.regex.Pattern.compile("serve it with: modelops (serve-model .*)$",
                java.util.regex.Pattern.MULTILINE).matcher(deploy.out());
        assertThat(hint.find()).as(deploy.out()).isTrue();
        String command = hint.group(1).strip();
        assertThat(command).endsWith("--model " + MODEL + " --env staging --home " + home + " --store sqlite:" + store);
        Map<?, ?> descriptor = Json.read(home.resolve("deployments").resolve(MODEL).resolve("staging.json"), Map.class);
        assertThat(descriptor.get("serve")).isEqualTo("modelops " + command);

        // the printed command, run from elsewhere, finds the deployment (port 0: any free one)
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--port", "0"));
        Path log = dir.resolve("serve-model.log");
        Process serve = dev.modelops.lineage.testing.JavaProcesses.start(ModelOpsCli.class, args,
                Map.of("MODELOPS_SERVE_TOKEN", "hint-token"), log);
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && serve.isAlive() && !Files.readString(log).contains("serving ")) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("serving " + MODEL + "@v1").contains(" for staging on http://127.0.0.1:");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    @Test
    void aStepWorksOnTheVersionModelVersionNamesAndAMissingOneIsNamedByTheFlag() throws Exception {
        String home = dir.resolve("home").toString();
        assertThat(Cli.run("step", "trainModel", SPEC, "--model", MODEL, "--home", home).code()).isZero();
        assertThat(Cli.run("step", "trainModel", SPEC, "--model", MODEL, "--home", home).code()).isZero();
        Cli first = Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--model-version", MODEL + "@v1",
                "--home", home);
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains(MODEL + "@v1 on 2758 test rows");
        Cli newest = Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--home", home);
        assertThat(newest.out()).contains(MODEL + "@v2 on 2758 test rows");

        // a version that does not exist is refused before a run starts: no run folder, no run recorded
        List<String> runs = runs(dir.resolve("home"));
        badInput(Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--model-version", "9", "--home", home),
                "--model-version 9: model '" + MODEL + "' has no version 9 (versions 1..2)");
        badInput(Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--with", "model_version=" + MODEL + "@v7",
                "--home", home), "--with model_version=" + MODEL + "@v7: model '" + MODEL + "' has no version 7 "
                + "(versions 1..2)");
        String datasetId;
        int recordedRuns = recordedRuns(dir.resolve("home"));
        try (var lineage = dev.modelops.lineage.LineageStores.open("sqlite:" + dir.resolve("home/lineage.db"), Map.of())) {
            datasetId = lineage.latest(dev.modelops.core.lineage.EntityKind.DATASET, "arrests").orElseThrow().id();
        }
        badInput(Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--model-version", datasetId, "--home", home),
                "--model-version " + datasetId + ": model_version '" + datasetId + "' is DATASET arrests@v1, not a "
                        + "version of model '" + MODEL + "'");
        badInput(Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--model-version", "nope", "--home", home),
                "--model-version nope: model_version 'nope' is neither a version number of '" + MODEL + "' nor a "
                        + "lineage id in this store");
        assertThat(runs(dir.resolve("home"))).isEqualTo(runs);
        assertThat(recordedRuns(dir.resolve("home"))).isEqualTo(recordedRuns);
        badInput(Cli.run("step", "trainModel", SPEC, "--model", MODEL, "--model-version", "1", "--home", home),
                "--model-version 1: trainModel does not work on an existing model version");
        badInput(Cli.run("step", "evaluateModel", SPEC, "--model", MODEL, "--model-version", "1", "--with",
                "model_version=2", "--home", home), "--model-version 1: give the version once, not also as --with "
                + "model_version");
    }

    /** The pipeline runs recorded in the home's lineage store. */
    private static int recordedRuns(Path home) {
        var kind = dev.modelops.core.lineage.EntityKind.PIPELINE_RUN;
        try (var lineage = dev.modelops.lineage.LineageStores.open("sqlite:" + home.resolve("lineage.db"), Map.of())) {
            return lineage.names(kind).stream().mapToInt(n -> lineage.history(kind, n).size()).sum();
        }
    }

    /** The run folders of a home. */
    private static List<String> runs(Path home) throws Exception {
        try (var list = Files.list(home.resolve("runs"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutputPathThatCannotBeWrittenIsRefusedBeforeAnythingRunsOrIsRecorded() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Path home = dir.resolve("home");
        String h = home.toString();
        // without the check the gate would run (a run folder, a failed task) and only then fail to write
        badInput(Cli.run("gate", SPEC, "--model", MODEL, "--home", h, "--out", file.toString()),
                "--out " + file + ": is a file, not a folder");
        badInput(Cli.run("gate", SPEC, "--model", MODEL, "--home", h, "--out", file.resolve("sub").toString()),
                "--out " + file.resolve("sub") + ": " + file + " is a file, not a folder");
        badInput(Cli.run("report", "lineage", "--run", "r", "--home", h, "--out", file.toString()),
                "--out " + file + ": is a file, not a folder");
        badInput(Cli.run("drift", "check", SPEC, "--model", MODEL, "--data", file.toString(), "--home", h,
                "--out", file.toString()), "--out " + file + ": is a file, not a folder");
        badInput(Cli.run("drift", "profile", SPEC, "--model", MODEL, "--home", h, "--out",
                file.resolve("profile.json").toString()), "--out " + file.resolve("profile.json") + ": " + file
                + " is a file, not a folder");
        badInput(Cli.run("generate", "jenkinsfile", SPEC, "--out", file.resolve("Jenkinsfile").toString()),
                "--out " + file.resolve("Jenkinsfile") + ": " + file + " is a file, not a folder");
        badInput(Cli.run("generate", "jenkinsfile", SPEC, "--out", dir.toString()), "--out " + dir + ": is a folder, "
                + "not a file");
        badInput(Cli.run("lineage", "export-openlineage", "r", "--home", h, "--out", file.resolve("x.ndjson").toString()),
                "--out " + file.resolve("x.ndjson") + ": " + file + " is a file, not a folder");
        badInput(Cli.run("import-idx", "--train-images", "a", "--train-labels", "b", "--test-images", "c",
                "--test-labels", "d", "--classes", "x,y", "--out", file.resolve("x.csv").toString()),
                "--out " + file.resolve("x.csv") + ": " + file + " is a file, not a folder");
        badInput(Cli.run("step", "trainModel", SPEC, "--model", MODEL, "--home", h, "--run-id-file",
                file.resolve("id").toString()), "--run-id-file " + file.resolve("id") + ": " + file
                + " is a file, not a folder");
        assertThat(home).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}

package dev.modelops.kubernetes;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.RemoteTrainer;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.Platform;
import dev.modelops.core.util.AtomicFiles;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a model with {@code platform: kubernetes} as a Job on the cluster of the current kube
 * config (KUBECONFIG, ~/.kube/config or the pod's service account).
 *
 * <p>How the model comes back: the Job runs {@code modelops step trainModel SPEC --model M --with
 * platform=local} in the CLI image, with the workspace and {@code MODELOPS_HOME} on a
 * PersistentVolumeClaim mounted at the same path here and in the Job, and the same lineage store
 * ({@code MODELOPS_STORE}). Its first log line names its run ({@code run <id>: pipeline ...}); the
 * runner reads that run's task record from the shared lineage store, takes the model version it
 * PRODUCED, and verifies the artifact's bytes in the shared artifact store against the recorded
 * SHA-256 before reporting it as this task's {@code model.id}. Nothing is copied, so large models
 * cost nothing extra, and a Job that wrote elsewhere fails loudly instead of silently.
 */
public final class KubernetesTrainer implements RemoteTrainer {
    /** The task id {@code modelops step trainModel} gives its single task. */
    static final String REMOTE_TASK_ID = "trainModel";
    static final Pattern RUN_LINE = Pattern.compile("(?m)^run (\\S+): pipeline ");
    /** The CI facts CiContext records; nothing else of this process's environment travels into a Job. */
    private static final List<String> CI_VARIABLES = List.of("BUILD_URL", "JOB_NAME", "BUILD_NUMBER", "GIT_COMMIT",
            "GIT_BRANCH", "BUILD_USER_ID", "MODELOPS_USER");

    private final Function<Map<String, String>, KubernetesClient> clients;

    public KubernetesTrainer() {
        this(KubernetesTrainer::connect);
    }

    KubernetesTrainer(Function<Map<String, String>, KubernetesClient> clients) {
        this.clients = clients;
    }

    @Override
    public Platform platform() {
        return Platform.KUBERNETES;
    }

    @Override
    public StepResult train(StepContext ctx) throws Exception {
        ModelSpec model = ctx.model();
        Map<String, String> env = ctx.run().environment();
        String place = ctx.run().spec().placeOf("models." + model.name() + ".resources");
        List<String> problems = new ArrayList<>();
        TrainingJobSettings settings = TrainingJobSettings.read(model.resources(), ctx.param("gpu").orElse(null), env,
                (key, message) -> problems.add("resources." + key + ": " + message));
        if (!problems.isEmpty()) {
            throw new InputError(place, problems.get(0));
        }
        TrainingJobRequest request = request(ctx, model, settings, place);
        Duration poll = Duration.ofMillis(Long.parseLong(env.getOrDefault("MODELOPS_K8S_POLL_MS", "5000")));
        JobOutcome outcome;
        try (KubernetesClient client = clients.apply(env)) {
            KubernetesTrainingRunner runner = new KubernetesTrainingRunner(client, poll,
                    line -> ctx.progress().update(line, -1));
            outcome = runner.run(request);
        }
        AtomicFiles.write(ctx.workDir().resolve("job.log"), outcome.log().getBytes(StandardCharsets.UTF_8));
        if (!outcome.succeeded()) {
            return StepResult.failed("kubernetes job " + outcome.jobName() + " " + outcome.status().name().toLowerCase()
                            + ": " + outcome.reason() + lastLines(outcome.log()))
                    .output("k8s.job", outcome.jobName())
                    .metric("attempts", outcome.attempts())
                    .metric("evictions", outcome.evictions())
                    .build();
        }
        return collect(ctx, model, settings, outcome);
    }

    /** What the Job runs: the same CLI, one training task, forced local inside the pod. */
    TrainingJobRequest request(StepContext ctx, ModelSpec model, TrainingJobSettings settings, String place) {
        if (settings.volume() == null) {
            throw new InputError(place, "platform kubernetes needs resources.volume (or MODELOPS_K8S_VOLUME): a "
                    + "PersistentVolumeClaim holding the workspace and MODELOPS_HOME, mounted at "
                    + settings.mountPath() + " here and in the training Job");
        }
        Map<String, String> env = ctx.run().environment();
        Path mount = Path.of(settings.mountPath());
        Path spec = ctx.run().info().specFile().toAbsolutePath().normalize();
        Path home = ctx.run().artifacts().root();
        requireUnder(place, "the spec " + spec, spec, mount);
        requireUnder(place, "MODELOPS_HOME " + home, home, mount);
        String store = env.get("MODELOPS_STORE");
        if (store == null || store.isBlank()) {
            store = "sqlite:" + home.resolve("lineage.db");
        }
        if (store.startsWith("memory:")) {
            throw new InputError("MODELOPS_STORE " + store, "a training Job cannot share an in-memory lineage store; "
                    + "use PostgreSQL or a SQLite file on the shared volume");
        }
        if (store.startsWith("sqlite:")) {
            requireUnder(place, "the lineage store " + store, Path.of(store.substring("sqlite:".length()))
                    .toAbsolutePath().normalize(), mount);
        }
        boolean needsCredentials = env.containsKey("MODELOPS_STORE_USER") || env.containsKey("MODELOPS_STORE_PASSWORD");
        if (needsCredentials && settings.storeSecret() == null) {
            throw new InputError(place, "the lineage store needs credentials, which are never copied into a Job; "
                    + "name a Secret with keys username/password in resources.store_secret (or MODELOPS_K8S_STORE_SECRET)");
        }

        List<String> command = new ArrayList<>(List.of("modelops", "step", "trainModel", spec.toString(),
                "--model", model.name(), "--with", "platform=local"));
        String dataset = ctx.task().dataset();
        if (dataset != null && !dataset.equals(model.dataset())) {
            command.addAll(List.of("--dataset", dataset));
        }
        if (ctx.run().info().environment() != null) {
            command.addAll(List.of("--env", ctx.run().info().environment()));
        }
        ctx.run().info().variables().forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));

        Map<String, String> jobEnv = new LinkedHashMap<>();
        jobEnv.put("MODELOPS_HOME", home.toString());
        jobEnv.put("MODELOPS_STORE", store);
        jobEnv.put("CI", "true");
        for (String name : CI_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                jobEnv.put(name, value);
            }
        }
        String baseName = "modelops-train-" + TrainingJobs.dnsLabel(model.name(), 30) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        return new TrainingJobRequest(baseName, model.name(), command, spec.getParent().toString(), jobEnv, settings);
    }

    private StepResult collect(StepContext ctx, ModelSpec model, TrainingJobSettings settings, JobOutcome outcome) {
        Matcher run = RUN_LINE.matcher(outcome.log());
        String where = "kubernetes job " + outcome.jobName();
        if (!run.find()) {
            return StepResult.failed(where + " succeeded, but its log names no modelops run ('run <id>: pipeline ...');"
                    + " does the image run the modelops CLI?" + lastLines(outcome.log())).build();
        }
        String runId = run.group(1);
        LineageStore lineage = ctx.run().lineage();
        Optional<Entity> taskRun = lineage.latest(EntityKind.TASK_RUN, "run/" + runId + "/" + REMOTE_TASK_ID);
        if (taskRun.isEmpty()) {
            return StepResult.failed(where + " ran modelops run " + runId + ", but that run is not in this lineage store;"
                    + " the Job must write to the same store (MODELOPS_STORE)").build();
        }
        Optional<Entity> produced = taskRun.get().targets(Relation.PRODUCED).stream().map(lineage::get)
                .flatMap(Optional::stream)
                .filter(e -> e.kind() == EntityKind.MODEL && e.name().equals(model.name()))
                .findFirst();
        if (produced.isEmpty()) {
            return StepResult.failed(where + ": run " + runId + " recorded no version of model " + model.name()).build();
        }
        Entity version = produced.get();
        if (version.contentHash() == null || !ctx.run().artifacts().verify(version.contentHash())) {
            return StepResult.failed(where + ": model " + version.label() + " (sha256 " + version.contentHash()
                    + ") is not intact in the artifact store " + ctx.run().artifacts().root()
                    + "; the Job must mount the same MODELOPS_HOME").build();
        }
        String dataset = version.targets(Relation.DERIVED_FROM).stream().map(lineage::get).flatMap(Optional::stream)
                .filter(e -> e.kind() == EntityKind.DATASET).map(Entity::id).findFirst().orElse(null);
        StepResult.Builder result = StepResult.succeeded("trained " + version.label() + " on kubernetes (job "
                        + outcome.jobName() + (settings.gpu() > 0 ? ", " + settings.gpu() + " GPU" : "")
                        + (outcome.evictions() > 0 ? ", attempt " + outcome.attempts() + " after " + outcome.evictions()
                        + " eviction(s)" : "") + ")")
                .output("model.id", version.id())
                .output("model.name", version.name())
                .output("model.version", version.version())
                .output("model.sha256", version.contentHash())
                .output("dataset.id", dataset)
                .output("k8s.job", outcome.jobName())
                .output("k8s.run", runId)
                .metric("attempts", outcome.attempts())
                .metric("evictions", outcome.evictions());
        taskRun.get().targets(Relation.USED).forEach(result::used);
        taskRun.get().targets(Relation.PRODUCED).forEach(result::produced);
        return result.build();
    }

    private static void requireUnder(String place, String what, Path path, Path mount) {
        if (!path.startsWith(mount)) {
            throw new InputError(place, what + " is not under " + mount + ", where the shared volume is mounted;"
                    + " the training Job only sees files on that volume (set resources.mount_path)");
        }
    }

    private static String lastLines(String log) {
        if (log == null || log.isBlank()) {
            return "";
        }
        String[] lines = log.strip().split("\n");
        int from = Math.max(0, lines.length - 3);
        return "; last log lines: " + String.join(" / ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    static KubernetesClient connect(Map<String, String> env) {
        String kubeconfig = env.get("KUBECONFIG");
        Config config = kubeconfig != null && !kubeconfig.isBlank()
                ? Config.fromKubeconfig(new File(kubeconfig.split(File.pathSeparator)[0]))
                : Config.autoConfigure(null);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}

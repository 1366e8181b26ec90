package dev.modelops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.lineage.LineageStores;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU training Job against fabric8's Kubernetes mock server (the real HTTP API, CRUD mode).
 * The test plays the cluster: a Job controller and kubelet that evicts the first pod, and for the
 * resubmitted Job runs the container's command line with the real training step on the shared
 * volume (a temporary folder; the lineage store is the SQLite file on it, which the container
 * opens itself), then serves its log and marks the pod and Job as done.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KubernetesTrainerTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String CSV = """
            label,age,colour,year
            yes,21,a,1997
            no,35,b,1998
            yes,23,a,1997
            no,52,b,1998
            yes,40,a,2000
            no,61,b,2001
            """;

    private static String spec(String resources) {
        return """
                version: 1
                variables:
                  epochs: 5
                datasets:
                  people:
                    uri: people.csv
                    schema:
                      label: {type: categorical, values: ["yes", "no"]}
                      age: integer
                      colour: categorical
                      year: integer
                models:
                  m:
                    trainer: logistic-regression
                    hyperparameters:
                      epochs: ${epochs}
                    dataset: people
                    features: [age, colour]
                    label: label
                    split: {train: "year <= 1998"}
                    platform: kubernetes
                    resources:
                """ + resources + """
                pipelines:
                  - name: train
                    tasks:
                      - id: train
                        type: trainModel
                        model: m
                """;
    }

    @TempDir
    Path volume;


    static {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    }

    @Test
    void gpuJobIsEvictedOnceResubmittedAndItsModelCollected() throws Exception {
        Path workspace = Files.createDirectories(volume.resolve("workspace"));
        Files.writeString(workspace.resolve("people.csv"), CSV);
        Path specFile = workspace.resolve("modelops.yaml");
        Files.writeString(specFile, spec("""
                      gpu: 1
                      cpu: "2"
                      memory: 4Gi
                      namespace: ml
                      node_selector: {cloud.google.com/gke-accelerator: nvidia-tesla-t4}
                      volume: modelops-workspace
                      mount_path: %s
                      retries: 2
                      timeout_minutes: 1
                      store_secret: modelops-store
                """.formatted(volume)));
        Path home = workspace.resolve(".modelops");
        // the embedded default: a SQLite file on the shared volume, opened by this process and by the Job's
        String store = "sqlite:" + home.resolve("lineage.db");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", kubeconfig().toString());
        env.put("MODELOPS_HOME", home.toString());
        env.put("MODELOPS_STORE", store);
        env.put("MODELOPS_K8S_POLL_MS", "20");
        env.put("BUILD_URL", "https://jenkins.example/job/train/7/");
        env.put("BUILD_NUMBER", "7");
        env.put("AWS_SECRET_ACCESS_KEY", "must-not-travel");
        env.put("MODELOPS_STORE_USER", "modelops");
        env.put("MODELOPS_STORE_PASSWORD", "s3cret-password");

        LineageStore lineage = LineageStores.open(store, env);
        Cluster cluster = new Cluster("ml", null);
        Thread controller = new Thread(cluster, "fake-job-controller");
        controller.start();
        RunReport report;
        try {
            report = LocalRun.pipeline(specFile, "train", env, lineage, "controller-run");
        } finally {
            cluster.stop();
            controller.join();
        }
        assertThat(cluster.failure.get()).isNull();

        TaskOutcome train = report.outcomes().get(0);
        assertThat(train.status()).as(train.message()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(train.message()).contains("on kubernetes", "1 GPU", "attempt 2 after 1 eviction");
        assertThat(train.metrics()).containsEntry("attempts", 2.0).containsEntry("evictions", 1.0);

        // Two Jobs were submitted: the evicted one and its resubmission, both asking for the GPU on the container.
        assertThat(cluster.jobs).hasSize(2);
        assertThat(cluster.jobs.get(1).getMetadata().getName()).isEqualTo(cluster.jobs.get(0).getMetadata().getName() + "-r2");
        for (Job job : cluster.jobs) {
            assertThat(job.getSpec().getBackoffLimit()).isZero();
            var pod = job.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertThat(c.getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("1");
            assertThat(c.getResources().getRequests().get("nvidia.com/gpu").toString()).isEqualTo("1");
            assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("2");
            assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("4Gi");
            assertThat(pod.getNodeSelector()).containsEntry("cloud.google.com/gke-accelerator", "nvidia-tesla-t4");
            assertThat(pod.getTolerations()).extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("nvidia.com/gpu", "Exists", "NoSchedule"));
            assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("modelops-workspace");
            assertThat(c.getCommand()).startsWith("modelops", "step", "trainModel", specFile.toString(), "--model", "m",
                    "--with", "platform=local");
            Map<String, String> jobEnv = new LinkedHashMap<>();
            c.getEnv().forEach(e -> jobEnv.put(e.getName(), e.getValue()));
            assertThat(jobEnv).containsEntry("MODELOPS_HOME", home.toString()).containsEntry("MODELOPS_STORE", store)
                    .containsEntry("BUILD_URL", "https://jenkins.example/job/train/7/")
                    .doesNotContainKey("AWS_SECRET_ACCESS_KEY").doesNotContainKey("KUBECONFIG");
            // Store credentials come from the Secret, never as values in the Job.
            EnvVar password = c.getEnv().stream().filter(e -> e.getName().equals("MODELOPS_STORE_PASSWORD")).findFirst()
                    .orElseThrow();
            assertThat(password.getValue()).isNull();
            assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("modelops-store");
            assertThat(client.getKubernetesSerialization().asJson(job)).doesNotContain("s3cret-password");
        }
        // The first Job was deleted before the resubmission.
        assertThat(cluster.deletedBeforeSecond.get()).isTrue();

        // The model the Job's container trained is this task's output, intact in the shared artifact store.
        String modelId = train.outputs().get("model.id");
        assertThat(modelId).isNotNull();
        try (lineage) {
            Entity model = lineage.get(modelId).orElseThrow();
            assertThat(model.kind()).isEqualTo(EntityKind.MODEL);
            assertThat(model.name()).isEqualTo("m");
            assertThat(model.attributes().get("runId")).isEqualTo(cluster.containerRunId.get());
            assertThat(new ArtifactStore(home).verify(model.contentHash())).isTrue();
            assertThat(train.outputs()).containsEntry("model.sha256", model.contentHash())
                    .containsEntry("k8s.job", cluster.jobs.get(1).getMetadata().getName());
            // The controller's own task record links the collected model.
            Entity taskRun = lineage.latest(EntityKind.TASK_RUN, "run/controller-run/train").orElseThrow();
            assertThat(taskRun.targets(Relation.PRODUCED)).contains(modelId);
            // The container recorded the Jenkins build it ran for.
            Entity remoteRun = lineage.latest(EntityKind.PIPELINE_RUN, "run/" + cluster.containerRunId.get()).orElseThrow();
            assertThat(String.valueOf(remoteRun.attributes().get("ci"))).contains("https://jenkins.example/job/train/7/");
        }
        assertThat(Files.readString(home.resolve("runs/controller-run/train/job.log")))
                .contains("run " + cluster.containerRunId.get() + ": pipeline step-trainModel");
    }

    @Test
    void aFailingTrainingIsNotRetried() throws Exception {
        Path workspace = Files.createDirectories(volume.resolve("ws"));
        Files.writeString(workspace.resolve("people.csv"), CSV);
        Path specFile = workspace.resolve("modelops.yaml");
        Files.writeString(specFile, spec("""
                      namespace: ml-failing
                      timeout_minutes: 1
                      volume: ws
                      mount_path: %s
                """.formatted(volume)));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", kubeconfig().toString());
        env.put("MODELOPS_HOME", workspace.resolve(".modelops").toString());
        env.put("MODELOPS_STORE", "sqlite:" + workspace.resolve(".modelops/lineage.db"));
        env.put("MODELOPS_K8S_POLL_MS", "20");
        InMemoryLineageStore lineage = new InMemoryLineageStore();
        Cluster cluster = new Cluster("ml-failing", lineage);
        cluster.failWithExitCode = 1;
        Thread controller = new Thread(cluster, "fake-job-controller");
        controller.start();
        RunReport report;
        try {
            report = LocalRun.pipeline(specFile, "train", env, lineage, "failing-run");
        } finally {
            cluster.stop();
            controller.join();
        }
        assertThat(cluster.failure.get()).isNull();
        TaskOutcome train = report.outcomes().get(0);
        assertThat(train.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(train.message()).contains("exited with code 1", "Traceback: out of memory");
        assertThat(cluster.jobs).hasSize(1);
        assertThat(cluster.jobs.get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                .getLimits()).doesNotContainKey("nvidia.com/gpu");
    }

    private Path kubeconfig() throws Exception {
        Path file = volume.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: default}
                current-context: mock
                users:
                - name: tester
                  user: {token: not-a-secret}
                """.formatted(client.getMasterUrl()));
        return file;
    }

    /** The cluster's side: Job controller and kubelet, run against the mock API server. */
    static final class Cluster implements Runnable {
        final String namespace;
        final List<Job> jobs = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicReference<String> containerRunId = new AtomicReference<>();
        final java.util.concurrent.atomic.AtomicBoolean deletedBeforeSecond = new java.util.concurrent.atomic.AtomicBoolean();
        volatile boolean running = true;
        int failWithExitCode;

        final LineageStore lineage;

        Cluster(String namespace, LineageStore lineage) {
            this.namespace = namespace;
            this.lineage = lineage;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
                        if (jobs.stream().noneMatch(j -> j.getMetadata().getName().equals(job.getMetadata().getName()))) {
                            jobs.add(job);
                            if (jobs.size() == 2) {
                                deletedBeforeSecond.set(client.batch().v1().jobs().inNamespace(namespace)
                                        .withName(jobs.get(0).getMetadata().getName()).get() == null);
                            }
                            schedule(job, jobs.size());
                        }
                    }
                    Thread.sleep(10);
                }
            } catch (Throwable t) {
                failure.set(t);
                t.printStackTrace();
            }
        }

        private void schedule(Job job, int attempt) throws Exception {
            String podName = job.getMetadata().getName() + "-x7k2p";
            String logPath = "/api/v1/namespaces/" + namespace + "/pods/" + podName + "/log?pretty=false&container=train";
            if (failWithExitCode != 0) {
                serveLog(logPath, "loading data\nTraceback: out of memory\n");
                finishPod(job, podName, new PodStatusBuilder().withPhase("Failed")
                        .addNewContainerStatus().withName("train").withNewState().withNewTerminated()
                        .withExitCode(failWithExitCode).withReason("Error").endTerminated().endState().endContainerStatus()
                        .build());
                return;
            }
            if (attempt == 1) {
                serveLog(logPath, "");
                finishPod(job, podName, new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                        .withMessage("The node was low on resource: memory.").build());
                return;
            }
            // The container: run its command line on the shared volume, as the CLI in the image would.
            Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = new LinkedHashMap<>();
            for (EnvVar e : c.getEnv()) {
                env.put(e.getName(), e.getValue());
            }
            List<String> cmd = c.getCommand();
            Map<String, Object> with = new LinkedHashMap<>();
            Map<String, String> sets = new LinkedHashMap<>();
            String model = null;
            for (int i = 4; i < cmd.size(); i += 2) {
                String[] kv = cmd.get(i + 1).split("=", 2);
                switch (cmd.get(i)) {
                    case "--model" -> model = cmd.get(i + 1);
                    case "--with" -> with.put(kv[0], kv[1]);
                    case "--set" -> sets.put(kv[0], kv[1]);
                    default -> throw new AssertionError("unexpected option " + cmd.get(i));
                }
            }
            String runId = "container-" + attempt;
            RunReport report;
            // the container's own connection to the store the Job was told (a shared one in a test that passes none)
            if (lineage == null) {
                try (LineageStore own = LineageStores.open(env.get("MODELOPS_STORE"), env)) {
                    report = LocalRun.step(cmd.get(2), Path.of(cmd.get(3)), model, with, sets, env, own, runId);
                }
            } else {
                report = LocalRun.step(cmd.get(2), Path.of(cmd.get(3)), model, with, sets, env, lineage, runId);
            }
            containerRunId.set(runId);
            String log = "run " + runId + ": pipeline " + report.info().pipeline() + ", 1 task(s)\n"
                    + "trainModel " + report.status() + " " + report.outcomes().get(0).message() + "\n";
            serveLog(logPath, log);
            finishPod(job, podName, new PodStatusBuilder().withPhase("Succeeded")
                    .addNewContainerStatus().withName("train").withNewState().withNewTerminated().withExitCode(0)
                    .endTerminated().endState().endContainerStatus().build());
            client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).editStatus(j -> {
                j.setStatus(new JobStatusBuilder().withSucceeded(1).addNewCondition().withType("Complete")
                        .withStatus("True").endCondition().build());
                return j;
            });
        }

        private static void serveLog(String path, String body) {
            server.expect().get().withPath(path + "&follow=true").andReturn(200, body).always();
            server.expect().get().withPath(path).andReturn(200, body).always();
        }

        private void finishPod(Job job, String podName, io.fabric8.kubernetes.api.model.PodStatus status) {
            Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace)
                    .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                    .addToLabels("job-name", job.getMetadata().getName()).endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec()).build();
            client.pods().inNamespace(namespace).resource(pod).create();
            client.pods().inNamespace(namespace).withName(podName).editStatus(p -> {
                p.setStatus(status);
                return p;
            });
        }
    }
}

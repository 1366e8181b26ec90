package dev.modelops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import dev.modelops.gates.Champion;
import dev.modelops.steps.deploy.Deployer;
import dev.modelops.steps.deploy.kubernetes.KubernetesClients;
import dev.modelops.steps.deploy.kubernetes.Manifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deployModel against fabric8's Kubernetes mock server in CRUD mode (a real HTTP API that stores
 * objects). CRUD mode runs no controllers, so a small thread plays the Deployment controller:
 * it reports every new generation as rolled out, except for deployments the test marks as failing,
 * which it reports as having exceeded their progress deadline.
 */
class KubernetesDeployTest {
    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Thread controller;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    @BeforeEach
    void start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        controller = new Thread(this::control, "fake-deployment-controller");
        controller.setDaemon(true);
        controller.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        running = false;
        controller.join(2000);
        client.close();
        server.destroy();
    }

    private void control() {
        while (running) {
            try {
                for (Deployment d : client.apps().deployments().inNamespace("ml").list().getItems()) {
                    Long generation = d.getMetadata().getGeneration();
                    if (d.getStatus() != null && generation.equals(d.getStatus().getObservedGeneration())) {
                        continue;
                    }
                    int replicas = d.getSpec().getReplicas();
                    DeploymentStatusBuilder st = new DeploymentStatusBuilder().withObservedGeneration(generation);
                    if (failing.contains(d.getMetadata().getName())) {
                        st.addNewCondition().withType("Progressing").withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet has timed out progressing: CrashLoopBackOff").endCondition();
                    } else {
                        st.withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                                .withAvailableReplicas(replicas);
                    }
                    d.setStatus(st.build());
                    client.apps().deployments().inNamespace("ml").resource(d).updateStatus();
                }
            } catch (KubernetesClientException e) {
                // a concurrent change by the step under test; look again
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Path spec(String canary) throws Exception {
        return SmallSpecs.write(dir, """
                prod:
                  deploy:
                    target: kubernetes
                    image: registry.example/modelops:1.0
                    namespace: ml
                    replicas: 4
                    canary: %s
                    resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: "1", memory: 2Gi}}
                    health_timeout: 10
                    token_secret: model-token
                """.formatted(canary), """
                - name: train
                  tasks:
                    - {id: train, type: trainModel, model: m}
                - name: deploy
                  tasks:
                    - {id: deploy, type: deployModel, model: m, env: prod}
                """);
    }

    private Map<String, String> environment() {
        return Map.of(KubernetesClients.URL_VARIABLE, client.getMasterUrl().toString(), Deployer.POLL_VARIABLE, "20");
    }

    private TaskOutcome deploy(Pipelines p, Path spec, String trainWithEpochs) throws Exception {
        if (trainWithEpochs != null) {
            Path other = dir.resolve("modelops.yaml");
            RunReport trained = p.run(other, "train");
            assertThat(trained.outcomes().get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
        }
        RunReport report = p.run(spec, "deploy", null, environment());
        return Pipelines.task(report, "deploy");
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace("ml").withName(name).get();
    }

    @Test
    void deploysStableThenACanaryShareAndRollsBackAnUnhealthyCanary() throws Exception {
        Path spec = spec("0");
        Pipelines p = new Pipelines(dir.resolve("home"));
        TaskOutcome first = deploy(p, spec, "10");
        assertThat(first.status()).as(first.message()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity v1 = p.lineage.latest(EntityKind.MODEL, "m").orElseThrow();

        Deployment stable = deployment("m-prod");
        assertThat(stable.getSpec().getReplicas()).isEqualTo(4);
        assertThat(stable.getMetadata().getAnnotations()).containsEntry(Manifests.MODEL_ID, v1.id())
                .containsEntry(Manifests.SHA256, v1.contentHash());
        Container c = stable.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example/modelops:1.0");
        assertThat(c.getArgs()).containsSequence("--model-id", v1.id()).contains("serve-model", "--env", "prod");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
        assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
        assertThat(c.getEnv().get(0).getValueFrom().getSecretKeyRef().getName()).isEqualTo("model-token");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        Service svc = client.services().inNamespace("ml").withName("m-prod").get();
        assertThat(svc.getSpec().getSelector()).containsOnly(Map.entry(Manifests.APP, "m-prod"));
        Entity active = p.lineage.latest(EntityKind.DEPLOYMENT, "m/prod").orElseThrow();
        assertThat(active.attributes()).containsEntry("status", "ACTIVE").containsEntry("target", "kubernetes")
                .containsEntry("namespace", "ml").containsEntry("modelId", v1.id());
        assertThat(active.targets(Relation.USED)).containsExactly(v1.id());
        assertThat(p.lineage.get(active.targets(Relation.DEPLOYED_TO).get(0)).orElseThrow().kind())
                .isEqualTo(EntityKind.ENVIRONMENT);

        // a new version goes out as a canary on a quarter of the replicas; the champion stays v1
        Path canarySpec = spec("0.25");
        TaskOutcome canary = deploy(p, canarySpec, "10");
        assertThat(canary.status()).as(canary.message()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity v2 = p.lineage.latest(EntityKind.MODEL, "m").orElseThrow();
        assertThat(v2.id()).isNotEqualTo(v1.id());
        assertThat(deployment("m-prod").getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment("m-prod").getMetadata().getAnnotations()).containsEntry(Manifests.MODEL_ID, v1.id());
        Deployment canaryDeployment = deployment("m-prod-canary");
        assertThat(canaryDeployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(canaryDeployment.getMetadata().getAnnotations()).containsEntry(Manifests.MODEL_ID, v2.id());
        assertThat(canaryDeployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(Manifests.TRACK, "canary").containsEntry(Manifests.APP, "m-prod");
        Entity canaryRecord = p.lineage.latest(EntityKind.DEPLOYMENT, "m/prod").orElseThrow();
        assertThat(canaryRecord.attributes()).containsEntry("status", "CANARY").containsEntry("canaryReplicas", 1)
                .containsEntry("stableReplicas", 3).containsEntry("stableModelVersion", v1.label());
        assertThat(Champion.find(p.lineage, "m", "prod").orElseThrow().modelVersion().orElseThrow().id()).isEqualTo(v1.id());

        // completing it: the same version with canary 0 replaces the stable pods and removes the canary
        TaskOutcome complete = deploy(p, spec("0"), null);
        assertThat(complete.status()).as(complete.message()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(deployment("m-prod").getMetadata().getAnnotations()).containsEntry(Manifests.MODEL_ID, v2.id());
        assertThat(deployment("m-prod").getSpec().getReplicas()).isEqualTo(4);
        assertThat(deployment("m-prod-canary")).isNull();
        assertThat(Champion.find(p.lineage, "m", "prod").orElseThrow().modelVersion().orElseThrow().id()).isEqualTo(v2.id());

        // a canary whose pods never become healthy is removed and the stable replicas restored
        failing.add("m-prod-canary");
        TaskOutcome bad = deploy(p, spec("0.25"), "10");
        assertThat(bad.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(bad.message()).startsWith("rolled back canary of m@v").contains("exceeded its progress deadline");
        assertThat(deployment("m-prod-canary")).isNull();
        assertThat(deployment("m-prod").getSpec().getReplicas()).isEqualTo(4);
        assertThat(deployment("m-prod").getMetadata().getAnnotations()).containsEntry(Manifests.MODEL_ID, v2.id());
        Entity rolledBack = p.lineage.latest(EntityKind.DEPLOYMENT, "m/prod").orElseThrow();
        assertThat(rolledBack.attributes()).containsEntry("status", "ROLLED_BACK");
        assertThat(String.valueOf(rolledBack.attributes().get("reason"))).contains("progress deadline");
        assertThat(Champion.find(p.lineage, "m", "prod").orElseThrow().modelVersion().orElseThrow().id()).isEqualTo(v2.id());
    }

    @Test
    void anUnhealthyFullRolloutPutsThePreviousVersionBack() throws Exception {
        Path spec = spec("0");
        Pipelines p = new Pipelines(dir.resolve("home"));
        assertThat(deploy(p, spec, "10").status()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity v1 = p.lineage.latest(EntityKind.MODEL, "m").orElseThrow();
        failing.add("m-prod");
        TaskOutcome bad = deploy(p, spec, "10");
        assertThat(bad.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(bad.message()).contains("restored " + v1.label());
        Deployment restored = deployment("m-prod");
        assertThat(restored.getMetadata().getAnnotations()).containsEntry(Manifests.MODEL_ID, v1.id());
        List<Entity> history = p.lineage.history(EntityKind.DEPLOYMENT, "m/prod");
        assertThat(history).extracting(e -> e.attributes().get("status")).containsExactly("ACTIVE", "ROLLED_BACK");
        Predicate<Entity> servesV1 = e -> e.attributes().get("modelId").equals(v1.id());
        assertThat(history.get(1)).matches(servesV1.negate());
    }
}

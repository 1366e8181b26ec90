package dev.modelops.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a training Job on a cluster to its end: creates it, follows the container's log as it is
 * written, waits for the Job to finish, and resubmits it when its pod was evicted (node pressure,
 * preemption: not the training's fault) up to the configured number of retries. Any other failure
 * ends the run at once with the container's reason, since retrying a failing training only burns
 * GPU hours. Polls the API server (one list and one get per interval), which works against every
 * cluster and the fabric8 mock server alike.
 */
public final class KubernetesTrainingRunner {
    private static final Duration LOG_DRAIN = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final Duration pollInterval;
    private final Consumer<String> log;

    /**
     * @param client a connected client
     * @param pollInterval how often to look at the Job and its pod
     * @param log receives status lines and the container's log lines as they arrive
     */
    public KubernetesTrainingRunner(KubernetesClient client, Duration pollInterval, Consumer<String> log) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.log = log;
    }

    /** The namespace Jobs go to: the settings', else the client's, else {@code default}. */
    public String namespace(TrainingJobSettings settings) {
        if (settings.namespace() != null) {
            return settings.namespace();
        }
        String configured = client.getNamespace();
        return configured == null || configured.isBlank() ? "default" : configured;
    }

    public JobOutcome run(TrainingJobRequest request) throws InterruptedException {
        String namespace = namespace(request.settings());
        int maxAttempts = request.settings().retries() + 1;
        int evictions = 0;
        Attempt last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Job job = TrainingJobs.build(request, attempt, namespace);
            String name = job.getMetadata().getName();
            client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
            log.accept("kubernetes: created job " + namespace + "/" + name + " (image " + request.settings().image()
                    + (request.settings().gpu() > 0 ? ", " + request.settings().gpu() + " GPU" : "") + ", attempt "
                    + attempt + " of " + maxAttempts + ")");
            last = await(namespace, name, Instant.now().plus(request.settings().timeout()));
            if (last.status != JobOutcome.Status.EVICTED) {
                if (last.status == JobOutcome.Status.TIMED_OUT) {
                    delete(namespace, name);
                }
                return new JobOutcome(last.status, name, last.pod, attempt, evictions, last.reason, last.log);
            }
            evictions++;
            log.accept("kubernetes: pod " + last.pod + " was evicted (" + last.reason + ")"
                    + (attempt < maxAttempts ? "; resubmitting" : "; no retries left"));
            delete(namespace, name);
        }
        return new JobOutcome(JobOutcome.Status.EVICTED, request.jobName(maxAttempts), last.pod, maxAttempts, evictions,
                "evicted " + evictions + " time(s); gave up after " + request.settings().retries() + " resubmission(s)",
                last.log);
    }

    /** The state of one submitted Job. */
    private record Attempt(JobOutcome.Status status, String pod, String reason, String log) {
    }

    private Attempt await(String namespace, String jobName, Instant deadline) throws InterruptedException {
        Map<String, Follow> follows = new LinkedHashMap<>();
        try {
            while (true) {
                List<Pod> pods = client.pods().inNamespace(namespace).withLabel(TrainingJobs.LABEL_JOB, jobName)
                        .list().getItems().stream()
                        .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
                                : p.getMetadata().getCreationTimestamp()))
                        .toList();
                for (Pod pod : pods) {
                    String podName = pod.getMetadata().getName();
                    String phase = phase(pod);
                    Optional<String> eviction = eviction(pod);
                    if (eviction.isPresent()) {
                        return new Attempt(JobOutcome.Status.EVICTED, podName, eviction.get(), drain(namespace, follows, podName));
                    }
                    if (!"Pending".equals(phase) && !follows.containsKey(podName)) {
                        follows.put(podName, follow(namespace, podName));
                    }
                    if ("Failed".equals(phase)) {
                        return new Attempt(JobOutcome.Status.FAILED, podName, failure(pod), drain(namespace, follows, podName));
                    }
                    if ("Succeeded".equals(phase)) {
                        return new Attempt(JobOutcome.Status.SUCCEEDED, podName, null, drain(namespace, follows, podName));
                    }
                }
                Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
                String lastPod = pods.isEmpty() ? null : pods.get(pods.size() - 1).getMetadata().getName();
                if (job == null) {
                    return new Attempt(JobOutcome.Status.FAILED, lastPod, "job " + jobName + " was deleted", "");
                }
                if (condition(job, "Complete").isPresent()
                        || (job.getStatus() != null && job.getStatus().getSucceeded() != null
                        && job.getStatus().getSucceeded() > 0)) {
                    return new Attempt(JobOutcome.Status.SUCCEEDED, lastPod, null, drain(namespace, follows, lastPod));
                }
                Optional<JobCondition> failed = condition(job, "Failed");
                if (failed.isPresent()) {
                    return new Attempt(JobOutcome.Status.FAILED, lastPod, "job failed: " + failed.get().getReason()
                            + (failed.get().getMessage() == null ? "" : " (" + failed.get().getMessage() + ")"),
                            drain(namespace, follows, lastPod));
                }
                if (Instant.now().isAfter(deadline)) {
                    return new Attempt(JobOutcome.Status.TIMED_OUT, lastPod, "no result before the timeout",
                            drain(namespace, follows, lastPod));
                }
                Thread.sleep(pollInterval.toMillis());
            }
        } finally {
            follows.values().forEach(Follow::close);
        }
    }

    /** A followed container log. */
    private record Follow(LogLines lines, LogWatch watch) {
        void close() {
            if (watch != null) {
                watch.close();
            }
        }
    }

    private Follow follow(String namespace, String pod) {
        LogLines lines = new LogLines(line -> log.accept("  | " + line));
        try {
            LogWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(TrainingJobs.CONTAINER)
                    .watchLog(lines);
            return new Follow(lines, watch);
        } catch (KubernetesClientException e) {
            log.accept("kubernetes: cannot follow the log of " + pod + ": " + e.getMessage());
            return new Follow(lines, null);
        }
    }

    /**
     * Waits for a followed log to reach its end (the container has stopped, so the stream closes),
     * then returns it; reads the log once if it could not be followed.
     */
    private String drain(String namespace, Map<String, Follow> follows, String pod) throws InterruptedException {
        if (pod == null) {
            return "";
        }
        Follow f = follows.get(pod);
        if (f != null && f.watch() != null) {
            try {
                CompletableFuture<Throwable> closed = f.watch().onClose().toCompletableFuture();
                closed.get(LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.accept("kubernetes: the log of " + pod + " did not end in time; reading it once");
            }
            f.lines().close();
        }
        if (f == null || f.lines().isEmpty()) {
            try {
                String text = client.pods().inNamespace(namespace)
                        .withName(pod).inContainer(TrainingJobs.CONTAINER).getLog();
                return text == null ? "" : text;
            } catch (KubernetesClientException e) {
                return "";
            }
        }
        return f.lines().text();
    }

    private void delete(String namespace, String job) {
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(job)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            log.accept("kubernetes: cannot delete job " + job + ": " + e.getMessage());
        }
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    /** Why the pod was evicted, if it was: kubelet eviction (reason Evicted) or a disruption (preemption). */
    static Optional<String> eviction(Pod pod) {
        PodStatus s = pod.getStatus();
        if (s == null || !"Failed".equals(s.getPhase())) {
            return Optional.empty();
        }
        if ("Evicted".equals(s.getReason())) {
            return Optional.of(s.getMessage() == null ? "Evicted" : s.getMessage());
        }
        if (s.getConditions() != null) {
            for (PodCondition c : s.getConditions()) {
                if ("DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus())) {
                    return Optional.of(c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    private static String failure(Pod pod) {
        PodStatus s = pod.getStatus();
        if (s.getContainerStatuses() != null) {
            for (ContainerStatus cs : s.getContainerStatuses()) {
                ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
                if (t != null) {
                    return "container " + cs.getName() + " exited with code " + t.getExitCode()
                            + (t.getReason() == null ? "" : " (" + t.getReason() + ")");
                }
            }
        }
        return s.getReason() != null ? s.getReason() + (s.getMessage() == null ? "" : ": " + s.getMessage())
                : "pod failed";
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }
}

package dev.modelops.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the batch/v1 Job for a training attempt. GPUs are requested on the container as the
 * extended resource {@code nvidia.com/gpu} (limits, with equal requests), because that is the only
 * place the device plugin reads them; node selector and tolerations steer the pod to GPU nodes.
 * The Job never retries by itself ({@code backoffLimit: 0}): the runner decides, so an eviction is
 * retried and a failing training is not.
 */
public final class TrainingJobs {
    public static final String CONTAINER = "train";
    public static final String VOLUME = "workspace";
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String LABEL_MODEL = "modelops.dev/model";
    public static final String LABEL_JOB = "modelops.dev/job";
    public static final String LABEL_ATTEMPT = "modelops.dev/attempt";
    /** Keys of the basic-auth Secret named by {@code store_secret}. */
    public static final String SECRET_USER_KEY = "username";
    public static final String SECRET_PASSWORD_KEY = "password";
    private static final long TTL_AFTER_FINISHED_SECONDS = 24 * 3600;

    private TrainingJobs() {
    }

    public static Job build(TrainingJobRequest request, int attempt, String namespace) {
        TrainingJobSettings s = request.settings();
        String name = request.jobName(attempt);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_MANAGED_BY, "modelops");
        labels.put(LABEL_MODEL, labelValue(request.model()));
        labels.put(LABEL_JOB, name);
        labels.put(LABEL_ATTEMPT, String.valueOf(attempt));

        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (s.cpu() != null) {
            requests.put("cpu", new Quantity(s.cpu()));
            limits.put("cpu", new Quantity(s.cpu()));
        }
        if (s.memory() != null) {
            requests.put("memory", new Quantity(s.memory()));
            limits.put("memory", new Quantity(s.memory()));
        }
        if (s.gpu() > 0) {
            requests.put(GPU_RESOURCE, new Quantity(String.valueOf(s.gpu())));
            limits.put(GPU_RESOURCE, new Quantity(String.valueOf(s.gpu())));
        }
        List<EnvVar> env = new ArrayList<>();
        request.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        if (s.storeSecret() != null) {
            env.add(secretEnv("MODELOPS_STORE_USER", s.storeSecret(), SECRET_USER_KEY));
            env.add(secretEnv("MODELOPS_STORE_PASSWORD", s.storeSecret(), SECRET_PASSWORD_KEY));
        }
        List<Toleration> tolerations = s.tolerations().stream().map(TrainingJobs::toleration).toList();

        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(s.timeout().toSeconds())
                    .withTtlSecondsAfterFinished((int) TTL_AFTER_FINISHED_SECONDS)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withServiceAccountName(s.serviceAccount())
                            .withNodeSelector(s.nodeSelector().isEmpty() ? null : s.nodeSelector())
                            .withTolerations(tolerations)
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(s.image())
                                .withCommand(request.command())
                                .withWorkingDir(request.workingDir())
                                .withEnv(env)
                                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                                .addNewVolumeMount().withName(VOLUME).withMountPath(s.mountPath()).endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName(VOLUME)
                                .withNewPersistentVolumeClaim().withClaimName(s.volume()).endPersistentVolumeClaim()
                            .endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** A DNS-1123 label made from a model name: lower case, {@code [a-z0-9-]}, at most {@code max} characters. */
    public static String dnsLabel(String text, int max) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        s = s.replaceAll("^-+", "");
        if (s.length() > max) {
            s = s.substring(0, max);
        }
        s = s.replaceAll("-+$", "");
        return s.isEmpty() ? "model" : s;
    }

    private static String labelValue(String text) {
        String s = text.replaceAll("[^A-Za-z0-9_.-]+", "-");
        s = s.length() > 63 ? s.substring(0, 63) : s;
        return s.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(secret).withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static Toleration toleration(Map<String, String> t) {
        TolerationBuilder b = new TolerationBuilder().withKey(t.get("key")).withOperator(t.get("operator"))
                .withValue(t.get("value")).withEffect(t.get("effect"));
        if (t.get("tolerationSeconds") != null) {
            b.withTolerationSeconds(Long.parseLong(t.get("tolerationSeconds")));
        }
        return b.build();
    }
}

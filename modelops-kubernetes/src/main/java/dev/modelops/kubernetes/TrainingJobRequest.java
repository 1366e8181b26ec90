package dev.modelops.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training to run as a Kubernetes Job: what the container runs and with which settings. The
 * container runs the same {@code modelops step trainModel} a developer runs locally, so a Job
 * trains exactly what the spec says, in the image's CLI version.
 *
 * @param baseName Job name without the attempt suffix (DNS-1123, at most 55 characters)
 * @param model model name, kept as a label
 * @param command the container's command line
 * @param workingDir the container's working folder
 * @param env plain environment variables of the container (never credentials)
 * @param settings resources, placement and retry settings
 */
public record TrainingJobRequest(String baseName, String model, List<String> command, String workingDir,
                                 Map<String, String> env, TrainingJobSettings settings) {
    public TrainingJobRequest {
        command = List.copyOf(command);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** The Job name of an attempt: the base name, then {@code -r2}, {@code -r3} for resubmissions. */
    public String jobName(int attempt) {
        return attempt <= 1 ? baseName : baseName + "-r" + attempt;
    }
}

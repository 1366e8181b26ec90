package dev.modelops.lineage.query;

import dev.modelops.core.lineage.Entity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model version with the records that explain it: the data it was trained on, the run (and so
 * the code and the Jenkins build) that trained it, its newest metrics, the gate verdicts on it and
 * its deployments. What {@code lineage show}, {@code history} and the timeline page print.
 *
 * @param model the MODEL record
 * @param dataset the DATASET it was derived from, or null
 * @param parents MODEL records it was derived from (a hardened model's parent)
 * @param metrics the newest METRICS record that evaluated it, or null
 * @param run the final version of the PIPELINE_RUN that trained it, or null
 * @param verdicts GATE_VERDICT records on it, oldest first
 * @param deployments DEPLOYMENT records that used it, oldest first
 * @param championIn environments where this version is the champion now (newest ACTIVE deployment)
 */
public record ModelVersionView(Entity model, Entity dataset, List<Entity> parents, Entity metrics, Entity run,
                               List<Entity> verdicts, List<Entity> deployments, java.util.Set<String> championIn) {
    public ModelVersionView {
        parents = List.copyOf(parents);
        verdicts = List.copyOf(verdicts);
        deployments = List.copyOf(deployments);
        championIn = java.util.Set.copyOf(championIn);
    }

    /**
     * A deployment's state as a reader needs it today: an ACTIVE record of a version that a later
     * deployment replaced is history, not where the model runs now.
     */
    public String deploymentState(Entity deployment) {
        Object status = deployment.attributes().get("status");
        Object env = deployment.attributes().get("env");
        if ("ACTIVE".equals(status)) {
            return championIn.contains(String.valueOf(env)) ? "ACTIVE (champion)" : "ACTIVE then, since replaced";
        }
        return String.valueOf(status);
    }

    /** Metric values by name, sorted; empty when never evaluated. */
    public Map<String, Double> metricValues() {
        return metricValues(metrics);
    }

    static Map<String, Double> metricValues(Entity metrics) {
        Map<String, Double> out = new TreeMap<>();
        if (metrics != null && metrics.attributes().get("metrics") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Number n) {
                    out.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        return out;
    }

    /** The CI facts of the training run (build URL, job, build number, git commit, user). */
    public Map<String, Object> ci() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (run != null && run.attributes().get("ci") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    public String gitCommit() {
        Object c = ci().get("gitCommit");
        return c == null ? null : c.toString();
    }

    public String specHash() {
        Object h = model.attributes().get("specHash");
        if (h == null && run != null) {
            h = run.attributes().get("specHash");
        }
        return h == null ? null : h.toString();
    }

    public String runId() {
        Object id = model.attributes().get("runId");
        if (id == null && run != null) {
            id = run.attributes().get("runId");
        }
        return id == null ? null : id.toString();
    }
}

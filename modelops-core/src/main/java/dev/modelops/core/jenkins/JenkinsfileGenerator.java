package dev.modelops.core.jenkins;

import dev.modelops.core.exec.StepTypes;
import dev.modelops.core.plan.Plan;
import dev.modelops.core.plan.PlannedTask;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.spec.Platform;
import dev.modelops.core.spec.TriggerKind;
import dev.modelops.core.spec.TriggerSpec;
import dev.modelops.core.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the declarative Jenkinsfile for a pipeline of a spec, calling the ModelOps shared
 * library's steps: the ModelOps paper's code generation, aimed at Jenkins. One stage per task of
 * the plan, in plan order. Tasks a transformer inserted are not stages of their own: the library
 * step runs {@code modelops step}, which plans the same transformers again, so
 * {@code harden: true} and {@code monitorDrift: true} on the owning call bring them back (and any
 * other transformer's task is named in a comment). A model with {@code platform: kubernetes}
 * trains in a Jenkins GPU pod ({@code platform}, {@code gpu}, node selector and tolerations from
 * its {@code resources:}); a promotion asks the target environment's approvers for sign-off.
 */
public final class JenkinsfileGenerator {
    public static final String DEFAULT_AGENT_LABEL = "modelops";
    /** The name the library is registered under in Jenkins (jenkins-dev/casc.yaml). */
    public static final String LIBRARY = "modelops";

    private static final Map<String, String> STEPS = Map.of(
            StepTypes.TRAIN, "trainModel",
            StepTypes.EVALUATE, "evaluateModel",
            StepTypes.HARDEN, "hardenModel",
            StepTypes.COMPRESS, "compressModel",
            StepTypes.DEPLOY, "deployModel",
            StepTypes.PROMOTE, "promote",
            StepTypes.QUALITY_GATE, "qualityGate",
            StepTypes.VALIDATE_DATA, "validateData",
            StepTypes.CHECK_DRIFT, "checkDrift");
    /**
     * The {@code with:} parameters each library step takes as named arguments (in camelCase);
     * any other goes into its {@code with: [...]} map. Must match the library's StepCatalog
     * (a jenkins-dev test compares them).
     */
    private static final Map<String, Set<String>> NAMED = Map.of(
            StepTypes.TRAIN, Set.of("platform", "gpu"),
            StepTypes.HARDEN, Set.of("epsilon", "attack", "samples", "seed", "noise", "points", "batches", "radius",
                    "augment", "rounds"),
            StepTypes.COMPRESS, Set.of("format", "quantize", "max_accuracy_loss", "bits"),
            StepTypes.DEPLOY, Set.of("target", "replicas", "canary", "port", "image", "namespace", "health_timeout"),
            StepTypes.PROMOTE, Set.of("from"),
            StepTypes.QUALITY_GATE, Set.of("gates", "champion_env"),
            StepTypes.VALIDATE_DATA, Set.of("data"),
            StepTypes.CHECK_DRIFT, Set.of("data", "threshold", "checks"));
    /** The generic library step for any other step type. */
    public static final String GENERIC_STEP = "modelopsStep";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JenkinsfileGenerator() {
    }

    /**
     * Describes the Jenkins pipeline for a plan.
     *
     * @param spec the loaded spec
     * @param plan a plan of one of its pipelines
     * @param specPath the spec's path relative to the workspace, as the Jenkinsfile names it
     * @param agentLabel label of agents with the modelops CLI
     */
    public static JenkinsPipeline describe(ModelOpsSpec spec, Plan plan, String specPath, String agentLabel) {
        Map<String, Map<String, Object>> args = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        Map<String, String> steps = new LinkedHashMap<>();
        for (PlannedTask task : plan.tasks()) {
            String owner = task.dependsOn().isEmpty() ? null : task.dependsOn().get(0);
            if (task.origin().startsWith("transformer:") && owner != null && args.containsKey(owner)) {
                switch (task.origin()) {
                    case "transformer:harden" -> args.get(owner).put("harden", true);
                    case "transformer:monitor_drift" -> args.get(owner).put("monitorDrift", true);
                    default -> notes.get(owner).add("runs " + task.id() + " (" + task.type() + ") too, inserted by "
                            + task.origin());
                }
                continue;
            }
            steps.put(task.id(), STEPS.getOrDefault(task.type(), GENERIC_STEP));
            args.put(task.id(), arguments(spec, task));
            notes.put(task.id(), new ArrayList<>());
        }
        List<JenkinsStage> stages = new ArrayList<>();
        args.forEach((id, a) -> stages.add(new JenkinsStage(id, steps.get(id), a, notes.get(id))));
        List<String> cron = new ArrayList<>();
        for (TriggerSpec t : spec.triggers()) {
            if (t.on() == TriggerKind.SCHEDULE && plan.pipeline().equals(t.pipeline()) && t.schedule() != null) {
                cron.add(t.schedule());
            }
        }
        Map<String, List<String>> approvers = new LinkedHashMap<>();
        for (EnvironmentSpec env : spec.environments().values()) {
            if (!env.approvers().isEmpty()) {
                approvers.put(env.name(), env.approvers());
            }
        }
        return new JenkinsPipeline(specPath, spec.contentHash(), plan.pipeline(), plan.description(),
                spec.environment(), agentLabel == null ? DEFAULT_AGENT_LABEL : agentLabel, cron, stages, approvers);
    }

    private static Map<String, Object> arguments(ModelOpsSpec spec, PlannedTask task) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (!STEPS.containsKey(task.type())) {
            a.put("type", task.type());
        }
        ModelSpec model = task.model() == null ? null : spec.models().get(task.model());
        if (task.model() != null) {
            a.put("model", task.model());
        }
        if (task.dataset() != null && (model == null || !task.dataset().equals(model.dataset()))) {
            a.put("dataset", task.dataset());
        }
        if (task.env() != null) {
            a.put(StepTypes.PROMOTE.equals(task.type()) ? "to" : "env", task.env());
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        Set<String> named = namedParameters(task.type());
        task.with().forEach((k, v) -> {
            if (named.contains(k)) {
                a.put(camel(k), v);
            } else {
                rest.put(k, v);
            }
        });
        if (!rest.isEmpty()) {
            a.put("with", rest);
        }
        if (StepTypes.TRAIN.equals(task.type()) && model != null && model.platform() == Platform.KUBERNETES) {
            a.putIfAbsent("platform", model.platform().yamlName());
            Map<String, Object> r = model.resources();
            if (r.get("gpu") != null) {
                a.putIfAbsent("gpu", r.get("gpu"));
            }
            if (r.get("node_selector") != null) {
                a.put("nodeSelector", r.get("node_selector"));
            }
            if (r.get("tolerations") != null) {
                a.put("tolerations", r.get("tolerations"));
            }
        }
        if (StepTypes.PROMOTE.equals(task.type()) && task.env() != null) {
            EnvironmentSpec env = spec.environments().get(task.env());
            if (env != null && !env.approvers().isEmpty()) {
                a.put("submitter", String.join(",", env.approvers()));
            }
        }
        return a;
    }

    /** The {@code with:} parameters of a step type that its library step takes as named arguments. */
    public static Set<String> namedParameters(String type) {
        return NAMED.getOrDefault(type, Set.of());
    }

    /** The library step a task type runs through. */
    public static String libraryStep(String type) {
        return STEPS.getOrDefault(type, GENERIC_STEP);
    }

    /** The Jenkinsfile text. */
    public static String groovy(JenkinsPipeline p, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by `").append(command).append("`.\n");
        sb.append("// Spec sha256 ").append(p.specHash(), 0, Math.min(12, p.specHash().length()))
                .append(". Edit the spec and generate again instead of editing this file.\n");
        if (p.description() != null && !p.description().isBlank()) {
            for (String line : wrap(p.description().strip(), 96)) {
                sb.append("// ").append(line).append('\n');
            }
        }
        sb.append("@Library('").append(LIBRARY).append("') _\n\n");
        sb.append("pipeline {\n");
        sb.append("    agent { label ").append(literal(p.agentLabel())).append(" }\n");
        sb.append("    options {\n");
        sb.append("        buildDiscarder(logRotator(numToKeepStr: '30'))\n");
        sb.append("        disableConcurrentBuilds()\n");
        sb.append("    }\n");
        if (!p.cron().isEmpty()) {
            sb.append("    triggers {\n");
            for (String c : p.cron()) {
                sb.append("        cron(").append(literal(c)).append(")\n");
            }
            sb.append("    }\n");
        }
        sb.append("    environment {\n");
        sb.append("        MODELOPS_SPEC = ").append(literal(p.specPath())).append('\n');
        if (p.environment() != null) {
            sb.append("        MODELOPS_ENV = ").append(literal(p.environment())).append('\n');
        }
        sb.append("    }\n");
        sb.append("    stages {\n");
        for (JenkinsStage s : p.stages()) {
            sb.append("        stage(").append(literal(s.name())).append(") {\n");
            sb.append("            steps {\n");
            for (String note : s.notes()) {
                sb.append("                // ").append(note).append('\n');
            }
            sb.append("                ").append(s.step());
            if (!s.args().isEmpty()) {
                List<String> named = new ArrayList<>();
                s.args().forEach((k, v) -> named.add(key(k) + ": " + literal(v)));
                sb.append(' ').append(String.join(", ", named));
            } else {
                sb.append("()");
            }
            sb.append('\n');
            sb.append("            }\n");
            sb.append("        }\n");
        }
        sb.append("    }\n");
        sb.append("}\n");
        return sb.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The same description as JSON, for the library's {@code modelopsPipeline} step. */
    public static String json(JenkinsPipeline p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("spec", p.specPath());
        doc.put("specHash", p.specHash());
        doc.put("pipeline", p.pipeline());
        doc.put("description", p.description());
        doc.put("environment", p.environment());
        doc.put("agentLabel", p.agentLabel());
        doc.put("cron", p.cron());
        doc.put("approvers", p.approvers());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (JenkinsStage s : p.stages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("step", s.step());
            m.put("args", s.args());
            m.put("notes", s.notes());
            stages.add(m);
        }
        doc.put("stages", stages);
        return Json.pretty(doc);
    }

    /** {@code max_accuracy_loss} becomes {@code maxAccuracyLoss}, the way Jenkins steps name parameters. */
    public static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_' || c == '-') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static String key(String k) {
        return IDENTIFIER.matcher(k).matches() ? k : literal(k);
    }

    /** A Groovy literal for a YAML value: strings single-quoted, lists and maps in Groovy syntax. */
    static String literal(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(i -> items.add(literal(i)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "[:]";
            }
            List<String> entries = new ArrayList<>();
            map.forEach((k, val) -> entries.add(key(String.valueOf(k)) + ": " + literal(val)));
            return "[" + String.join(", ", entries) + "]";
        }
        String s = String.valueOf(v);
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}

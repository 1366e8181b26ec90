package dev.modelops.core.exec;

import dev.modelops.core.spec.ModelOpsSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the planner and validator need to know about a kind of task before anything runs: its
 * name in {@code modelops.yaml}, the parameters it accepts under {@code with} (and which values
 * each accepts), and whether it needs a model or a target environment.
 *
 * @param name the task {@code type}
 * @param summary one line for help and plans
 * @param parameters accepted keys under {@code with}
 * @param requiresModel whether {@code model:} must be given
 * @param requiresEnv whether {@code env:} must be given
 * @param rules the values a parameter accepts; a parameter without a rule accepts any value
 */
public record StepType(String name, String summary, Set<String> parameters, boolean requiresModel,
                       boolean requiresEnv, Map<String, ParamRule> rules) {
    public StepType {
        parameters = Set.copyOf(parameters);
        rules = Map.copyOf(rules);
        for (String key : rules.keySet()) {
            if (!parameters.contains(key)) {
                throw new IllegalArgumentException("step type " + name + ": a rule for undeclared parameter " + key);
            }
        }
    }

    /** A type whose parameters accept any value (a team's own step checks its values when it runs). */
    public StepType(String name, String summary, Set<String> parameters, boolean requiresModel, boolean requiresEnv) {
        this(name, summary, parameters, requiresModel, requiresEnv, Map.of());
    }

    /** A type whose parameters are exactly the keys of {@code rules}. */
    public static StepType of(String name, String summary, Map<String, ParamRule> rules, boolean requiresModel,
                              boolean requiresEnv) {
        return new StepType(name, summary, rules.keySet(), requiresModel, requiresEnv, rules);
    }

    /**
     * What is wrong with {@code with: {key: value}} for this type, or empty: an unknown key or a
     * value its rule rejects. The message does not name the place; callers add the spec line or flag.
     */
    public Optional<String> problem(String key, Object value, ModelOpsSpec spec) {
        if (!parameters.contains(key)) {
            return Optional.of("unknown parameter '" + key + "' for " + name + "; expected one of: "
                    + (parameters.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(parameters))));
        }
        ParamRule rule = rules.get(key);
        return rule == null || value == null ? Optional.empty() : rule.problem(value, spec);
    }

    /** Builds a parameter map in declaration order (Map.of allows only ten pairs). */
    static Map<String, ParamRule> params(Object... keysAndRules) {
        Map<String, ParamRule> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndRules.length; i += 2) {
            m.put((String) keysAndRules[i], (ParamRule) keysAndRules[i + 1]);
        }
        return m;
    }
}

package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A place a model runs (dev, staging, prod). Its {@code overrides} are a partial spec merged over
 * the whole spec when the environment is chosen with {@code --env}, so one file serves every
 * stage; {@code variables} override the spec's variable defaults the same way.
 *
 * @param name the key under {@code environments}
 * @param variables variable values for this environment
 * @param overrides a partial spec (e.g. {@code models: {m: {hyperparameters: {epochs: 20}}}})
 * @param approvers ids allowed to sign off a promotion into this environment (empty: anyone)
 * @param deploy deployment settings for this environment, read by the deploy step
 */
public record EnvironmentSpec(String name, Map<String, String> variables, Map<String, Object> overrides,
                              List<String> approvers, Map<String, Object> deploy) {
    public EnvironmentSpec {
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        deploy = deploy == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deploy));
    }

    public EnvironmentSpec withName(String newName) {
        return new EnvironmentSpec(newName, variables, overrides, approvers, deploy);
    }
}

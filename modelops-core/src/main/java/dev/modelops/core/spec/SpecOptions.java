package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a spec is loaded: which environment's overrides apply and which variables the command
 * line sets ({@code --env staging --set epochs=20}).
 *
 * @param environment environment name or null
 * @param overrides variable values from {@code --set}
 */
public record SpecOptions(String environment, Map<String, String> overrides) {
    public SpecOptions {
        overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    public static SpecOptions defaults() {
        return new SpecOptions(null, Map.of());
    }
}

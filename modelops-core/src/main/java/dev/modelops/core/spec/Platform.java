package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a model's training runs: in this process, or as a Job on a Kubernetes cluster. */
public enum Platform {
    LOCAL,
    KUBERNETES;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Platform parse(String text) {
        for (Platform p : values()) {
            if (p.yamlName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected local or kubernetes, got '" + text + "'");
    }
}

package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a model's training runs: in this process, or as a Job on a Kubernetes cluster. */
public enum Platform {
    LOCAL,
    KUBERNETES;

    @JsonValue
    public String yamlName() {
        return YamlEnums.yamlName(this);
    }

    @JsonCreator
    public static Platform parse(String text) {
        return YamlEnums.parse(Platform.class, text);
    }
}

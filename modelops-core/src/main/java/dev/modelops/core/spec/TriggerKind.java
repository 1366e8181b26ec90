package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What starts a pipeline without a person: new data, detected drift, or the clock. */
public enum TriggerKind {
    DATA_CHANGE,
    DRIFT,
    SCHEDULE;

    @JsonValue
    public String yamlName() {
        return YamlEnums.yamlName(this);
    }

    @JsonCreator
    public static TriggerKind parse(String text) {
        return YamlEnums.parse(TriggerKind.class, text);
    }
}

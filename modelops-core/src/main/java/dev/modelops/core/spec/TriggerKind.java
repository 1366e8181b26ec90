package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What starts a pipeline without a person: new data, detected drift, or the clock. */
public enum TriggerKind {
    DATA_CHANGE,
    DRIFT,
    SCHEDULE;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TriggerKind parse(String text) {
        for (TriggerKind k : values()) {
            if (k.yamlName().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("expected data_change, drift or schedule, got '" + text + "'");
    }
}

package dev.modelops.drift.profile;

import java.util.Locale;

/**
 * What a profiled column is to the model: an input feature, the label (target drift, and the
 * sign that performance can be measured), or a model output (prediction drift).
 */
public enum ColumnRole {
    FEATURE,
    LABEL,
    PREDICTION;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColumnRole parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}

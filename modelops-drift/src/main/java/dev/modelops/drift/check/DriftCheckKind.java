package dev.modelops.drift.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The parts of a drift check, each of which can be switched off ({@code checks:}). */
public enum DriftCheckKind {
    /** Per-feature distribution tests and the dataset-drift share. */
    FEATURES,
    /** The model's outputs on new data against its outputs on the training rows. */
    PREDICTION,
    /** The label's distribution, when new data carries labels (target drift). */
    LABEL,
    /** A classifier trained to tell reference rows from new rows. */
    DOMAIN,
    /** The model's metrics on labelled new data against its recorded metrics. */
    PERFORMANCE;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DriftCheckKind parse(String text) {
        for (DriftCheckKind k : values()) {
            if (k.yamlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown check '" + text + "'; expected one of: " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(DriftCheckKind::yamlName).collect(Collectors.joining(", "));
    }
}

package dev.modelops.drift.profile;

import java.util.Locale;

/** How a profiled column is summarised: numbers by sketch and statistics, categories by counts. */
public enum ColumnKind {
    NUMERIC,
    CATEGORICAL;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColumnKind parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}

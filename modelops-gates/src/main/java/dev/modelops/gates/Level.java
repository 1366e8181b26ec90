package dev.modelops.gates;

import java.util.Locale;

/**
 * What a declared check does to the gate when its condition does not hold: FAIL blocks the
 * pipeline, WARN is reported and lets it go on, IGNORE only records the measurement.
 */
public enum Level {
    FAIL,
    WARN,
    IGNORE;

    /** The verdict of a check at this level whose condition does not hold. */
    public Verdict onViolation() {
        return switch (this) {
            case FAIL -> Verdict.FAIL;
            case WARN -> Verdict.WARN;
            case IGNORE -> Verdict.PASS;
        };
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fail}, {@code warn} or {@code ignore}; throws with the expectation otherwise. */
    public static Level parse(Object value) {
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        for (Level l : values()) {
            if (l.yamlName().equals(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("expected fail, warn or ignore, got '" + value + "'");
    }
}

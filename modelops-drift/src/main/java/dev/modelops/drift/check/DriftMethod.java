package dev.modelops.drift.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A way to judge one column. {@link #AUTO} picks per column type and reference size as Evidently
 * does and requires both an effect size and a p-value; an explicit method decides alone.
 */
public enum DriftMethod {
    AUTO("auto", false, false),
    KS("ks", true, true),
    WASSERSTEIN("wasserstein", false, true),
    PSI("psi", false, false),
    JENSEN_SHANNON("jensenshannon", false, false),
    CHI_SQUARE("chisquare", true, false),
    Z_TEST("ztest", true, false);

    private final String yamlName;
    private final boolean pValueTest;
    private final boolean numericOnly;

    DriftMethod(String yamlName, boolean pValueTest, boolean numericOnly) {
        this.yamlName = yamlName;
        this.pValueTest = pValueTest;
        this.numericOnly = numericOnly;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Whether the method's statistic is a p-value (drift below the threshold) rather than a distance (drift at or above). */
    public boolean isPValueTest() {
        return pValueTest;
    }

    /** KS and Wasserstein need ordered numbers; the others also work on categories. */
    public boolean numericOnly() {
        return numericOnly;
    }

    /**
     * Why this method cannot judge a column, or null when it can: KS and Wasserstein need numbers.
     * The spec's {@code columns:} and the command line's {@code --method} give the same answer.
     */
    public String refusal(String column, boolean numericColumn) {
        return numericOnly && !numericColumn ? yamlName + " needs a numeric column; '" + column
                + "' is categorical (use psi, jensenshannon, chisquare or ztest)" : null;
    }

    public static DriftMethod parse(String text) {
        for (DriftMethod m : values()) {
            if (m.yamlName.equals(text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown drift method '" + text + "'; expected one of: " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(DriftMethod::yamlName).collect(Collectors.joining(", "));
    }
}

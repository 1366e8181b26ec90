package dev.modelops.gates;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting shared by messages and reports, independent of the machine's locale. */
final class Numbers {
    private Numbers() {
    }

    /** As written by a user: 0.8, 1.25, 30 (no trailing zeros). */
    static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** A measured value: four decimals, or a whole number as such. */
    static String fixed(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A share as a percentage with one decimal. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** NaN and infinities become null, so JSON and lineage hold only real numbers. */
    static Double orNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}

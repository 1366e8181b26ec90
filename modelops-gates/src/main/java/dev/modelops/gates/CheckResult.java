package dev.modelops.gates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verdict of one check, always with the measured value, the threshold and the reason in
 * words, so nobody has to guess why a model was not blessed.
 *
 * @param section the gate section ({@code metrics}, {@code champion}, {@code fairness}, {@code data}, ...)
 * @param check the check's name: the condition as written, or the data rule
 * @param status the verdict
 * @param value the measured value, or null when it could not be measured
 * @param threshold the threshold as text ({@code >= 0.8}, {@code in [0.8, 1.25]})
 * @param low the lowest acceptable value (for charts), or null
 * @param high the highest acceptable value (for charts), or null
 * @param reason why the verdict is what it is
 */
public record CheckResult(String section, String check, Verdict status, Double value, String threshold, Double low,
                          Double high, String reason) {

    /** The form lineage and JSON keep: {check, section, status, value, threshold, reason}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("section", section);
        m.put("check", check);
        m.put("status", status.name());
        m.put("value", value);
        m.put("threshold", threshold);
        m.put("reason", reason);
        return m;
    }

    /** {@code section: check}, the identity of a check across builds (JUnit trends by it). */
    public String qualifiedName() {
        return section + ": " + check;
    }
}

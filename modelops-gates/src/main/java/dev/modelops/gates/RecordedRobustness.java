package dev.modelops.gates;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Built-in robustness numbers: whatever hardenModel recorded in lineage for the judged version,
 * read from {@code attributes.robustness} of the MODEL record itself and of METRICS records that
 * EVALUATED it (newest last, so it wins). Nested values are flattened with underscores
 * ({@code robustness: {after: {clever_mean: 0.8}}} gives {@code after_clever_mean}).
 */
final class RecordedRobustness implements GateMeasurements {
    @Override
    public String section() {
        return Declarations.ROBUSTNESS;
    }

    @Override
    public Measured measure(Subject subject) {
        LineageStore store = subject.context().run().lineage();
        Entity version = subject.modelVersion();
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        if (flatten("", version.attributes().get("robustness"), values)) {
            sources.add("MODEL " + version.label());
        }
        for (Entity e : store.referrers(version.id(), Relation.EVALUATED)) {
            if (e.kind() == EntityKind.METRICS && flatten("", e.attributes().get("robustness"), values)) {
                sources.add("METRICS " + e.label());
            }
        }
        return new Measured(values, sources.isEmpty() ? "no robustness measurements recorded for " + version.label()
                + " (run hardenModel)" : "attributes.robustness of " + String.join(", ", sources));
    }

    private static boolean flatten(String prefix, Object value, Map<String, Double> into) {
        if (value instanceof Number n) {
            into.put(prefix, n.doubleValue());
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            boolean any = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                any |= flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "_" + e.getKey(), e.getValue(), into);
            }
            return any;
        }
        return false;
    }
}

package dev.modelops.gates;

import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.lineage.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The hook through which other modules feed a gate section with numbers: the hardening step's
 * robustness measurements, the drift module's drift scores. A provider measures; the gate
 * judges the user's declared conditions ({@code gates.robustness: ["clever_min >= 0.2"]})
 * against what it measured, with the same syntax, levels and reports as every other check.
 * Registered in {@code META-INF/services/dev.modelops.gates.GateMeasurements}; a provider found
 * there replaces the built-in one of the same section.
 */
public interface GateMeasurements {
    /** The {@code gates:} section it feeds, e.g. {@code robustness} or {@code drift}. */
    String section();

    /**
     * Measures a model version.
     *
     * @return the values by name (a declared name that is absent makes its check INCONCLUSIVE) and
     *         where they came from
     */
    Measured measure(Subject subject) throws Exception;

    /**
     * What is being judged.
     *
     * @param context the gate task's context (lineage, artifacts, spec)
     * @param modelVersion the model version
     * @param env the target environment, or null
     * @param data the dataset version the gate judges on
     */
    record Subject(StepContext context, Entity modelVersion, String env, LoadedDataset data) {
    }

    /**
     * Measurements and their provenance.
     *
     * @param values measured values by name
     * @param source where they came from, shown in reasons (e.g. {@code MODEL m@v3 attributes.robustness})
     */
    record Measured(Map<String, Double> values, String source) {
        public Measured {
            values = Map.copyOf(values);
        }
    }

    /** Installed providers, built-in ones last (so a module's provider for the same section wins). */
    static List<GateMeasurements> discover() {
        List<GateMeasurements> all = new ArrayList<>();
        ServiceLoader.load(GateMeasurements.class).forEach(all::add);
        all.add(new RecordedRobustness());
        return all;
    }
}

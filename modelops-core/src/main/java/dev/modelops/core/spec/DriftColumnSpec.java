package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How one column is judged for drift: the method ({@code ks}, {@code wasserstein}, {@code psi},
 * {@code jensenshannon}, {@code chisquare}, {@code ztest} or {@code auto}) and, optionally, its
 * own threshold. Written in full ({@code age: {method: psi, threshold: 0.2}}) or as the method
 * alone ({@code age: psi}).
 *
 * @param method the test, or null for the default choice
 * @param threshold the method's threshold (a distance, or a p-value for ks, chisquare and ztest), or null
 */
public record DriftColumnSpec(String method, Double threshold) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public DriftColumnSpec {
    }

    /** The short form {@code age: psi}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DriftColumnSpec ofMethod(String method) {
        return new DriftColumnSpec(method, null);
    }
}

package dev.modelops.drift.stream;

/**
 * An online change detector over a stream of numbers, typically a model's error stream (1 for a
 * wrong prediction, 0 for a right one) or a per-batch error rate. Each value is fed once; the
 * detector answers whether it signals a change at that value. Detectors restart (or shrink their
 * window) after a change, so one stream can show several.
 */
public interface ChangeDetector {
    /** Feeds the next value; true when a change is signalled at it. */
    boolean update(double value);

    /** Whether the detector is in its warning zone after the last value (DDM only). */
    default boolean warning() {
        return false;
    }

    /** Name and settings, for reports. */
    String describe();
}

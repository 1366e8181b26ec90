package dev.modelops.drift.steps;

import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepProvider;
import dev.modelops.core.exec.StepType;
import dev.modelops.core.exec.StepTypes;

/** Registers the drift steps with the engine (see {@code META-INF/services}). */
public final class DriftProviders {
    private DriftProviders() {
    }

    /** checkDrift. */
    public static final class CheckDrift implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.CHECK_DRIFT);
        }

        @Override
        public Step create() {
            return new CheckDriftStep();
        }
    }

    /** monitorDrift. */
    public static final class MonitorDrift implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.MONITOR_DRIFT);
        }

        @Override
        public Step create() {
            return new MonitorDriftStep();
        }
    }
}

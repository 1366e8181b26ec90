package dev.modelops.gates;

import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepProvider;
import dev.modelops.core.exec.StepType;
import dev.modelops.core.exec.StepTypes;

/** Registers the gate steps with the engine (see {@code META-INF/services}). */
public final class GateProviders {
    private GateProviders() {
    }

    /** qualityGate. */
    public static final class QualityGate implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.QUALITY_GATE);
        }

        @Override
        public Step create() {
            return new QualityGateStep();
        }
    }

    /** validateData. */
    public static final class ValidateData implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.VALIDATE_DATA);
        }

        @Override
        public Step create() {
            return new ValidateDataStep();
        }
    }
}

package dev.modelops.gates;

import dev.modelops.core.exec.BuiltInStepProvider;
import dev.modelops.core.exec.StepTypes;

/** Registers the gate steps with the engine (see {@code META-INF/services}). */
public final class GateProviders {
    private GateProviders() {
    }

    /** qualityGate. */
    public static final class QualityGate extends BuiltInStepProvider {
        public QualityGate() {
            super(StepTypes.QUALITY_GATE, QualityGateStep::new);
        }
    }

    /** validateData. */
    public static final class ValidateData extends BuiltInStepProvider {
        public ValidateData() {
            super(StepTypes.VALIDATE_DATA, ValidateDataStep::new);
        }
    }
}

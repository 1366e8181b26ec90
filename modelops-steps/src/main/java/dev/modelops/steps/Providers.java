package dev.modelops.steps;

import dev.modelops.core.exec.BuiltInStepProvider;
import dev.modelops.core.exec.StepTypes;

/** Registers this module's steps with the engine (see {@code META-INF/services}). */
public final class Providers {
    private Providers() {
    }

    /** trainModel. */
    public static final class Train extends BuiltInStepProvider {
        public Train() {
            super(StepTypes.TRAIN, TrainModel::new);
        }
    }

    /** evaluateModel. */
    public static final class Evaluate extends BuiltInStepProvider {
        public Evaluate() {
            super(StepTypes.EVALUATE, EvaluateModel::new);
        }
    }

    /** hardenModel. */
    public static final class Harden extends BuiltInStepProvider {
        public Harden() {
            super(StepTypes.HARDEN, HardenModel::new);
        }
    }

    /** compressModel. */
    public static final class Compress extends BuiltInStepProvider {
        public Compress() {
            super(StepTypes.COMPRESS, CompressModel::new);
        }
    }

    /** deployModel. */
    public static final class Deploy extends BuiltInStepProvider {
        public Deploy() {
            super(StepTypes.DEPLOY, DeployModel::new);
        }
    }

    /** promote. */
    public static final class PromoteProvider extends BuiltInStepProvider {
        public PromoteProvider() {
            super(StepTypes.PROMOTE, Promote::new);
        }
    }
}

package dev.modelops.steps;

import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepProvider;
import dev.modelops.core.exec.StepType;
import dev.modelops.core.exec.StepTypes;

/** Registers this module's steps with the engine (see {@code META-INF/services}). */
public final class Providers {
    private Providers() {
    }

    /** trainModel. */
    public static final class Train implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.TRAIN);
        }

        @Override
        public Step create() {
            return new TrainModel();
        }
    }

    /** evaluateModel. */
    public static final class Evaluate implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.EVALUATE);
        }

        @Override
        public Step create() {
            return new EvaluateModel();
        }
    }

    /** hardenModel. */
    public static final class Harden implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.HARDEN);
        }

        @Override
        public Step create() {
            return new HardenModel();
        }
    }

    /** compressModel. */
    public static final class Compress implements StepProvider {
        @Override
        public StepType type() {
            return StepTypes.builtIn().get(StepTypes.COMPRESS);
        }

        @Override
        public Step create() {
            return new CompressModel();
        }
    }
}

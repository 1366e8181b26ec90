package dev.modelops.core.exec;

import java.util.function.Supplier;

/**
 * A provider for one of the built-in step types: modules subclass it with a no-argument
 * constructor (ServiceLoader needs one), e.g.
 * {@code public Train() { super(StepTypes.TRAIN, TrainModel::new); }}.
 */
public abstract class BuiltInStepProvider implements StepProvider {
    private final StepType type;
    private final Supplier<Step> factory;

    protected BuiltInStepProvider(String typeName, Supplier<Step> factory) {
        StepType t = StepTypes.builtIn().get(typeName);
        if (t == null) {
            throw new IllegalArgumentException(typeName + " is not a built-in step type");
        }
        this.type = t;
        this.factory = factory;
    }

    @Override
    public final StepType type() {
        return type;
    }

    @Override
    public final Step create() {
        return factory.get();
    }
}

package dev.modelops.core.exec;

/**
 * Service-provider interface through which modules (and users' jars) plug a step
 * implementation into the engine. Registered in {@code META-INF/services}.
 */
public interface StepProvider {
    /** The type this provider implements; may be a built-in type or a new one. */
    StepType type();

    /** A fresh step; steps may keep per-task state. */
    Step create();
}

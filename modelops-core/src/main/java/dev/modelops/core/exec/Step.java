package dev.modelops.core.exec;

/**
 * One unit of work in a pipeline (train, evaluate, harden, deploy, ...). The one small interface
 * every lifecycle capability implements, so the executor, the CLI and Jenkins treat them alike.
 * A step reports expected failures (a failing gate, unusable data) in its {@link StepResult};
 * it throws only for bugs and environment failures, which the executor reports with the cause.
 */
public interface Step {
    StepResult run(StepContext context) throws Exception;
}

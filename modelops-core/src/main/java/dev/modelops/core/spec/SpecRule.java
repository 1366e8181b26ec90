package dev.modelops.core.spec;

/**
 * A semantic check a module contributes to spec validation (the ML module checks trainer names
 * and hyperparameters, the gates module gate declarations). Registered through
 * {@code META-INF/services}, so {@code modelops validate} knows every rule of the installed
 * modules while core stays free of them.
 */
public interface SpecRule {
    void check(ModelOpsSpec spec, Problems problems);
}

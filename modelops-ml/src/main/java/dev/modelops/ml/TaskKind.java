package dev.modelops.ml;

/** The learning problem a trainer solves; it decides how labels are read and which metrics apply. */
public enum TaskKind {
    CLASSIFICATION,
    REGRESSION
}

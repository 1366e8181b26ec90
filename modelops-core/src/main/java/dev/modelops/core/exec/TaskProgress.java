package dev.modelops.core.exec;

/** Where a long-running step reports how far it is; the CLI draws it, tests ignore it. */
public interface TaskProgress {
    /**
     * @param message what is happening now
     * @param fraction 0..1, or a negative number when unknown
     */
    void update(String message, double fraction);

    TaskProgress NONE = (message, fraction) -> {
    };
}

package dev.modelops.core;

/**
 * A problem with what the user gave us (a spec, a data file, a flag), as opposed to a bug or a
 * failing task. It carries the place ({@code modelops.yaml:14} or {@code data.csv:120}) so the
 * CLI can print one line a user can act on and exit with status 2, without a stack trace.
 */
public class InputError extends RuntimeException {
    private final String place;
    private final String problem;

    public InputError(String place, String problem) {
        super(place == null || place.isBlank() ? problem : place + ": " + problem);
        this.place = place;
        this.problem = problem;
    }

    public InputError(String place, String problem, Throwable cause) {
        super(place == null || place.isBlank() ? problem : place + ": " + problem, cause);
        this.place = place;
        this.problem = problem;
    }

    /** Where the problem is: a file, optionally with a line, or empty. */
    public String place() {
        return place == null ? "" : place;
    }

    /** What is wrong and what was expected, without the place. */
    public String problem() {
        return problem;
    }
}

package dev.modelops.core.spec;

import dev.modelops.core.InputError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem found while validating a spec, each tied to a field path, so a user
 * sees all of them at once, sorted by line, one line each.
 */
public final class Problems {
    /** One problem: the place ({@code file:line}), the field path and what is wrong. */
    public record Problem(String place, int line, String path, String message) {
        public String render() {
            return place + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message;
        }
    }

    private final SourceLocations locations;
    private final List<Problem> found = new ArrayList<>();

    public Problems(SourceLocations locations) {
        this.locations = locations;
    }

    public void add(String path, String message) {
        found.add(new Problem(locations.place(path), locations.line(path), path, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line));
        return sorted;
    }

    /** Throws if anything was found; the exception's message holds one line per problem. */
    public void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        throw new SpecInvalid(list());
    }

    /** A spec that failed validation; {@link #getMessage()} lists every problem, one per line. */
    public static final class SpecInvalid extends InputError {
        private final List<Problem> problems;

        SpecInvalid(List<Problem> problems) {
            super("", String.join("\n", problems.stream().map(Problem::render).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}

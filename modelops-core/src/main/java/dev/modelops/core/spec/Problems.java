package dev.modelops.core.spec;

import dev.modelops.core.InputError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    private final Set<String> reported = new HashSet<>();

    public Problems(SourceLocations locations) {
        this.locations = locations;
    }

    /**
     * Adds a problem. A step parameter's value ({@code ...with.KEY}) gets one line: the first
     * problem found for it (the planner checks values before module rules see them), so a value
     * two checks reject is not reported twice.
     */
    public void add(String path, String message) {
        if (!reported.add(path.contains(".with.") ? path : path + "\n" + message)) {
            return;
        }
        // a path a command made up (modelops step's single task) is named by its flag alone
        found.add(new Problem(locations.place(path), locations.line(path),
                locations.commandPlace(path).isPresent() ? "" : locations.shown(path), message));
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

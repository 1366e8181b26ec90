package dev.modelops.core.exec;

import dev.modelops.core.InputError;
import dev.modelops.core.data.CsvBatches;
import dev.modelops.core.spec.CronSchedule;
import dev.modelops.core.spec.ModelOpsSpec;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What values one {@code with:} parameter of a step type accepts. A step type declares these so
 * that {@code modelops validate}, the planner and {@code modelops step --with KEY=VALUE} reject a
 * mistyped value ({@code format: onx}, {@code port: notaport}) with its place before anything
 * runs, instead of a task failing half-way through a pipeline. A rule only judges the value on
 * its own (and names of the spec's environments); checks that combine several settings (an image
 * for target kubernetes) stay in the step. Values are accepted as YAML gives them (numbers,
 * booleans) or as text ({@code --with} and {@code ${variables}} give text).
 */
public interface ParamRule {
    /**
     * What is wrong with {@code value}, or empty when it is acceptable.
     *
     * @param value the value as written (never null)
     * @param spec the spec it belongs to (for rules naming environments)
     */
    Optional<String> problem(Object value, ModelOpsSpec spec);

    /** Any value: checked by the step or a module's spec rule (e.g. quality gate declarations). */
    static ParamRule any() {
        return (value, spec) -> Optional.empty();
    }

    /** A single value (no list or mapping), e.g. a path or a name. */
    static ParamRule text() {
        return (value, spec) -> scalar(value) ? Optional.empty()
                : Optional.of("expected a single value, got " + shape(value));
    }

    /** One of the given words, exactly as written. */
    static ParamRule oneOf(String... allowed) {
        List<String> words = List.of(allowed);
        return (value, spec) -> !scalar(value) || !words.contains(String.valueOf(value))
                ? Optional.of("expected one of " + String.join(", ", words) + ", got " + shown(value))
                : Optional.empty();
    }

    /** One of the given lower-case words, in any case and with surrounding blanks (as the step reads it). */
    static ParamRule oneOfIgnoringCase(String... allowed) {
        List<String> words = List.of(allowed);
        return (value, spec) -> !scalar(value)
                || !words.contains(String.valueOf(value).trim().toLowerCase(Locale.ROOT))
                ? Optional.of("expected one of " + String.join(", ", words) + ", got " + shown(value))
                : Optional.empty();
    }

    /** A whole number in {@code [min, max]}. */
    static ParamRule integer(long min, long max) {
        String expected = "a whole number in [" + min + ", " + (max == Integer.MAX_VALUE ? "2147483647" : max) + "]";
        return (value, spec) -> {
            Double d = number(value);
            return d == null || d != Math.rint(d) || d < min || d > max
                    ? Optional.of("expected " + expected + ", got " + shown(value)) : Optional.empty();
        };
    }

    /**
     * A finite number between {@code min} and {@code max}; each bound inclusive or not. Use
     * {@link Double#POSITIVE_INFINITY} for no upper bound.
     */
    static ParamRule number(double min, boolean minInclusive, double max, boolean maxInclusive) {
        String expected = "a number " + (minInclusive ? ">= " : "> ") + fmt(min)
                + (Double.isInfinite(max) ? "" : (maxInclusive ? " and <= " : " and < ") + fmt(max));
        return (value, spec) -> {
            Double d = number(value);
            boolean ok = d != null && Double.isFinite(d) && (minInclusive ? d >= min : d > min)
                    && (maxInclusive ? d <= max : d < max);
            return ok ? Optional.empty() : Optional.of("expected " + expected + ", got " + shown(value));
        };
    }

    /** {@code true} or {@code false}. */
    static ParamRule bool() {
        return (value, spec) -> value instanceof Boolean
                || (scalar(value) && List.of("true", "false").contains(String.valueOf(value).trim().toLowerCase(Locale.ROOT)))
                ? Optional.empty() : Optional.of("expected true or false, got " + shown(value));
    }

    /** A Jenkins cron schedule: five fields (minute hour day month weekday), {@code H} allowed ({@link CronSchedule}). */
    static ParamRule cron() {
        return (value, spec) -> scalar(value) ? CronSchedule.problem(String.valueOf(value))
                : Optional.of("expected " + CronSchedule.FORM + ", got " + shown(value));
    }

    /** Text matching {@code regex} entirely; {@code what} says in words what that is. */
    static ParamRule matching(String regex, String what) {
        Pattern pattern = Pattern.compile(regex);
        return (value, spec) -> scalar(value) && pattern.matcher(String.valueOf(value)).matches()
                ? Optional.empty() : Optional.of("expected " + what + ", got " + shown(value));
    }

    /** A CSV file, relative to the spec's folder as the steps resolve it, that exists (validateData's {@code data}). */
    static ParamRule dataFile() {
        return (value, spec) -> {
            if (!scalar(value)) {
                return Optional.of("expected a CSV file, got " + shape(value));
            }
            Path file = dataPath(value, spec);
            return Files.isRegularFile(file) ? Optional.empty()
                    : Optional.of(Files.isDirectory(file) ? "expected a CSV file, got the folder " + file
                    : "file not found: " + file);
        };
    }

    /** A CSV file or a folder holding at least one {@code .csv} batch, relative to the spec's folder (checkDrift's {@code data}). */
    static ParamRule dataFileOrFolder() {
        return (value, spec) -> {
            if (!scalar(value)) {
                return Optional.of("expected a CSV batch or a folder of batches, got " + shape(value));
            }
            Path data = dataPath(value, spec);
            try {
                CsvBatches.of(data, null);
                return Optional.empty();
            } catch (InputError e) {
                return Optional.of(e.problem());
            } catch (UncheckedIOException e) {
                return Optional.of(e.getMessage() + ": " + e.getCause().getMessage());
            }
        };
    }

    /**
     * A folder relative to the spec's folder that the step creates if needed (monitorDrift's
     * {@code data}): refused only when a file stands where the folder would be.
     */
    static ParamRule folderToCreate() {
        return (value, spec) -> {
            if (!scalar(value)) {
                return Optional.of("expected a folder, got " + shape(value));
            }
            Path folder = dataPath(value, spec);
            for (Path p = folder; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    return Optional.of("expected a folder, but " + p + " is a file");
                }
            }
            return Optional.empty();
        };
    }

    /** Where a step reads a {@code data} path: relative paths are resolved against the spec's folder. */
    static Path dataPath(Object value, ModelOpsSpec spec) {
        return spec.baseDir().resolve(String.valueOf(value)).normalize();
    }

    /** The name of an environment declared in the spec. */
    static ParamRule environment() {
        return (value, spec) -> scalar(value) && spec.environments().containsKey(String.valueOf(value))
                ? Optional.empty()
                : Optional.of("unknown environment " + shown(value) + "; known: "
                        + (spec.environments().isEmpty() ? "(none declared)" : String.join(", ", spec.environments().keySet())));
    }

    private static boolean scalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>);
    }

    private static String shape(Object value) {
        return value instanceof Map<?, ?> ? "a mapping" : "a list";
    }

    /** A value as messages show it: numbers and booleans as written in YAML, text quoted. */
    private static String shown(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return scalar(value) ? "'" + value + "'" : shape(value);
    }

    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (!scalar(value) || value instanceof Boolean) {
            return null;
        }
        try {
            return Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}

package dev.modelops.gates;

import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One declared check: a condition, what happens when it does not hold ({@link Level}), and an
 * optional stricter warn condition on the same measure. Written as a string
 * ({@code "accuracy >= 0.80"}, level fail) or a mapping
 * ({@code {check: "accuracy >= 0.80", warn: "accuracy >= 0.83"}},
 * {@code {check: "auc >= 0.75", level: warn}}).
 *
 * @param condition the condition
 * @param warn a stricter condition whose violation (while {@code condition} holds) gives WARN, or null
 * @param level what a violation of {@code condition} gives
 * @param path where it was declared (a spec display path), for messages
 */
public record Check(Condition condition, Condition warn, Level level, String path) {
    private static final Set<String> KEYS = Set.of("check", "level", "warn");

    /** The check's name in reports and JUnit: the condition as written. */
    public String name() {
        return condition.text();
    }

    /**
     * Reads one list item; reports problems to {@code problem(path, message)} and returns null
     * when the item is unusable.
     */
    static Check read(Object item, String path, BiConsumer<String, String> problem) {
        if (item instanceof String text) {
            try {
                return new Check(Condition.parse(text), null, Level.FAIL, path);
            } catch (IllegalArgumentException e) {
                problem.accept(path, e.getMessage());
                return null;
            }
        }
        if (!(item instanceof Map<?, ?> map)) {
            problem.accept(path, "expected a condition such as \"accuracy >= 0.8\" or a mapping {check: ..., level: warn}, got "
                    + Declarations.describe(item));
            return null;
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problem.accept(path + "." + key, "unknown key '" + key + "'; expected check, level, warn");
            }
        }
        Object text = map.get("check");
        if (!(text instanceof String)) {
            problem.accept(path, "a check mapping needs 'check: \"METRIC OP VALUE\"'");
            return null;
        }
        Condition condition;
        try {
            condition = Condition.parse((String) text);
        } catch (IllegalArgumentException e) {
            problem.accept(path + ".check", e.getMessage());
            return null;
        }
        Level level = Level.FAIL;
        if (map.get("level") != null) {
            try {
                level = Level.parse(map.get("level"));
            } catch (IllegalArgumentException e) {
                problem.accept(path + ".level", e.getMessage());
            }
        }
        Condition warn = null;
        if (map.get("warn") != null) {
            try {
                warn = Condition.parse(String.valueOf(map.get("warn")));
                if (!warn.measure().equals(condition.measure())) {
                    problem.accept(path + ".warn", "the warn condition must judge the same measure as the check ('"
                            + condition.measure() + "'), got '" + warn.measure() + "'");
                    warn = null;
                }
            } catch (IllegalArgumentException e) {
                problem.accept(path + ".warn", e.getMessage());
            }
        }
        return new Check(condition, warn, level, path);
    }
}

package dev.modelops.gates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The gates a model declares under {@code models.<m>.gates}, parsed from the free mapping the spec
 * keeps. One parser serves spec validation (which reports every problem with its line) and the
 * gate step (which runs what parsed).
 *
 * <pre>
 * gates:
 *   metrics:  ["accuracy &gt;= 0.80", {check: "auc &gt;= 0.75", warn: "auc &gt;= 0.78"}]
 *   champion: ["auc &gt;= champion.auc - 0.01", "accuracy &gt;= champion.accuracy - 1%"]
 *   fairness: {attribute: colour, privileged: White, checks: ["disparate_impact in [0.8, 1.25]"]}
 *   data:     {max_missing: 0.05, duplicates: warn, label_balance: 0.1}
 *   robustness: ["noise_accuracy &gt;= 0.75"]
 * </pre>
 *
 * @param metrics thresholds on evaluation metrics
 * @param champion comparisons with the champion of the target environment
 * @param fairness fairness gates, one per protected attribute
 * @param data data-validation rules (defaults when not declared)
 * @param measured checks of sections whose numbers come from {@link GateMeasurements} providers
 *                 ({@code robustness}, {@code drift}, ...), by section
 * @param declared the sections actually written
 */
public record Declarations(List<Check> metrics, List<Check> champion, List<FairnessDeclaration> fairness,
                           DataRules data, Map<String, List<Check>> measured, Set<String> declared) {
    public static final String METRICS = "metrics";
    public static final String CHAMPION = "champion";
    public static final String FAIRNESS = "fairness";
    public static final String DATA = "data";
    public static final String ROBUSTNESS = "robustness";
    public static final String DRIFT = "drift";
    /** Sections whose checks judge a trained model (everything but {@code data}). */
    public static final List<String> MODEL_SECTIONS = List.of(METRICS, CHAMPION, FAIRNESS, ROBUSTNESS, DRIFT);

    /**
     * The section names a task's {@code with.gates} narrows to, trimmed and in order: a YAML list
     * ({@code [metrics, fairness]}) or comma-separated text ({@code metrics,fairness}, what
     * {@code --with gates=...} gives). The spec check and the task read them the same way.
     */
    static List<String> sectionNames(Object with) {
        List<?> items = with instanceof List<?> l ? l : List.of((Object[]) String.valueOf(with).split(","));
        return items.stream().map(n -> String.valueOf(n).trim()).toList();
    }

    private static final Set<String> FAIRNESS_KEYS = Set.of("attribute", "privileged", "favorable", "min_group_size",
            "checks");
    private static final Set<String> DATA_KEYS = Set.of("max_missing", "duplicates", "label_balance",
            "unexpected_columns", "ranges", "categories", "level");

    public Declarations {
        metrics = List.copyOf(metrics);
        champion = List.copyOf(champion);
        fairness = List.copyOf(fairness);
        measured = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measured));
        declared = Set.copyOf(declared);
    }

    public static Declarations none() {
        return new Declarations(List.of(), List.of(), List.of(), DataRules.defaults(), Map.of(), Set.of());
    }

    /** Whether any check on a trained model is declared. */
    public boolean hasModelChecks() {
        return !metrics.isEmpty() || !champion.isEmpty() || !fairness.isEmpty()
                || measured.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /** Keeps only the named sections (a qualityGate task's {@code with.gates: [metrics, fairness]}). */
    public Declarations only(Set<String> sections) {
        Map<String, List<Check>> keptMeasured = new LinkedHashMap<>();
        measured.forEach((k, v) -> {
            if (sections.contains(k)) {
                keptMeasured.put(k, v);
            }
        });
        Set<String> keptDeclared = new TreeSet<>(declared);
        keptDeclared.retainAll(sections);
        return new Declarations(sections.contains(METRICS) ? metrics : List.of(),
                sections.contains(CHAMPION) ? champion : List.of(),
                sections.contains(FAIRNESS) ? fairness : List.of(),
                sections.contains(DATA) ? data : DataRules.defaults(), keptMeasured, keptDeclared);
    }

    /**
     * Parses a {@code gates:} mapping.
     *
     * @param gates the mapping (may be empty)
     * @param path its display path, e.g. {@code models.m.gates}
     * @param measuredSections sections fed by measurement providers besides the built-in ones
     * @param problem receives (path, message) for each problem; the result then leaves the bad parts out
     */
    public static Declarations parse(Map<String, Object> gates, String path, Set<String> measuredSections,
                                     BiConsumer<String, String> problem) {
        Set<String> measuredKnown = new TreeSet<>(measuredSections);
        measuredKnown.add(ROBUSTNESS);
        measuredKnown.add(DRIFT);
        List<Check> metrics = List.of();
        List<Check> champion = List.of();
        List<FairnessDeclaration> fairness = List.of();
        DataRules data = DataRules.defaults();
        Map<String, List<Check>> measured = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : gates.entrySet()) {
            String key = e.getKey();
            String p = path + "." + key;
            Object value = e.getValue();
            switch (key) {
                case METRICS -> metrics = checks(value, p, problem);
                case CHAMPION -> {
                    champion = checks(value, p, problem);
                    for (Check c : champion) {
                        if (!c.condition().refersToChampion()) {
                            problem.accept(c.path(), "a champion check compares with the champion, e.g. '"
                                    + c.condition().measure() + " >= champion." + c.condition().measure()
                                    + " - 0.01'; put absolute thresholds under metrics");
                        }
                    }
                }
                case FAIRNESS -> fairness = fairness(value, p, problem);
                case DATA -> data = data(value, p, problem);
                default -> {
                    if (measuredKnown.contains(key)) {
                        measured.put(key, checks(value, p, problem));
                    } else {
                        Set<String> known = new TreeSet<>(measuredKnown);
                        known.addAll(List.of(METRICS, CHAMPION, FAIRNESS, DATA));
                        problem.accept(p, "unknown gate section '" + key + "'; expected one of: " + String.join(", ", known));
                    }
                }
            }
            if (!CHAMPION.equals(key)) {
                forEachCheck(key, metrics, fairness, measured, c -> {
                    if (c.condition().refersToChampion() || (c.warn() != null && c.warn().refersToChampion())) {
                        problem.accept(c.path(), "only checks under champion may refer to the champion");
                    }
                });
            }
        }
        return new Declarations(metrics, champion, fairness, data, measured, gates.keySet());
    }

    private static void forEachCheck(String key, List<Check> metrics, List<FairnessDeclaration> fairness,
                                     Map<String, List<Check>> measured, java.util.function.Consumer<Check> action) {
        switch (key) {
            case METRICS -> metrics.forEach(action);
            case FAIRNESS -> fairness.forEach(f -> f.checks().forEach(action));
            default -> measured.getOrDefault(key, List.of()).forEach(action);
        }
    }

    static List<Check> checks(Object value, String path, BiConsumer<String, String> problem) {
        if (value == null) {
            return List.of();
        }
        List<Object> items;
        if (value instanceof List<?> list) {
            items = new ArrayList<>(list);
        } else if (value instanceof String || value instanceof Map) {
            items = List.of(value);
        } else {
            problem.accept(path, "expected a list of conditions such as [\"accuracy >= 0.8\"], got " + describe(value));
            return List.of();
        }
        List<Check> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String p = value instanceof List ? path + "[" + i + "]" : path;
            Check c = Check.read(items.get(i), p, problem);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<FairnessDeclaration> fairness(Object value, String path, BiConsumer<String, String> problem) {
        List<FairnessDeclaration> out = new ArrayList<>();
        if (value instanceof Map<?, ?>) {
            FairnessDeclaration f = fairnessOne(value, path, problem);
            if (f != null) {
                out.add(f);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                FairnessDeclaration f = fairnessOne(list.get(i), path + "[" + i + "]", problem);
                if (f != null) {
                    out.add(f);
                }
            }
        } else {
            problem.accept(path, "expected a mapping {attribute: COLUMN, privileged: VALUE, checks: [...]}, got "
                    + describe(value));
        }
        return out;
    }

    private static FairnessDeclaration fairnessOne(Object value, String path, BiConsumer<String, String> problem) {
        if (!(value instanceof Map<?, ?> map)) {
            problem.accept(path, "expected a mapping {attribute: COLUMN, privileged: VALUE, checks: [...]}, got "
                    + describe(value));
            return null;
        }
        for (Object key : map.keySet()) {
            if (!FAIRNESS_KEYS.contains(String.valueOf(key))) {
                problem.accept(path + "." + key, "unknown key '" + key + "'; expected one of: "
                        + String.join(", ", new TreeSet<>(FAIRNESS_KEYS)));
            }
        }
        boolean ok = true;
        Object attribute = map.get("attribute");
        if (attribute == null || attribute instanceof Map || attribute instanceof List) {
            problem.accept(path, "a fairness gate needs 'attribute: COLUMN', the protected attribute");
            ok = false;
        }
        List<String> privileged = new ArrayList<>();
        Object p = map.get("privileged");
        if (p instanceof List<?> list && !list.isEmpty()) {
            list.forEach(v -> privileged.add(String.valueOf(v)));
        } else if (p != null && !(p instanceof Map) && !(p instanceof List)) {
            privileged.add(String.valueOf(p));
        } else {
            problem.accept(path, "a fairness gate needs 'privileged: VALUE' (or a list of values): the privileged group");
            ok = false;
        }
        int minGroup = FairnessDeclaration.DEFAULT_MIN_GROUP_SIZE;
        if (map.get("min_group_size") != null) {
            Double v = number(map.get("min_group_size"));
            if (v == null || v < 1 || v != Math.rint(v)) {
                problem.accept(path + ".min_group_size", "expected a whole number >= 1, got '" + map.get("min_group_size") + "'");
            } else {
                minGroup = v.intValue();
            }
        }
        Object favorable = map.get("favorable");
        List<Check> checks = checks(map.get("checks"), path + ".checks", problem);
        if (map.get("checks") == null) {
            problem.accept(path, "a fairness gate needs checks, e.g. [\"disparate_impact in [0.8, 1.25]\", "
                    + "\"statistical_parity_difference within 0.1\"]");
            ok = false;
        }
        for (Check c : checks) {
            if (!Fairness.METRICS.contains(c.condition().measure())) {
                problem.accept(c.path(), "unknown fairness metric '" + c.condition().measure() + "'; expected one of: "
                        + String.join(", ", Fairness.METRICS));
            }
        }
        return ok ? new FairnessDeclaration(String.valueOf(attribute), privileged,
                favorable == null ? null : String.valueOf(favorable), minGroup, checks, path) : null;
    }

    private static DataRules data(Object value, String path, BiConsumer<String, String> problem) {
        DataRules d = DataRules.defaults();
        if (!(value instanceof Map<?, ?> map)) {
            problem.accept(path, "expected a mapping such as {max_missing: 0.05, duplicates: warn}, got " + describe(value));
            return d;
        }
        for (Object key : map.keySet()) {
            if (!DATA_KEYS.contains(String.valueOf(key))) {
                problem.accept(path + "." + key, "unknown key '" + key + "'; expected one of: "
                        + String.join(", ", new TreeSet<>(DATA_KEYS)));
            }
        }
        Level level = Level.FAIL;
        if (map.get("level") != null) {
            level = level(map.get("level"), path + ".level", problem, Level.FAIL);
        }
        DataRules.Threshold missing = d.maxMissing();
        Map<String, Double> byColumn = new LinkedHashMap<>();
        Object mm = map.get("max_missing");
        if (mm instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!Set.of("max", "level", "columns").contains(String.valueOf(key))) {
                    problem.accept(path + ".max_missing." + key, "unknown key '" + key + "'; expected max, level, columns");
                }
            }
            Double max = m.get("max") == null ? DataRules.DEFAULT_MAX_MISSING : share(m.get("max"), path + ".max_missing.max", problem);
            Level l = m.get("level") == null ? level : level(m.get("level"), path + ".max_missing.level", problem, level);
            missing = new DataRules.Threshold(max == null ? DataRules.DEFAULT_MAX_MISSING : max, l);
            if (m.get("columns") instanceof Map<?, ?> cols) {
                cols.forEach((c, v) -> {
                    Double s = share(v, path + ".max_missing.columns." + c, problem);
                    if (s != null) {
                        byColumn.put(String.valueOf(c), s);
                    }
                });
            } else if (m.get("columns") != null) {
                problem.accept(path + ".max_missing.columns", "expected a mapping of column names to shares, e.g. {age: 0.2}");
            }
        } else if (mm != null) {
            Double s = share(mm, path + ".max_missing", problem);
            missing = new DataRules.Threshold(s == null ? DataRules.DEFAULT_MAX_MISSING : s, level);
        }
        DataRules.Threshold duplicates = limitOrLevel(map.get("duplicates"), path + ".duplicates", "max", level,
                d.duplicates(), problem);
        DataRules.Threshold balance = d.labelBalance();
        Object lb = map.get("label_balance");
        if (lb instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!Set.of("min", "level").contains(String.valueOf(key))) {
                    problem.accept(path + ".label_balance." + key, "unknown key '" + key + "'; expected min, level");
                }
            }
            Double s = m.get("min") == null ? null : share(m.get("min"), path + ".label_balance.min", problem);
            if (m.get("min") == null) {
                problem.accept(path + ".label_balance", "expected {min: SHARE}: the smallest share the rarest class may have");
            }
            Level l = m.get("level") == null ? level : level(m.get("level"), path + ".label_balance.level", problem, level);
            balance = new DataRules.Threshold(s, s == null ? Level.IGNORE : l);
        } else if (lb != null) {
            Double s = share(lb, path + ".label_balance", problem);
            balance = new DataRules.Threshold(s, s == null ? Level.IGNORE : level);
        }
        Level unexpected = map.get("unexpected_columns") == null ? d.unexpectedColumns()
                : level(map.get("unexpected_columns"), path + ".unexpected_columns", problem, d.unexpectedColumns());
        Level ranges = map.get("ranges") == null ? d.ranges() : level(map.get("ranges"), path + ".ranges", problem, d.ranges());
        Level categories = map.get("categories") == null ? d.categories()
                : level(map.get("categories"), path + ".categories", problem, d.categories());
        return new DataRules(missing, byColumn, duplicates, balance, unexpected, ranges, categories, path);
    }

    /** {@code fail|warn|ignore} (any occurrence), a number (a share limit) or {max: N, level: L}. */
    private static DataRules.Threshold limitOrLevel(Object value, String path, String limitKey, Level defaultLevel,
                                                    DataRules.Threshold fallback, BiConsumer<String, String> problem) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!Set.of(limitKey, "level").contains(String.valueOf(key))) {
                    problem.accept(path + "." + key, "unknown key '" + key + "'; expected " + limitKey + ", level");
                }
            }
            Double s = m.get(limitKey) == null ? 0.0 : share(m.get(limitKey), path + "." + limitKey, problem);
            Level l = m.get("level") == null ? defaultLevel : level(m.get("level"), path + ".level", problem, defaultLevel);
            return new DataRules.Threshold(s == null ? 0.0 : s, l);
        }
        if (number(value) != null) {
            Double s = share(value, path, problem);
            return new DataRules.Threshold(s == null ? 0.0 : s, defaultLevel);
        }
        try {
            Level l = Level.parse(value);
            return new DataRules.Threshold(l == Level.IGNORE ? null : 0.0, l);
        } catch (IllegalArgumentException e) {
            problem.accept(path, "expected fail, warn, ignore, a share (0..1) or {" + limitKey + ": SHARE, level: warn}, got '"
                    + value + "'");
            return fallback;
        }
    }

    private static Level level(Object value, String path, BiConsumer<String, String> problem, Level fallback) {
        try {
            return Level.parse(value);
        } catch (IllegalArgumentException e) {
            problem.accept(path, e.getMessage());
            return fallback;
        }
    }

    private static Double share(Object value, String path, BiConsumer<String, String> problem) {
        Double v = number(value);
        if (v == null || v < 0 || v > 1) {
            problem.accept(path, "expected a share between 0 and 1 (e.g. 0.05 for 5%), got '" + value + "'");
            return null;
        }
        return v;
    }

    static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return "'" + value + "'";
    }
}

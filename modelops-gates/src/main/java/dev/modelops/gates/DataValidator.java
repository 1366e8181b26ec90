package dev.modelops.gates;

import dev.modelops.core.InputError;
import dev.modelops.core.data.CsvTables;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates a data file against its dataset's declared schema and a model's data rules before
 * anything trains on it, in the way TFX's data validation does: columns present, types,
 * missing-value rates, value ranges, categories, duplicate rows and label balance. The file is
 * read leniently (unlike the loader training uses, which stops at the first bad cell), so a
 * renamed column, a re-typed column and a mostly-empty column each produce their own verdict
 * naming the column and the numbers, all in one report.
 */
public final class DataValidator {
    /** Check names, stable across builds so JUnit trends line up. */
    public static final String READABLE = "file is readable CSV";
    public static final String COLUMNS = "declared columns present";
    public static final String UNEXPECTED = "no undeclared columns";
    public static final String TYPES = "column types";
    public static final String MISSING = "missing values";
    public static final String RANGES = "value ranges";
    public static final String CATEGORIES = "categories";
    public static final String DUPLICATES = "duplicate rows";
    public static final String LABEL_BALANCE = "label balance";
    private static final String SECTION = Declarations.DATA;
    private static final int EXAMPLES = 3;
    private static final String ABSENT = "not checked: missing from the file";

    private DataValidator() {
    }

    /**
     * The outcome of validating a file.
     *
     * @param checks one verdict per rule
     * @param table the rows as read, or null when the file could not be read as CSV
     */
    public record Result(List<CheckResult> checks, Table table) {
        public Verdict status() {
            return Verdict.overall(checks.stream().map(CheckResult::status).toList());
        }
    }

    /**
     * @param dataset the declared dataset (its schema and missing-value markers)
     * @param file the CSV to validate (the dataset's own file or a new batch)
     * @param rules the model's data rules
     * @param label the label column for the balance check, or null
     */
    public static Result validate(DatasetSpec dataset, Path file, DataRules rules, String label) {
        Table table;
        try {
            table = CsvTables.read(file, new HashSet<>(dataset.missing()));
        } catch (InputError e) {
            return new Result(List.of(new CheckResult(SECTION, READABLE, Verdict.FAIL, null, "readable", null, null,
                    e.getMessage())), null);
        }
        String name = file.getFileName().toString();
        List<CheckResult> out = new ArrayList<>();
        Map<String, ColumnSpec> schema = dataset.schema();
        List<String> absent = schema.keySet().stream().filter(c -> !table.hasColumn(c)).toList();
        List<String> extra = table.columns().stream().filter(c -> !schema.containsKey(c)).toList();
        out.add(columns(dataset, name, absent, extra));
        out.add(unexpected(dataset, extra, rules.unexpectedColumns()));
        out.add(types(schema, table, name));
        out.add(missing(schema, table, rules));
        out.add(ranges(schema, table, rules.ranges()));
        out.add(categories(schema, table, rules.categories()));
        out.add(duplicates(table, rules.duplicates()));
        if (label != null) {
            out.add(labelBalance(table, label, rules.labelBalance()));
        }
        return new Result(out, table);
    }

    private static CheckResult columns(DatasetSpec dataset, String file, List<String> absent, List<String> extra) {
        int declared = dataset.schema().size();
        if (absent.isEmpty()) {
            return new CheckResult(SECTION, COLUMNS, Verdict.PASS, 0.0, "= 0 absent", null, 0.0,
                    "all " + declared + " declared columns are in the header of " + file);
        }
        StringBuilder why = new StringBuilder();
        for (String c : absent) {
            why.append(why.length() == 0 ? "" : "; ").append("column '").append(c).append("' (declared ")
                    .append(dataset.schema().get(c).type().yamlName()).append(") is missing from the header of ").append(file);
        }
        if (!extra.isEmpty()) {
            why.append("; the file has undeclared column").append(extra.size() > 1 ? "s " : " ")
                    .append(quoted(extra)).append(absent.size() == 1 && extra.size() == 1 ? " (renamed?)" : "");
        }
        return new CheckResult(SECTION, COLUMNS, Verdict.FAIL, (double) absent.size(), "= 0 absent", null, 0.0, why.toString());
    }

    private static CheckResult unexpected(DatasetSpec dataset, List<String> extra, Level level) {
        if (extra.isEmpty()) {
            return new CheckResult(SECTION, UNEXPECTED, Verdict.PASS, 0.0, "= 0 undeclared", null, 0.0,
                    "every column of the file is declared in datasets." + dataset.name() + ".schema");
        }
        String why = "column" + (extra.size() > 1 ? "s " : " ") + quoted(extra) + (extra.size() > 1 ? " are" : " is")
                + " not declared in datasets." + dataset.name() + ".schema";
        return new CheckResult(SECTION, UNEXPECTED, level.onViolation(), (double) extra.size(), "= 0 undeclared", null, 0.0,
                level == Level.IGNORE ? why + " (ignored by unexpected_columns: ignore)" : why);
    }

    private static CheckResult types(Map<String, ColumnSpec> schema, Table table, String file) {
        List<String> problems = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        int bad = 0;
        for (Map.Entry<String, ColumnSpec> e : schema.entrySet()) {
            ColumnType type = e.getValue().type();
            if (!type.isNumeric()) {
                continue;
            }
            if (!table.hasColumn(e.getKey())) {
                skipped.put(e.getKey(), ABSENT);
                continue;
            }
            int c = table.columnIndex(e.getKey());
            int notNumber = 0;
            int notWhole = 0;
            int present = 0;
            List<String> examples = new ArrayList<>();
            for (int r = 0; r < table.size(); r++) {
                String cell = table.text(r, c);
                if (cell == null) {
                    continue;
                }
                present++;
                double v = parse(cell);
                if (Double.isNaN(v)) {
                    notNumber++;
                } else if (type == ColumnType.INTEGER && v != Math.rint(v)) {
                    notWhole++;
                } else {
                    continue;
                }
                if (examples.size() < EXAMPLES) {
                    examples.add("'" + cell + "' (line " + table.lineOf(r) + ")");
                }
            }
            if (notNumber + notWhole > 0) {
                bad += notNumber + notWhole;
                String what = notNumber > 0 ? notNumber + " of " + present + " values are not numbers"
                        : notWhole + " of " + present + " values are not whole numbers";
                if (notNumber > 0 && notWhole > 0) {
                    what += " and " + notWhole + " are not whole numbers";
                }
                problems.add("column '" + e.getKey() + "' (declared " + type.yamlName() + "): " + what + ", e.g. "
                        + String.join(", ", examples));
            }
        }
        if (problems.isEmpty()) {
            return new CheckResult(SECTION, TYPES, Verdict.PASS, 0.0, "= 0 mistyped", null, 0.0,
                    "every value of the " + (skipped.isEmpty() ? "" : "present ") + "numeric columns of " + file
                    + " is a number of its declared type" + notChecked(skipped));
        }
        return new CheckResult(SECTION, TYPES, Verdict.FAIL, (double) bad, "= 0 mistyped", null, 0.0,
                String.join("; ", problems) + notChecked(skipped));
    }

    private static CheckResult missing(Map<String, ColumnSpec> schema, Table table, DataRules rules) {
        List<String> over = new ArrayList<>();
        double worst = 0;
        String worstColumn = null;
        Map<String, String> skipped = new LinkedHashMap<>();
        int checked = 0;
        for (String column : schema.keySet()) {
            if (!table.hasColumn(column)) {
                skipped.put(column, ABSENT);
                continue;
            }
            if (table.size() == 0) {
                continue;
            }
            checked++;
            int c = table.columnIndex(column);
            int missing = 0;
            for (int r = 0; r < table.size(); r++) {
                if (table.isMissing(r, c)) {
                    missing++;
                }
            }
            double share = (double) missing / table.size();
            double limit = rules.missingLimit(column);
            if (share > limit + 1e-12) {
                over.add("column '" + column + "': " + Numbers.percent(share) + " missing (" + missing + " of " + table.size()
                        + " rows), above the limit " + Numbers.percent(limit));
            }
            if (worstColumn == null || share > worst) {
                worst = share;
                worstColumn = column;
            }
        }
        double limit = rules.maxMissing().limit();
        String threshold = "<= " + Numbers.plain(limit) + (rules.missingByColumn().isEmpty() ? "" : " (per-column limits)");
        if (over.isEmpty()) {
            String why;
            if (worstColumn == null) {
                why = table.size() == 0 ? "no rows to check" : "no declared column is in the file";
            } else if (skipped.isEmpty()) {
                why = worst == 0 ? "no declared column has missing values"
                        : "every declared column is within its missing-value limit; most missing: '" + worstColumn + "' "
                        + Numbers.percent(worst);
            } else {
                why = worst == 0 ? "none of the " + checked + " checkable declared columns has missing values"
                        : "each of the " + checked + " checkable declared columns is within its missing-value limit; "
                        + "most missing: '" + worstColumn + "' " + Numbers.percent(worst);
            }
            return new CheckResult(SECTION, MISSING, Verdict.PASS, worst, threshold, null, limit, why + notChecked(skipped));
        }
        Level level = rules.maxMissing().level();
        return new CheckResult(SECTION, MISSING, level.onViolation(), worst, threshold, null, limit,
                String.join("; ", over) + (level == Level.FAIL ? "" : " [level " + level.yamlName() + "]") + notChecked(skipped));
    }

    private static CheckResult ranges(Map<String, ColumnSpec> schema, Table table, Level level) {
        List<String> problems = new ArrayList<>();
        int outside = 0;
        int checked = 0;
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnSpec> e : schema.entrySet()) {
            ColumnSpec col = e.getValue();
            if (!col.type().isNumeric() || (col.min() == null && col.max() == null)) {
                continue;
            }
            if (!table.hasColumn(e.getKey())) {
                skipped.put(e.getKey(), ABSENT);
                continue;
            }
            int c = table.columnIndex(e.getKey());
            int present = 0;
            int notNumber = 0;
            for (int r = 0; r < table.size(); r++) {
                if (!table.isMissing(r, c)) {
                    present++;
                    if (Double.isNaN(parse(table.text(r, c)))) {
                        notNumber++;
                    }
                }
            }
            if (present > 0 && notNumber == present) {
                skipped.put(e.getKey(), "not checked: not numeric");
                continue;
            }
            if (notNumber > 0) {
                skipped.put(e.getKey(), "partly checked: " + notNumber + " of " + present + " values are not numbers");
            }
            checked++;
            int count = 0;
            List<String> examples = new ArrayList<>();
            for (int r = 0; r < table.size(); r++) {
                double v = table.isMissing(r, c) ? Double.NaN : parse(table.text(r, c));
                if (Double.isNaN(v)) {
                    continue;
                }
                if ((col.min() != null && v < col.min()) || (col.max() != null && v > col.max())) {
                    count++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(table.text(r, c) + " (line " + table.lineOf(r) + ")");
                    }
                }
            }
            if (count > 0) {
                outside += count;
                problems.add("column '" + e.getKey() + "': " + count + " value" + (count > 1 ? "s" : "") + " outside ["
                        + (col.min() == null ? "-inf" : Numbers.plain(col.min())) + ", "
                        + (col.max() == null ? "inf" : Numbers.plain(col.max())) + "], e.g. " + String.join(", ", examples));
            }
        }
        if (problems.isEmpty()) {
            String why;
            if (checked == 0) {
                why = skipped.isEmpty() ? "no numeric column declares min or max"
                        : "no column with a declared min/max could be checked";
            } else {
                why = "every " + (skipped.values().stream().anyMatch(v -> v.startsWith("partly")) ? "numeric " : "")
                        + "value of the " + checked + (skipped.values().stream().allMatch(v -> v.startsWith("partly")) ? "" : " checkable") + " column"
                        + (checked > 1 ? "s" : "") + " with a declared min/max is within it";
            }
            return new CheckResult(SECTION, RANGES, Verdict.PASS, 0.0, "= 0 outside", null, 0.0, why + notChecked(skipped));
        }
        return new CheckResult(SECTION, RANGES, level.onViolation(), (double) outside, "= 0 outside", null, 0.0,
                String.join("; ", problems) + levelNote(level, "ranges") + notChecked(skipped));
    }

    private static CheckResult categories(Map<String, ColumnSpec> schema, Table table, Level level) {
        List<String> problems = new ArrayList<>();
        int unknown = 0;
        int checked = 0;
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnSpec> e : schema.entrySet()) {
            ColumnSpec col = e.getValue();
            if (col.type() != ColumnType.CATEGORICAL || col.values().isEmpty()) {
                continue;
            }
            if (!table.hasColumn(e.getKey())) {
                skipped.put(e.getKey(), ABSENT);
                continue;
            }
            checked++;
            Set<String> allowed = new HashSet<>(col.values());
            int c = table.columnIndex(e.getKey());
            Map<String, Integer> counts = new TreeMap<>();
            for (int r = 0; r < table.size(); r++) {
                String cell = table.text(r, c);
                if (cell != null && !allowed.contains(cell)) {
                    counts.merge(cell, 1, Integer::sum);
                }
            }
            if (!counts.isEmpty()) {
                int total = counts.values().stream().mapToInt(Integer::intValue).sum();
                unknown += total;
                List<String> shown = new ArrayList<>();
                counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                        .forEach(v -> shown.add("'" + v.getKey() + "' (" + v.getValue() + " rows)"));
                problems.add("column '" + e.getKey() + "': " + total + " value" + (total > 1 ? "s" : "")
                        + " outside the declared categories " + col.values() + ": " + String.join(", ", shown)
                        + (counts.size() > 5 ? " and " + (counts.size() - 5) + " more" : ""));
            }
        }
        if (problems.isEmpty()) {
            String why;
            if (checked == 0) {
                why = skipped.isEmpty() ? "no categorical column declares its values"
                        : "no categorical column with declared values could be checked";
            } else {
                why = "every value of the " + checked + (skipped.isEmpty() ? "" : " checkable") + " categorical column"
                        + (checked > 1 ? "s" : "") + " with declared values is one of them";
            }
            return new CheckResult(SECTION, CATEGORIES, Verdict.PASS, 0.0, "= 0 undeclared values", null, 0.0,
                    why + notChecked(skipped));
        }
        return new CheckResult(SECTION, CATEGORIES, level.onViolation(), (double) unknown, "= 0 undeclared values", null, 0.0,
                String.join("; ", problems) + levelNote(level, "categories") + notChecked(skipped));
    }

    private static CheckResult duplicates(Table table, DataRules.Threshold rule) {
        Set<List<String>> seen = new HashSet<>();
        int duplicates = 0;
        int firstLine = -1;
        for (int r = 0; r < table.size(); r++) {
            if (!seen.add(Arrays.asList(table.row(r)))) {
                duplicates++;
                if (firstLine < 0) {
                    firstLine = table.lineOf(r);
                }
            }
        }
        double share = table.size() == 0 ? 0 : (double) duplicates / table.size();
        String measured = duplicates + " of " + table.size() + " rows (" + Numbers.percent(share) + ") repeat an earlier row"
                + (firstLine > 0 ? ", the first at line " + firstLine : "");
        if (rule.limit() == null || rule.level() == Level.IGNORE) {
            return new CheckResult(SECTION, DUPLICATES, Verdict.PASS, share, "not limited", null, null,
                    measured + " (not limited; declare gates.data.duplicates to limit them)");
        }
        String threshold = "<= " + Numbers.plain(rule.limit());
        if (share > rule.limit() + 1e-12) {
            return new CheckResult(SECTION, DUPLICATES, rule.level().onViolation(), share, threshold, null, rule.limit(),
                    measured + ", above the limit " + Numbers.percent(rule.limit()) + levelNote(rule.level(), "duplicates"));
        }
        return new CheckResult(SECTION, DUPLICATES, Verdict.PASS, share, threshold, null, rule.limit(),
                measured + ", within the limit " + Numbers.percent(rule.limit()));
    }

    private static CheckResult labelBalance(Table table, String label, DataRules.Threshold rule) {
        if (!table.hasColumn(label)) {
            return new CheckResult(SECTION, LABEL_BALANCE, Verdict.FAIL, null, "label present", null, null,
                    "the label column '" + label + "' is missing, so no model can train on this file");
        }
        int c = table.columnIndex(label);
        Map<String, Integer> counts = new LinkedHashMap<>();
        int labelled = 0;
        for (int r = 0; r < table.size(); r++) {
            String cell = table.text(r, c);
            if (cell != null) {
                counts.merge(cell, 1, Integer::sum);
                labelled++;
            }
        }
        String threshold = rule.limit() == null ? "not limited" : ">= " + Numbers.plain(rule.limit());
        if (counts.size() < 2) {
            return new CheckResult(SECTION, LABEL_BALANCE, Verdict.FAIL, counts.isEmpty() ? null : 0.0, threshold,
                    rule.limit(), null, "label '" + label + "' has " + (counts.isEmpty() ? "no values"
                    : "a single class '" + counts.keySet().iterator().next() + "'") + "; a classifier needs at least two");
        }
        final int n = labelled;
        Map.Entry<String, Integer> rarest = counts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        double share = (double) rarest.getValue() / n;
        List<String> shares = new ArrayList<>();
        counts.forEach((k, v) -> shares.add(k + " " + Numbers.percent((double) v / n)));
        String measured = "rarest class '" + rarest.getKey() + "' of '" + label + "' has " + Numbers.percent(share) + " of "
                + n + " labelled rows (" + String.join(", ", shares) + ")";
        if (rule.limit() == null || rule.level() == Level.IGNORE) {
            return new CheckResult(SECTION, LABEL_BALANCE, Verdict.PASS, share, threshold, null, null,
                    measured + " (not limited; declare gates.data.label_balance to limit it)");
        }
        if (share < rule.limit() - 1e-12) {
            return new CheckResult(SECTION, LABEL_BALANCE, rule.level().onViolation(), share, threshold, rule.limit(), null,
                    measured + ", below the minimum " + Numbers.percent(rule.limit()) + levelNote(rule.level(), "label_balance"));
        }
        return new CheckResult(SECTION, LABEL_BALANCE, Verdict.PASS, share, threshold, rule.limit(), null,
                measured + ", at least the minimum " + Numbers.percent(rule.limit()));
    }

    /**
     * The columns a check left out (or checked only in part) and why, e.g. " (age not checked: not
     * numeric)", so a PASS never speaks for a column it could not look at; empty when it checked
     * every column it applies to.
     */
    private static String notChecked(Map<String, String> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        skipped.forEach((column, why) -> parts.add(column + " " + why));
        return " (" + String.join("; ", parts) + ")";
    }

    private static String levelNote(Level level, String key) {
        return switch (level) {
            case FAIL -> "";
            case WARN -> " [level warn]";
            case IGNORE -> " (ignored by " + key + ": ignore)";
        };
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

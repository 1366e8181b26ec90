package dev.modelops.core.data;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row predicate of the form {@code column op value} ({@code year <= 1999},
 * {@code region == "north"}), used to split training from test rows by a column. Numbers compare
 * numerically, anything else as text; a missing cell never matches.
 *
 * @param column the column compared
 * @param operator one of {@code <= < >= > == !=}
 * @param value the literal, unquoted
 */
public record RowFilter(String column, String operator, String value) {
    private static final Pattern FORM = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*(<=|>=|==|!=|<|>)\\s*(\"[^\"]*\"|'[^']*'|[^\\s\"']+)\\s*");
    public static final List<String> OPERATORS = List.of("<=", "<", ">=", ">", "==", "!=");

    /** Parses the expression; throws IllegalArgumentException with the expected form. */
    public static RowFilter parse(String expression) {
        Matcher m = FORM.matcher(expression == null ? "" : expression);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected 'column op value' with op one of <= < >= > == !=, got '"
                    + expression + "'");
        }
        String value = m.group(3);
        if ((value.startsWith("\"") && value.endsWith("\"")) || (value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return new RowFilter(m.group(1), m.group(2), value);
    }

    public boolean test(Table table, int row) {
        String cell = table.text(row, column);
        if (cell == null) {
            return false;
        }
        int cmp;
        try {
            cmp = Double.compare(Double.parseDouble(cell), Double.parseDouble(value));
        } catch (NumberFormatException e) {
            cmp = cell.compareTo(value);
        }
        return switch (operator) {
            case "<=" -> cmp <= 0;
            case "<" -> cmp < 0;
            case ">=" -> cmp >= 0;
            case ">" -> cmp > 0;
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            default -> throw new IllegalStateException("operator " + operator);
        };
    }

    @Override
    public String toString() {
        return column + " " + operator + " " + value;
    }
}

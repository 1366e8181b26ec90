package dev.modelops.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a CSV file held as text cells ({@code null} for a missing cell) with their header.
 * Kept deliberately simple: steps convert it to what they need (Tribuo examples, profiles), and
 * the original cell text stays available for validation messages.
 */
public final class Table {
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final List<String[]> rows;
    private final int[] lines;

    public Table(List<String> columns, List<String[]> rows) {
        this(columns, rows, null);
    }

    /**
     * @param lines the file line each row started on, or null when the rows did not come from a file
     */
    public Table(List<String> columns, List<String[]> rows, int[] lines) {
        this.columns = List.copyOf(columns);
        this.index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        this.rows = rows;
        this.lines = lines;
    }

    /** The file line a row came from (for messages), or its 1-based position after the header. */
    public int lineOf(int row) {
        return lines == null ? row + 2 : lines[row];
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    public int columnIndex(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + name + "'; columns: " + String.join(", ", columns));
        }
        return i;
    }

    /** The cell text, or null when missing. */
    public String text(int row, int column) {
        return rows.get(row)[column];
    }

    public String text(int row, String column) {
        return text(row, columnIndex(column));
    }

    /** The cell as a number, or NaN when missing or not numeric. */
    public double number(int row, int column) {
        String cell = rows.get(row)[column];
        if (cell == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public double number(int row, String column) {
        return number(row, columnIndex(column));
    }

    public boolean isMissing(int row, int column) {
        return rows.get(row)[column] == null;
    }

    /** A table of the given rows, in the given order. */
    public Table select(int[] rowIndexes) {
        List<String[]> picked = new ArrayList<>(rowIndexes.length);
        int[] pickedLines = new int[rowIndexes.length];
        for (int i = 0; i < rowIndexes.length; i++) {
            picked.add(rows.get(rowIndexes[i]));
            pickedLines[i] = lineOf(rowIndexes[i]);
        }
        return new Table(columns, picked, pickedLines);
    }

    /** The raw row (do not modify). */
    public String[] row(int row) {
        return rows.get(row);
    }
}

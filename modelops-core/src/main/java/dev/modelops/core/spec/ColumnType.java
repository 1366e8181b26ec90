package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a dataset column is read and turned into features. */
public enum ColumnType {
    /** Real-valued; missing cells are allowed and counted. */
    NUMERIC,
    /** Whole numbers, read as numbers but validated as integers. */
    INTEGER,
    /** A finite set of string values; one-hot encoded as {@code column@value} features. */
    CATEGORICAL,
    /** Free text: kept in the table, never a feature. */
    TEXT;

    public boolean isNumeric() {
        return this == NUMERIC || this == INTEGER;
    }

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType parse(String text) {
        for (ColumnType t : values()) {
            if (t.yamlName().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("expected one of " + known() + ", got '" + text + "'");
    }

    public static String known() {
        return Arrays.stream(values()).map(ColumnType::yamlName).collect(Collectors.joining(", "));
    }
}

package dev.modelops.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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
        return YamlEnums.yamlName(this);
    }

    @JsonCreator
    public static ColumnType parse(String text) {
        return YamlEnums.parse(ColumnType.class, text);
    }

    public static String known() {
        return YamlEnums.known(ColumnType.class);
    }
}

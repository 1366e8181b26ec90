package dev.modelops.drift.profile;

/**
 * The profile of one column: its name, role and kind, and either its numeric summary or its
 * category counts. Mergeable with the profile of the same column from another batch.
 */
public final class ColumnProfile {
    private final String name;
    private final ColumnRole role;
    private final ColumnKind kind;
    private final NumericSummary numeric;
    private final CategoryCounts categories;

    private ColumnProfile(String name, ColumnRole role, ColumnKind kind, NumericSummary numeric,
                          CategoryCounts categories) {
        this.name = name;
        this.role = role;
        this.kind = kind;
        this.numeric = numeric;
        this.categories = categories;
    }

    public static ColumnProfile numeric(String name, ColumnRole role) {
        return new ColumnProfile(name, role, ColumnKind.NUMERIC, new NumericSummary(), null);
    }

    public static ColumnProfile numeric(String name, ColumnRole role, NumericSummary summary) {
        return new ColumnProfile(name, role, ColumnKind.NUMERIC, summary, null);
    }

    public static ColumnProfile categorical(String name, ColumnRole role) {
        return new ColumnProfile(name, role, ColumnKind.CATEGORICAL, null, new CategoryCounts());
    }

    public static ColumnProfile categorical(String name, ColumnRole role, CategoryCounts counts) {
        return new ColumnProfile(name, role, ColumnKind.CATEGORICAL, null, counts);
    }

    /** An empty profile of the same column (same name, role and kind). */
    public ColumnProfile emptyLike() {
        return kind == ColumnKind.NUMERIC
                ? new ColumnProfile(name, role, kind, new NumericSummary(numeric.sketchK(), NumericSummary.EXACT_CAPACITY), null)
                : categorical(name, role);
    }

    public String name() {
        return name;
    }

    public ColumnRole role() {
        return role;
    }

    public ColumnKind kind() {
        return kind;
    }

    public NumericSummary numeric() {
        if (numeric == null) {
            throw new IllegalStateException("column " + name + " is categorical");
        }
        return numeric;
    }

    public CategoryCounts categories() {
        if (categories == null) {
            throw new IllegalStateException("column " + name + " is numeric");
        }
        return categories;
    }

    /** Non-missing cells. */
    public long count() {
        return kind == ColumnKind.NUMERIC ? numeric.count() : categories.count();
    }

    public long missing() {
        return kind == ColumnKind.NUMERIC ? numeric.missing() : categories.missing();
    }

    public void merge(ColumnProfile other) {
        if (!other.name.equals(name) || other.kind != kind) {
            throw new IllegalArgumentException("cannot merge column " + other.name + " (" + other.kind.jsonName()
                    + ") into " + name + " (" + kind.jsonName() + ")");
        }
        if (kind == ColumnKind.NUMERIC) {
            numeric.merge(other.numeric);
        } else {
            categories.merge(other.categories);
        }
    }
}

package dev.modelops.ml;

/**
 * One hyperparameter a trainer accepts, with its type, default and lower bound, so a typo or an
 * impossible value in {@code modelops.yaml} is caught by {@code modelops validate}.
 *
 * @param name key under {@code hyperparameters}
 * @param type INT or DOUBLE
 * @param defaultValue used when not given
 * @param min smallest allowed value (inclusive)
 * @param description what it controls
 */
public record HyperParameter(String name, Type type, double defaultValue, double min, String description) {
    /** Value types of hyperparameters. */
    public enum Type {
        INT,
        DOUBLE
    }

    public static HyperParameter integer(String name, int defaultValue, int min, String description) {
        return new HyperParameter(name, Type.INT, defaultValue, min, description);
    }

    public static HyperParameter real(String name, double defaultValue, double min, String description) {
        return new HyperParameter(name, Type.DOUBLE, defaultValue, min, description);
    }

    /**
     * Reads a value from YAML (a number, or text holding one, as variables produce).
     *
     * @throws IllegalArgumentException with the expectation, when the value is unusable
     */
    public double read(Object value) {
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else {
            try {
                v = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + expectation() + ", got '" + value + "'");
            }
        }
        if (type == Type.INT && v != Math.rint(v)) {
            throw new IllegalArgumentException("expected " + expectation() + ", got " + value);
        }
        if (v < min || Double.isNaN(v)) {
            throw new IllegalArgumentException("expected " + expectation() + ", got " + value);
        }
        return v;
    }

    private String expectation() {
        String kind = type == Type.INT ? "a whole number" : "a number";
        return kind + " >= " + (type == Type.INT ? String.valueOf((long) min) : String.valueOf(min));
    }
}

package dev.modelops.gates;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One threshold as written in {@code modelops.yaml}, e.g. {@code accuracy >= 0.80},
 * {@code auc >= champion.auc - 0.01}, {@code disparate_impact in [0.8, 1.25]} or
 * {@code statistical_parity_difference within 0.1}. A bound may be absolute (a number) or a change
 * against the champion, absolute ({@code champion.auc - 0.01}) or relative
 * ({@code champion.auc - 2%}, {@code champion.rmse * 1.05}); the operator gives the direction, as
 * TFX's and MLflow's change thresholds do.
 *
 * @param measure the metric or measurement it judges
 * @param op the comparison
 * @param bound the number compared with ({@code >=} etc.), the low end ({@code in}) or the
 *              tolerance ({@code within}); unused when {@code baseline} is given
 * @param bound2 the high end ({@code in}) or the centre ({@code within ... of C}, 0 by default)
 * @param baseline the champion reference, or null for an absolute bound
 * @param text the condition as written
 */
public record Condition(String measure, Op op, double bound, double bound2, Baseline baseline, String text) {
    private static final String NUM = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern COMPARE = Pattern.compile("\\s*(" + NAME + ")\\s*(>=|<=|==|>|<)\\s*(.+?)\\s*");
    private static final Pattern IN = Pattern.compile("\\s*(" + NAME + ")\\s+in\\s*\\[\\s*(" + NUM + ")\\s*,\\s*("
            + NUM + ")\\s*\\]\\s*");
    private static final Pattern WITHIN = Pattern.compile("\\s*(" + NAME + ")\\s+within\\s+(" + NUM + ")(?:\\s+of\\s+("
            + NUM + "))?\\s*");
    private static final Pattern NUMBER = Pattern.compile(NUM);
    private static final Pattern CHAMPION = Pattern.compile("champion\\.(" + NAME + ")(?:\\s*([+*-])\\s*(" + NUM
            + ")\\s*(%)?)?");
    /** Comparisons forgive binary rounding, so 0.8 written in YAML passes a measured 0.79999999999. */
    private static final double EPSILON = 1e-9;

    /** Written form used in messages: what a user should write. */
    public static final String FORMS = "'metric >= 0.8', 'metric <= 3.2', 'metric in [0.8, 1.25]', "
            + "'metric within 0.1', 'metric >= champion.metric - 0.01' (or '- 2%', '* 0.98')";

    /** Comparison operators. */
    public enum Op {
        GE(">="), LE("<="), GT(">"), LT("<"), EQ("=="), IN("in"), WITHIN("within");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /**
     * A bound taken from the champion's value of a metric.
     *
     * @param metric the champion's metric
     * @param adjust {@code +}, {@code -}, {@code *} or 0 for none
     * @param amount the adjustment
     * @param percent whether {@code amount} is a percentage of the champion's value
     */
    public record Baseline(String metric, char adjust, double amount, boolean percent) {
        /** The bound for a champion value. */
        public double apply(double championValue) {
            double delta = percent ? championValue * amount / 100.0 : amount;
            return switch (adjust) {
                case '+' -> championValue + delta;
                case '-' -> championValue - delta;
                case '*' -> championValue * amount;
                default -> championValue;
            };
        }

        @Override
        public String toString() {
            return "champion." + metric + (adjust == 0 ? "" : " " + adjust + " " + Numbers.plain(amount) + (percent ? "%" : ""));
        }
    }

    /**
     * Parses a condition.
     *
     * @throws IllegalArgumentException naming the accepted forms when the text is not one of them
     */
    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a condition such as " + FORMS + ", got nothing");
        }
        Matcher m = IN.matcher(text);
        if (m.matches()) {
            double low = Double.parseDouble(m.group(2));
            double high = Double.parseDouble(m.group(3));
            if (low > high) {
                throw new IllegalArgumentException("'" + text.trim() + "': the range [" + m.group(2) + ", " + m.group(3)
                        + "] is empty; write the low end first");
            }
            return new Condition(m.group(1), Op.IN, low, high, null, text.trim());
        }
        m = WITHIN.matcher(text);
        if (m.matches()) {
            double tolerance = Double.parseDouble(m.group(2));
            if (tolerance < 0) {
                throw new IllegalArgumentException("'" + text.trim() + "': a tolerance cannot be negative");
            }
            double centre = m.group(3) == null ? 0 : Double.parseDouble(m.group(3));
            return new Condition(m.group(1), Op.WITHIN, tolerance, centre, null, text.trim());
        }
        m = COMPARE.matcher(text);
        if (m.matches()) {
            Op op = Op.of(m.group(2));
            String rhs = m.group(3);
            if (NUMBER.matcher(rhs).matches()) {
                return new Condition(m.group(1), op, Double.parseDouble(rhs), 0, null, text.trim());
            }
            Matcher c = CHAMPION.matcher(rhs);
            if (c.matches()) {
                char adjust = c.group(2) == null ? 0 : c.group(2).charAt(0);
                boolean percent = c.group(4) != null;
                if (percent && adjust == '*') {
                    throw new IllegalArgumentException("'" + text.trim() + "': use '- 2%' or '* 0.98' for a relative change, "
                            + "not '* 2%'");
                }
                double amount = c.group(3) == null ? 0 : Double.parseDouble(c.group(3));
                return new Condition(m.group(1), op, Double.NaN, 0, new Baseline(c.group(1), adjust, amount, percent),
                        text.trim());
            }
            throw new IllegalArgumentException("'" + text.trim() + "': the right side '" + rhs
                    + "' is neither a number nor 'champion.METRIC' with an optional '+ N', '- N', '- N%' or '* N'");
        }
        throw new IllegalArgumentException("'" + text.trim() + "' is not a condition; expected one of " + FORMS);
    }

    public boolean refersToChampion() {
        return baseline != null;
    }

    /**
     * Judges a measured value.
     *
     * @param value the measurement (NaN when it could not be measured)
     * @param champion the champion's metrics, used when the bound refers to the champion
     */
    public Outcome evaluate(double value, Map<String, Double> champion) {
        double low = bound;
        String threshold = thresholdText(champion);
        if (baseline != null) {
            Double base = champion == null ? null : champion.get(baseline.metric());
            if (base == null || base.isNaN()) {
                return new Outcome(null, threshold, Double.NaN);
            }
            low = baseline.apply(base);
        }
        if (Double.isNaN(value)) {
            return new Outcome(null, threshold, low);
        }
        boolean holds = switch (op) {
            case GE -> value >= low - EPSILON;
            case LE -> value <= low + EPSILON;
            case GT -> value > low;
            case LT -> value < low;
            case EQ -> Math.abs(value - low) <= EPSILON;
            case IN -> value >= bound - EPSILON && value <= bound2 + EPSILON;
            case WITHIN -> Math.abs(value - bound2) <= bound + EPSILON;
        };
        return new Outcome(holds, threshold, low);
    }

    /** The threshold as shown in reports, with a champion bound worked out when it is known. */
    public String thresholdText(Map<String, Double> champion) {
        return switch (op) {
            case IN -> "in [" + Numbers.plain(bound) + ", " + Numbers.plain(bound2) + "]";
            case WITHIN -> bound2 == 0 ? "within ±" + Numbers.plain(bound)
                    : "within ±" + Numbers.plain(bound) + " of " + Numbers.plain(bound2);
            default -> {
                if (baseline == null) {
                    yield op.symbol() + " " + Numbers.plain(bound);
                }
                Double base = champion == null ? null : champion.get(baseline.metric());
                yield op.symbol() + " " + baseline + (base == null || base.isNaN() ? ""
                        : " = " + Numbers.fixed(baseline.apply(base)));
            }
        };
    }

    /**
     * The result of judging one value.
     *
     * @param holds true or false, or null when the value or the champion's value is unknown
     * @param threshold the threshold as text
     * @param boundValue the worked-out bound (for charts), NaN if unknown
     */
    public record Outcome(Boolean holds, String threshold, double boundValue) {
    }

    @Override
    public String toString() {
        return text;
    }
}

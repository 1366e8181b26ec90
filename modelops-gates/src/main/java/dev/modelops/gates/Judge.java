package dev.modelops.gates;

import java.util.Map;

/** Turns a declared check and a measured value into a {@link CheckResult} with its reason. */
final class Judge {
    private Judge() {
    }

    /**
     * @param section the gate section
     * @param check the declared check
     * @param value the measured value (NaN when unknown)
     * @param champion the champion's values for champion bounds, or null
     * @param unknownWhy why the value is unknown (used when it is NaN)
     * @param context appended to the reason, e.g. the groups a fairness metric compares; may be empty
     */
    static CheckResult check(String section, Check check, double value, Map<String, Double> champion, String unknownWhy,
                             String context) {
        Condition c = check.condition();
        Condition.Outcome outcome = c.evaluate(value, champion);
        Double low = null;
        Double high = null;
        double b = outcome.boundValue();
        switch (c.op()) {
            case GE, GT -> low = Numbers.orNull(b);
            case LE, LT -> high = Numbers.orNull(b);
            case EQ -> {
                low = Numbers.orNull(b);
                high = Numbers.orNull(b);
            }
            case IN -> {
                low = c.bound();
                high = c.bound2();
            }
            case WITHIN -> {
                low = c.bound2() - c.bound();
                high = c.bound2() + c.bound();
            }
            default -> throw new IllegalStateException(c.op().name());
        }
        String suffix = context == null || context.isEmpty() ? "" : " (" + context + ")";
        String measured = c.measure() + " " + Numbers.fixed(value);
        if (outcome.holds() == null) {
            String why = Double.isNaN(value) ? unknownWhy : "the champion's " + c.baseline().metric() + " is unknown";
            return new CheckResult(section, check.name(), Verdict.INCONCLUSIVE, Numbers.orNull(value), outcome.threshold(),
                    low, high, "inconclusive: " + why + suffix);
        }
        if (!outcome.holds()) {
            Verdict v = check.level().onViolation();
            String level = check.level() == Level.FAIL ? "" : " [level " + check.level().yamlName() + "]";
            return new CheckResult(section, check.name(), v, value, outcome.threshold(), low, high,
                    measured + " violates " + outcome.threshold() + shortBy(c, value, b) + suffix + level);
        }
        if (check.warn() != null) {
            Condition.Outcome w = check.warn().evaluate(value, champion);
            if (Boolean.FALSE.equals(w.holds())) {
                return new CheckResult(section, check.name(), Verdict.WARN, value, outcome.threshold(), low, high,
                        measured + " meets " + outcome.threshold() + " but not the warn threshold " + w.threshold() + suffix);
            }
        }
        return new CheckResult(section, check.name(), Verdict.PASS, value, outcome.threshold(), low, high,
                measured + " meets " + outcome.threshold() + suffix);
    }

    private static String shortBy(Condition c, double value, double bound) {
        return switch (c.op()) {
            case GE, GT, LE, LT -> " by " + Numbers.fixed(Math.abs(value - bound));
            default -> "";
        };
    }
}

package dev.modelops.steps;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.StepContext;
import java.util.List;
import java.util.Locale;

/** Reads and checks a task's {@code with:} parameters, naming the task and key in every error. */
final class Params {
    private final StepContext ctx;

    Params(StepContext ctx) {
        this.ctx = ctx;
    }

    private InputError error(String key, String problem) {
        return new InputError(ctx.task().specPath(), "task '" + ctx.task().id() + "': with." + key + ": " + problem);
    }

    double number(String key, double defaultValue, double min, double max) {
        double v = ctx.paramNumber(key, defaultValue);
        if (Double.isNaN(v) || v < min || v > max) {
            throw error(key, "expected a number in [" + fmt(min) + ", " + fmt(max) + "], got " + ctx.param(key).orElse(v));
        }
        return v;
    }

    /** A number that must be strictly positive. */
    double positive(String key, double defaultValue) {
        double v = ctx.paramNumber(key, defaultValue);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw error(key, "expected a number above 0, got " + ctx.param(key).orElse(v));
        }
        return v;
    }

    int integer(String key, int defaultValue, int min, int max) {
        double v = ctx.paramNumber(key, defaultValue);
        if (v != Math.rint(v) || v < min || v > max) {
            throw error(key, "expected a whole number in [" + min + ", " + max + "], got " + ctx.param(key).orElse(v));
        }
        return (int) v;
    }

    String choice(String key, String defaultValue, List<String> allowed) {
        String v = ctx.paramText(key, defaultValue).trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw error(key, "expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    String text(String key, String defaultValue) {
        return ctx.paramText(key, defaultValue);
    }

    boolean flag(String key, boolean defaultValue) {
        String v = ctx.paramText(key, String.valueOf(defaultValue)).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "expected true or false, got '" + v + "'");
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}

package dev.modelops.drift.steps;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.StepContext;

/** Reading the drift steps' own parameters, with errors that name the spec line. */
final class StepParams {
    private StepParams() {
    }

    static boolean bool(StepContext ctx, String key, boolean defaultValue) {
        Object v = ctx.task().with().get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(v).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InputError(ctx.run().spec().placeOf(ctx.task().specPath() + ".with." + key),
                "with." + key + ": expected true or false, got '" + v + "'");
    }
}

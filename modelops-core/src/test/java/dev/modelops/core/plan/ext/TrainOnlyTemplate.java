package dev.modelops.core.plan.ext;

import dev.modelops.core.plan.YamlTemplate;

/** A team's own template, shipped in a jar: registered through META-INF/services like any user's. */
public final class TrainOnlyTemplate extends YamlTemplate {
    public TrainOnlyTemplate() {
        super("ext/train-only.yaml", TrainOnlyTemplate.class.getClassLoader());
    }
}

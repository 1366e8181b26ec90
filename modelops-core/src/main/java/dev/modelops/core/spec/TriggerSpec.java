package dev.modelops.core.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule that starts a pipeline: when a dataset's content hash changes, when drift is detected
 * on a model, or on a cron schedule. The drift module and the Jenkins library act on it; the
 * spec only states it.
 *
 * @param name unique trigger name
 * @param on what fires it
 * @param model the watched model (drift)
 * @param dataset the watched dataset (data_change)
 * @param schedule five-field cron expression (schedule)
 * @param pipeline the pipeline to start
 * @param env the environment to run the pipeline in
 * @param with extra settings (e.g. drift thresholds)
 */
public record TriggerSpec(String name, TriggerKind on, String model, String dataset, String schedule,
                          String pipeline, String env, Map<String, Object> with) {
    public TriggerSpec {
        with = with == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
    }
}

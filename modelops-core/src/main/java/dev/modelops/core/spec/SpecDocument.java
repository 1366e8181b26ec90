package dev.modelops.core.spec;

import java.util.List;
import java.util.Map;

/**
 * The top level of {@code modelops.yaml} exactly as bound from YAML, before names are attached to
 * map entries. Only {@link SpecLoader} sees it.
 */
record SpecDocument(Integer version, Map<String, Object> variables, Map<String, DatasetSpec> datasets,
                    Map<String, ModelSpec> models, Map<String, EnvironmentSpec> environments,
                    List<PipelineSpec> pipelines, List<TriggerSpec> triggers) {
}

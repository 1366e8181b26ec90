package dev.modelops.lineage.openlineage;

import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenLineage vocabulary we write and read: the spec version, our producer URI, the standard
 * facets we fill, and our own facets. {@code modelops_record} carries a lineage record whole
 * (kind, name, content hash, attributes, edges), so an export imported elsewhere recreates the
 * very same content-addressed records; {@code modelops_model} describes a model, which
 * OpenLineage has no entity for, on the dataset-like output that stands for it.
 */
public final class OpenLineageFacets {
    public static final String RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    public static final String PRODUCER = "https://modelops.dev/modelops-for-jenkins/lineage";
    public static final String DEFAULT_NAMESPACE = "modelops";

    public static final String RECORD = "modelops_record";
    public static final String MODEL = "modelops_model";
    public static final String CI = "modelops_ci";
    public static final String RUN = "modelops_run";

    static final String RECORD_SCHEMA = "https://modelops.dev/spec/facets/1-0-0/ModelOpsRecordFacet.json#/$defs/ModelOpsRecordFacet";
    static final String MODEL_SCHEMA = "https://modelops.dev/spec/facets/1-0-0/ModelOpsModelFacet.json#/$defs/ModelOpsModelFacet";
    static final String CI_SCHEMA = "https://modelops.dev/spec/facets/1-0-0/ModelOpsCiRunFacet.json#/$defs/ModelOpsCiRunFacet";
    static final String RUN_SCHEMA = "https://modelops.dev/spec/facets/1-0-0/ModelOpsRunFacet.json#/$defs/ModelOpsRunFacet";
    static final String PARENT_SCHEMA = "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet";
    static final String JOB_TYPE_SCHEMA = "https://openlineage.io/spec/facets/2-0-2/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    static final String ERROR_SCHEMA = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    static final String SCHEMA_SCHEMA = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    static final String DATASOURCE_SCHEMA = "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet";
    static final String VERSION_SCHEMA = "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
    static final String DOCUMENTATION_SCHEMA = "https://openlineage.io/spec/facets/1-0-1/DocumentationJobFacet.json#/$defs/DocumentationJobFacet";

    private OpenLineageFacets() {
    }

    /** A facet: its fields plus the {@code _producer} and {@code _schemaURL} every facet must carry. */
    static Map<String, Object> facet(String schemaUrl, Map<String, ?> fields) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("_producer", PRODUCER);
        f.put("_schemaURL", schemaUrl);
        fields.forEach((k, v) -> {
            if (v != null) {
                f.put(k, v);
            }
        });
        return f;
    }

    /** The whole record, so an importer can rebuild it with the same content id. */
    static Map<String, Object> record(Entity e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", e.id());
        fields.put("kind", e.kind().name());
        fields.put("name", e.name());
        fields.put("version", e.version());
        fields.put("contentHash", e.contentHash());
        fields.put("recordedAt", e.recordedAt().toString());
        fields.put("attributes", e.attributes());
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Edge edge : e.edges()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("relation", edge.relation().name());
            x.put("target", edge.target());
            edges.add(x);
        }
        fields.put("edges", edges);
        return facet(RECORD_SCHEMA, fields);
    }
}

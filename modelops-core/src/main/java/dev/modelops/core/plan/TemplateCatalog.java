package dev.modelops.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The bundled templates plus any {@link PipelineTemplate} found through ServiceLoader. */
public final class TemplateCatalog {
    private static final List<String> BUNDLED = List.of("train-evaluate", "train-deploy", "continuous-training");

    private final Map<String, PipelineTemplate> templates;

    public TemplateCatalog(List<PipelineTemplate> templates) {
        Map<String, PipelineTemplate> byName = new LinkedHashMap<>();
        templates.forEach(t -> byName.putIfAbsent(t.name(), t));
        this.templates = Map.copyOf(byName);
    }

    public static TemplateCatalog discover() {
        List<PipelineTemplate> all = new java.util.ArrayList<>();
        for (String name : BUNDLED) {
            all.add(new YamlTemplate("dev/modelops/templates/" + name + ".yaml"));
        }
        ServiceLoader.load(PipelineTemplate.class).forEach(all::add);
        return new TemplateCatalog(all);
    }

    public Optional<PipelineTemplate> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    public List<String> names() {
        return templates.keySet().stream().sorted().toList();
    }

    public List<PipelineTemplate> all() {
        return names().stream().map(templates::get).toList();
    }
}

package dev.modelops.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelops.core.InputError;
import dev.modelops.core.util.Hashing;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@code modelops.yaml}: parses it, resolves variables ({@code variables} defaults, then
 * the chosen environment's, then {@code --set}), merges the environment's overrides, and binds
 * the result to records. Semantic checks (references, cycles, trainers) are
 * {@link SpecValidator}'s job; {@link #loadValid} does both.
 */
public final class SpecLoader {
    private static final List<String> TOP_LEVEL = List.of("version", "variables", "datasets", "models",
            "environments", "pipelines", "triggers");
    private static final List<String> OVERRIDABLE = List.of("datasets", "models", "pipelines", "triggers");

    private SpecLoader() {
    }

    /**
     * Loads and validates; the usual entry point. Besides the spec as {@code options} load it,
     * every other environment that declares variables or overrides is loaded and validated as
     * {@code --env} would load it, so a mistake in any environment is found before anything runs,
     * on its own line. Problems that only one environment has are marked with it.
     */
    public static ModelOpsSpec loadValid(Path file, SpecOptions options, SpecValidator validator) {
        String display = file.toString();
        String text = read(file, display);
        ModelOpsSpec spec = parse(file, display, text, options);
        List<Problems.Problem> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        collect(() -> validator.validate(spec), null, found, seen);
        for (EnvironmentSpec env : spec.environments().values()) {
            if (env.name().equals(options.environment()) || (env.overrides().isEmpty() && env.variables().isEmpty())) {
                continue;
            }
            SpecOptions other = new SpecOptions(env.name(), options.overrides());
            collect(() -> validator.validate(parse(file, display, text, other)), env.name(), found, seen);
        }
        if (!found.isEmpty()) {
            found.sort(Comparator.comparingInt(Problems.Problem::line));
            throw new Problems.SpecInvalid(found);
        }
        return spec;
    }

    /** Runs a load-and-validate, adding what it finds that is not yet known to {@code found}. */
    private static void collect(Runnable check, String env, List<Problems.Problem> found, Set<String> seen) {
        List<Problems.Problem> problems;
        try {
            check.run();
            return;
        } catch (Problems.SpecInvalid e) {
            problems = e.problems();
        } catch (InputError e) {
            problems = List.of(new Problems.Problem(e.place(), lineOf(e.place()), "", e.problem()));
        }
        for (Problems.Problem p : problems) {
            if (!seen.add(p.render())) {
                continue;
            }
            // a problem only this environment has, on a line outside it, comes from its variables or overrides
            boolean ownLine = p.render().contains("environments." + env + ".");
            found.add(env == null || ownLine ? p
                    : new Problems.Problem(p.place(), p.line(), p.path(), p.message() + " (with --env " + env + ")"));
        }
    }

    private static int lineOf(String place) {
        int colon = place.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(place.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Loads and binds without semantic validation. */
    public static ModelOpsSpec load(Path file, SpecOptions options) {
        String display = file.toString();
        String text = read(file, display);
        return parse(file, display, text, options);
    }

    static String read(Path file, String display) {
        try {
            if (Files.isDirectory(file)) {
                throw new InputError(display, "is a folder; expected a modelops.yaml file");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputError(display, "file not found");
        } catch (MalformedInputException e) {
            throw new InputError(display, "not a UTF-8 text file");
        } catch (IOException e) {
            throw new InputError(display, "cannot read: " + e.getMessage());
        }
    }

    /** Parses spec text that came from {@code file} (used for messages and relative paths). */
    public static ModelOpsSpec parse(Path file, String display, String text, SpecOptions options) {
        JsonNode root = YamlBinding.parse(display, text);
        if (root.isMissingNode() || root.isNull()) {
            throw new InputError(display, "the file is empty; expected a mapping with datasets, models and pipelines");
        }
        if (!root.isObject()) {
            throw new InputError(display + ":1", "expected a mapping with datasets, models and pipelines at the top");
        }
        SourceLocations locations;
        try {
            locations = SourceLocations.index(display, text);
        } catch (IOException e) {
            throw new InputError(display, "invalid YAML: " + e.getMessage());
        }
        ObjectNode doc = (ObjectNode) root;
        checkTopLevel(doc, locations);
        Map<String, String> values = resolveVariables(doc, options, locations);
        Problems problems = new Problems(locations);
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!key.equals("variables")) {
                JsonNode child = doc.get(key);
                if (child.isTextual()) {
                    doc.put(key, Variables.resolve(child.textValue(), key, values, (p, n) -> unknownVariable(problems, p, n, values)));
                } else {
                    Variables.substitute(child, key, values, (p, n) -> unknownVariable(problems, p, n, values));
                }
            }
        }
        problems.throwIfAny();
        if (options.environment() != null) {
            String prefix = "environments." + options.environment() + ".overrides";
            JsonNode overrides = doc.path("environments").path(options.environment()).path("overrides");
            if (overrides.isObject()) {
                checkOverrides(doc, (ObjectNode) overrides, prefix, problems);
                problems.throwIfAny();
                Set<String> overridden = new HashSet<>();
                merge(doc, (ObjectNode) overrides, "", overridden);
                locations = locations.withOverrides(prefix, overridden);
            }
        }
        SpecDocument bound = YamlBinding.bind(doc, SpecDocument.class, "", locations);
        return assemble(file, options, values, bound, locations, Hashing.sha256(text));
    }

    private static void unknownVariable(Problems problems, String path, String name, Map<String, String> values) {
        problems.add(path, "unknown variable '${" + name + "}'; declared: "
                + (values.isEmpty() ? "(none; declare it under variables:)" : String.join(", ", new TreeSet<>(values.keySet()))));
    }

    private static void checkTopLevel(ObjectNode doc, SourceLocations locations) {
        Iterator<String> names = doc.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw new InputError(locations.place(name), "unknown key '" + name + "'; expected one of: "
                        + String.join(", ", TOP_LEVEL));
            }
        }
        JsonNode version = doc.get("version");
        if (version != null && !(version.isInt() && version.intValue() == 1)) {
            throw new InputError(locations.place("version"), "version: expected 1, got " + version);
        }
    }

    private static Map<String, String> resolveVariables(ObjectNode doc, SpecOptions options, SourceLocations locations) {
        Map<String, String> values = new LinkedHashMap<>();
        readScalars(doc.get("variables"), "variables", values, locations);
        if (options.environment() != null) {
            JsonNode envs = doc.path("environments");
            JsonNode env = envs.path(options.environment());
            if (!env.isObject() && !env.isNull()) {
                List<String> known = new ArrayList<>();
                envs.fieldNames().forEachRemaining(known::add);
                throw new InputError(locations.fileName(), "--env " + options.environment()
                        + ": unknown environment; known: " + (known.isEmpty() ? "(none declared)" : String.join(", ", known)));
            }
            Map<String, String> envValues = new LinkedHashMap<>();
            readScalars(env.get("variables"), "environments." + options.environment() + ".variables", envValues, locations);
            for (Map.Entry<String, String> e : envValues.entrySet()) {
                if (!values.containsKey(e.getKey())) {
                    String at = "environments." + options.environment() + ".variables." + e.getKey();
                    throw new InputError(locations.place(at), at + ": variable '" + e.getKey()
                            + "' is not declared under the top-level variables:");
                }
                values.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : options.overrides().entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new InputError("--set " + e.getKey(), "unknown variable; declared: "
                        + (values.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(values.keySet()))));
            }
            values.put(e.getKey(), e.getValue());
        }
        return values;
    }

    private static void readScalars(JsonNode node, String path, Map<String, String> into, SourceLocations locations) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new InputError(locations.place(path), path + ": expected a mapping of variable names to values");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "." + e.getKey();
            if (!Variables.isValidName(e.getKey())) {
                throw new InputError(locations.place(p), p + ": not a valid variable name (letters, digits, _ . -)");
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new InputError(locations.place(p), p + ": expected a single value, got "
                        + (e.getValue().isNull() ? "nothing" : e.getValue().isArray() ? "a list" : "a mapping"));
            }
            into.put(e.getKey(), e.getValue().asText());
        }
    }

    /**
     * An override changes what the spec declares; it cannot add a model or dataset (a misspelt
     * name would otherwise become a half-declared new one) nor touch the variables, the version
     * or the environments themselves.
     */
    private static void checkOverrides(ObjectNode doc, ObjectNode overrides, String prefix, Problems problems) {
        Iterator<Map.Entry<String, JsonNode>> it = overrides.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String path = prefix + "." + key;
            if (!OVERRIDABLE.contains(key)) {
                problems.add(path, "cannot be overridden; an override may hold: " + String.join(", ", OVERRIDABLE));
                continue;
            }
            String kind = switch (key) {
                case "models" -> "model";
                case "datasets" -> "dataset";
                default -> null;
            };
            if (kind == null || !e.getValue().isObject()) {
                continue;
            }
            JsonNode declared = doc.path(key);
            List<String> known = new ArrayList<>();
            declared.fieldNames().forEachRemaining(known::add);
            e.getValue().fieldNames().forEachRemaining(name -> {
                if (!declared.has(name)) {
                    problems.add(path + "." + name, "unknown " + kind + " '" + name + "'; known: "
                            + (known.isEmpty() ? "(none declared)" : String.join(", ", known)));
                }
            });
        }
    }

    /** Deep merge: mappings merge key by key, anything else replaces. */
    static void merge(ObjectNode target, ObjectNode overrides) {
        merge(target, overrides, "", new HashSet<>());
    }

    /** As {@link #merge(ObjectNode, ObjectNode)}, adding the display path of every replaced value to {@code replaced}. */
    private static void merge(ObjectNode target, ObjectNode overrides, String path, Set<String> replaced) {
        Iterator<Map.Entry<String, JsonNode>> it = overrides.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode existingObject && e.getValue() instanceof ObjectNode overrideObject) {
                merge(existingObject, overrideObject, at, replaced);
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
                replaced.add(at);
            }
        }
    }

    private static ModelOpsSpec assemble(Path file, SpecOptions options, Map<String, String> values, SpecDocument doc,
                                         SourceLocations locations, String hash) {
        Map<String, DatasetSpec> datasets = named(doc.datasets(), "datasets", locations,
                DatasetSpec::name, DatasetSpec::withName);
        Map<String, ModelSpec> models = named(doc.models(), "models", locations, ModelSpec::name, ModelSpec::withName);
        Map<String, EnvironmentSpec> envs = named(doc.environments(), "environments", locations,
                EnvironmentSpec::name, EnvironmentSpec::withName);
        List<PipelineSpec> pipelines = doc.pipelines() == null ? List.of() : List.copyOf(doc.pipelines());
        List<TriggerSpec> triggers = doc.triggers() == null ? List.of() : List.copyOf(doc.triggers());
        return new ModelOpsSpec(file, options.environment(), Map.copyOf(values), datasets, models, envs, pipelines,
                triggers, locations, hash);
    }

    private static <T> Map<String, T> named(Map<String, T> in, String section, SourceLocations locations,
                                            java.util.function.Function<T, String> nameOf,
                                            java.util.function.BiFunction<T, String, T> withName) {
        Map<String, T> out = new LinkedHashMap<>();
        if (in == null) {
            return out;
        }
        for (Map.Entry<String, T> e : in.entrySet()) {
            String path = section + "." + e.getKey();
            if (e.getValue() == null) {
                throw new InputError(locations.place(path), path + ": expected a mapping, got nothing");
            }
            String written = nameOf.apply(e.getValue());
            if (written != null && !written.equals(e.getKey())) {
                throw new InputError(locations.place(path + ".name"), path + ".name: must match its key '" + e.getKey()
                        + "' (or be left out)");
            }
            out.put(e.getKey(), withName.apply(e.getValue(), e.getKey()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}

package dev.modelops.core.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where each field of a YAML document was written. Jackson's tree model forgets positions, so we
 * index them once from the token stream; every later message (a binding error, an unknown model
 * in a task) can then say {@code modelops.yaml:14: pipelines[0].tasks[2].model: ...}.
 * Paths use the display form: {@code models.m.trainer}, {@code pipelines[0].tasks[2]}.
 */
public final class SourceLocations {
    private final String fileName;
    private final Map<String, Integer> lines;
    private final Map<String, UnaryOperator<String>> commandPlaces;
    private final String overridePrefix;
    private final Set<String> overridden;

    private SourceLocations(String fileName, Map<String, Integer> lines, Map<String, UnaryOperator<String>> commandPlaces,
                            String overridePrefix, Set<String> overridden) {
        this.fileName = fileName;
        this.lines = Map.copyOf(lines);
        this.commandPlaces = Map.copyOf(commandPlaces);
        this.overridePrefix = overridePrefix;
        this.overridden = Set.copyOf(overridden);
    }

    public static SourceLocations empty(String fileName) {
        return new SourceLocations(fileName, Map.of(), Map.of(), null, Set.of());
    }

    /**
     * These locations for a document an environment's overrides were merged into: a path the
     * override wrote (it or an ancestor in {@code overridden}, e.g. {@code models.m.trainer}) is
     * shown and located as the override's own ({@code environments.prod.overrides.models.m.trainer}),
     * so a mistake in an override is reported on its line, not on the base value's.
     *
     * @param prefix the overrides' display path, e.g. {@code environments.prod.overrides}
     * @param overridden document paths whose value came from the overrides
     */
    public SourceLocations withOverrides(String prefix, Set<String> overridden) {
        return new SourceLocations(fileName, lines, commandPlaces, prefix, overridden);
    }

    /** The path a message shows for a document path: the override's path if an override wrote it. */
    public String shown(String path) {
        if (overridePrefix == null || path == null) {
            return path;
        }
        for (String p = path; p != null && !p.isEmpty(); p = parentOf(p)) {
            if (overridden.contains(p)) {
                return overridePrefix + (path.startsWith("[") ? "" : ".") + path;
            }
        }
        return path;
    }

    /**
     * These locations plus a part of the document that a command made up from its flags (the
     * single-task pipeline of {@code modelops step}): no line of the file holds it, so a message
     * about a path under {@code prefix} (e.g. {@code pipelines[3]}) names what {@code placeOf}
     * returns for the rest of the path (e.g. {@code .tasks[0].with.port} -> {@code --with port}).
     */
    public SourceLocations withCommandPlaces(String prefix, UnaryOperator<String> placeOf) {
        Map<String, UnaryOperator<String>> places = new HashMap<>(commandPlaces);
        places.put(prefix, placeOf);
        return new SourceLocations(fileName, lines, places, overridePrefix, overridden);
    }

    /** The command place of a path that a command made up, if it is one. */
    public Optional<String> commandPlace(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, UnaryOperator<String>> e : commandPlaces.entrySet()) {
            String prefix = e.getKey();
            if (path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[")) {
                return Optional.of(e.getValue().apply(path.substring(prefix.length())));
            }
        }
        return Optional.empty();
    }

    /**
     * A path for a message: {@code file:line: path}, or the command place (a flag) of a path a
     * command made up.
     */
    public String describe(String path) {
        return commandPlace(path).orElseGet(() -> place(path) + ": " + shown(path));
    }

    /** Indexes a YAML text that is known to parse. */
    public static SourceLocations index(String fileName, String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext ctx = parser.getParsingContext();
                String path;
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    path = slotPath(ctx.getParent());
                } else if (token == JsonToken.FIELD_NAME || ctx.inArray()) {
                    path = slotPath(ctx);
                } else {
                    continue;
                }
                if (path != null) {
                    lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return new SourceLocations(fileName, lines, Map.of(), null, Set.of());
    }

    /** The display path of the slot a context is currently at, or null at the root. */
    private static String slotPath(JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return null;
        }
        String parent = slotPath(ctx.getParent());
        if (ctx.inArray()) {
            return (parent == null ? "" : parent) + "[" + Math.max(ctx.getCurrentIndex(), 0) + "]";
        }
        String name = ctx.getCurrentName();
        if (name == null) {
            return parent;
        }
        return parent == null ? name : parent + "." + name;
    }

    public String fileName() {
        return fileName;
    }

    /** The line a path was written on, falling back to the nearest written ancestor; 0 if none. */
    public int line(String path) {
        if (commandPlace(path).isPresent()) {
            return 0;
        }
        String p = shown(path);
        while (p != null && !p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = parentOf(p);
        }
        return 0;
    }

    /** {@code file:line}, or just the file when the path was never written. */
    public String place(String path) {
        Optional<String> command = commandPlace(path);
        if (command.isPresent()) {
            return command.get();
        }
        int line = line(path);
        return line > 0 ? fileName + ":" + line : fileName;
    }

    static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? null : path.substring(0, cut);
    }
}

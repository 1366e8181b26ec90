package dev.modelops.core.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a YAML document was written. Jackson's tree model forgets positions, so we
 * index them once from the token stream; every later message (a binding error, an unknown model
 * in a task) can then say {@code modelops.yaml:14: pipelines[0].tasks[2].model: ...}.
 * Paths use the display form: {@code models.m.trainer}, {@code pipelines[0].tasks[2]}.
 */
public final class SourceLocations {
    private final String fileName;
    private final Map<String, Integer> lines;

    private SourceLocations(String fileName, Map<String, Integer> lines) {
        this.fileName = fileName;
        this.lines = Map.copyOf(lines);
    }

    public static SourceLocations empty(String fileName) {
        return new SourceLocations(fileName, Map.of());
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
        return new SourceLocations(fileName, lines);
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
        String p = path;
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

package dev.modelops.core.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelops.core.InputError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Parses YAML and binds trees to spec records, turning Jackson's exceptions into one-line
 * {@link InputError}s that name the file, the line and the field in the user's words.
 */
public final class YamlBinding {
    private static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder().build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlBinding() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses YAML text into a tree; a syntax error names the line. */
    public static JsonNode parse(String fileName, String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String problem = firstLine(e.getOriginalMessage());
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
                // SnakeYAML says what it was parsing and what it found; the problem mark is the exact spot
                problem = (marked.getContext() == null ? "" : marked.getContext() + ": ")
                        + (marked.getProblem() == null ? "" : marked.getProblem().trim());
                if (marked.getProblemMark() != null) {
                    line = marked.getProblemMark().getLine() + 1;
                }
            }
            String place = line > 0 ? fileName + ":" + line : fileName;
            throw new InputError(place, "invalid YAML: " + problem);
        }
    }

    /**
     * Binds a tree (or a subtree found at {@code basePath}) to a type.
     *
     * @param node the tree
     * @param type the record type
     * @param basePath display path of {@code node} in the whole document ("" for the root)
     * @param locations where fields were written
     */
    public static <T> T bind(JsonNode node, Class<T> type, String basePath, SourceLocations locations) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String path = locations.shown(join(basePath, displayPath(e.getPath())));
            String message = describe(e, node, e.getPath());
            if (e instanceof UnrecognizedPropertyException) {
                // Jackson's path already ends at the unknown key: name its parent, point at the key
                int cut = path.lastIndexOf('.');
                String parent = cut > 0 ? path.substring(0, cut) : "";
                throw new InputError(locations.place(path), (parent.isEmpty() ? "" : parent + ": ") + message);
            }
            throw new InputError(locations.place(path), (path.isEmpty() ? "" : path + ": ") + message);
        } catch (JsonProcessingException e) {
            throw new InputError(locations.fileName(), firstLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            throw new InputError(locations.place(basePath), (basePath.isEmpty() ? "" : basePath + ": ")
                    + firstLine(e.getMessage()));
        }
    }

    private static String describe(JsonMappingException e, JsonNode root, List<JsonMappingException.Reference> refs) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'; expected one of: " + known(u.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return firstLine(e.getCause().getMessage());
        }
        if (e.getCause() instanceof IllegalArgumentException iae) {
            return firstLine(iae.getMessage());
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + typeName(f.getTargetType()) + ", got " + describe(f.getValue());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + typeName(m.getTargetType()) + ", got " + describeNode(nodeAt(root, refs));
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "(none)";
        }
        return new TreeSet<>(ids.stream().map(String::valueOf).toList()).stream()
                .filter(id -> !"name".equals(id)).collect(Collectors.joining(", "));
    }

    static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping (key: value)";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return type.getSimpleName();
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static String describeNode(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.asText();
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : refs) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    static String displayPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String join(String base, String rest) {
        if (base == null || base.isEmpty()) {
            return rest == null ? "" : rest;
        }
        if (rest == null || rest.isEmpty()) {
            return base;
        }
        return rest.startsWith("[") ? base + rest : base + "." + rest;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed input";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}

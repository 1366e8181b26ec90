package dev.modelops.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${name}} references in every string value of a YAML tree. Substitution works
 * on parsed values, never on the raw text, so a value containing a colon cannot break the YAML.
 * {@code $${} writes a literal {@code ${}.
 */
public final class Variables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private Variables() {
    }

    /**
     * Substitutes in place.
     *
     * @param node the tree (objects and arrays are walked)
     * @param path display path of {@code node}
     * @param values variable values
     * @param unknown called with (path, name) for each reference with no value
     */
    public static void substitute(JsonNode node, String path, Map<String, String> values,
                                  BiConsumer<String, String> unknown) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> entries = new java.util.ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode child = e.getValue();
                if (child.isTextual()) {
                    object.set(e.getKey(), new TextNode(resolve(child.textValue(), childPath, values, unknown)));
                } else {
                    substitute(child, childPath, values, unknown);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                JsonNode child = array.get(i);
                if (child.isTextual()) {
                    array.set(i, new TextNode(resolve(child.textValue(), childPath, values, unknown)));
                } else {
                    substitute(child, childPath, values, unknown);
                }
            }
        }
    }

    /** Resolves the references in one string. */
    public static String resolve(String text, String path, Map<String, String> values,
                                 BiConsumer<String, String> unknown) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "${";
            } else {
                String name = m.group(1).trim();
                String value = values.get(name);
                if (value == null) {
                    unknown.accept(path, name);
                    value = m.group();
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }
}

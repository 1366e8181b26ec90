package dev.modelops.drift.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelops.core.InputError;
import dev.modelops.core.util.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes profiles as JSON: summary statistics and category counts as plain numbers
 * (readable, diffable), KLL sketches and exact value tables as base64 of their binary forms.
 * The same profile always writes the same bytes, so a profile artifact's SHA-256 identifies it.
 */
public final class ProfileCodec {
    public static final String FORMAT = "modelops-drift-profile";
    public static final int FORMAT_VERSION = 1;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ProfileCodec() {
    }

    public static byte[] write(ReferenceProfile reference) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        if (reference.source() != null) {
            root.set("source", Json.mapper().valueToTree(reference.source()));
        }
        root.set("profile", toJson(reference.profile()));
        return (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static ObjectNode toJson(DataProfile profile) {
        ObjectNode node = F.objectNode();
        node.put("rows", profile.rows());
        ArrayNode columns = node.putArray("columns");
        for (ColumnProfile c : profile.columns().values()) {
            columns.add(toJson(c));
        }
        return node;
    }

    private static ObjectNode toJson(ColumnProfile c) {
        ObjectNode n = F.objectNode();
        n.put("name", c.name());
        n.put("role", c.role().jsonName());
        n.put("kind", c.kind().jsonName());
        n.put("count", c.count());
        n.put("missing", c.missing());
        if (c.kind() == ColumnKind.NUMERIC) {
            NumericSummary s = c.numeric();
            if (s.count() > 0) {
                n.put("mean", s.mean());
                n.put("m2", s.m2());
                n.put("variance", s.variance());
                n.put("min", s.min());
                n.put("max", s.max());
            }
            ObjectNode sketch = n.putObject("sketch");
            sketch.put("type", "kll-doubles");
            sketch.put("library", "org.apache.datasketches:datasketches-java:6.2.0");
            sketch.put("k", s.sketchK());
            sketch.put("bytes", Base64.getEncoder().encodeToString(s.sketchBytes()));
            ObjectNode exact = n.putObject("exact");
            ExactValues ev = s.exactValues();
            exact.put("capacity", ev.capacity());
            if (ev.overflowed()) {
                exact.put("kept", false);
            } else {
                ExactValues.Sorted sorted = ev.sorted();
                exact.put("kept", true);
                exact.put("distinct", sorted.values().length);
                exact.put("values", Base64.getEncoder().encodeToString(doubles(sorted.values())));
                exact.put("counts", Base64.getEncoder().encodeToString(longs(sorted.counts())));
            }
        } else {
            ObjectNode counts = n.putObject("categories");
            c.categories().counts().forEach(counts::put);
        }
        return n;
    }

    /** Reads a profile file; a malformed one is an input error naming the file. */
    public static ReferenceProfile read(byte[] bytes, String display) {
        try {
            JsonNode root = Json.mapper().readTree(bytes);
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new InputError(display, "not a drift profile (expected \"format\": \"" + FORMAT + "\")");
            }
            if (root.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw new InputError(display, "unsupported profile format version " + root.path("formatVersion"));
            }
            ProfileSource source = root.has("source")
                    ? Json.mapper().treeToValue(root.get("source"), ProfileSource.class) : null;
            return new ReferenceProfile(source, fromJson(root.path("profile"), display));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputError ie) {
                throw ie;
            }
            throw new InputError(display, "unreadable drift profile: " + e.getMessage());
        }
    }

    public static DataProfile fromJson(JsonNode node, String display) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (JsonNode c : node.path("columns")) {
            String name = c.path("name").asText();
            ColumnRole role = ColumnRole.parse(c.path("role").asText());
            ColumnKind kind = ColumnKind.parse(c.path("kind").asText());
            long count = c.path("count").asLong();
            long missing = c.path("missing").asLong();
            if (kind == ColumnKind.NUMERIC) {
                JsonNode exact = c.path("exact");
                int capacity = exact.path("capacity").asInt(NumericSummary.EXACT_CAPACITY);
                ExactValues ev = exact.path("kept").asBoolean(false)
                        ? ExactValues.of(capacity, doubles(Base64.getDecoder().decode(exact.path("values").asText())),
                        longs(Base64.getDecoder().decode(exact.path("counts").asText())))
                        : ExactValues.overflowedAt(capacity);
                byte[] sketch = Base64.getDecoder().decode(c.path("sketch").path("bytes").asText());
                columns.add(ColumnProfile.numeric(name, role, NumericSummary.restore(count, missing,
                        c.path("mean").asDouble(0), c.path("m2").asDouble(0), c.path("min").asDouble(Double.NaN),
                        c.path("max").asDouble(Double.NaN), sketch, ev)));
            } else {
                CategoryCounts counts = new CategoryCounts();
                for (Map.Entry<String, JsonNode> e : c.path("categories").properties()) {
                    counts.add(e.getKey(), e.getValue().asLong());
                }
                counts.addMissing(missing);
                columns.add(ColumnProfile.categorical(name, role, counts));
            }
        }
        if (columns.isEmpty()) {
            throw new InputError(display, "the profile has no columns");
        }
        DataProfile profile = new DataProfile(columns);
        profile.addRows(node.path("rows").asLong());
        return profile;
    }

    private static byte[] doubles(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Double.BYTES);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static double[] doubles(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        double[] out = new double[bytes.length / Double.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble();
        }
        return out;
    }

    private static byte[] longs(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static long[] longs(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] out = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }
}

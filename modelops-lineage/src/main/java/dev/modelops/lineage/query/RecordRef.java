package dev.modelops.lineage.query;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.EntityKind;
import java.util.Locale;

/**
 * A record as a user types it: {@code MODEL}, {@code MODEL@v3}, {@code MODEL@3},
 * {@code KIND:NAME[@vN]} (for example {@code dataset:arrests@v2} or
 * {@code deployment:churn/prod}), or a record id (64 hex digits, or a unique prefix of at least 8).
 *
 * @param text what was typed, for messages
 * @param kind the kind named, or null when none was (a model is tried first)
 * @param name the entity name
 * @param version the version, or null for the newest
 */
public record RecordRef(String text, EntityKind kind, String name, Integer version) {
    /** Could the text be a record id or an id prefix? */
    public boolean looksLikeId() {
        return kind == null && version == null && name.matches("[0-9a-f]{8,64}");
    }

    public static RecordRef parse(String text) {
        String rest = text.trim();
        if (rest.isEmpty()) {
            throw new InputError(text, "empty record reference; expected MODEL[@VERSION] or KIND:NAME[@VERSION]");
        }
        EntityKind kind = null;
        int colon = rest.indexOf(':');
        if (colon > 0) {
            EntityKind named = kindNamed(rest.substring(0, colon));
            if (named != null) {
                kind = named;
                rest = rest.substring(colon + 1);
            }
        }
        Integer version = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String v = rest.substring(at + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, at);
            if (!v.equals("latest")) {
                String digits = v.startsWith("v") ? v.substring(1) : v;
                if (!digits.matches("[0-9]{1,9}") || Integer.parseInt(digits) < 1) {
                    throw new InputError(text, "bad version '" + v + "'; expected vN (N >= 1), N or latest");
                }
                version = Integer.parseInt(digits);
            }
        }
        if (rest.isEmpty()) {
            throw new InputError(text, "no name before '@'");
        }
        return new RecordRef(text, kind, rest, version);
    }

    /** An entity kind by its name in any case, with dashes or underscores, or the alias {@code run}. */
    public static EntityKind kindNamed(String word) {
        String w = word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (w.equals("RUN")) {
            return EntityKind.PIPELINE_RUN;
        }
        if (w.equals("GATE")) {
            return EntityKind.GATE_VERDICT;
        }
        for (EntityKind k : EntityKind.values()) {
            if (k.name().equals(w)) {
                return k;
            }
        }
        return null;
    }
}

package dev.modelops.web;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;

/**
 * Where a page's links point. The server links to its routes; a static report links to files
 * beside each other, so the same page code serves {@code modelops serve} and
 * {@code modelops report lineage}.
 */
public interface SiteLinks {
    String asset(String file);

    String home();

    String model(String name);

    /** A record's page (or its anchor in a static report). */
    String record(Entity e);

    /** The lineage graph around a record, or null where there is none (static reports). */
    String graph(Entity e);

    /** A version diff page, or null where there is none. */
    String diff(String model, int before, int after);

    /** A run's page. */
    String run(String runId);

    /** Where clicking a graph node goes: a model's timeline, else the record. */
    default String open(Entity e) {
        return e.kind() == EntityKind.MODEL ? model(e.name()) + "#v" + e.version() : record(e);
    }

    /** Links of the server's routes. */
    SiteLinks SERVER = new SiteLinks() {
        @Override
        public String asset(String file) {
            return "/assets/" + file;
        }

        @Override
        public String home() {
            return "/";
        }

        @Override
        public String model(String name) {
            return "/models/" + encode(name);
        }

        @Override
        public String record(Entity e) {
            return "/records/" + e.id();
        }

        @Override
        public String graph(Entity e) {
            return "/graph/" + e.id();
        }

        @Override
        public String diff(String model, int before, int after) {
            return "/models/" + encode(model) + "/diff/" + before + "/" + after;
        }

        @Override
        public String run(String runId) {
            return "/runs/" + encode(runId);
        }
    };

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.modelops.web;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modelops.core.InputError;
import dev.modelops.core.lineage.Edge;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.openlineage.OpenLineageImporter;
import dev.modelops.lineage.query.LineageJson;
import dev.modelops.lineage.query.LineageQueries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code modelops serve}: the lineage store over HTTP. Pages for people (models, a model's
 * timeline, the lineage graph, records, diffs, runs) and a JSON API for tools. Everything is
 * read-only unless the server was given a token; then {@code POST /api/records} (record an
 * approval, say) and {@code POST /api/openlineage} (import events) accept requests that carry it as
 * {@code Authorization: Bearer TOKEN}. Without the right token a write gets 401 and changes nothing.
 */
public final class LineageServer implements AutoCloseable {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final LineageStore store;
    private final LineageQueries queries;
    private final LineagePages pages;
    private final byte[] token;
    private Javalin app;

    /**
     * @param store the store to show (the server does not close it)
     * @param storeName where it lives, for the page header (never a password)
     * @param token the write token, or null for a read-only server
     */
    public LineageServer(LineageStore store, String storeName, String token) {
        this.store = store;
        this.queries = new LineageQueries(store);
        this.pages = new LineagePages(queries, SiteLinks.SERVER, storeName);
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean writable() {
        return token != null;
    }

    public LineageServer start(String host, int port) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/", ctx -> ctx.html(pages.models()));
            cfg.routes.get("/models/{name}", ctx -> ctx.html(pages.timeline(ctx.pathParam("name"))));
            cfg.routes.get("/models/{name}/diff/{a}/{b}", ctx -> {
                String name = ctx.pathParam("name");
                Entity a = queries.resolveModel(name + "@v" + ctx.pathParam("a"));
                Entity b = queries.resolveModel(name + "@v" + ctx.pathParam("b"));
                ctx.html(pages.diff(queries.diff(a, b)));
            });
            cfg.routes.get("/graph/{ref}", ctx -> ctx.html(pages.graph(queries.resolve(ctx.pathParam("ref")))));
            cfg.routes.get("/records/{ref}", ctx -> ctx.html(pages.record(queries.resolve(ctx.pathParam("ref")))));
            cfg.routes.get("/runs/{id}", ctx -> ctx.html(pages.run(queries.run(ctx.pathParam("id")))));
            cfg.routes.get("/assets/{file}", LineageServer::asset);

            cfg.routes.get("/api/models", ctx -> json(ctx, queries.models().stream()
                    .map(m -> LineageJson.view(queries.view(m))).toList()));
            cfg.routes.get("/api/models/{name}/history", ctx -> json(ctx,
                    LineageJson.history(ctx.pathParam("name"), queries.history(ctx.pathParam("name")))));
            cfg.routes.get("/api/models/{name}/deployments", ctx -> json(ctx,
                    LineageJson.whereDeployed(ctx.pathParam("name"), queries.whereDeployed(ctx.pathParam("name")))));
            cfg.routes.get("/api/records/{ref}", ctx -> {
                Entity e = queries.resolve(ctx.pathParam("ref"));
                json(ctx, LineageJson.record(e, store.referrers(e.id(), null)));
            });
            cfg.routes.get("/api/records/{ref}/ancestors", ctx -> json(ctx,
                    LineageJson.graph("ancestors", queries.ancestors(queries.resolve(ctx.pathParam("ref"))))));
            cfg.routes.get("/api/records/{ref}/descendants", ctx -> json(ctx,
                    LineageJson.graph("descendants", queries.descendants(queries.resolve(ctx.pathParam("ref"))))));

            cfg.routes.post("/api/records", ctx -> {
                authorize(ctx);
                Entity recorded = store.record(parseRecord(ctx.body()));
                ctx.status(201);
                json(ctx, Map.of("record", LineageJson.entity(recorded)));
            });
            cfg.routes.post("/api/openlineage", ctx -> {
                authorize(ctx);
                var events = OpenLineageImporter.parse(ctx.body(), "request body");
                json(ctx, new OpenLineageImporter(store).importEvents(events, "request body"));
            });

            cfg.routes.exception(Unauthorized.class, (e, ctx) -> {
                ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"modelops\"");
                json(ctx, Map.of("error", e.getMessage()));
            });
            cfg.routes.exception(InputError.class, (e, ctx) -> {
                boolean api = ctx.path().startsWith("/api/");
                int status = ctx.method().name().equals("POST") ? 400 : 404;
                ctx.status(status);
                if (api) {
                    json(ctx, Map.of("error", e.getMessage()));
                } else {
                    ctx.html(pages.page("Not found", "<h1>Not found</h1><p class=\"error\">" + Html.esc(e.getMessage())
                            + "</p>"));
                }
            });
        }).start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private void authorize(Context ctx) {
        if (token == null) {
            throw new Unauthorized("this server is read-only; start it with --token (or MODELOPS_SERVE_TOKEN) to "
                    + "accept writes");
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new Unauthorized("a valid token is required: send 'Authorization: Bearer TOKEN'");
        }
    }

    /** A write without the right token. */
    static final class Unauthorized extends RuntimeException {
        Unauthorized(String message) {
            super(message);
        }
    }

    /** A record posted as {kind, name, contentHash?, attributes?, edges?: [{relation, target}]}; its links must exist. */
    private LineageRecord parseRecord(String body) {
        Map<String, Object> doc;
        try {
            doc = Json.mapper().readValue(body, MAP);
        } catch (IOException e) {
            throw new InputError("request body", "not a JSON object");
        }
        EntityKind kind;
        try {
            kind = EntityKind.valueOf(String.valueOf(doc.get("kind")));
        } catch (IllegalArgumentException e) {
            throw new InputError("kind", "expected one of " + java.util.Arrays.toString(EntityKind.values()));
        }
        if (!(doc.get("name") instanceof String name) || name.isBlank()) {
            throw new InputError("name", "a record needs a name");
        }
        List<Edge> edges = new ArrayList<>();
        if (doc.get("edges") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new InputError("edges", "each edge is {relation, target}");
                }
                Relation relation;
                try {
                    relation = Relation.valueOf(String.valueOf(m.get("relation")));
                } catch (IllegalArgumentException e) {
                    throw new InputError("edges", "unknown relation '" + m.get("relation") + "'");
                }
                Entity target = queries.resolve(String.valueOf(m.get("target")));
                edges.add(new Edge(relation, target.id()));
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (doc.get("attributes") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> attributes.put(String.valueOf(k), v));
        }
        Object hash = doc.get("contentHash");
        if (hash != null && !String.valueOf(hash).matches("[0-9a-f]{64}")) {
            throw new InputError("contentHash", "a SHA-256 in lowercase hex");
        }
        return new LineageRecord(kind, name, hash == null ? null : hash.toString(), attributes, edges);
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.pretty(value));
    }

    private static void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (!file.equals("modelops.css") && !file.equals("lineage.js")) {
            ctx.status(404).result("no such asset");
            return;
        }
        ctx.contentType(file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                .result(Assets.read(file));
    }

    /** The two files of ours every page uses. */
    static final class Assets {
        private Assets() {
        }

        static byte[] read(String file) {
            try (InputStream in = LineageServer.class.getResourceAsStream("assets/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("asset " + file + " missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

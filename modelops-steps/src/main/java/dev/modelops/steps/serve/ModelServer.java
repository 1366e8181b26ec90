package dev.modelops.steps.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.util.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The model server (Javalin): JSON prediction for one row or a batch, health, Prometheus metrics
 * and the live drift summary. Every endpoint but {@code /health} (which load balancers and
 * Kubernetes probes call) needs the token, as {@code Authorization: Bearer TOKEN} or
 * {@code X-ModelOps-Token}; without it the answer is 401. Every predicted row's features go into
 * the live profile, which is written to disk periodically and when the server stops.
 *
 * <pre>
 * POST /predict        {"features": {"age": 31, "sex": "Male"}}   -> {"prediction": "Yes", "scores": {...}, "model": "m@v4"}
 * POST /predict/batch  {"instances": [{...}, {...}]}               -> {"predictions": [{...}, ...], "model": "m@v4"}
 * GET  /health                                                     -> {"status": "ok", "model": ..., "sha256": ...}
 * GET  /metrics                                                    -> Prometheus text
 * GET  /drift                                                      -> drift summary of the current window
 * POST /drift/reset                                                -> ends the window (kept on disk), starts a new one
 * </pre>
 */
public final class ModelServer implements AutoCloseable {
    /** Largest batch accepted in one request. */
    public static final int MAX_BATCH = 10_000;

    private final Predictor predictor;
    private final LiveProfile profile;
    private final Map<String, String> info;
    private final byte[] token;
    private final Path profileDir;
    private final ServeMetrics metrics = new ServeMetrics();
    private final ScheduledExecutorService saver;
    private Javalin app;

    /**
     * @param info what is served (model, version, modelId, sha256, env), shown by health and metrics
     * @param token the token clients must send
     * @param profileDir where the live profile is written ({@code live-profile.json})
     * @param saveEverySeconds how often the profile is written (0: only at stop and reset)
     */
    public ModelServer(Predictor predictor, LiveProfile profile, Map<String, String> info, String token, Path profileDir,
                       int saveEverySeconds) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a serving token is required");
        }
        this.predictor = predictor;
        this.profile = profile;
        this.info = Map.copyOf(info);
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.profileDir = profileDir;
        this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modelops-profile-saver");
            t.setDaemon(true);
            return t;
        });
        if (saveEverySeconds > 0) {
            saver.scheduleAtFixedRate(this::saveProfile, saveEverySeconds, saveEverySeconds, TimeUnit.SECONDS);
        }
    }

    /** Starts listening; returns the port (useful with port 0). */
    public int start(String host, int port) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/health", timed("/health", false, this::health));
            cfg.routes.post("/predict", timed("/predict", true, this::predictOne));
            cfg.routes.post("/predict/batch", timed("/predict/batch", true, this::predictBatch));
            cfg.routes.get("/metrics", timed("/metrics", true, this::metrics));
            cfg.routes.get("/drift", timed("/drift", true, ctx -> json(ctx, 200, profile.drift().toJson())));
            cfg.routes.post("/drift/reset", timed("/drift/reset", true, this::resetDrift));
        }).start(host, port);
        return app.port();
    }

    public ServeMetrics metricsRegistry() {
        return metrics;
    }

    private Handler timed(String endpoint, boolean needsToken, Handler handler) {
        return ctx -> {
            long start = System.nanoTime();
            try {
                if (needsToken && !authorised(ctx)) {
                    json(ctx, 401, Map.of("error", "missing or wrong token: send 'Authorization: Bearer TOKEN' "
                            + "(the server's MODELOPS_SERVE_TOKEN or --token)"));
                } else {
                    handler.handle(ctx);
                }
            } catch (Predictor.BadRequest e) {
                json(ctx, 400, Map.of("error", e.getMessage()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                json(ctx, 400, Map.of("error", "the body is not valid JSON: " + e.getOriginalMessage()));
            } catch (RuntimeException e) {
                json(ctx, 500, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            } finally {
                metrics.request(endpoint, ctx.statusCode(), (System.nanoTime() - start) / 1e9);
            }
        };
    }

    private boolean authorised(Context ctx) {
        String given = ctx.header("X-ModelOps-Token");
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).trim();
        }
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private void health(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>(info);
        m.put("status", "ok");
        m.put("liveRows", profile.rows());
        json(ctx, 200, m);
    }

    private void predictOne(Context ctx) throws Exception {
        JsonNode body = Json.mapper().readTree(ctx.body());
        JsonNode features = body == null ? null : body.get("features");
        if (features == null || !features.isObject()) {
            throw new Predictor.BadRequest("expected {\"features\": {\"column\": value, ...}}");
        }
        Predictor.Result r = predict(List.of(values(features))).get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prediction", r.output());
        if (!r.scores().isEmpty()) {
            out.put("scores", r.scores());
        }
        out.put("model", info.get("modelVersion"));
        json(ctx, 200, out);
    }

    private void predictBatch(Context ctx) throws Exception {
        JsonNode body = Json.mapper().readTree(ctx.body());
        JsonNode instances = body == null ? null : body.get("instances");
        if (instances == null || !instances.isArray()) {
            throw new Predictor.BadRequest("expected {\"instances\": [{\"column\": value, ...}, ...]}");
        }
        if (instances.size() > MAX_BATCH) {
            throw new Predictor.BadRequest("at most " + MAX_BATCH + " instances per request, got " + instances.size());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode n : instances) {
            if (!n.isObject()) {
                throw new Predictor.BadRequest("every instance must be an object of feature values");
            }
            rows.add(values(n));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Predictor.Result r : predict(rows)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prediction", r.output());
            if (!r.scores().isEmpty()) {
                m.put("scores", r.scores());
            }
            out.add(m);
        }
        json(ctx, 200, Map.of("predictions", out, "model", info.get("modelVersion")));
    }

    /** Checks every row first (a bad row refuses the whole request), predicts, then records the rows. */
    private List<Predictor.Result> predict(List<Map<String, Object>> requests) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, Object> r : requests) {
            rows.add(predictor.row(r));
        }
        List<Predictor.Result> results = predictor.predict(rows);
        for (Predictor.Result r : results) {
            profile.add(r.row());
            metrics.prediction(r.output());
        }
        return results;
    }

    private static Map<String, Object> values(JsonNode object) {
        Map<String, Object> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                m.put(e.getKey(), null);
            } else if (v.isValueNode()) {
                m.put(e.getKey(), v.isNumber() ? v.numberValue() : v.asText());
            } else {
                throw new Predictor.BadRequest("feature '" + e.getKey() + "' must be a single value, got " + v.getNodeType());
            }
        }
        return m;
    }

    private void metrics(Context ctx) {
        ctx.status(200);
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.render(info, profile.drift()));
    }

    private void resetDrift(Context ctx) {
        Map<String, Object> ended = profile.reset();
        String stamp = Instant.now().toString().replace(':', '-');
        Path file = profileDir.resolve("live-profile-" + stamp + ".json");
        Json.write(file, ended);
        saveProfile();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ended", ended.get("drift"));
        out.put("savedTo", file.toString());
        json(ctx, 200, out);
    }

    /** Writes the current window to {@code live-profile.json} (atomically). */
    public void saveProfile() {
        Map<String, Object> snapshot = new LinkedHashMap<>(info);
        snapshot.putAll(profile.snapshot());
        Json.write(profileDir.resolve("live-profile.json"), snapshot);
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.canonical(body));
    }

    /** Stops listening and writes the live profile a last time. */
    @Override
    public void close() {
        saver.shutdownNow();
        if (app != null) {
            app.stop();
            app = null;
        }
        saveProfile();
    }
}

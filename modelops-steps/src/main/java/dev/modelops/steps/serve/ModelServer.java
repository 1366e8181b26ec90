package dev.modelops.steps.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.util.Json;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.live.LiveDrift;
import dev.modelops.drift.report.TextReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
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
 * and live drift. Every endpoint but {@code /health} (which load balancers and Kubernetes probes
 * call) needs the token, as {@code Authorization: Bearer TOKEN} or {@code X-ModelOps-Token};
 * without it the answer is 401. Every answered row and the model's answer go into the drift
 * module's live window ({@link LiveDrift}), judged like {@code modelops drift check} judges a
 * batch; when a drift monitor pins the served version the rows are also written as CSV batches
 * for the scheduled drift job (completed every {@code batchRows} rows, every
 * {@code batchSeconds}, at a reset and when the server stops).
 *
 * <pre>
 * POST /predict        {"features": {"age": 31, "sex": "Male"}}   -> {"prediction": "Yes", "scores": {...}, "model": "m@v4"}
 * POST /predict/batch  {"instances": [{...}, {...}]}               -> {"predictions": [{...}, ...], "model": "m@v4"}
 * GET  /health                                                     -> {"status": "ok", "model": ..., "sha256": ...}
 * GET  /metrics                                                    -> Prometheus text
 * GET  /drift                                                      -> the drift report of the current window (?format=table: the table)
 * POST /drift/reset                                                -> ends the window and the live batch, starts a new one
 * </pre>
 */
public final class ModelServer implements AutoCloseable {
    /** Largest batch accepted in one request. */
    public static final int MAX_BATCH = 10_000;
    /** How old a drift judgement /metrics may show: scrapes do not each pay for a domain classifier. */
    static final Duration METRICS_MAX_AGE = Duration.ofSeconds(30);

    private final Predictor predictor;
    private final LiveDrift drift;
    private final String noDrift;
    private final Map<String, String> info;
    private final byte[] token;
    private final ServeMetrics metrics = new ServeMetrics();
    private final ScheduledExecutorService rotator;
    private Javalin app;

    /**
     * @param served what is served (model, predictor, live drift, info shown by health and metrics)
     * @param token the token clients must send
     * @param batchSeconds how often the live batch is completed even if not full (0: only when full, at reset and stop)
     */
    public ModelServer(ServedModels.Served served, String token, int batchSeconds) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a serving token is required");
        }
        this.predictor = served.predictor();
        this.drift = served.drift();
        this.noDrift = served.noDrift();
        this.info = Map.copyOf(served.info());
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.rotator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modelops-live-batches");
            t.setDaemon(true);
            return t;
        });
        if (batchSeconds > 0 && drift != null && drift.batchFolder().isPresent()) {
            rotator.scheduleAtFixedRate(drift::rotateBatch, batchSeconds, batchSeconds, TimeUnit.SECONDS);
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
            cfg.routes.get("/drift", timed("/drift", true, this::drift));
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
        if (drift != null) {
            m.put("drift", drift.describe());
        } else {
            m.put("drift", Map.of("unavailable", noDrift));
        }
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
        Predictor.Answered answered = predictor.predict(rows);
        if (drift != null) {
            drift.add(answered.rows(), answered.predictions());
        }
        for (Predictor.Result r : answered.results()) {
            metrics.prediction(r.output());
        }
        return answered.results();
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
        ctx.result(metrics.render(info, drift == null ? null : drift.report(METRICS_MAX_AGE), drift == null ? 0 : drift.rows()));
    }

    private void drift(Context ctx) {
        if (drift == null) {
            json(ctx, 409, Map.of("error", "no live drift: " + noDrift));
            return;
        }
        DriftReport report = drift.report();
        if ("table".equals(ctx.queryParam("format"))) {
            ctx.status(200);
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result(TextReport.render(report));
            return;
        }
        json(ctx, 200, withWindow(report, drift.describe()));
    }

    private void resetDrift(Context ctx) {
        if (drift == null) {
            json(ctx, 409, Map.of("error", "no live drift: " + noDrift));
            return;
        }
        LiveDrift.Ended ended = drift.reset();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ended", ended.report());
        out.put("batch", ended.batch() == null ? null : ended.batch().toString());
        json(ctx, 200, out);
    }

    /** The report as {@code modelops drift check} writes it, plus where the window stands. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withWindow(DriftReport report, Map<String, Object> window) {
        Map<String, Object> m = new LinkedHashMap<>(Json.mapper().convertValue(report, Map.class));
        m.put("window", window);
        return m;
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.canonical(body));
    }

    /** Stops listening and completes the live batch being written. */
    @Override
    public void close() {
        rotator.shutdownNow();
        if (app != null) {
            app.stop();
            app = null;
        }
        if (drift != null) {
            drift.close();
        }
    }
}

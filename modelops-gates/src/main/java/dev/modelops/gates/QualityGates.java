package dev.modelops.gates;

import dev.modelops.core.InputError;
import dev.modelops.core.data.LoadedDataset;
import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.lineage.DatasetRecords;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.EnvironmentSpec;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.spec.ModelSpec;
import dev.modelops.core.util.Hashing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The programmatic face of the gates: judge a model version against its declared gates for a
 * target environment, or validate a data file before training. Each call computes every check,
 * records one GATE_VERDICT in lineage (EVALUATED -> the model version, USED -> the dataset
 * version), writes {@code gate-report.json}, {@code gate-junit.xml} and {@code gate-report.html}
 * into the task's work folder, and returns the {@link GateReport}. Steps (qualityGate,
 * validateData, promote) and the CLI call these; the caller decides what a FAIL does.
 */
public final class QualityGates {
    public static final String GATE_STATUS = "gate.status";
    public static final String GATE_ID = "gate.id";
    public static final String METRICS_ID = "metrics.id";
    /** The {@code with:} key naming the environment whose champion a gate compares with. */
    public static final String CHAMPION_ENV = "champion_env";

    private QualityGates() {
    }

    /**
     * Judges a model version against the gates its model declares for {@code env} (the model's
     * {@code gates} merged with {@code environments.<env>.overrides.models.<m>.gates}).
     *
     * @param ctx the calling task's context; its model is the model judged
     * @param modelVersion the MODEL record to judge
     * @param env the target environment (whose champion is the baseline), or null
     */
    public static GateReport judge(StepContext ctx, Entity modelVersion, String env) {
        return judge(ctx, modelVersion, env, declarations(ctx.run().spec(), ctx.model(), env));
    }

    /** Judges a model version against the given declarations. */
    public static GateReport judge(StepContext ctx, Entity modelVersion, String env, Declarations gates) {
        GateReport report = new ModelGate(ctx, modelVersion, env, gates).run();
        LineageRecord.Builder b = verdict(ctx, report)
                .attribute("modelVersion", report.modelVersion())
                .attribute("modelId", report.modelVersionId())
                .attribute("champion", report.champion())
                .attribute("metrics", report.metrics())
                .attribute("metricsSource", report.metricsSource())
                .attribute("fairness", report.fairness().isEmpty() ? null : report.fairness().stream().map(QualityGates::compact).toList())
                .edge(Relation.EVALUATED, modelVersion.id())
                .edge(Relation.USED, report.datasetId());
        return finish(ctx, report, b);
    }

    /**
     * Validates a data file against its dataset's schema and the data rules of a model (or the
     * default rules when {@code model} is null).
     *
     * @param ctx the calling task's context
     * @param dataset the dataset declaration the file must match
     * @param file the CSV to validate
     * @param model the model whose {@code gates.data} applies (and whose label is balanced), or null
     * @param env the environment whose gate overrides apply, or null
     */
    public static GateReport validateData(StepContext ctx, DatasetSpec dataset, Path file, ModelSpec model, String env) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InputError(file.toString(), "file not found");
        }
        DataRules rules = model == null ? DataRules.defaults() : declarations(ctx.run().spec(), model, env).data();
        DataValidator.Result result = DataValidator.validate(dataset, file, rules, model == null ? null : model.label());
        String sha = Hashing.sha256(file);
        String datasetId = null;
        if (result.table() != null) {
            datasetId = DatasetRecords.record(ctx.run().lineage(), new LoadedDataset(dataset, file, sha, result.table())).id();
        }
        GateReport report = new GateReport("data", model == null ? dataset.name() : model.name(), null, null, env,
                dataset.name(), datasetId, sha, null, result.status(), result.checks(), Map.of(), null, Map.of(), List.of(),
                ctx.run().info().runId(), null);
        LineageRecord.Builder b = verdict(ctx, report)
                .attribute("file", file.toAbsolutePath().normalize().toString())
                .edge(Relation.USED, datasetId);
        return finish(ctx, report, b);
    }

    private static LineageRecord.Builder verdict(StepContext ctx, GateReport report) {
        return LineageRecord.builder(EntityKind.GATE_VERDICT, report.model())
                .attribute("status", report.status().effective().name())
                .attribute("gate", report.gate())
                .attribute("env", report.env())
                .attribute("dataset", report.dataset())
                .attribute("datasetSha256", report.datasetSha256())
                .attribute("checks", report.checks().stream().map(CheckResult::toMap).toList())
                .attribute("runId", ctx.run().info().runId())
                .attribute("task", ctx.task().id());
    }

    private static GateReport finish(StepContext ctx, GateReport report, LineageRecord.Builder b) {
        Entity recorded = ctx.run().lineage().record(b.build());
        GateReport done = report.withVerdictId(recorded.id());
        GateReports.write(done, ctx.workDir());
        return done;
    }

    private static Map<String, Object> compact(FairnessReport f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attribute", f.attribute());
        m.put("privileged", f.privileged());
        m.put("favorable", f.favorable());
        m.put("metrics", f.metrics());
        m.put("groups", f.groups().stream().map(g -> {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("group", g.group());
            gm.put("size", g.size());
            gm.put("selectionRate", g.selectionRate());
            gm.put("disparateImpact", g.disparateImpact());
            return gm;
        }).toList());
        return m;
    }

    /**
     * The gates a model declares for an environment: its own {@code gates}, with that
     * environment's {@code overrides.models.<m>.gates} merged over them when the spec was not
     * already loaded for that environment (mappings merge key by key, lists replace).
     *
     * @throws InputError when the declarations do not parse (spec validation reports these earlier)
     */
    public static Declarations declarations(ModelOpsSpec spec, ModelSpec model, String env) {
        Map<String, Object> gates = effectiveGates(spec, model, env);
        List<String> problems = new ArrayList<>();
        String path = "models." + model.name() + ".gates";
        Declarations d = Declarations.parse(gates, path, measuredSections(), (p, m) -> problems.add(spec.placeOf(p) + ": " + p + ": " + m));
        if (!problems.isEmpty()) {
            throw new InputError("", String.join("\n", problems));
        }
        return d;
    }

    /** The raw gates mapping of a model for an environment. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> effectiveGates(ModelOpsSpec spec, ModelSpec model, String env) {
        if (env == null || env.equals(spec.environment())) {
            return model.gates();
        }
        EnvironmentSpec e = spec.environments().get(env);
        if (e == null) {
            return model.gates();
        }
        Object models = e.overrides().get("models");
        if (!(models instanceof Map<?, ?> ms) || !(ms.get(model.name()) instanceof Map<?, ?> m)
                || !(m.get("gates") instanceof Map<?, ?> override)) {
            return model.gates();
        }
        return merge(model.gates(), (Map<String, Object>) override);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((k, v) -> {
            Object existing = out.get(k);
            if (existing instanceof Map<?, ?> em && v instanceof Map<?, ?> vm) {
                out.put(k, merge((Map<String, Object>) em, (Map<String, Object>) vm));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@code unknown environment 'stagin' (did you mean 'staging'?); declared: dev, staging, prod}. */
    static String unknownEnvironment(ModelOpsSpec spec, String name) {
        Set<String> declared = spec.environments().keySet();
        String close = null;
        int best = 3;
        for (String d : declared) {
            int distance = editDistance(name, d);
            if (distance < best) {
                best = distance;
                close = d;
            }
        }
        return "unknown environment '" + name + "'" + (close == null ? "" : " (did you mean '" + close + "'?)")
                + "; declared: " + (declared.isEmpty() ? "none" : String.join(", ", declared));
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Sections fed by installed measurement providers. */
    public static Set<String> measuredSections() {
        Set<String> s = new TreeSet<>();
        GateMeasurements.discover().forEach(p -> s.add(p.section()));
        return s;
    }

    /**
     * The environment whose champion a gate task compares with: with.champion_env, else the task's
     * env, else --env. A champion_env the spec does not declare is an input error: there can be no
     * deployment in it, so every champion check would pass with "no champion" and hide the typo.
     */
    public static String targetEnvironment(StepContext ctx) {
        Object fromWith = ctx.task().with().get(CHAMPION_ENV);
        if (fromWith != null && !String.valueOf(fromWith).isBlank()) {
            String env = String.valueOf(fromWith).trim();
            if (!ctx.run().spec().environments().containsKey(env)) {
                throw new InputError(ctx.run().spec().placeOf(ctx.task().specPath() + ".with." + CHAMPION_ENV),
                        "task '" + ctx.task().id() + "': with." + CHAMPION_ENV + ": " + unknownEnvironment(ctx.run().spec(), env));
            }
            return env;
        }
        if (ctx.task().env() != null) {
            return ctx.task().env();
        }
        return ctx.run().spec().environment();
    }

    /** One model gate evaluation; holds the lazily scored candidate so it is scored at most once. */
    private static final class ModelGate {
        private final StepContext ctx;
        private final Entity version;
        private final String env;
        private final Declarations gates;
        private final ModelSpec spec;
        private final LineageStore lineage;
        private LoadedDataset data;
        private Split split;
        private Scoring.Scored scored;

        ModelGate(StepContext ctx, Entity version, String env, Declarations gates) {
            this.ctx = ctx;
            this.version = version;
            this.env = env;
            this.gates = gates;
            this.spec = ctx.model();
            this.lineage = ctx.run().lineage();
        }

        private Scoring.Scored candidate() {
            if (scored == null) {
                ctx.progress().update("scoring " + version.label() + " on " + split.test().length + " test rows", -1);
                scored = Scoring.score(ctx.run().artifacts(), version, data, spec, split.test());
            }
            return scored;
        }

        GateReport run() {
            data = ctx.loadDataset();
            Entity dataset = DatasetRecords.record(lineage, data);
            split = Split.of(data.table(), spec.split());
            if (split.test().length == 0) {
                throw new InputError(ctx.run().spec().placeOf("models." + spec.name() + ".split"), "the split ("
                        + split.description() + ") leaves no test rows to judge " + version.label() + " on");
            }
            boolean needsScores = !gates.fairness().isEmpty() || !gates.champion().isEmpty();
            Optional<Entity> recorded = needsScores ? Optional.empty() : recordedMetrics();
            Map<String, Double> metrics;
            String source;
            if (recorded.isPresent()) {
                metrics = numbers(recorded.get().attributes().get("metrics"));
                source = "METRICS record " + recorded.get().label() + " (" + split.test().length + " test rows)";
            } else if (!gates.metrics().isEmpty() || needsScores) {
                metrics = candidate().metrics();
                source = "computed with Tribuo on " + candidate().rows().length + " test rows (" + split.description() + ")";
            } else {
                metrics = Map.of();
                source = null;
            }
            List<CheckResult> checks = new ArrayList<>();
            for (Check c : gates.metrics()) {
                Double v = metrics.get(c.condition().measure());
                checks.add(Judge.check(Declarations.METRICS, c, v == null ? Double.NaN : v, null,
                        "metric '" + c.condition().measure() + "' was not computed for " + version.label() + " (computed: "
                                + String.join(", ", new TreeSet<>(metrics.keySet())) + ")", ""));
            }
            ChampionOutcome champion = champion(metrics, checks);
            List<FairnessReport> fairness = fairness(checks);
            measured(checks);
            if (!gates.hasModelChecks()) {
                checks.add(new CheckResult("gates", "gates declared", Verdict.WARN, null, "at least one check", null, null,
                        "model '" + spec.name() + "' declares no gates for a trained model (metrics, champion, fairness, "
                                + "robustness); declare them under models." + spec.name() + ".gates"));
            }
            Verdict status = Verdict.overall(checks.stream().map(CheckResult::status).toList());
            return new GateReport("model", spec.name(), version.id(), version.label(), env, data.spec().name(), dataset.id(),
                    data.sha256(), champion.label, status, checks, metrics, source, champion.metrics, fairness,
                    ctx.run().info().runId(), null);
        }

        /** A METRICS record of this version measured on the same data bytes and split, upstream first. */
        private Optional<Entity> recordedMetrics() {
            List<Entity> candidates = new ArrayList<>();
            ctx.upstream(METRICS_ID).flatMap(lineage::get).ifPresent(candidates::add);
            List<Entity> referrers = new ArrayList<>(lineage.referrers(version.id(), Relation.EVALUATED));
            java.util.Collections.reverse(referrers);
            candidates.addAll(referrers);
            for (Entity e : candidates) {
                if (e.kind() == EntityKind.METRICS && e.targets(Relation.EVALUATED).contains(version.id())
                        && data.sha256().equals(e.attributes().get("datasetSha256"))
                        && split.description().equals(e.attributes().get("split"))
                        && e.attributes().get("metrics") instanceof Map) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        private record ChampionOutcome(String label, Map<String, Double> metrics) {
        }

        private ChampionOutcome champion(Map<String, Double> metrics, List<CheckResult> checks) {
            if (gates.champion().isEmpty()) {
                return new ChampionOutcome(null, null);
            }
            String section = Declarations.CHAMPION;
            if (env == null) {
                gates.champion().forEach(c -> checks.add(fixed(section, c, Verdict.INCONCLUSIVE,
                        "inconclusive: no target environment to find a champion in; set with.champion_env, the task's env or --env")));
                return new ChampionOutcome(null, null);
            }
            Optional<Champion> found = Champion.find(lineage, spec.name(), env);
            if (found.isEmpty()) {
                gates.champion().forEach(c -> checks.add(fixed(section, c, Verdict.PASS, "no champion in " + env
                        + " (no ACTIVE deployment " + spec.name() + "/" + env + "), so there is nothing to compare against")));
                return new ChampionOutcome(null, null);
            }
            Champion champ = found.get();
            if (champ.modelVersion().isEmpty()) {
                gates.champion().forEach(c -> checks.add(fixed(section, c, Verdict.INCONCLUSIVE, "inconclusive: the ACTIVE "
                        + "deployment " + champ.deployment().label() + " names a model version this lineage store does not hold")));
                return new ChampionOutcome(String.valueOf(champ.deployment().attributes().get("modelVersion")), null);
            }
            Entity champVersion = champ.modelVersion().get();
            if (champVersion.id().equals(version.id())) {
                gates.champion().forEach(c -> checks.add(fixed(section, c, Verdict.PASS, version.label()
                        + " is already the champion in " + env)));
                return new ChampionOutcome(champVersion.label(), metrics);
            }
            Map<String, Double> champMetrics;
            String how;
            try {
                champMetrics = Scoring.score(ctx.run().artifacts(), champVersion, data, spec, split.test()).metrics();
                how = "re-evaluated on the same " + candidate().rows().length + " test rows";
            } catch (InputError | IllegalStateException e) {
                Optional<Entity> m = latestMetrics(champVersion);
                if (m.isEmpty()) {
                    gates.champion().forEach(c -> checks.add(fixed(section, c, Verdict.INCONCLUSIVE, "inconclusive: champion "
                            + champVersion.label() + " in " + env + " could not be re-evaluated (" + e.getMessage()
                            + ") and has no METRICS record")));
                    return new ChampionOutcome(champVersion.label(), null);
                }
                champMetrics = numbers(m.get().attributes().get("metrics"));
                how = "from its METRICS record " + m.get().label() + ", since it could not be re-evaluated: " + e.getMessage();
            }
            for (Check c : gates.champion()) {
                String metric = c.condition().measure();
                Double v = metrics.get(metric);
                Double base = champMetrics.get(c.condition().baseline().metric());
                String context = "champion " + champVersion.label() + " in " + env + ": " + c.condition().baseline().metric()
                        + " " + (base == null ? "n/a" : Numbers.fixed(base)) + ", " + how;
                checks.add(Judge.check(section, c, v == null ? Double.NaN : v, champMetrics,
                        "metric '" + metric + "' was not computed for " + version.label(), context));
            }
            return new ChampionOutcome(champVersion.label(), champMetrics);
        }

        private List<FairnessReport> fairness(List<CheckResult> checks) {
            List<FairnessReport> reports = new ArrayList<>();
            for (FairnessDeclaration f : gates.fairness()) {
                String section = Declarations.FAIRNESS;
                Scoring.Scored s = candidate();
                if (s.predicted() == null) {
                    f.checks().forEach(c -> checks.add(fixed(section, c, f.attribute(), Verdict.INCONCLUSIVE,
                            "inconclusive: fairness metrics apply to classifiers; " + version.label() + " is a regressor")));
                    continue;
                }
                Table table = data.table();
                if (!table.hasColumn(f.attribute())) {
                    throw new InputError(ctx.run().spec().placeOf(f.path() + ".attribute"), "protected attribute '"
                            + f.attribute() + "' is not a column of " + data.path().getFileName());
                }
                int column = table.columnIndex(f.attribute());
                String[] groups = new String[s.rows().length];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = table.text(s.rows()[i], column);
                }
                String favorable = f.favorable() != null ? f.favorable() : s.positiveClass();
                FairnessReport report = Fairness.compute(f.attribute(), f.privileged(), favorable, f.minGroupSize(), groups,
                        s.actual(), s.predicted());
                reports.add(report);
                String context = f.attribute() + ": unprivileged " + report.unprivilegedPool().size() + " rows, selection rate "
                        + rate(report.unprivilegedPool().selectionRate()) + "; privileged " + f.privileged() + " "
                        + report.privilegedPool().size() + " rows, selection rate " + rate(report.privilegedPool().selectionRate());
                for (Check c : f.checks()) {
                    String metric = c.condition().measure();
                    String why = report.inconclusive().getOrDefault(metric, "not computed");
                    CheckResult r = Judge.check(section, c, report.metric(metric), null, why, context);
                    checks.add(rename(r, f.attribute() + ": " + r.check()));
                }
            }
            return reports;
        }

        private void measured(List<CheckResult> checks) {
            List<GateMeasurements> providers = GateMeasurements.discover();
            for (Map.Entry<String, List<Check>> e : gates.measured().entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                String section = e.getKey();
                Optional<GateMeasurements> provider = providers.stream().filter(p -> p.section().equals(section)).findFirst();
                GateMeasurements.Measured m;
                String failure = null;
                if (provider.isEmpty()) {
                    m = new GateMeasurements.Measured(Map.of(), "no '" + section + "' measurement provider is installed");
                } else {
                    try {
                        m = provider.get().measure(new GateMeasurements.Subject(ctx, version, env, data));
                    } catch (Exception ex) {
                        failure = ex.getMessage();
                        m = new GateMeasurements.Measured(Map.of(), "measuring " + section + " failed: " + failure);
                    }
                }
                for (Check c : e.getValue()) {
                    Double v = m.values().get(c.condition().measure());
                    checks.add(Judge.check(section, c, v == null ? Double.NaN : v, null,
                            "no '" + c.condition().measure() + "' measurement: " + m.source(), v == null ? "" : m.source()));
                }
            }
        }

        private Optional<Entity> latestMetrics(Entity v) {
            List<Entity> referrers = lineage.referrers(v.id(), Relation.EVALUATED);
            for (int i = referrers.size() - 1; i >= 0; i--) {
                if (referrers.get(i).kind() == EntityKind.METRICS && referrers.get(i).attributes().get("metrics") instanceof Map) {
                    return Optional.of(referrers.get(i));
                }
            }
            return Optional.empty();
        }
    }

    private static CheckResult fixed(String section, Check c, Verdict v, String reason) {
        return fixed(section, c, null, v, reason);
    }

    private static CheckResult fixed(String section, Check c, String prefix, Verdict v, String reason) {
        String name = prefix == null ? c.name() : prefix + ": " + c.name();
        return new CheckResult(section, name, v, null, c.condition().thresholdText(null), null, null, reason);
    }

    private static CheckResult rename(CheckResult r, String name) {
        return new CheckResult(r.section(), name, r.status(), r.value(), r.threshold(), r.low(), r.high(), r.reason());
    }

    private static String rate(Double v) {
        return v == null ? "n/a" : Numbers.fixed(v);
    }

    static Map<String, Double> numbers(Object value) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Number n) {
                    out.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        return out;
    }
}

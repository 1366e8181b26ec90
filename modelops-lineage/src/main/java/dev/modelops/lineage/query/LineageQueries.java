package dev.modelops.lineage.query;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.lineage.graph.GraphReader;
import dev.modelops.lineage.graph.GraphReaders;
import dev.modelops.lineage.graph.LineageGraph;
import dev.modelops.lineage.graph.LineageGraphs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The questions people ask of lineage, answered from any store: which record is {@code churn@v3},
 * what was it trained on and by which build, what changed between two versions, where is it
 * deployed, and what lies up- or downstream of it. The CLI, the web view and the static report all
 * ask through this class.
 */
public final class LineageQueries {
    private final LineageStore store;
    private final GraphReader reader;
    private final LineageGraphs graphs;

    public LineageQueries(LineageStore store) {
        this.store = store;
        this.reader = GraphReaders.of(store);
        this.graphs = new LineageGraphs(reader);
    }

    public LineageStore store() {
        return store;
    }

    // ---- finding records --------------------------------------------------------------------

    /** The record a user named; a bare name means a model first, then any kind with that name. */
    public Entity resolve(String text) {
        RecordRef ref = RecordRef.parse(text);
        if (ref.looksLikeId()) {
            Optional<Entity> byId = byId(ref);
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        if (ref.kind() != null) {
            return pick(ref, ref.kind());
        }
        if (!store.history(EntityKind.MODEL, ref.name()).isEmpty()) {
            return pick(ref, EntityKind.MODEL);
        }
        List<EntityKind> kinds = new ArrayList<>();
        for (EntityKind k : EntityKind.values()) {
            if (!store.history(k, ref.name()).isEmpty()) {
                kinds.add(k);
            }
        }
        if (kinds.isEmpty() && !store.history(EntityKind.PIPELINE_RUN, "run/" + ref.name()).isEmpty()) {
            return pick(new RecordRef(text, EntityKind.PIPELINE_RUN, "run/" + ref.name(), ref.version()),
                    EntityKind.PIPELINE_RUN);
        }
        if (kinds.size() == 1) {
            return pick(ref, kinds.get(0));
        }
        if (kinds.isEmpty()) {
            throw new InputError(text, "no record named '" + ref.name() + "' in the lineage store"
                    + suggestion(EntityKind.MODEL));
        }
        throw new InputError(text, "'" + ref.name() + "' names records of several kinds ("
                + String.join(", ", kinds.stream().map(Enum::name).toList()) + "); write KIND:" + ref.name());
    }

    /** A MODEL record; anything else is an input error naming what was found instead. */
    public Entity resolveModel(String text) {
        RecordRef ref = RecordRef.parse(text);
        if (ref.kind() == null && !ref.looksLikeId()) {
            return pick(ref, EntityKind.MODEL);
        }
        Entity e = resolve(text);
        if (e.kind() != EntityKind.MODEL) {
            throw new InputError(text, "is a " + e.kind() + " record, not a model version");
        }
        return e;
    }

    private Optional<Entity> byId(RecordRef ref) {
        if (ref.name().length() == 64) {
            return store.get(ref.name());
        }
        List<String> ids = reader.idsStartingWith(ref.name(), 2);
        if (ids.size() > 1) {
            throw new InputError(ref.text(), "id prefix is ambiguous; type more digits");
        }
        return ids.isEmpty() ? Optional.empty() : store.get(ids.get(0));
    }

    private Entity pick(RecordRef ref, EntityKind kind) {
        if (ref.version() == null) {
            return store.latest(kind, ref.name()).orElseThrow(() -> new InputError(ref.text(),
                    "no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " named '" + ref.name()
                            + "' in the lineage store" + suggestion(kind)));
        }
        return store.version(kind, ref.name(), ref.version()).orElseThrow(() -> {
            int newest = store.latest(kind, ref.name()).map(Entity::version).orElse(0);
            return new InputError(ref.text(), newest == 0
                    ? "no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " named '" + ref.name() + "'"
                            + suggestion(kind)
                    : "'" + ref.name() + "' has versions v1..v" + newest + ", not v" + ref.version());
        });
    }

    private String suggestion(EntityKind kind) {
        List<String> names = store.names(kind);
        if (names.isEmpty()) {
            return "";
        }
        return "; known " + kind.name().toLowerCase(java.util.Locale.ROOT) + " names: "
                + String.join(", ", names.size() > 10 ? names.subList(0, 10) : names);
    }

    /** All versions of a run's PIPELINE_RUN record and its task runs. */
    public RunView run(String runId) {
        String id = runId.startsWith("run/") ? runId.substring(4) : runId;
        List<Entity> versions = store.history(EntityKind.PIPELINE_RUN, "run/" + id);
        if (versions.isEmpty()) {
            throw new InputError(runId, "no run with this id in the lineage store"
                    + (store.names(EntityKind.PIPELINE_RUN).isEmpty() ? "" : "; newest runs: "
                    + String.join(", ", newest(store.names(EntityKind.PIPELINE_RUN), 5))));
        }
        List<Entity> tasks = new ArrayList<>();
        for (Entity v : versions) {
            for (Entity t : store.referrers(v.id(), Relation.PART_OF)) {
                if (t.kind() == EntityKind.TASK_RUN && tasks.stream().noneMatch(x -> x.id().equals(t.id()))) {
                    tasks.add(t);
                }
            }
        }
        tasks.sort(Comparator.comparing((Entity t) -> String.valueOf(t.attributes().get("startedAt")))
                .thenComparing(Entity::name));
        return new RunView(id, versions, tasks);
    }

    private static List<String> newest(List<String> runNames, int n) {
        List<String> sorted = new ArrayList<>(runNames);
        sorted.sort(Comparator.reverseOrder());
        return sorted.subList(0, Math.min(n, sorted.size())).stream().map(s -> s.replaceFirst("^run/", "")).toList();
    }

    // ---- models ----------------------------------------------------------------------------

    /** A model version with its data, run, metrics, verdicts and deployments. */
    public ModelVersionView view(Entity model) {
        Entity dataset = null;
        List<Entity> parents = new ArrayList<>();
        Map<String, Entity> targets = reader.getAll(model.targets(Relation.DERIVED_FROM));
        for (String id : model.targets(Relation.DERIVED_FROM)) {
            Entity t = targets.get(id);
            if (t != null && t.kind() == EntityKind.DATASET && dataset == null) {
                dataset = t;
            } else if (t != null && t.kind() == EntityKind.MODEL) {
                parents.add(t);
            }
        }
        List<Entity> evaluations = store.referrers(model.id(), Relation.EVALUATED);
        Entity metrics = newest(evaluations.stream().filter(e -> e.kind() == EntityKind.METRICS).toList());
        List<Entity> verdicts = evaluations.stream().filter(e -> e.kind() == EntityKind.GATE_VERDICT).toList();
        List<Entity> deployments = store.referrers(model.id(), Relation.USED).stream()
                .filter(e -> e.kind() == EntityKind.DEPLOYMENT).toList();
        java.util.Set<String> championIn = new java.util.HashSet<>();
        for (Entity dep : deployments) {
            Object env = dep.attributes().get("env");
            Entity active = env == null ? null : newestActive(store.history(EntityKind.DEPLOYMENT, model.name() + "/" + env));
            Entity served = active == null ? null : deployedModel(active);
            if (served != null && model.id().equals(served.id())) {
                championIn.add(env.toString());
            }
        }
        return new ModelVersionView(model, dataset, parents, metrics, trainingRun(model), verdicts, deployments,
                championIn);
    }

    private static Entity newest(List<Entity> records) {
        return records.stream().max(Comparator.comparing(Entity::recordedAt).thenComparingInt(Entity::version))
                .orElse(null);
    }

    /** The final PIPELINE_RUN version of the run that trained a model (by its runId, else by its task run). */
    private Entity trainingRun(Entity model) {
        Object runId = model.attributes().get("runId");
        if (runId != null) {
            Optional<Entity> run = store.latest(EntityKind.PIPELINE_RUN, "run/" + runId);
            if (run.isPresent()) {
                return run.get();
            }
        }
        for (Entity task : store.referrers(model.id(), Relation.PRODUCED)) {
            for (String part : task.targets(Relation.PART_OF)) {
                Optional<Entity> started = store.get(part);
                if (started.isPresent()) {
                    return store.latest(EntityKind.PIPELINE_RUN, started.get().name()).orElse(started.get());
                }
            }
        }
        return null;
    }

    /** Every version of a model with its context, oldest first. */
    public List<ModelVersionView> history(String modelName) {
        List<Entity> versions = store.history(EntityKind.MODEL, modelName);
        if (versions.isEmpty()) {
            throw new InputError(modelName, "no model named '" + modelName + "' in the lineage store"
                    + suggestion(EntityKind.MODEL));
        }
        return versions.stream().map(this::view).toList();
    }

    /** Every version of any entity, oldest first. */
    public List<Entity> history(EntityKind kind, String name) {
        return store.history(kind, name);
    }

    /** Model names with their newest version, sorted by name. */
    public List<Entity> models() {
        List<Entity> out = new ArrayList<>();
        for (String name : store.names(EntityKind.MODEL)) {
            store.latest(EntityKind.MODEL, name).ifPresent(out::add);
        }
        return out;
    }

    // ---- diff ------------------------------------------------------------------------------

    public ModelDiff diff(Entity before, Entity after) {
        ModelVersionView a = view(before);
        ModelVersionView b = view(after);
        List<Change> data = new ArrayList<>();
        data.add(new Change("dataset", label(a.dataset()), label(b.dataset())));
        data.add(new Change("sha256", hash(a.dataset()), hash(b.dataset())));
        data.add(new Change("rows", attr(a.dataset(), "rows"), attr(b.dataset(), "rows")));
        data.add(new Change("uri", attr(a.dataset(), "uri"), attr(b.dataset(), "uri")));
        data.add(new Change("split", attr(a.model(), "split"), attr(b.model(), "split")));
        data.add(new Change("trainRows", attr(a.model(), "trainRows"), attr(b.model(), "trainRows")));

        List<Change> code = new ArrayList<>();
        code.add(new Change("specHash", a.specHash(), b.specHash()));
        code.add(new Change("gitCommit", a.gitCommit(), b.gitCommit()));
        code.add(new Change("gitBranch", a.ci().get("gitBranch"), b.ci().get("gitBranch")));
        code.add(new Change("trainer", attr(a.model(), "trainer"), attr(b.model(), "trainer")));
        code.add(new Change("tribuoTrainer", attr(a.model(), "tribuoTrainer"), attr(b.model(), "tribuoTrainer")));
        code.add(new Change("build", a.ci().get("buildUrl"), b.ci().get("buildUrl")));

        List<Change> parameters = new ArrayList<>();
        Map<String, Object> ha = map(attr(a.model(), "hyperparameters"));
        Map<String, Object> hb = map(attr(b.model(), "hyperparameters"));
        for (String key : new TreeSet<>(union(ha.keySet(), hb.keySet()))) {
            parameters.add(new Change("hyperparameters." + key, ha.get(key), hb.get(key)));
        }
        for (String key : List.of("features", "label", "positiveClass", "variant")) {
            Change c = new Change(key, attr(a.model(), key), attr(b.model(), key));
            if (c.before() != null || c.after() != null) {
                parameters.add(c);
            }
        }

        List<MetricDelta> metrics = new ArrayList<>();
        Map<String, Double> ma = a.metricValues();
        Map<String, Double> mb = b.metricValues();
        for (String key : new TreeSet<>(union(ma.keySet(), mb.keySet()))) {
            metrics.add(new MetricDelta(key, ma.get(key), mb.get(key)));
        }

        List<Change> artifact = new ArrayList<>();
        artifact.add(new Change("sha256", a.model().contentHash(), b.model().contentHash()));
        artifact.add(new Change("bytes", attr(a.model(), "artifactBytes"), attr(b.model(), "artifactBytes")));
        return new ModelDiff(a, b, data, code, parameters, metrics, artifact);
    }

    private static java.util.Set<String> union(java.util.Set<String> x, java.util.Set<String> y) {
        java.util.Set<String> all = new TreeSet<>(x);
        all.addAll(y);
        return all;
    }

    private static String label(Entity e) {
        return e == null ? null : e.label();
    }

    private static String hash(Entity e) {
        return e == null ? null : e.contentHash();
    }

    private static Object attr(Entity e, String key) {
        return e == null ? null : e.attributes().get(key);
    }

    private static Map<String, Object> map(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    // ---- deployments -----------------------------------------------------------------------

    /**
     * Where a model is deployed, per environment, from its DEPLOYMENT records {@code <model>/<env>}:
     * the newest record (whatever its status) and the champion, the model version of the newest
     * ACTIVE one.
     */
    public List<EnvDeployment> whereDeployed(String model) {
        if (store.history(EntityKind.MODEL, model).isEmpty()
                && store.names(EntityKind.DEPLOYMENT).stream().noneMatch(n -> n.startsWith(model + "/"))) {
            throw new InputError(model, "no model named '" + model + "' in the lineage store"
                    + suggestion(EntityKind.MODEL));
        }
        List<EnvDeployment> out = new ArrayList<>();
        for (String name : store.names(EntityKind.DEPLOYMENT)) {
            if (!name.startsWith(model + "/") || name.substring(model.length() + 1).contains("/")) {
                continue;
            }
            String env = name.substring(model.length() + 1);
            List<Entity> history = store.history(EntityKind.DEPLOYMENT, name);
            Entity current = history.get(history.size() - 1);
            Entity active = newestActive(history);
            out.add(new EnvDeployment(env, current, active == null ? null : deployedModel(active), active, history));
        }
        return out;
    }

    private static Entity newestActive(List<Entity> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if ("ACTIVE".equals(history.get(i).attributes().get("status"))) {
                return history.get(i);
            }
        }
        return null;
    }

    /** The model version a deployment record used (its modelId, else its USED edge to a MODEL). */
    public Entity deployedModel(Entity deployment) {
        Object modelId = deployment.attributes().get("modelId");
        if (modelId != null) {
            Optional<Entity> m = store.get(modelId.toString());
            if (m.isPresent()) {
                return m.get();
            }
        }
        for (Entity e : reader.getAll(deployment.targets(Relation.USED)).values()) {
            if (e.kind() == EntityKind.MODEL) {
                return e;
            }
        }
        return null;
    }

    // ---- graphs ----------------------------------------------------------------------------

    public LineageGraph ancestors(Entity root) {
        return graphs.ancestors(root);
    }

    public LineageGraph descendants(Entity root) {
        return graphs.descendants(root);
    }

    public LineageGraph neighbourhood(Entity root) {
        return graphs.neighbourhood(root);
    }

    /** The graph of one run: its records, what its tasks used and produced, and their direct inputs. */
    public LineageGraph runGraph(RunView run) {
        List<Entity> members = new ArrayList<>(run.versions());
        members.addAll(run.tasks());
        return graphs.around(run.last(), members);
    }

    /** The MODEL records a run produced, in task order. */
    public List<Entity> modelsOf(RunView run) {
        List<String> ids = new ArrayList<>();
        for (Entity task : run.tasks()) {
            ids.addAll(task.targets(Relation.PRODUCED));
        }
        Map<String, Entity> found = reader.getAll(ids);
        return ids.stream().distinct().map(found::get).filter(Objects::nonNull)
                .filter(e -> e.kind() == EntityKind.MODEL).toList();
    }

    public Map<String, Entity> getAll(java.util.Collection<String> ids) {
        return reader.getAll(ids);
    }
}

package dev.modelops.lineage.testing;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Hashing;
import java.util.List;
import java.util.Map;

/**
 * One model's whole life recorded by hand, one record of every kind, linked as the modules'
 * shared lineage conventions say: data, a run that trains and evaluates, a gate verdict, an
 * approval, a deployment to an environment, a drift profile, a drift report and the event it
 * triggered.
 */
public record Lifecycle(Entity dataset, Entity run, Entity trainTask, Entity model, Entity metrics, Entity verdict,
                        Entity environment, Entity approval, Entity deployment, Entity profile, Entity driftReport,
                        Entity event, Entity artifact, Entity finishedRun) {

    public static Lifecycle record(LineageStore store, String model) {
        Entity dataset = store.record(LineageRecord.builder(EntityKind.DATASET, model + "-data")
                .contentHash(Hashing.sha256("rows of " + model)).attribute("uri", "/data/" + model + ".csv")
                .attribute("rows", 100).build());
        Map<String, String> ci = Map.of("buildUrl", "https://ci.example/job/" + model + "/7/", "job", model,
                "buildNumber", "7", "gitCommit", "0123456789abcdef", "user", "alice");
        Entity run = store.record(LineageRecord.builder(EntityKind.PIPELINE_RUN, "run/r-" + model)
                .attribute("runId", "r-" + model).attribute("pipeline", "release").attribute("status", "RUNNING")
                .attribute("ci", ci).build());
        Entity artifact = store.record(LineageRecord.builder(EntityKind.ARTIFACT, model + "/report.html")
                .contentHash(Hashing.sha256("report of " + model)).build());
        Entity modelRecord = store.record(LineageRecord.builder(EntityKind.MODEL, model)
                .contentHash(Hashing.sha256("weights of " + model)).attribute("trainer", "logistic-regression")
                .attribute("hyperparameters", Map.of("epochs", 5)).attribute("runId", "r-" + model)
                .edge(Relation.DERIVED_FROM, dataset.id()).build());
        Entity trainTask = store.record(LineageRecord.builder(EntityKind.TASK_RUN, "run/r-" + model + "/train")
                .attribute("task", "train").attribute("type", "trainModel").attribute("status", "SUCCEEDED")
                .edge(Relation.PART_OF, run.id()).edge(Relation.USED, dataset.id())
                .edge(Relation.PRODUCED, modelRecord.id()).edge(Relation.PRODUCED, artifact.id()).build());
        Entity metrics = store.record(LineageRecord.builder(EntityKind.METRICS, model)
                .attribute("metrics", Map.of("accuracy", 0.8, "auc", 0.75))
                .edge(Relation.EVALUATED, modelRecord.id()).edge(Relation.USED, dataset.id()).build());
        Entity verdict = store.record(LineageRecord.builder(EntityKind.GATE_VERDICT, model)
                .attribute("status", "PASS").attribute("env", "prod")
                .attribute("checks", List.of(Map.of("check", "accuracy", "status", "PASS", "value", 0.8,
                        "threshold", 0.7, "reason", "0.8 >= 0.7")))
                .edge(Relation.EVALUATED, modelRecord.id()).edge(Relation.USED, dataset.id()).build());
        Entity environment = store.record(LineageRecord.builder(EntityKind.ENVIRONMENT, "prod")
                .attribute("approvers", List.of("release-managers")).build());
        Entity approval = store.record(LineageRecord.builder(EntityKind.APPROVAL, model + "/prod")
                .attribute("approver", "bob").attribute("approvedAt", "2026-01-02T03:04:05Z")
                .attribute("source", "jenkins-input").build());
        Entity deployment = store.record(LineageRecord.builder(EntityKind.DEPLOYMENT, model + "/prod")
                .attribute("model", model).attribute("env", "prod").attribute("modelVersion", modelRecord.version())
                .attribute("modelId", modelRecord.id()).attribute("modelSha256", modelRecord.contentHash())
                .attribute("target", "local").attribute("status", "ACTIVE").attribute("endpoint", "http://127.0.0.1:9/")
                .edge(Relation.USED, modelRecord.id()).edge(Relation.DEPLOYED_TO, environment.id())
                .edge(Relation.APPROVED_BY, approval.id()).build());
        Entity profile = store.record(LineageRecord.builder(EntityKind.PROFILE, model)
                .contentHash(Hashing.sha256("profile of " + model))
                .edge(Relation.DERIVED_FROM, modelRecord.id()).edge(Relation.DERIVED_FROM, dataset.id()).build());
        Entity driftReport = store.record(LineageRecord.builder(EntityKind.DRIFT_REPORT, model)
                .attribute("drifted", true).edge(Relation.USED, profile.id()).build());
        Entity event = store.record(LineageRecord.builder(EntityKind.EVENT, model + "/retrain")
                .attribute("trigger", "retrain-on-drift").edge(Relation.TRIGGERED_BY, driftReport.id()).build());
        Entity finished = store.record(LineageRecord.builder(EntityKind.PIPELINE_RUN, "run/r-" + model)
                .attribute("runId", "r-" + model).attribute("pipeline", "release").attribute("status", "SUCCEEDED")
                .attribute("ci", ci).edge(Relation.PREVIOUS_VERSION, run.id()).build());
        return new Lifecycle(dataset, run, trainTask, modelRecord, metrics, verdict, environment, approval, deployment,
                profile, driftReport, event, artifact, finished);
    }

    public List<Entity> all() {
        return List.of(dataset, run, trainTask, model, metrics, verdict, environment, approval, deployment, profile,
                driftReport, event, artifact, finishedRun);
    }
}

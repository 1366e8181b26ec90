package dev.modelops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.exec.RunReport;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.exec.TaskStatus;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.Relation;
import dev.modelops.gates.Champion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoteTest {
    @TempDir
    Path dir;

    /** Staging then prod; prod's gate asks for {@code prodAccuracy}. */
    private Path spec(String prodAccuracy) throws Exception {
        Path spec = SmallSpecs.write(dir, """
                staging:
                  deploy: {target: local, port: 18087}
                prod:
                  approvers: [alice, bob, release-managers]
                  deploy: {target: local, port: 18088}
                  overrides:
                    models: {m: {gates: {metrics: ["accuracy >= %s"]}}}
                """.formatted(prodAccuracy), """
                - name: staging
                  tasks:
                    - {id: train, type: trainModel, model: m}
                    - {id: evaluate, type: evaluateModel, model: m, depends_on: [train]}
                    - {id: deploy, type: deployModel, model: m, env: staging, depends_on: [evaluate]}
                - name: promote-alice
                  tasks:
                    - {id: promote, type: promote, model: m, env: prod, with: {from: staging, approver: alice, approval_source: jenkins-input}}
                - name: promote-mallory
                  tasks:
                    - {id: promote, type: promote, model: m, env: prod, with: {from: staging, approver: mallory}}
                - name: promote-nobody
                  tasks:
                    - {id: promote, type: promote, model: m, env: prod, with: {from: staging}}
                - name: promote-group-member
                  tasks:
                    - {id: promote, type: promote, model: m, env: prod,
                       with: {from: staging, approver: carol, approval_source: jenkins-input, submitter: "release-managers"}}
                - name: promote-wider-submitter
                  tasks:
                    - {id: promote, type: promote, model: m, env: prod,
                       with: {from: staging, approver: erin, approval_source: jenkins-input, submitter: "release-managers, erin"}}
                - name: promote-cli-group
                  tasks:
                    - {id: promote, type: promote, model: m, env: prod, with: {from: staging, approver: carol}}
                - name: promote-cli-submitter
                  tasks:
                    - {id: promote, type: promote, model: m, env: prod, with: {from: staging, approver: carol, submitter: x}}
                """);
        String text = java.nio.file.Files.readString(spec).replace("    split: {ratio: 0.7, seed: 1}",
                "    split: {ratio: 0.7, seed: 1}\n    gates:\n      metrics: [\"accuracy >= 0.5\"]");
        java.nio.file.Files.writeString(spec, text);
        return spec;
    }

    @Test
    void aFailingProdGateRefusesThenAPassingGateWithAnApproverPromotesAndBothAreInLineage() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        RunReport staging = p.run(spec("0.99"), "staging");
        assertThat(Pipelines.task(staging, "deploy").status()).isEqualTo(TaskStatus.SUCCEEDED);
        Entity version = p.lineage.latest(EntityKind.MODEL, "m").orElseThrow();
        double accuracy = Pipelines.task(staging, "evaluate").metrics().get("accuracy");
        assertThat(accuracy).isBetween(0.6, 0.99);

        // prod demands accuracy >= 0.99: refused, with the gate's reason, even though alice approves
        TaskOutcome refused = Pipelines.task(p.run(spec("0.99"), "promote-alice"), "promote");
        assertThat(refused.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(refused.message()).startsWith("refused to promote " + version.label() + " from staging to prod: "
                + "the gates of prod failed: FAIL").contains("accuracy");
        assertThat(Champion.find(p.lineage, "m", "prod")).isEmpty();

        // prod's gate relaxed to what the model reaches: promoted, approved by alice through Jenkins's input step
        TaskOutcome promoted = Pipelines.task(p.run(spec("0.6"), "promote-alice"), "promote");
        assertThat(promoted.status()).as(promoted.message()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(promoted.message()).startsWith("promoted " + version.label() + " from staging to prod, approved by alice");

        List<Entity> prod = p.lineage.history(EntityKind.DEPLOYMENT, "m/prod");
        assertThat(prod).extracting(e -> e.attributes().get("status")).containsExactly("REFUSED", "ACTIVE");
        Entity refusal = prod.get(0);
        assertThat(String.valueOf(refusal.attributes().get("reason"))).startsWith("the gates of prod failed");
        Entity failVerdict = p.lineage.get(String.valueOf(refusal.attributes().get("gateVerdictId"))).orElseThrow();
        assertThat(failVerdict.kind()).isEqualTo(EntityKind.GATE_VERDICT);
        assertThat(failVerdict.attributes()).containsEntry("status", "FAIL").containsEntry("env", "prod");
        assertThat(refusal.targets(Relation.USED)).contains(version.id(), failVerdict.id());
        assertThat(refusal.targets(Relation.APPROVED_BY)).isEmpty();

        Entity active = prod.get(1);
        assertThat(active.attributes()).containsEntry("modelId", version.id()).containsEntry("endpoint", "http://127.0.0.1:18088");
        Entity approval = p.lineage.get(active.targets(Relation.APPROVED_BY).get(0)).orElseThrow();
        assertThat(approval.kind()).isEqualTo(EntityKind.APPROVAL);
        assertThat(approval.name()).isEqualTo("m/prod");
        assertThat(approval.attributes()).containsEntry("approver", "alice").containsEntry("source", "jenkins-input")
                .containsEntry("from", "staging").containsEntry("modelId", version.id()).containsKey("approvedAt");
        Entity passVerdict = p.lineage.get(approval.targets(Relation.USED).stream().filter(id -> !id.equals(version.id()))
                .findFirst().orElseThrow()).orElseThrow();
        assertThat(approval.targets(Relation.USED)).contains(version.id());
        assertThat(passVerdict.attributes()).containsEntry("status", "PASS").containsEntry("env", "prod");
        assertThat(Champion.find(p.lineage, "m", "prod").orElseThrow().modelVersion().orElseThrow().id())
                .isEqualTo(version.id());
    }

    @Test
    void withoutAnAllowedApproverAPromotionIsRefusedAndRecorded() throws Exception {
        Path spec = spec("0.6");
        Pipelines p = new Pipelines(dir.resolve("home"));
        assertThat(Pipelines.task(p.run(spec, "staging"), "deploy").status()).isEqualTo(TaskStatus.SUCCEEDED);

        TaskOutcome mallory = Pipelines.task(p.run(spec, "promote-mallory"), "promote");
        assertThat(mallory.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(mallory.message()).contains("'mallory' may not approve promotions to prod; approvers: alice, bob, release-managers");
        TaskOutcome nobody = Pipelines.task(p.run(spec, "promote-nobody"), "promote");
        assertThat(nobody.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(nobody.message()).contains("no approver");

        assertThat(p.lineage.history(EntityKind.DEPLOYMENT, "m/prod")).extracting(e -> e.attributes().get("status"))
                .containsExactly("REFUSED", "REFUSED");
        assertThat(p.lineage.names(EntityKind.APPROVAL)).isEmpty();
        assertThat(p.lineage.history(EntityKind.DEPLOYMENT, "m/prod").get(0).attributes())
                .containsEntry("approver", "mallory").containsEntry("gateStatus", "PASS");
    }

    @Test
    void nothingServingInTheSourceEnvironmentIsNothingToPromote() throws Exception {
        Pipelines p = new Pipelines(dir.resolve("home"));
        TaskOutcome o = Pipelines.task(p.run(spec("0.6"), "promote-alice"), "promote");
        assertThat(o.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(o.message()).isEqualTo("nothing to promote: no ACTIVE deployment of m in staging");
        assertThat(p.lineage.names(EntityKind.DEPLOYMENT)).isEmpty();
    }

    /**
     * Jenkins's input step answers for group membership, which this process cannot see: a member
     * of a group the spec names (carol, of release-managers) signs off through Jenkins, and lineage
     * keeps her id, the source and the list Jenkins enforced. From the CLI the same id is refused
     * (ids are compared there), and a Jenkinsfile cannot widen the spec's list.
     */
    @Test
    void aGroupMemberSignsOffThroughJenkinsButTheSpecBoundsWhoJenkinsMayAsk() throws Exception {
        Path spec = spec("0.6");
        Pipelines p = new Pipelines(dir.resolve("home"));
        assertThat(Pipelines.task(p.run(spec, "staging"), "deploy").status()).isEqualTo(TaskStatus.SUCCEEDED);

        TaskOutcome member = Pipelines.task(p.run(spec, "promote-group-member"), "promote");
        assertThat(member.status()).as(member.message()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(member.message()).contains("approved by carol (jenkins-input)");
        Entity active = p.lineage.latest(EntityKind.DEPLOYMENT, "m/prod").orElseThrow();
        Entity approval = p.lineage.get(active.targets(Relation.APPROVED_BY).get(0)).orElseThrow();
        assertThat(approval.attributes()).containsEntry("approver", "carol").containsEntry("source", "jenkins-input")
                .containsEntry("checkedAgainst", List.of("release-managers"))
                .containsEntry("approvers", List.of("alice", "bob", "release-managers"));
        assertThat(String.valueOf(approval.attributes().get("checkedBy"))).startsWith("Jenkins");

        TaskOutcome wider = Pipelines.task(p.run(spec, "promote-wider-submitter"), "promote");
        assertThat(wider.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(wider.message()).contains("the sign-off in Jenkins was open to erin, beyond the approvers of prod in "
                + "the spec (alice, bob, release-managers); a Jenkinsfile's submitter may narrow that list, not widen it");

        TaskOutcome cli = Pipelines.task(p.run(spec, "promote-cli-group"), "promote");
        assertThat(cli.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(cli.message()).contains("'carol' may not approve promotions to prod", "the CLI matches ids");

        TaskOutcome cliSubmitter = Pipelines.task(p.run(spec, "promote-cli-submitter"), "promote");
        assertThat(cliSubmitter.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(cliSubmitter.message()).contains("with.submitter is the list Jenkins's input step restricted the "
                + "sign-off to; it goes with approval_source jenkins-input");
        assertThat(p.lineage.history(EntityKind.DEPLOYMENT, "m/prod")).extracting(e -> e.attributes().get("status"))
                .containsExactly("ACTIVE", "REFUSED", "REFUSED");
    }
}

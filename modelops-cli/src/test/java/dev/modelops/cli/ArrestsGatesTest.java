package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelops.core.artifact.ArtifactStore;
import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.core.util.Json;
import dev.modelops.lineage.LineageStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * The README's main command gates the arrests model on accuracy and on fairness by colour. The
 * fairness numbers in the report are checked against a computation done here from scratch: the
 * CSV split by hand, the stored model artifact loaded with Tribuo, features written out by the
 * documented encoding, and the AIF360 formulas applied to the raw predictions.
 */
class ArrestsGatesTest {
    static final Path SPEC = Path.of("..", "examples", "arrests", "modelops.yaml");
    static final Path CSV = Path.of("..", "examples", "arrests", "data", "arrests.csv");

    @TempDir
    Path home;

    /** Counts of one colour group, from raw predictions. */
    static final class Counts {
        int n;
        int predictedYes;
        int actualYes;
        int truePositives;
        int falsePositives;
        int correct;

        double selection() {
            return (double) predictedYes / n;
        }

        double tpr() {
            return (double) truePositives / actualYes;
        }

        double fpr() {
            return (double) falsePositives / (n - actualYes);
        }
    }

    @Test
    void theMainCommandGatesAccuracyAndFairnessAndAHandComputationReproducesTheNumbers() throws Exception {
        Cli r = Cli.run("run", SPEC.toString(), "--home", home.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("validate", "PASS arrests", "gate", "PASS arrests-release@v1 for staging");

        Path runDir;
        try (Stream<Path> runs = Files.list(home.resolve("runs"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        JsonNode report = Json.mapper().readTree(runDir.resolve("gate").resolve("gate-report.json").toFile());
        List<String> checks = new ArrayList<>();
        report.get("checks").forEach(c -> checks.add(c.get("section").asText() + ": " + c.get("check").asText()));
        assertThat(checks).contains("metrics: accuracy >= 0.80", "fairness: colour: disparate_impact in [0.8, 1.25]",
                "fairness: colour: statistical_parity_difference within 0.1");
        assertThat(runDir.resolve("gate").resolve("gate-junit.xml")).exists();
        assertThat(Files.readString(runDir.resolve("gate").resolve("gate-report.html"))).contains("Fairness by colour");

        // --- the same predictions, computed independently ---
        Map<String, Counts> byColour = new LinkedHashMap<>();
        byColour.put("Black", new Counts());
        byColour.put("White", new Counts());
        try (LineageStore lineage = LineageStores.open(LineageStores.defaultLocation(home), Map.of())) {
            Entity model = lineage.latest(EntityKind.MODEL, "arrests-release").orElseThrow();
            Path artifact = new ArtifactStore(home).find(model.contentHash()).orElseThrow().path();
            @SuppressWarnings("unchecked")
            Model<Label> tribuo = (Model<Label>) Model.deserializeFromFile(artifact);
            List<String> lines = Files.readAllLines(CSV);
            List<String> header = cells(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = cells(line);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                if (Integer.parseInt(row.get("year")) <= 1999) {
                    continue; // training rows
                }
                ArrayExample<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL);
                example.add("age", Double.parseDouble(row.get("age")));
                example.add("checks", Double.parseDouble(row.get("checks")));
                for (String categorical : List.of("sex", "employed", "citizen")) {
                    example.add(categorical + "@" + row.get(categorical), 1.0);
                }
                boolean predictedYes = tribuo.predict(example).getOutput().getLabel().equals("Yes");
                boolean actualYes = row.get("released").equals("Yes");
                Counts c = byColour.get(row.get("colour"));
                c.n++;
                c.predictedYes += predictedYes ? 1 : 0;
                c.actualYes += actualYes ? 1 : 0;
                c.truePositives += predictedYes && actualYes ? 1 : 0;
                c.falsePositives += predictedYes && !actualYes ? 1 : 0;
                c.correct += predictedYes == actualYes ? 1 : 0;
            }

            Counts black = byColour.get("Black");
            Counts white = byColour.get("White");
            double di = black.selection() / white.selection();
            double spd = black.selection() - white.selection();
            double eod = black.tpr() - white.tpr();
            double aod = 0.5 * ((black.fpr() - white.fpr()) + (black.tpr() - white.tpr()));
            double accuracy = (double) (black.correct + white.correct) / (black.n + white.n);

            JsonNode fairness = report.get("fairness").get(0);
            assertThat(fairness.get("attribute").asText()).isEqualTo("colour");
            JsonNode groups = fairness.get("groups");
            assertThat(groups.get(0).get("group").asText()).isEqualTo("Black");
            assertThat(groups.get(0).get("size").asInt()).isEqualTo(black.n);
            assertThat(groups.get(0).get("predictedFavorable").asInt()).isEqualTo(black.predictedYes);
            assertThat(groups.get(0).get("disparateImpact").asDouble()).isCloseTo(di, within(1e-12));
            assertThat(groups.get(1).get("group").asText()).isEqualTo("White");
            assertThat(groups.get(1).get("size").asInt()).isEqualTo(white.n);
            assertThat(groups.get(1).get("predictedFavorable").asInt()).isEqualTo(white.predictedYes);
            assertThat(groups.get(1).get("disparateImpact").asDouble()).isEqualTo(1.0);
            JsonNode metrics = fairness.get("metrics");
            assertThat(metrics.get("disparate_impact").asDouble()).isCloseTo(di, within(1e-12));
            assertThat(metrics.get("statistical_parity_difference").asDouble()).isCloseTo(spd, within(1e-12));
            assertThat(metrics.get("equal_opportunity_difference").asDouble()).isCloseTo(eod, within(1e-12));
            assertThat(metrics.get("average_odds_difference").asDouble()).isCloseTo(aod, within(1e-12));
            assertThat(report.get("metrics").get("accuracy").asDouble()).isCloseTo(accuracy, within(1e-12));
            // the test years hold 675 Black and 2083 White arrestees
            assertThat(black.n + white.n).isEqualTo(2758);

            // the verdict is in lineage, tied to the model version and dataset version it judged
            Entity verdict = lineage.history(EntityKind.GATE_VERDICT, "arrests-release").stream()
                    .filter(v -> "model".equals(v.attributes().get("gate"))).reduce((a, b) -> b).orElseThrow();
            assertThat(verdict.attributes()).containsEntry("status", "PASS").containsEntry("env", "staging");
            assertThat(verdict.targets(Relation.EVALUATED)).containsExactly(model.id());
            assertThat(verdict.targets(Relation.USED)).containsExactly(model.targets(Relation.DERIVED_FROM).get(0));
            Entity dataVerdict = lineage.history(EntityKind.GATE_VERDICT, "arrests-release").stream()
                    .filter(v -> "data".equals(v.attributes().get("gate"))).findFirst().orElseThrow();
            assertThat(dataVerdict.targets(Relation.USED)).containsExactly(model.targets(Relation.DERIVED_FROM).get(0));
        }
    }

    @Test
    void prodsStricterGatesFailTheSameModelAndExitOne() throws Exception {
        assertThat(Cli.run("run", SPEC.toString(), "--home", home.toString()).code()).isZero();
        Path out = home.resolve("gate-out");
        Cli prod = Cli.run("gate", SPEC.toString(), "--model", "arrests-release", "--env", "prod",
                "--home", home.toString(), "--format", "json", "--out", out.toString());
        assertThat(prod.code()).as(prod.err()).isEqualTo(1);
        JsonNode report = Json.mapper().readTree(prod.out());
        assertThat(report.get("status").asText()).isEqualTo("FAIL");
        assertThat(report.get("env").asText()).isEqualTo("prod");
        // the plain model ranks well enough (AUC) but hardly tells the classes apart: prod's macro F1 refuses it
        JsonNode macroF1 = null;
        for (JsonNode c : report.get("checks")) {
            if (c.get("check").asText().equals("macro_f1 >= 0.50")) {
                macroF1 = c;
            }
        }
        assertThat(macroF1).isNotNull();
        assertThat(macroF1.get("status").asText()).isEqualTo("FAIL");
        assertThat(macroF1.get("reason").asText()).matches("macro_f1 0\\.\\d{4} violates >= 0\\.5 by 0\\.\\d{4}");
        assertThat(out.resolve("gate-report.json")).exists();
        assertThat(out.resolve("gate-junit.xml")).exists();
        assertThat(out.resolve("gate-report.html")).exists();

        Cli staging = Cli.run("gate", SPEC.toString(), "--model", "arrests-release", "--champion-env",
                "staging", "--home", home.toString());
        assertThat(staging.code()).as(staging.err()).isZero();
        assertThat(staging.out()).startsWith("PASS arrests-release@v1 for staging: 8 passed").contains("fairness by colour");
    }

    @Test
    void theReleasePipelinePassesEveryGateWithTheHardenedModelAndPromotesWithASignOff() throws Exception {
        // without a sign-off the promotion is refused: exit 1, nothing serves in prod
        Cli unsigned = Cli.run("run", SPEC.toString(), "--pipeline", "release-to-prod", "--home", home.toString());
        assertThat(unsigned.code()).as(unsigned.out()).isEqualTo(1);
        assertThat(unsigned.out()).contains("gate  ", "PASS arrests-release@v2 for staging: 8 passed",
                "no approver: a promotion to prod needs a sign-off");

        Cli release = Cli.run("run", SPEC.toString(), "--pipeline", "release-to-prod", "--approver", "alice",
                "--home", home.toString());
        assertThat(release.code()).as(release.out()).isZero();
        assertThat(release.out()).contains("promoted arrests-release@v", "from staging to prod, approved by alice (cli), "
                + "gates PASS");
        try (LineageStore lineage = LineageStores.open(LineageStores.defaultLocation(home), Map.of())) {
            Entity prod = lineage.latest(EntityKind.DEPLOYMENT, "arrests-release/prod").orElseThrow();
            assertThat(prod.attributes()).containsEntry("status", "ACTIVE");
            Entity approval = lineage.get(prod.targets(Relation.APPROVED_BY).get(0)).orElseThrow();
            assertThat(approval.attributes()).containsEntry("approver", "alice").containsEntry("source", "cli");
            // what serves in prod is the hardened model's ONNX export, whose prod gates (AUC, macro F1) passed
            Entity served = prod.targets(Relation.USED).stream().map(id -> lineage.get(id).orElseThrow())
                    .filter(e -> e.kind() == EntityKind.MODEL).findFirst().orElseThrow();
            assertThat(served.attributes()).containsEntry("variant", "onnx-float32");
            assertThat(served.targets(Relation.DERIVED_FROM).stream().map(id -> lineage.get(id).orElseThrow()))
                    .anySatisfy(source -> assertThat(source.attributes()).containsEntry("variant", "hardened"));
        }

        Cli wrong = Cli.run("run", SPEC.toString(), "--pipeline", "release-to-prod", "--approver", "mallory",
                "--home", home.toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.out()).contains("'mallory' may not approve promotions to prod; approvers: release-managers, alice");

        Cli noPromote = Cli.run("run", SPEC.toString(), "--approver", "alice", "--home", home.toString());
        assertThat(noPromote.code()).isEqualTo(2);
        assertThat(noPromote.err()).contains("--approver alice: pipeline 'train-evaluate' has no promote task to sign off");
    }

    @Test
    void badGateArgumentsAreOneLineAndExitTwo() {
        Cli noModel = Cli.run("gate", SPEC.toString(), "--home", home.toString());
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.errLines()).singleElement().asString().contains("needs --model");
        Cli format = Cli.run("gate", SPEC.toString(), "--model", "arrests-release", "--format", "pdf");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.errLines()).singleElement().asString().contains("--format pdf: expected text, json, junit or html");
        Cli untrained = Cli.run("gate", SPEC.toString(), "--model", "arrests-release", "--home", home.toString());
        assertThat(untrained.code()).isEqualTo(1);
        assertThat(untrained.err()).contains("has no trained version yet");
    }

    /** Splits a CSV line of the arrests file (no commas inside quotes) and strips the quotes. */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            out.add(cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1) : cell);
        }
        return out;
    }
}

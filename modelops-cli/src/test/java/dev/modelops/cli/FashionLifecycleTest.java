package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import dev.modelops.lineage.LineageStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fashion-MNIST example through the CLI: the pipeline (train, harden, evaluate, compress to
 * int8, deploy to staging), a promotion to prod refused for a wrong approver and accepted for the
 * listed one, and an ONNX file imported as a model trained elsewhere and evaluated.
 */
@Tag("slow")
class FashionLifecycleTest {
    static final String SPEC = Path.of("..", "examples", "fashion-mnist", "modelops.yaml").toString();

    @TempDir
    Path home;

    @Test
    void pipelinePromotionAndImport() throws Exception {
        Cli run = Cli.run("run", SPEC, "--home", home.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("hardened fashion-classifier@v1 -> fashion-classifier@v2: CLEVER mean")
                .contains("int8").contains("size ratio").contains("agrees with Tribuo on 500/500 test rows")
                .contains("deployed fashion-classifier@v4 to staging (local, http://127.0.0.1:8087)");

        Cli wrong = Cli.run("promote", SPEC, "--home", home.toString(), "--model", "fashion-classifier",
                "--from", "staging", "--to", "prod", "--approver", "intern");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.out()).contains("'intern' may not approve promotions to prod; approvers: release-manager");

        Cli ok = Cli.run("promote", SPEC, "--home", home.toString(), "--model", "fashion-classifier",
                "--from", "staging", "--to", "prod", "--approver", "release-manager");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("promoted fashion-classifier@v4 from staging to prod, approved by release-manager (cli)");

        Entity float32;
        try (LineageStore lineage = LineageStores.open(LineageStores.defaultLocation(home), Map.of())) {
            List<Entity> prod = lineage.history(EntityKind.DEPLOYMENT, "fashion-classifier/prod");
            assertThat(prod).extracting(e -> e.attributes().get("status")).containsExactly("REFUSED", "ACTIVE");
            Entity approval = lineage.get(prod.get(1).targets(Relation.APPROVED_BY).get(0)).orElseThrow();
            assertThat(approval.attributes()).containsEntry("approver", "release-manager").containsEntry("source", "cli");
            float32 = lineage.history(EntityKind.MODEL, "fashion-classifier").stream()
                    .filter(e -> "onnx-float32".equals(e.attributes().get("variant"))).findFirst().orElseThrow();
        }

        // the exported float32 graph, brought back as if trained elsewhere: Tribuo's input order is by feature id
        List<String> order = ordered((Map<?, ?>) float32.attributes().get("featureIds"));
        List<String> classes = ordered((Map<?, ?>) float32.attributes().get("outputIds"));
        Path file = home.resolve("artifacts/sha256").resolve(float32.contentHash().substring(0, 2)).resolve(float32.contentHash());
        Cli imported = Cli.run("import-model", SPEC, "--home", home.toString(), "--model",
                "fashion-classifier", "--onnx", file.toString(), "--features", String.join(",", order),
                "--classes", String.join(",", classes));
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("as fashion-classifier@v5 (onnx");
        Cli evaluated = Cli.run("step", "evaluateModel", SPEC, "--home", home.toString(), "--model",
                "fashion-classifier");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        String accuracy = String.format(java.util.Locale.ROOT, "accuracy %.4f", ((Number) float32.attributes().get("accuracy")).doubleValue());
        assertThat(evaluated.out()).contains("fashion-classifier@v5 on 500 test rows: " + accuracy);
    }

    private static List<String> ordered(Map<?, ?> ids) {
        TreeMap<Integer, String> byId = new TreeMap<>();
        ids.forEach((k, v) -> byId.put(((Number) v).intValue(), String.valueOf(k)));
        return new ArrayList<>(byId.values());
    }
}

package dev.modelops.cli;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.core.util.Hashing;
import dev.modelops.steps.onnx.OnnxImport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops import-model FILE --onnx M.onnx --model NAME}: records a classifier trained
 * elsewhere as a new version of a declared model, so evaluateModel, gates and deployModel can use
 * it like one trained here.
 */
@Command(name = "import-model", description = "Record an ONNX classifier trained elsewhere as a version of a model.")
final class ImportModelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml declaring the model.")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX model file.")
    Path onnx;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The declared model.")
    String model;

    @Option(names = "--classes", split = ",", paramLabel = "NAMES",
            description = "Class names in the order of the graph's output (default: the label's declared values).")
    List<String> classes;

    @Option(names = "--input", paramLabel = "NAME", description = "The graph input to feed (default: its only input).")
    String input;

    @Option(names = "--features", split = ",", paramLabel = "NAMES",
            description = "The model's features in the order of the graph's input columns (default: as the spec lists them).")
    List<String> features;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelOpsSpec loaded = args.load(file, Planner.discover());
        Map<String, String> env = System.getenv();
        try (LineageStore lineage = store.openLineage(env)) {
            Entity recorded = OnnxImport.importModel(loaded, model, onnx, features, classes, input,
                    store.artifacts(env), lineage);
            spec.commandLine().getOut().printf("imported %s as %s (onnx, sha256 %s); evaluate it with: modelops step "
                    + "evaluateModel %s --model %s%n", onnx, recorded.label(), Hashing.shortHash(recorded.contentHash()),
                    file, model);
        }
        return ModelOpsCli.OK;
    }
}

package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.steps.data.IdxImages;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelops import-idx}: cuts a seeded, downsampled CSV subset out of MNIST-style IDX files
 * (train and test parts in one file, told apart by a {@code part} column), so an example can
 * train on images with nothing but the repository.
 */
@Command(name = "import-idx", description = "Write a CSV subset of IDX image files (MNIST, Fashion-MNIST).")
final class ImportIdxCommand implements Callable<Integer> {
    @Option(names = "--train-images", required = true, paramLabel = "FILE") Path trainImages;
    @Option(names = "--train-labels", required = true, paramLabel = "FILE") Path trainLabels;
    @Option(names = "--test-images", required = true, paramLabel = "FILE") Path testImages;
    @Option(names = "--test-labels", required = true, paramLabel = "FILE") Path testLabels;
    @Option(names = "--train", defaultValue = "2000", paramLabel = "N", description = "Training images kept. Default: ${DEFAULT-VALUE}.") int train;
    @Option(names = "--test", defaultValue = "500", paramLabel = "N", description = "Test images kept. Default: ${DEFAULT-VALUE}.") int test;
    @Option(names = "--downsample", defaultValue = "2", paramLabel = "F", description = "Average FxF blocks. Default: ${DEFAULT-VALUE}.") int downsample;
    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED") long seed;
    @Option(names = "--classes", required = true, split = ",", paramLabel = "NAMES", description = "Class names by label index.") List<String> classes;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "CSV") Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputPaths.file("--out", out);
        if (train < 1 || test < 1) {
            throw new InputError("--train/--test", "expected at least one image in each part");
        }
        Map<String, IdxImages> parts = new LinkedHashMap<>();
        try {
            parts.put("train", IdxImages.read(trainImages, trainLabels).sample(train, seed).downsample(downsample));
            parts.put("test", IdxImages.read(testImages, testLabels).sample(test, seed + 1).downsample(downsample));
        } catch (IllegalArgumentException e) {
            throw new InputError("--downsample", e.getMessage());
        }
        IdxImages.writeCsv(out, classes, parts);
        IdxImages first = parts.get("train");
        spec.commandLine().getOut().printf("wrote %s: %d train + %d test images of %dx%d pixels%n", out,
                parts.get("train").size(), parts.get("test").size(), first.rows(), first.columns());
        return ModelOpsCli.OK;
    }
}

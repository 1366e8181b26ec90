package dev.modelops.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small three-class numeric dataset and specs around it, for fast deployment tests. */
final class SmallSpecs {
    private SmallSpecs() {
    }

    static void writeData(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("y,a,b,c\n");
        Random r = new Random(8);
        for (int i = 0; i < 600; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            double c = r.nextGaussian();
            String y = a + 0.5 * b - c > 0.3 ? "yes" : a - b > 0 ? "no" : "maybe";
            csv.append(y).append(',').append(a).append(',').append(b).append(',').append(c).append('\n');
        }
        Files.writeString(dir.resolve("abc.csv"), csv);
    }

    /** A spec with model {@code m} (two feature sets via variable), the given environments and pipelines. */
    static Path write(Path dir, String environments, String pipelines) throws IOException {
        writeData(dir);
        Path spec = dir.resolve("modelops.yaml");
        Files.writeString(spec, """
                version: 1
                variables:
                  epochs: 10
                datasets:
                  abc:
                    uri: abc.csv
                    schema: {y: {type: categorical, values: ["yes", "no", maybe]}, a: numeric, b: numeric, c: numeric}
                models:
                  m:
                    trainer: logistic-regression
                    hyperparameters:
                      epochs: ${epochs}
                    dataset: abc
                    features: [a, b, c]
                    label: y
                    split: {ratio: 0.7, seed: 1}
                environments:
                %s
                pipelines:
                %s
                """.formatted(environments.indent(2).stripTrailing(), pipelines.indent(2).stripTrailing()));
        return spec;
    }
}

package dev.modelops.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small specs and CSV files into a test's temporary folder. */
public final class SpecFixtures {
    private SpecFixtures() {
    }

    public static final String CSV = """
            label,age,colour,year
            yes,21,a,1997
            no,35,b,1998
            yes,40,a,2000
            no,52,b,2001
            """;

    /** A valid spec with one dataset, one model and the given pipelines section. */
    public static String spec(String pipelines) {
        return """
                version: 1
                variables:
                  epochs: 5
                datasets:
                  people:
                    uri: people.csv
                    schema:
                      label: {type: categorical, values: ["yes", "no"]}
                      age: integer
                      colour: categorical
                      year: integer
                models:
                  m:
                    trainer: logistic-regression
                    hyperparameters:
                      epochs: ${epochs}
                    dataset: people
                    features: [age, colour]
                    label: label
                    split: {train: "year <= 1998"}
                environments:
                  dev: {}
                  staging:
                    variables: {epochs: 20}
                    overrides:
                      models: {m: {features: [age]}}
                """ + pipelines;
    }

    public static Path write(Path dir, String yaml) throws IOException {
        Files.writeString(dir.resolve("people.csv"), CSV);
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}

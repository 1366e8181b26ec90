package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new batch of arrests data is validated before training: a renamed column, a type change and
 * a column with 30% missing values each stop the pipeline with a message naming the column,
 * and training never starts. The untouched data passes.
 */
class DataValidationTest {
    static final Path CSV = Path.of("..", "examples", "arrests", "data", "arrests.csv");

    @TempDir
    Path dir;

    private Path spec(Path batch) throws Exception {
        Path file = dir.resolve("modelops.yaml");
        Files.writeString(file, """
                version: 1
                datasets:
                  arrests:
                    uri: %s
                    schema:
                      released: {type: categorical, values: ["Yes", "No"]}
                      colour:   {type: categorical, values: [Black, White]}
                      year:     {type: integer, min: 1997, max: 2002}
                      age:      {type: integer, min: 0, max: 120}
                      sex:      {type: categorical, values: [Female, Male]}
                      employed: {type: categorical, values: ["Yes", "No"]}
                      citizen:  {type: categorical, values: ["Yes", "No"]}
                      checks:   {type: integer, min: 0, max: 6}
                models:
                  release:
                    trainer: logistic-regression
                    dataset: arrests
                    features: [age, sex, employed, citizen, checks]
                    label: released
                    split: {train: "year <= 1999"}
                    gates:
                      data: {max_missing: 0.05, duplicates: ignore}
                pipelines:
                  - name: retrain
                    tasks:
                      - {id: validate, type: validateData, model: release, with: {data: %s}}
                      - {id: train, type: trainModel, model: release, depends_on: [validate]}
                """.formatted(CSV.toAbsolutePath().normalize(), batch.toAbsolutePath()));
        return file;
    }

    private Path batch(String name, UnaryOperator<String> header, java.util.function.BiFunction<Integer, String[], String[]> row)
            throws Exception {
        List<String> lines = Files.readAllLines(CSV);
        List<String> out = new ArrayList<>();
        out.add(header.apply(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            out.add(String.join(",", row.apply(i - 1, lines.get(i).split(",", -1))));
        }
        Path file = dir.resolve(name);
        Files.write(file, out);
        return file;
    }

    private Cli run(Path batch) throws Exception {
        return Cli.run("run", spec(batch).toString(), "--home", dir.resolve("home").toString());
    }

    @Test
    void theUntouchedDataPassesAndTrainingRuns() throws Exception {
        Cli r = run(CSV);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("PASS data of release (dataset arrests): 8 passed", "trained release@v1");
    }

    @Test
    void aRenamedColumnStopsTrainingAndIsNamed() throws Exception {
        Cli r = run(batch("renamed.csv", h -> h.replace("\"colour\"", "\"race\""), (i, f) -> f));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL data of release (dataset arrests): ", "column 'colour' (declared categorical) is missing from the header of "
                + "renamed.csv; the file has undeclared column 'race' (renamed?)");
        assertThat(r.out()).contains("blocked: 'validate' failed");
        assertThat(r.out()).doesNotContain("trained release");
    }

    @Test
    void aTypeChangeStopsTrainingAndIsNamed() throws Exception {
        Cli r = run(batch("typed.csv", UnaryOperator.identity(), (i, f) -> {
            f[7] = "\"" + f[7] + " checks\"";
            return f;
        }));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("column 'checks' (declared integer): 5226 of 5226 values are not numbers, e.g. '");
        assertThat(r.out()).contains("blocked: 'validate' failed");
    }

    @Test
    void aThirtyPercentMissingColumnStopsTrainingAndIsNamed() throws Exception {
        Cli r = run(batch("missing.csv", UnaryOperator.identity(), (i, f) -> {
            if (i % 10 < 3) {
                f[3] = "NA";
            }
            return f;
        }));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("column 'age': 30.0% missing (1569 of 5226 rows), above the limit 5.0%");
        assertThat(r.out()).contains("blocked: 'validate' failed");
    }
}

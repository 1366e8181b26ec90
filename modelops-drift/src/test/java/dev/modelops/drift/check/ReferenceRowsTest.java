package dev.modelops.drift.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.data.CsvTables;
import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.core.spec.SplitSpec;
import dev.modelops.core.util.Hashing;
import dev.modelops.drift.profile.ProfileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceRowsTest {
    @TempDir
    Path dir;

    private ProfileSource source(Path file, String train, Double ratio) {
        return new ProfileSource("m", 1, "id", "sha", "CLASSIFICATION", List.of("age", "citizen"), "released", "Yes",
                "arrests", "did", file.toString(), Hashing.sha256(file), train, ratio, 42L, "split");
    }

    @Test
    void aRandomSplitIsReproducedFromTheRowCountAndSeedWithoutLoadingTheFile() throws Exception {
        Path file = Files.copy(Path.of("../examples/arrests/data/arrests.csv"), dir.resolve("arrests.csv"));
        Table all = CsvTables.read(file, Set.of("NA"));
        Split split = Split.of(all, new SplitSpec(null, 0.7, 42L));
        ArrestsFixture f = ArrestsFixture.get();
        ReferenceRows rows = new ReferenceRows(source(file, null, 0.7), f.dataset, split.train().length, 500);
        ReferenceRows.Result result = rows.load();
        assertThat(result.skipped()).isNull();
        assertThat(result.rows().size()).isEqualTo(500);
        // every sampled row is a training row of the split
        Set<String> train = new HashSet<>();
        for (int r : split.train()) {
            train.add(String.join(",", all.row(r)) + "@" + all.lineOf(r));
        }
        for (int r = 0; r < result.rows().size(); r++) {
            assertThat(train).contains(String.join(",", result.rows().row(r)) + "@" + result.rows().lineOf(r));
        }
        assertThat(rows.load()).isSameAs(result);
    }

    @Test
    void aChangedFileOrADifferentRowCountSkipsTheDomainClassifierWithTheReason() throws Exception {
        Path file = Files.copy(Path.of("../examples/arrests/data/arrests.csv"), dir.resolve("arrests.csv"));
        ArrestsFixture f = ArrestsFixture.get();
        ProfileSource source = source(file, "year <= 1999", null);
        assertThat(new ReferenceRows(source, f.dataset, 2468).load().skipped()).isNull();
        assertThat(new ReferenceRows(source, f.dataset, 2000).load().skipped())
                .isEqualTo("the recorded split selects 2468 training rows, the profile holds 2000");
        Files.writeString(file, "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new ReferenceRows(source, f.dataset, 2468).load().skipped()).contains("changed since training");
        Files.delete(file);
        assertThat(new ReferenceRows(source, f.dataset, 2468).load().skipped()).contains("is no longer there");
    }
}

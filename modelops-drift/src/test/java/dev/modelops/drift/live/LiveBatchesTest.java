package dev.modelops.drift.live;

import dev.modelops.core.data.CsvBatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.data.CsvTables;
import dev.modelops.core.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live batches: complete or invisible, never empty, in arrival order, values and missing cells kept. */
class LiveBatchesTest {
    @TempDir
    Path dir;

    private static Table rows(String[]... cells) {
        return new Table(List.of("sex", "age", "note", "extra"), new ArrayList<>(Arrays.asList(cells)));
    }

    private List<String> visible(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void batchesAppearWholeAtTheirRowLimitAndAtRotation() throws Exception {
        Path folder = dir.resolve("batches");
        LiveBatches batches = new LiveBatches(folder, List.of("age", "sex", "note", "absent"), 3);
        assertThat(batches.rotate()).isEmpty();
        assertThat(batches.append(rows(new String[] {"Male", "31", "plain", "x"},
                new String[] {null, "40", "a, \"quoted\" note", "y"}))).isEmpty();
        // two rows are pending under a hidden name: the scheduled check sees no batch yet
        assertThat(visible(folder)).singleElement().satisfies(n -> assertThat(n).startsWith(".live-").endsWith(".csv.part"));
        assertThatThrownBy(() -> CsvBatches.of(folder, "--data")).isInstanceOf(InputError.class)
                .hasMessageContaining("holds no .csv batch");
        assertThat(CsvBatches.ofOrNone(folder, "--data")).isEmpty(); // --only-new/--monitor: nothing new, exit 0
        assertThat(batches.pendingRows()).isEqualTo(2);

        List<Path> done = batches.append(rows(new String[] {"Female", "22", "", "z"}, new String[] {"Female", "NA", "n", "w"}));
        assertThat(done).hasSize(1);
        assertThat(batches.pendingRows()).isEqualTo(1);
        Path second = batches.rotate().orElseThrow();
        assertThat(batches.rotate()).isEmpty();
        batches.close();
        assertThat(CsvBatches.of(folder, "--data")).containsExactly(done.get(0), second);
        assertThat(visible(folder)).allMatch(n -> n.matches("live-\\d{8}-\\d{6}-\\d{3}-[0-9a-f]{6}-000[12]\\.csv"));

        Table first = CsvTables.read(done.get(0), Set.of("NA"));
        assertThat(first.columns()).containsExactly("age", "sex", "note", "absent");
        assertThat(first.size()).isEqualTo(3);
        assertThat(first.row(0)).containsExactly("31", "Male", "plain", null);
        assertThat(first.row(1)).containsExactly("40", null, "a, \"quoted\" note", null);
        assertThat(first.row(2)).containsExactly("22", "Female", null, null);
        Table last = CsvTables.read(second, Set.of("NA"));
        assertThat(last.size()).isEqualTo(1);
        assertThat(last.row(0)).containsExactly(null, "Female", "n", null);
    }
}

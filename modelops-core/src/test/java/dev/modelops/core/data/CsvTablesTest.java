package dev.modelops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.spec.ColumnSpec;
import dev.modelops.core.spec.ColumnType;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.SplitSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTablesTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedCellsAndMarksMissingOnes() throws Exception {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "name,comment,n\n\"Smith, J\",\"said \"\"hi\"\"\",3\nLee,,NA\n");
        Table t = CsvTables.read(f, Set.of("NA"));
        assertThat(t.columns()).containsExactly("name", "comment", "n");
        assertThat(t.text(0, "name")).isEqualTo("Smith, J");
        assertThat(t.text(0, "comment")).isEqualTo("said \"hi\"");
        assertThat(t.isMissing(1, 1)).isTrue();
        assertThat(t.number(1, "n")).isNaN();
        assertThat(t.lineOf(1)).isEqualTo(3);
    }

    @Test
    void raggedRowsNameTheirLine() throws Exception {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> CsvTables.read(f, Set.of()))
                .isInstanceOf(InputError.class).hasMessage(f + ":3: expected 2 fields as in the header, got 1");
    }

    @Test
    void schemaViolationsNameColumnAndLine() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "age,sex\n20,M\nabc,F\n");
        Map<String, ColumnSpec> schema = new LinkedHashMap<>();
        schema.put("age", ColumnSpec.of(ColumnType.INTEGER));
        DatasetSpec spec = new DatasetSpec("people", "c.csv", "csv", schema, null);
        assertThatThrownBy(() -> new DatasetLoader().load(spec, f))
                .isInstanceOf(InputError.class)
                .hasMessage(f + ":3: column 'age': expected a number (integer), got 'abc'");

        schema.put("income", ColumnSpec.of(ColumnType.NUMERIC));
        Files.writeString(f, "age,sex\n20,M\n");
        assertThatThrownBy(() -> new DatasetLoader().load(new DatasetSpec("people", "c.csv", "csv", schema, null), f))
                .hasMessageContaining("column 'income' declared in datasets.people.schema is not in the header");
    }

    @Test
    void splitsByColumnFilterOrSeededRatio() {
        List<String[]> rows = new java.util.ArrayList<>();
        for (int y = 1997; y <= 2002; y++) {
            rows.add(new String[] {String.valueOf(y)});
        }
        Table t = new Table(List.of("year"), rows);
        Split byYear = Split.of(t, new SplitSpec("year <= 1999", null, null));
        assertThat(byYear.train()).containsExactly(0, 1, 2);
        assertThat(byYear.test()).containsExactly(3, 4, 5);

        Split random = Split.of(t, new SplitSpec(null, 0.5, 7L));
        assertThat(random.train()).hasSize(3);
        assertThat(Split.of(t, new SplitSpec(null, 0.5, 7L)).train()).containsExactly(random.train());
    }

    @Test
    void rowFiltersParseOrExplainTheForm() {
        assertThat(RowFilter.parse("region == \"north east\"").value()).isEqualTo("north east");
        assertThatThrownBy(() -> RowFilter.parse("year is old"))
                .hasMessageContaining("expected 'column op value'");
    }
}

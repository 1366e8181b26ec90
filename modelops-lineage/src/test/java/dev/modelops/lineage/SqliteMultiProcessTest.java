package dev.modelops.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.testing.JavaProcesses;
import dev.modelops.lineage.testing.RecordWriterMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight separate OS processes write one embedded SQLite store at once, all fighting over the
 * version numbers of one shared history, as parallel Jenkins builds do. No record may be lost,
 * duplicated or numbered twice.
 */
class SqliteMultiProcessTest {
    private static final int PROCESSES = 8;
    private static final int RECORDS = 40;

    @TempDir
    Path dir;

    @Test
    void eightProcessesWritingOneStoreLoseNoRecord() throws Exception {
        String location = "sqlite:" + dir.resolve("shared/lineage.db");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            processes.add(JavaProcesses.start(RecordWriterMain.class, List.of(location, "w" + p, String.valueOf(RECORDS)),
                    Map.of(), dir.resolve("writer-" + p + ".log")));
        }
        for (int p = 0; p < PROCESSES; p++) {
            assertThat(processes.get(p).waitFor(120, TimeUnit.SECONDS)).as("writer %d finished", p).isTrue();
            assertThat(processes.get(p).exitValue()).as("writer %d: %s", p,
                    Files.readString(dir.resolve("writer-" + p + ".log"))).isZero();
        }
        try (LineageStore store = LineageStores.open(location, Map.of())) {
            List<Entity> shared = store.history(EntityKind.EVENT, "shared");
            assertThat(shared).hasSize(PROCESSES * RECORDS);
            assertThat(shared).extracting(Entity::version)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, PROCESSES * RECORDS).boxed().toList());
            Set<String> written = new HashSet<>();
            for (Entity e : shared) {
                assertThat(written.add(e.attributes().get("writer") + "/" + e.attributes().get("i")))
                        .as("duplicate %s", e.attributes()).isTrue();
            }
            for (int p = 0; p < PROCESSES; p++) {
                assertThat(store.history(EntityKind.EVENT, "writer/w" + p)).extracting(Entity::version)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, RECORDS).boxed().toList());
            }
            assertThat(((JdbcLineageStore) store).counts()).containsEntry(EntityKind.EVENT, PROCESSES * RECORDS * 2);
        }
    }
}

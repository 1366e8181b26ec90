package dev.modelops.lineage.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.InMemoryLineageStore;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.LineageStores;
import dev.modelops.lineage.query.LineageQueries;
import dev.modelops.lineage.testing.Lifecycle;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recursive SQL of the JDBC stores and the record-by-record walk used for other stores
 * ({@code memory:}) must reach exactly the same records from every record, in both directions.
 */
class GraphReadersTest {
    @TempDir
    Path dir;

    @Test
    void recursiveSqlAndTheWalkAgreeOnEveryRecord() {
        try (LineageStore sqlite = LineageStores.open("sqlite:" + dir.resolve("l.db"), Map.of());
             LineageStore memory = new InMemoryLineageStore()) {
            Lifecycle a = Lifecycle.record(sqlite, "churn");
            Lifecycle.record(sqlite, "fraud");
            Lifecycle.record(memory, "churn");
            Lifecycle.record(memory, "fraud");
            GraphReader sql = GraphReaders.of(sqlite);
            GraphReader walk = GraphReaders.of(memory);
            assertThat(sql).isSameAs(sqlite);
            assertThat(walk).isNotSameAs(memory);
            for (Entity e : a.all()) {
                for (Direction d : Direction.values()) {
                    assertThat(walk.reachable(e.id(), d)).as("%s %s", d, e.label())
                            .containsExactlyInAnyOrderElementsOf(sql.reachable(e.id(), d));
                }
            }
            assertThat(walk.idsStartingWith(a.model().id().substring(0, 10), 5)).containsExactly(a.model().id());
            LineageQueries q = new LineageQueries(memory);
            assertThat(q.ancestors(q.resolveModel("churn")).entities(dev.modelops.core.lineage.EntityKind.DATASET))
                    .extracting(Entity::name).containsExactly("churn-data");
        }
    }
}

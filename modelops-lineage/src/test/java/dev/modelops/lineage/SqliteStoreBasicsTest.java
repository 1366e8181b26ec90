package dev.modelops.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.lineage.Relation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreBasicsTest {
    @TempDir
    Path dir;

    private static LineageRecord dataset(String hash) {
        return LineageRecord.builder(EntityKind.DATASET, "arrests").contentHash(hash).attribute("rows", 5226).build();
    }

    @Test
    void sameContentIsOneVersionChangedContentIsTheNext() {
        try (LineageStore store = LineageStores.open("sqlite:" + dir.resolve("l.db"), Map.of())) {
            Entity v1 = store.record(dataset("a".repeat(64)));
            Entity again = store.record(dataset("a".repeat(64)));
            Entity v2 = store.record(dataset("b".repeat(64)));
            assertThat(again.id()).isEqualTo(v1.id());
            assertThat(again.version()).isEqualTo(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(store.history(EntityKind.DATASET, "arrests")).extracting(Entity::contentHash)
                    .containsExactly("a".repeat(64), "b".repeat(64));
        }
    }

    @Test
    void recordsAndEdgesSurviveReopening() {
        String db = "sqlite:" + dir.resolve("l.db");
        Entity data;
        Entity model;
        try (LineageStore store = LineageStores.open(db, Map.of())) {
            data = store.record(dataset("c".repeat(64)));
            model = store.record(LineageRecord.builder(EntityKind.MODEL, "m").contentHash("d".repeat(64))
                    .attribute("metrics", Map.of("auc", 0.71)).edge(Relation.DERIVED_FROM, data.id()).build());
        }
        try (LineageStore store = LineageStores.open(db, Map.of())) {
            Entity back = store.get(model.id()).orElseThrow();
            assertThat(back.attributes()).isEqualTo(Map.of("metrics", Map.of("auc", 0.71)));
            assertThat(back.targets(Relation.DERIVED_FROM)).containsExactly(data.id());
            assertThat(store.referrers(data.id(), Relation.DERIVED_FROM)).extracting(Entity::id).containsExactly(model.id());
            assertThat(store.names(EntityKind.MODEL)).containsExactly("m");
        }
    }
}

package dev.modelops.lineage.testing;

import dev.modelops.core.lineage.EntityKind;
import dev.modelops.core.lineage.LineageRecord;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.LineageStores;
import java.util.Map;

/**
 * A separate OS process that writes lineage records into a shared store, as a Jenkins build would:
 * {@code java ... RecordWriterMain STORE WRITER COUNT}. Each record is a new version of one shared
 * history (maximum contention on version numbers) plus one record of the writer's own.
 */
public final class RecordWriterMain {
    private RecordWriterMain() {
    }

    public static void main(String[] args) {
        String location = args[0];
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        try (LineageStore store = LineageStores.open(location, Map.of())) {
            for (int i = 0; i < count; i++) {
                store.record(LineageRecord.builder(EntityKind.EVENT, "shared")
                        .attribute("writer", writer).attribute("i", i).build());
                store.record(LineageRecord.builder(EntityKind.EVENT, "writer/" + writer)
                        .attribute("i", i).build());
            }
        }
        System.out.println("wrote " + count);
    }
}

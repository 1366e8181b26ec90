package dev.modelops.lineage.graph;

import dev.modelops.core.lineage.Entity;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reads lineage queries need beyond {@link dev.modelops.core.lineage.LineageStore}: a whole
 * reachable set in one call (the JDBC stores answer it with one recursive SQL query instead of a
 * round trip per record), records in bulk, and id lookup by prefix for the short ids users copy
 * from our output.
 */
public interface GraphReader {
    /** The ids reachable from {@code id} following {@code direction}, {@code id} included. */
    Set<String> reachable(String id, Direction direction);

    /** The records among {@code ids} that exist, by id. */
    Map<String, Entity> getAll(Collection<String> ids);

    /** Up to {@code limit} record ids starting with {@code prefix}. */
    List<String> idsStartingWith(String prefix, int limit);
}

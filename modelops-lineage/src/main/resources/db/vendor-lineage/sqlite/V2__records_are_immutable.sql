-- Lineage is an append-only history: a change is a new version, never an edit. The database
-- itself refuses to update or delete a record or a link, whoever asks.
CREATE TRIGGER entity_no_update BEFORE UPDATE ON entity
BEGIN
    SELECT RAISE(ABORT, 'lineage records are immutable: record a new version instead');
END;

CREATE TRIGGER entity_no_delete BEFORE DELETE ON entity
BEGIN
    SELECT RAISE(ABORT, 'lineage records are immutable: record a new version instead');
END;

CREATE TRIGGER edge_no_update BEFORE UPDATE ON edge
BEGIN
    SELECT RAISE(ABORT, 'lineage records are immutable: record a new version instead');
END;

CREATE TRIGGER edge_no_delete BEFORE DELETE ON edge
BEGIN
    SELECT RAISE(ABORT, 'lineage records are immutable: record a new version instead');
END;

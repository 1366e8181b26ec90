-- Lineage is an append-only history: a change is a new version, never an edit. The database
-- itself refuses to update, delete or truncate a record or a link, whoever asks.
CREATE FUNCTION modelops_lineage_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'lineage records are immutable: record a new version instead';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER entity_no_change BEFORE UPDATE OR DELETE ON entity
    FOR EACH ROW EXECUTE FUNCTION modelops_lineage_immutable();
CREATE TRIGGER entity_no_truncate BEFORE TRUNCATE ON entity
    FOR EACH STATEMENT EXECUTE FUNCTION modelops_lineage_immutable();
CREATE TRIGGER edge_no_change BEFORE UPDATE OR DELETE ON edge
    FOR EACH ROW EXECUTE FUNCTION modelops_lineage_immutable();
CREATE TRIGGER edge_no_truncate BEFORE TRUNCATE ON edge
    FOR EACH STATEMENT EXECUTE FUNCTION modelops_lineage_immutable();

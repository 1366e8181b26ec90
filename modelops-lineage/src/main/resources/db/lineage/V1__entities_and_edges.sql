-- Every lineage record is an immutable, content-addressed entity version.
CREATE TABLE entity (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    kind         VARCHAR(32)  NOT NULL,
    name         VARCHAR(512) NOT NULL,
    version      INTEGER      NOT NULL,
    content_hash VARCHAR(64),
    recorded_at  VARCHAR(40)  NOT NULL,
    attributes   TEXT         NOT NULL,
    CONSTRAINT entity_version UNIQUE (kind, name, version)
);

CREATE INDEX entity_content_hash ON entity (content_hash);

-- Typed links from a record to earlier records.
CREATE TABLE edge (
    source_id VARCHAR(64) NOT NULL REFERENCES entity (id),
    position  INTEGER     NOT NULL,
    relation  VARCHAR(32) NOT NULL,
    target_id VARCHAR(64) NOT NULL,
    CONSTRAINT edge_pk PRIMARY KEY (source_id, position)
);

CREATE INDEX edge_target ON edge (target_id, relation);

-- +goose Up
-- The handling unit of a dossier (for the statistics by unit), and the
-- tenant's own catalogue entries: local procedures and legacy procedures
-- created by imports from older systems.
ALTER TABLE dossiers ADD COLUMN unit_code TEXT NOT NULL DEFAULT '';
CREATE INDEX dossiers_unit ON dossiers (tenant_id, unit_code);

CREATE TABLE tenant_procedures (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL,
    field_name TEXT NOT NULL DEFAULT '',
    legacy     INTEGER NOT NULL DEFAULT 0,
    data_json  TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- +goose Down
DROP TABLE tenant_procedures;
DROP INDEX dossiers_unit;
ALTER TABLE dossiers DROP COLUMN unit_code;

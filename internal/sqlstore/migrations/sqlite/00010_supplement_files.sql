-- +goose Up
-- Files a citizen uploads through the portal to answer a request to
-- supplement a dossier (status 5), whatever channel the dossier came by.
-- round is the supplement request they answer (1 for the first). The
-- bytes are blobs, kept once per SHA-256.
CREATE TABLE supplement_files (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    round      INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id),
    FOREIGN KEY (tenant_id, sha256) REFERENCES blobs (tenant_id, sha256)
);
CREATE INDEX supplement_files_dossier ON supplement_files (tenant_id, dossier_id);

-- +goose Down
DROP TABLE supplement_files;

-- +goose Up
-- The citizens' portal: citizen sessions (signed in through the national
-- e-ID), drafts of online dossiers with their uploaded files, the files'
-- bytes kept once per SHA-256 (content-addressed), online payments and
-- results issued electronically. tenant_id leads every key.
CREATE TABLE citizen_sessions (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id_hash    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    id_number  TEXT NOT NULL,
    full_name  TEXT NOT NULL,
    birth_date TEXT NOT NULL DEFAULT '',
    csrf       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id_hash)
);
CREATE INDEX citizen_sessions_expiry ON citizen_sessions (expires_at);

CREATE TABLE blobs (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    sha256     TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       BIGINT NOT NULL,
    content    BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, sha256)
);

CREATE TABLE portal_drafts (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    procedure_id TEXT NOT NULL,
    status       TEXT NOT NULL,
    dossier_id   TEXT NOT NULL DEFAULT '',
    data_json    TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX portal_drafts_owner ON portal_drafts (tenant_id, owner_id);
CREATE INDEX portal_drafts_dossier ON portal_drafts (tenant_id, dossier_id);

CREATE TABLE portal_files (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    draft_id   TEXT NOT NULL,
    doc_index  INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, draft_id) REFERENCES portal_drafts (tenant_id, id),
    FOREIGN KEY (tenant_id, sha256) REFERENCES blobs (tenant_id, sha256)
);
CREATE INDEX portal_files_draft ON portal_files (tenant_id, draft_id);

CREATE TABLE payments (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    dossier_id  TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    amount      BIGINT NOT NULL,
    status      TEXT NOT NULL,
    gateway_ref TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    paid_at     TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id)
);
CREATE INDEX payments_dossier ON payments (tenant_id, dossier_id);

CREATE TABLE results (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    title      TEXT NOT NULL,
    issuer     TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       BIGINT NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id),
    FOREIGN KEY (tenant_id, sha256) REFERENCES blobs (tenant_id, sha256)
);
CREATE INDEX results_dossier ON results (tenant_id, dossier_id);
CREATE INDEX results_sha256 ON results (tenant_id, sha256);

-- +goose Down
DROP TABLE results;
DROP TABLE payments;
DROP TABLE portal_files;
DROP TABLE portal_drafts;
DROP TABLE blobs;
DROP TABLE citizen_sessions;

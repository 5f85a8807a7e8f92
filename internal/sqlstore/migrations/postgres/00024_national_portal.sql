-- +goose Up
-- The national public-service portal (Cổng DVCQG, package external/dvcqg).
-- Dossiers filed on the portal: one row per national dossier code, so that
-- a dossier is received once however often the portal lists it.
CREATE TABLE national_portal_links (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    national_code TEXT NOT NULL,
    dossier_id    TEXT NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, national_code)
);
CREATE UNIQUE INDEX national_portal_links_dossier ON national_portal_links (tenant_id, dossier_id);

-- The sync log: per dossier, the last status the portal acknowledged.
-- received_synced is set once a status at or after acceptance (2–10) has
-- reached the portal: Decision 766 indicator 1.4 counts those dossiers.
CREATE TABLE national_portal_sync (
    tenant_id       TEXT NOT NULL REFERENCES tenants (id),
    dossier_id      TEXT NOT NULL,
    last_status     BIGINT NOT NULL,
    last_seq        BIGINT NOT NULL,
    received_synced BOOLEAN NOT NULL DEFAULT FALSE,
    first_synced_at TIMESTAMPTZ NOT NULL,
    last_synced_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, dossier_id)
);

-- The sync report reads the tenant's portal pushes by status.
CREATE INDEX outbox_channel ON outbox (tenant_id, channel, status, created_at);

-- Fee exemptions (issue 14 item 5): the legal ground on which the desk
-- exempted a dossier from its fee.
CREATE TABLE fee_exemptions (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    dossier_id TEXT NOT NULL,
    ground     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    amount     BIGINT NOT NULL,
    officer    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, dossier_id)
);

-- Digitised papers and electronic results (Decree 45/2020/NĐ-CP, Decree
-- 107/2021/NĐ-CP; package digitise). A reused copy points at the copy it
-- reuses (reused_from) and has no content of its own. owner_id is the
-- applicant's ID number: a returning applicant's copies are one index range.
CREATE TABLE digitised_copies (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    dossier_id  TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    component   TEXT NOT NULL,
    doc_code    TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        BIGINT NOT NULL,
    content     BYTEA,
    valid_until TEXT NOT NULL DEFAULT '',
    officer     TEXT NOT NULL,
    reused_from TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX digitised_copies_code ON digitised_copies (tenant_id, doc_code);
CREATE INDEX digitised_copies_owner ON digitised_copies (tenant_id, owner_id, created_at);
CREATE INDEX digitised_copies_dossier ON digitised_copies (tenant_id, dossier_id, kind);

-- +goose Down
DROP TABLE digitised_copies;
DROP TABLE fee_exemptions;
DROP INDEX outbox_channel;
DROP TABLE national_portal_sync;
DROP TABLE national_portal_links;

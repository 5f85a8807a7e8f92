-- +goose Up
-- Outgoing letters signed off by a leader (issue 25 item 4): a dossier's
-- supplement request, refusal, apology or return letter drafted by the
-- officer and approved, signed, by the unit head or the director. The
-- letter's fields and history are data_json; pdf is the signed PDF once
-- approved. Letters waiting for a leader are read by state.
CREATE TABLE outgoing_letters (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    dossier_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL,
    unit_code   TEXT NOT NULL DEFAULT '',
    data_json   TEXT NOT NULL,
    pdf         BYTEA,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outgoing_letters_dossier ON outgoing_letters (tenant_id, dossier_id, created_at);
CREATE INDEX outgoing_letters_state ON outgoing_letters (tenant_id, state, created_at);

-- Officers' registered signing certificates (issue 25 item 3): a result
-- counts as signed only with the agency's certificate or one of these.
-- Registered on an officer's first remote signature, or by the
-- administrator for a USB token; revoked, never deleted.
CREATE TABLE signing_identities (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    fingerprint   TEXT NOT NULL,
    officer_id    TEXT NOT NULL DEFAULT '',
    username      TEXT NOT NULL,
    subject       TEXT NOT NULL DEFAULT '',
    issuer        TEXT NOT NULL DEFAULT '',
    method        TEXT NOT NULL,
    not_after     TIMESTAMPTZ NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    registered_by TEXT NOT NULL,
    revoked_at    TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, fingerprint)
);

-- +goose Down
DROP TABLE signing_identities;
DROP TABLE outgoing_letters;

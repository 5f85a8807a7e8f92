-- +goose Up
-- Judicial record certificates (Phiếu lý lịch tư pháp). Criminal-record
-- data is never stored in plain text: the request form (with declared
-- convictions), each conviction and each issued PDF are envelope-sealed
-- (package envelope) with a key from the key file outside the database.
-- Plain columns hold only what queues and figures need.
CREATE TABLE jr_requests (
    tenant_id  TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    form       INTEGER NOT NULL,
    source     TEXT NOT NULL,
    by_proxy   INTEGER NOT NULL DEFAULT 0,
    extended   INTEGER NOT NULL DEFAULT 0,
    fee        INTEGER NOT NULL DEFAULT 0,
    copies     INTEGER NOT NULL DEFAULT 1,
    sealed     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, dossier_id),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id)
);

CREATE TABLE jr_convictions (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    subject_index TEXT NOT NULL,
    sealed        TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jr_convictions_subject ON jr_convictions (tenant_id, subject_index);

CREATE TABLE jr_checks (
    tenant_id   TEXT NOT NULL,
    dossier_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    agency      TEXT NOT NULL,
    unit_code   TEXT NOT NULL,
    ref         TEXT NOT NULL DEFAULT '',
    sent_at     TIMESTAMP NOT NULL,
    due_at      TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    result      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, dossier_id, seq),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id)
);

CREATE TABLE jr_certificates (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    number     TEXT NOT NULL,
    form       INTEGER NOT NULL,
    source     TEXT NOT NULL,
    issued_at  TIMESTAMP NOT NULL,
    issued_day TEXT NOT NULL,
    signer     TEXT NOT NULL DEFAULT '',
    sha256     TEXT NOT NULL,
    pdf_sealed TEXT NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id)
);
CREATE UNIQUE INDEX jr_certificates_public ON jr_certificates (id);
CREATE UNIQUE INDEX jr_certificates_number ON jr_certificates (tenant_id, number);
CREATE INDEX jr_certificates_issued ON jr_certificates (tenant_id, issued_day);

-- Hand-overs of a function between tenants (package handover).
CREATE TABLE function_transfers (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    to_tenant      TEXT NOT NULL REFERENCES tenants (id),
    procedure_key  TEXT NOT NULL,
    as_of          TEXT NOT NULL,
    at             TIMESTAMP NOT NULL,
    dossiers_moved INTEGER NOT NULL,
    records_moved  INTEGER NOT NULL,
    actor          TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- +goose Down
DROP TABLE function_transfers;
DROP TABLE jr_certificates;
DROP TABLE jr_checks;
DROP TABLE jr_convictions;
DROP TABLE jr_requests;

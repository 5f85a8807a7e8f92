-- +goose Up
-- Dossiers of the one-stop shop. The columns that queues and statistics
-- filter or group by are plain columns (days in Asia/Ho_Chi_Minh as
-- 'YYYY-MM-DD' text, so both engines group alike); the rest of the dossier
-- (applicant, steps, supplements, apology, rating) is one JSON document.
CREATE TABLE dossiers (
    tenant_id        TEXT NOT NULL REFERENCES tenants (id),
    id               TEXT NOT NULL,
    code             TEXT NOT NULL DEFAULT '',
    procedure_id     TEXT NOT NULL,
    procedure_code   TEXT NOT NULL DEFAULT '',
    field_code       TEXT NOT NULL DEFAULT '',
    channel          TEXT NOT NULL,
    status           INTEGER NOT NULL,
    applicant_id     TEXT NOT NULL,
    submitted_at     TIMESTAMP NOT NULL,
    accepted_at      TIMESTAMP,
    accepted_day     TEXT NOT NULL DEFAULT '',
    due_at           TIMESTAMP,
    due_day          TEXT NOT NULL DEFAULT '',
    finished_at      TIMESTAMP,
    finished_day     TEXT NOT NULL DEFAULT '',
    returned_at      TIMESTAMP,
    ended            TEXT NOT NULL DEFAULT '',
    step_unit     TEXT NOT NULL DEFAULT '',
    step_role     TEXT NOT NULL DEFAULT '',
    step_due_at   TIMESTAMP,
    late_unit        TEXT NOT NULL DEFAULT '',
    supplement_count INTEGER NOT NULL DEFAULT 0,
    paid_online      INTEGER NOT NULL DEFAULT 0,
    lookup_pin       TEXT NOT NULL DEFAULT '',
    data_json        TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX dossiers_code ON dossiers (tenant_id, code) WHERE code <> '';
CREATE INDEX dossiers_queue ON dossiers (tenant_id, status, step_unit, step_due_at);
CREATE INDEX dossiers_accepted ON dossiers (tenant_id, accepted_day);
CREATE INDEX dossiers_finished ON dossiers (tenant_id, finished_day);
CREATE INDEX dossiers_applicant ON dossiers (tenant_id, applicant_id);

CREATE TABLE dossier_events (
    tenant_id   TEXT NOT NULL,
    dossier_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    at          TIMESTAMP NOT NULL,
    action      TEXT NOT NULL,
    actor_id    TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL,
    unit_code   TEXT NOT NULL DEFAULT '',
    from_status INTEGER NOT NULL,
    to_status   INTEGER NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, dossier_id, seq),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id)
);

-- The daily sequence of dossier codes per receiving agency.
CREATE TABLE dossier_counters (
    tenant_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, agency_id, day)
);

-- Transactional outbox: written in the business transaction, sent by the
-- worker (package notify) at least once.
CREATE TABLE outbox (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    channel         TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    msg_key         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until     TIMESTAMP,
    worker          TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- +goose Down
DROP TABLE outbox;
DROP TABLE dossier_counters;
DROP TABLE dossier_events;
DROP TABLE dossiers;

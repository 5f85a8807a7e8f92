-- +goose Up
-- State legal aid (Law 11/2017/QH14): the provincial Legal Aid Centre's
-- register, in the department's tenant. Days are 'YYYY-MM-DD' text ('' for
-- none), as elsewhere.
CREATE TABLE legalaid_units (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE legalaid_providers (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    full_name    TEXT NOT NULL,
    sex          TEXT NOT NULL DEFAULT '',
    unit_code    TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    contract_no  TEXT NOT NULL,
    from_on      TEXT NOT NULL,
    to_on        TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE legalaid_cases (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    ref           TEXT NOT NULL,
    unit_code     TEXT NOT NULL,
    code          TEXT NOT NULL DEFAULT '',
    seq           BIGINT NOT NULL DEFAULT 0,
    year          BIGINT NOT NULL DEFAULT 0,
    channel       TEXT NOT NULL,
    requested_on  TEXT NOT NULL,
    requester     TEXT NOT NULL,
    persons       BIGINT NOT NULL DEFAULT 1,
    group_code    TEXT NOT NULL,
    proofs        TEXT NOT NULL DEFAULT '',
    proof_ok      BOOLEAN NOT NULL DEFAULT FALSE,
    proof_on      TEXT NOT NULL DEFAULT '',
    urgent        TEXT NOT NULL DEFAULT '',
    extended      BOOLEAN NOT NULL DEFAULT FALSE,
    form          TEXT NOT NULL,
    field         TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    other_party   TEXT NOT NULL DEFAULT '{}',
    accepted_on   TEXT NOT NULL DEFAULT '',
    proof_due     TEXT NOT NULL DEFAULT '',
    refused_on    TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    provider_id   TEXT NOT NULL DEFAULT '',
    assigned_on   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    status_on     TEXT NOT NULL DEFAULT '',
    closed_on     TEXT NOT NULL DEFAULT '',
    ended_on      TEXT NOT NULL DEFAULT '',
    result        TEXT NOT NULL DEFAULT '',
    assessment    TEXT NOT NULL DEFAULT '{}',
    rating        TEXT NOT NULL DEFAULT '',
    assessed_on   TEXT NOT NULL DEFAULT '',
    fee_vnd       BIGINT NOT NULL DEFAULT 0,
    portal_sub    TEXT NOT NULL DEFAULT '',
    pin_hash      TEXT NOT NULL DEFAULT '',
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- The book's list and the figures: a period is one range of requested_on.
CREATE INDEX legalaid_cases_requested ON legalaid_cases (tenant_id, requested_on, id);
-- File codes are unique per unit and year (Circular 12/2018 Art. 11(1)).
CREATE UNIQUE INDEX legalaid_cases_seq ON legalaid_cases (tenant_id, unit_code, year, seq) WHERE seq > 0;
CREATE UNIQUE INDEX legalaid_cases_ref ON legalaid_cases (tenant_id, ref);
CREATE INDEX legalaid_cases_code ON legalaid_cases (tenant_id, code);
-- A provider's cases (conflicts) and a citizen's requests, in the order listed.
CREATE INDEX legalaid_cases_provider ON legalaid_cases (tenant_id, provider_id, requested_on, id);
CREATE INDEX legalaid_cases_portal ON legalaid_cases (tenant_id, portal_sub, requested_on, id) WHERE portal_sub <> '';

CREATE TABLE legalaid_events (
    tenant_id TEXT NOT NULL,
    id        TEXT NOT NULL,
    case_id   TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    kind      TEXT NOT NULL,
    body      TEXT NOT NULL,
    actor     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES legalaid_cases (tenant_id, id)
);
CREATE INDEX legalaid_events_case ON legalaid_events (tenant_id, case_id, at);

CREATE TABLE legalaid_documents (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    data         BYTEA NOT NULL,
    proof        BOOLEAN NOT NULL DEFAULT FALSE,
    by_citizen   BOOLEAN NOT NULL DEFAULT FALSE,
    added_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES legalaid_cases (tenant_id, id)
);
CREATE INDEX legalaid_documents_case ON legalaid_documents (tenant_id, case_id);

-- +goose Down
DROP TABLE legalaid_documents;
DROP TABLE legalaid_events;
DROP TABLE legalaid_cases;
DROP TABLE legalaid_providers;
DROP TABLE legalaid_units;

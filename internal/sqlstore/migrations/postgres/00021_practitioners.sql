-- +goose Up
-- Judicial-support practitioners (issue 22): the department's registers of
-- practising organisations and practitioners per profession, their history
-- (each event names its decision or its one-stop dossier), the periodic
-- reports organisations file, bailiffs' records (vi bằng) and checks.
-- Days are 'YYYY-MM-DD' text ('' for none), as elsewhere. search is the
-- folded text (catalog.Fold: no diacritics, lower case) a look-up matches.
-- filing_key is the SHA-256 (hex) of the organisation's reporting code.
CREATE TABLE pr_orgs (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    profession    TEXT NOT NULL,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    reg_no        TEXT NOT NULL DEFAULT '',
    registered_on TEXT NOT NULL,
    commune_code  TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    head          TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    tax_code      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    successor_id  TEXT NOT NULL DEFAULT '',
    search        TEXT NOT NULL DEFAULT '',
    filing_key    TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX pr_orgs_profession ON pr_orgs (tenant_id, profession, status, name);
CREATE INDEX pr_orgs_reg_no ON pr_orgs (tenant_id, reg_no);
CREATE INDEX pr_orgs_tax_code ON pr_orgs (tenant_id, tax_code);
CREATE INDEX pr_orgs_commune ON pr_orgs (tenant_id, commune_code);

CREATE TABLE pr_people (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    profession    TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    female        BOOLEAN NOT NULL DEFAULT FALSE,
    card_no       TEXT NOT NULL DEFAULT '',
    appointed_on  TEXT NOT NULL,
    org_id        TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    search        TEXT NOT NULL DEFAULT '',
    practising_on BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX pr_people_profession ON pr_people (tenant_id, profession, status, full_name);
CREATE INDEX pr_people_org ON pr_people (tenant_id, org_id);

CREATE TABLE pr_events (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    subject      TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    on_day       TEXT NOT NULL,
    from_status  TEXT NOT NULL DEFAULT '',
    to_status    TEXT NOT NULL,
    decision_no  TEXT NOT NULL DEFAULT '',
    decision_on  TEXT NOT NULL DEFAULT '',
    dossier_code TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    officer      TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX pr_events_subject ON pr_events (tenant_id, subject, subject_id, on_day);
CREATE INDEX pr_events_day ON pr_events (tenant_id, on_day);
CREATE INDEX pr_events_dossier ON pr_events (tenant_id, dossier_code);

CREATE TABLE pr_filings (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    org_id     TEXT NOT NULL,
    form       TEXT NOT NULL,
    year       BIGINT NOT NULL,
    period     TEXT NOT NULL,
    figures    TEXT NOT NULL DEFAULT '{}',
    filed_at   TIMESTAMPTZ NOT NULL,
    filed_by   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    late       BOOLEAN NOT NULL DEFAULT FALSE,
    replaced   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, org_id) REFERENCES pr_orgs (tenant_id, id)
);
CREATE UNIQUE INDEX pr_filings_org ON pr_filings (tenant_id, org_id, form, year, period);
CREATE INDEX pr_filings_period ON pr_filings (tenant_id, form, year, period, org_id);

CREATE TABLE pr_vibang (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    office_id     TEXT NOT NULL,
    bailiff_id    TEXT NOT NULL DEFAULT '',
    no            TEXT NOT NULL,
    title         TEXT NOT NULL,
    requester     TEXT NOT NULL DEFAULT '',
    made_on       TEXT NOT NULL,
    received_on   TEXT NOT NULL,
    registered_on TEXT NOT NULL DEFAULT '',
    reg_no        TEXT NOT NULL DEFAULT '',
    refused       TEXT NOT NULL DEFAULT '',
    search        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, office_id) REFERENCES pr_orgs (tenant_id, id)
);
CREATE INDEX pr_vibang_office ON pr_vibang (tenant_id, office_id, made_on);
CREATE INDEX pr_vibang_made ON pr_vibang (tenant_id, made_on);
CREATE INDEX pr_vibang_no ON pr_vibang (tenant_id, no);

CREATE TABLE pr_vibang_seq (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    year      BIGINT NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

CREATE TABLE pr_inspections (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    year         BIGINT NOT NULL,
    org_id       TEXT NOT NULL,
    planned      BOOLEAN NOT NULL DEFAULT FALSE,
    decision_no  TEXT NOT NULL DEFAULT '',
    decision_on  TEXT NOT NULL DEFAULT '',
    team         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    concluded_on TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, org_id) REFERENCES pr_orgs (tenant_id, id)
);
CREATE INDEX pr_inspections_year ON pr_inspections (tenant_id, year);
CREATE INDEX pr_inspections_org ON pr_inspections (tenant_id, org_id);

-- +goose Down
DROP TABLE pr_inspections;
DROP TABLE pr_vibang_seq;
DROP TABLE pr_vibang;
DROP TABLE pr_filings;
DROP TABLE pr_events;
DROP TABLE pr_people;
DROP TABLE pr_orgs;

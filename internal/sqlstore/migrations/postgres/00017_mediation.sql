-- +goose Up
-- Communes (xã, phường, đặc khu) as tenants attached to their province's
-- department (package org, CommuneLink).
CREATE TABLE commune_tenants (
    tenant_id     TEXT PRIMARY KEY REFERENCES tenants (id),
    department_id TEXT NOT NULL REFERENCES tenants (id),
    commune_code  TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX commune_tenants_code ON commune_tenants (department_id, commune_code);

-- Grassroots mediation (Law 35/2013/QH13). The register lives in the
-- province's partition: tenant_id is the department's tenant and every row
-- names its commune (5-digit code of Decision 19/2025/QĐ-TTg), so a commune
-- officer's window and the province's figures are both one index range.
-- Days are 'YYYY-MM-DD' text ('' for none), as elsewhere.
CREATE TABLE mediation_grassroots (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    name         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX mediation_grassroots_name ON mediation_grassroots (tenant_id, commune_code, name);

CREATE TABLE mediation_teams (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    commune_code  TEXT NOT NULL,
    grassroots    TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL,
    minority_area BOOLEAN NOT NULL DEFAULT FALSE,
    model         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX mediation_teams_name ON mediation_teams (tenant_id, commune_code, name);

CREATE TABLE mediation_mediators (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    team_id         TEXT NOT NULL,
    commune_code    TEXT NOT NULL,
    full_name       TEXT NOT NULL,
    sex             TEXT NOT NULL,
    ethnicity       TEXT NOT NULL DEFAULT '',
    ethnic_minority BOOLEAN NOT NULL DEFAULT FALSE,
    birth_year      BIGINT NOT NULL DEFAULT 0,
    legal_training  BOOLEAN NOT NULL DEFAULT FALSE,
    leader          BOOLEAN NOT NULL DEFAULT FALSE,
    recognised_no   TEXT NOT NULL,
    recognised_on   TEXT NOT NULL,
    dismissed_no    TEXT NOT NULL DEFAULT '',
    dismissed_on    TEXT NOT NULL DEFAULT '',
    trainings       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES mediation_teams (tenant_id, id)
);
CREATE INDEX mediation_mediators_team ON mediation_mediators (tenant_id, team_id);
CREATE INDEX mediation_mediators_commune ON mediation_mediators (tenant_id, commune_code);

CREATE TABLE mediation_cases (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    team_id      TEXT NOT NULL,
    origin       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    parties      TEXT NOT NULL DEFAULT '[]',
    received_on  TEXT NOT NULL,
    assigned_on  TEXT NOT NULL DEFAULT '',
    started_on   TEXT NOT NULL DEFAULT '',
    mediator_ids TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL,
    ended_on     TEXT NOT NULL DEFAULT '',
    agreement    TEXT NOT NULL DEFAULT '',
    court_order  TEXT NOT NULL DEFAULT '',
    follow_up    TEXT NOT NULL DEFAULT '',
    payment_vnd  BIGINT NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES mediation_teams (tenant_id, id)
);
-- The book of one commune, newest first; and the figures: cases received
-- in a period (received_on range) and cases carried into it (still open, or
-- ended on or after its start). The two figure indexes cover every column
-- the figures read, so a report never visits the table.
CREATE INDEX mediation_cases_commune ON mediation_cases (tenant_id, commune_code, received_on);
CREATE INDEX mediation_cases_received ON mediation_cases (tenant_id, received_on, ended_on, outcome, commune_code, kind);
CREATE INDEX mediation_cases_ended ON mediation_cases (tenant_id, ended_on, received_on, outcome, commune_code, kind);
CREATE INDEX mediation_cases_team ON mediation_cases (tenant_id, team_id);

-- Mediation clubs (câu lạc bộ hòa giải) and their meetings.
CREATE TABLE mediation_clubs (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    name         TEXT NOT NULL,
    founded_no   TEXT NOT NULL DEFAULT '',
    founded_on   TEXT NOT NULL,
    members      BIGINT NOT NULL DEFAULT 0,
    women        BIGINT NOT NULL DEFAULT 0,
    dissolved_on TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mediation_clubs_commune ON mediation_clubs (tenant_id, commune_code);

CREATE TABLE mediation_club_activities (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    club_id      TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    topic        TEXT NOT NULL,
    participants BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, club_id) REFERENCES mediation_clubs (tenant_id, id)
);
CREATE INDEX mediation_club_activities_club ON mediation_club_activities (tenant_id, club_id, held_on);

-- +goose Down
DROP TABLE mediation_club_activities;
DROP TABLE mediation_clubs;
DROP TABLE mediation_cases;
DROP TABLE mediation_mediators;
DROP TABLE mediation_teams;
DROP TABLE mediation_grassroots;
DROP TABLE commune_tenants;

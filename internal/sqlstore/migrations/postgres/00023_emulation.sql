-- +goose Up
-- Emulation and commendation (Law 06/2022/QH15, Decree 98/2023/NĐ-CP),
-- "Dân vận khéo" models, the department's administrative-reform plan, and
-- the annual report's narrative (package emulation, annualreport). Each
-- record is one JSON document (doc) beside the typed columns the lists,
-- figures and drill-downs filter and count by. Days are 'YYYY-MM-DD' text
-- ('' for none), as elsewhere.
CREATE TABLE emu_movements (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    from_day   TEXT NOT NULL,
    doc        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX emu_movements_from ON emu_movements (tenant_id, from_day, id);

CREATE TABLE emu_registrations (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    movement_id TEXT NOT NULL,
    doc         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX emu_registrations_movement ON emu_registrations (tenant_id, movement_id, id);

CREATE TABLE emu_evaluations (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id        TEXT NOT NULL,
    year      INTEGER NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX emu_evaluations_year ON emu_evaluations (tenant_id, year, id);

CREATE TABLE emu_awards (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    year       INTEGER NOT NULL,
    status     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    doc        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX emu_awards_decided ON emu_awards (tenant_id, status, decided_on);
CREATE INDEX emu_awards_year ON emu_awards (tenant_id, year);

CREATE TABLE danvan_models (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    year          INTEGER NOT NULL,
    recognised_on TEXT NOT NULL,
    doc           TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX danvan_models_recognised ON danvan_models (tenant_id, recognised_on);
CREATE INDEX danvan_models_year ON danvan_models (tenant_id, year);

CREATE TABLE par_tasks (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id        TEXT NOT NULL,
    year      INTEGER NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX par_tasks_year ON par_tasks (tenant_id, year, id);

CREATE TABLE par_reviews (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id        TEXT NOT NULL,
    year      INTEGER NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX par_reviews_year ON par_reviews (tenant_id, year, id);

CREATE TABLE par_criteria (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    year      INTEGER NOT NULL,
    code      TEXT NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, year, code)
);

-- The annual report's narrative: the director's paragraphs, kept with the
-- report of a year (half 0) or of its first six months (half 1).
CREATE TABLE annual_texts (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    year       INTEGER NOT NULL,
    half       INTEGER NOT NULL,
    part       TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, year, half, part)
);

-- +goose Down
DROP TABLE annual_texts;
DROP TABLE par_criteria;
DROP TABLE par_reviews;
DROP TABLE par_tasks;
DROP TABLE danvan_models;
DROP TABLE emu_awards;
DROP TABLE emu_evaluations;
DROP TABLE emu_registrations;
DROP TABLE emu_movements;

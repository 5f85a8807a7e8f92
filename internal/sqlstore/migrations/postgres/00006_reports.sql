-- +goose Up
-- Roll-ups of the official statistics (Biểu 06/VPCP/KSTT), kept in the same
-- transaction as every change of a dossier (sqlstore/report.go): per day and
-- per month, the dossiers accepted and the dossiers that ended, by class.
-- A period's figures are differences of prefix sums of these counters (see
-- docs/architecture.md, "Statistics").
CREATE TABLE report_daily (
    tenant_id      TEXT NOT NULL,
    day            TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    field_code     TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    channel        TEXT NOT NULL,
    late_unit      TEXT NOT NULL,
    accepted       INTEGER NOT NULL DEFAULT 0,
    early          INTEGER NOT NULL DEFAULT 0,
    on_time        INTEGER NOT NULL DEFAULT 0,
    late           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, procedure_code, field_code, unit_code, channel, late_unit)
);
-- National reports read a range of days (or months) across all tenants:
-- these indexes cover those queries, counters included.
CREATE INDEX report_daily_day ON report_daily (day, tenant_id, procedure_code, field_code, unit_code, channel, late_unit,
    accepted, early, on_time, late);

CREATE TABLE report_monthly (
    tenant_id      TEXT NOT NULL,
    month          TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    field_code     TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    channel        TEXT NOT NULL,
    late_unit      TEXT NOT NULL,
    accepted       INTEGER NOT NULL DEFAULT 0,
    early          INTEGER NOT NULL DEFAULT 0,
    on_time        INTEGER NOT NULL DEFAULT 0,
    late           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, month, procedure_code, field_code, unit_code, channel, late_unit)
);
CREATE INDEX report_monthly_month ON report_monthly (month, tenant_id, procedure_code, field_code, unit_code, channel, late_unit,
    accepted, early, on_time, late);

CREATE TABLE report_yearly (
    tenant_id      TEXT NOT NULL,
    year           TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    field_code     TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    channel        TEXT NOT NULL,
    late_unit      TEXT NOT NULL,
    accepted       INTEGER NOT NULL DEFAULT 0,
    early          INTEGER NOT NULL DEFAULT 0,
    on_time        INTEGER NOT NULL DEFAULT 0,
    late           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, year, procedure_code, field_code, unit_code, channel, late_unit)
);

-- All-time totals (span is always ''): a prefix sum up to a recent day is
-- the total minus the few rows after that day.
CREATE TABLE report_total (
    tenant_id      TEXT NOT NULL,
    span           TEXT NOT NULL DEFAULT '',
    procedure_code TEXT NOT NULL,
    field_code     TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    channel        TEXT NOT NULL,
    late_unit      TEXT NOT NULL,
    accepted       INTEGER NOT NULL DEFAULT 0,
    early          INTEGER NOT NULL DEFAULT 0,
    on_time        INTEGER NOT NULL DEFAULT 0,
    late           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, span, procedure_code, field_code, unit_code, channel, late_unit)
);

-- The dossiers that can ever be "in progress, overdue": still open, or
-- ended after their due day. Late dossiers are few, so this index is small.
CREATE INDEX dossiers_overdue ON dossiers (tenant_id, due_day, accepted_day, finished_day, ended, procedure_code, field_code, unit_code)
    WHERE accepted_day <> '' AND ended <> 'refused' AND due_day <> ''
      AND (ended = '' OR finished_day > due_day OR accepted_day > due_day);

-- What the service-quality index (Decision 766/QĐ-TTg) reads besides the
-- form: whether the dossier bears a fee, and the applicant's rating
-- (1 satisfied, -1 dissatisfied, 0 none).
ALTER TABLE dossiers ADD COLUMN fee BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN rating INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE dossiers DROP COLUMN rating;
ALTER TABLE dossiers DROP COLUMN fee;
DROP INDEX dossiers_overdue;
DROP TABLE report_total;
DROP TABLE report_yearly;
DROP TABLE report_monthly;
DROP TABLE report_daily;

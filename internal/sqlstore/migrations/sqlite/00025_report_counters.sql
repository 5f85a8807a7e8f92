-- +goose Up
-- Issue 17: no report reads the dossiers of its period one by one.
-- 1. The service-quality index (Decision 766) counts beside the form: the
--    roll-ups gain its counters, kept with the form's in the same
--    transaction as every change of a dossier (sqlstore/report.go). The
--    existing rows are filled by a rebuild when this migration is applied
--    (sqlstore.Migrate).
ALTER TABLE report_daily ADD COLUMN fee_bearing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_daily ADD COLUMN paid_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_daily ADD COLUMN multi_acc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_daily ADD COLUMN rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_daily ADD COLUMN dissatisfied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_daily ADD COLUMN multi_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_daily ADD COLUMN multi_good INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD COLUMN fee_bearing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD COLUMN paid_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD COLUMN multi_acc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD COLUMN rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD COLUMN dissatisfied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD COLUMN multi_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD COLUMN multi_good INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_yearly ADD COLUMN fee_bearing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_yearly ADD COLUMN paid_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_yearly ADD COLUMN multi_acc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_yearly ADD COLUMN rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_yearly ADD COLUMN dissatisfied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_yearly ADD COLUMN multi_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_yearly ADD COLUMN multi_good INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_total ADD COLUMN fee_bearing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_total ADD COLUMN paid_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_total ADD COLUMN multi_acc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_total ADD COLUMN rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_total ADD COLUMN dissatisfied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_total ADD COLUMN multi_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_total ADD COLUMN multi_good INTEGER NOT NULL DEFAULT 0;

-- 2. The acceptance of online submissions (Decree 118/2025/NĐ-CP Art.
--    17(2)(c)): each online dossier keeps the limit for the desk's answer,
--    fixed at submission, and when it was answered; acceptance_daily
--    counts them by day of submission.
ALTER TABLE dossiers ADD COLUMN answer_due_at TIMESTAMP;
ALTER TABLE dossiers ADD COLUMN answered_at TIMESTAMP;
CREATE TABLE acceptance_daily (
    tenant_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    submitted INTEGER NOT NULL DEFAULT 0,
    on_time   INTEGER NOT NULL DEFAULT 0,
    late      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day)
) WITHOUT ROWID;
-- The submissions a report lists one by one: answered late or not yet
-- answered (few), and those without a stored limit (older or imported).
CREATE INDEX dossiers_answer_open ON dossiers (tenant_id, submitted_at)
    WHERE channel = 'online' AND answer_due_at IS NOT NULL AND (answered_at IS NULL OR answered_at > answer_due_at);
CREATE INDEX dossiers_answer_unmeasured ON dossiers (tenant_id, submitted_at)
    WHERE channel = 'online' AND answer_due_at IS NULL;

-- The acceptance report no longer reads every online submission of its
-- period: the index 00013 made for that goes.
DROP INDEX dossiers_online_submitted;

-- The dossiers asked for a supplement more than once that are overdue are
-- counted beside the overdue ones: the partial index keeps covering both.
DROP INDEX dossiers_overdue;
CREATE INDEX dossiers_overdue ON dossiers (tenant_id, due_day, accepted_day, finished_day, ended, procedure_code, field_code, unit_code,
    supplement_count)
    WHERE accepted_day <> '' AND ended <> 'refused' AND due_day <> ''
      AND (ended = '' OR finished_day > due_day OR accepted_day > due_day);

-- +goose Down
DROP INDEX dossiers_overdue;
CREATE INDEX dossiers_overdue ON dossiers (tenant_id, due_day, accepted_day, finished_day, ended, procedure_code, field_code, unit_code)
    WHERE accepted_day <> '' AND ended <> 'refused' AND due_day <> ''
      AND (ended = '' OR finished_day > due_day OR accepted_day > due_day);
CREATE INDEX dossiers_online_submitted ON dossiers (tenant_id, channel, submitted_at);
DROP INDEX dossiers_answer_unmeasured;
DROP INDEX dossiers_answer_open;
DROP TABLE acceptance_daily;
ALTER TABLE dossiers DROP COLUMN answered_at;
ALTER TABLE dossiers DROP COLUMN answer_due_at;
ALTER TABLE report_daily DROP COLUMN fee_bearing;
ALTER TABLE report_daily DROP COLUMN paid_online;
ALTER TABLE report_daily DROP COLUMN multi_acc;
ALTER TABLE report_daily DROP COLUMN rated;
ALTER TABLE report_daily DROP COLUMN dissatisfied;
ALTER TABLE report_daily DROP COLUMN multi_end;
ALTER TABLE report_daily DROP COLUMN multi_good;
ALTER TABLE report_monthly DROP COLUMN fee_bearing;
ALTER TABLE report_monthly DROP COLUMN paid_online;
ALTER TABLE report_monthly DROP COLUMN multi_acc;
ALTER TABLE report_monthly DROP COLUMN rated;
ALTER TABLE report_monthly DROP COLUMN dissatisfied;
ALTER TABLE report_monthly DROP COLUMN multi_end;
ALTER TABLE report_monthly DROP COLUMN multi_good;
ALTER TABLE report_yearly DROP COLUMN fee_bearing;
ALTER TABLE report_yearly DROP COLUMN paid_online;
ALTER TABLE report_yearly DROP COLUMN multi_acc;
ALTER TABLE report_yearly DROP COLUMN rated;
ALTER TABLE report_yearly DROP COLUMN dissatisfied;
ALTER TABLE report_yearly DROP COLUMN multi_end;
ALTER TABLE report_yearly DROP COLUMN multi_good;
ALTER TABLE report_total DROP COLUMN fee_bearing;
ALTER TABLE report_total DROP COLUMN paid_online;
ALTER TABLE report_total DROP COLUMN multi_acc;
ALTER TABLE report_total DROP COLUMN rated;
ALTER TABLE report_total DROP COLUMN dissatisfied;
ALTER TABLE report_total DROP COLUMN multi_end;
ALTER TABLE report_total DROP COLUMN multi_good;

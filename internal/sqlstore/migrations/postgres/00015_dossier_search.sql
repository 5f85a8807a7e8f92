-- +goose Up
-- Searching the dossiers (issue 14 item 3) and reading only those an
-- officer may see in the query itself (issue 15 item 4).
--
-- applicant_key is the applicant's name folded for search (lower case, no
-- diacritics, đ → d, single spaces), written by sqlstore.dossierRow; NULL
-- until sqlstore.backfillSearch has folded an older row. text_pattern_ops
-- makes "LIKE 'prefix%'" an index range whatever the collation.
ALTER TABLE dossiers ADD COLUMN applicant_key TEXT;
CREATE INDEX dossiers_applicant_key ON dossiers (tenant_id, applicant_key text_pattern_ops);
CREATE INDEX dossiers_applicant_key_todo ON dossiers (tenant_id) WHERE applicant_key IS NULL;
-- The search's two orders, walked with no sort: by due day, and by
-- acceptance day (which the reports' range scans also use).
CREATE INDEX dossiers_due_day ON dossiers (tenant_id, due_day, id);
DROP INDEX dossiers_accepted;
CREATE INDEX dossiers_accepted ON dossiers (tenant_id, accepted_day, id);

-- The units each dossier has had a step in: a unit's officers see those
-- dossiers (web.canSee), so a page of search results is read already
-- filtered, never short.
CREATE TABLE dossier_units (
    tenant_id  TEXT NOT NULL,
    unit_code  TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, unit_code, dossier_id)
);
INSERT INTO dossier_units (tenant_id, unit_code, dossier_id)
SELECT DISTINCT d.tenant_id, s->>'unit_code', d.id
FROM dossiers d, jsonb_array_elements(CASE WHEN jsonb_typeof(d.data_json::jsonb->'steps') = 'array' THEN d.data_json::jsonb->'steps' ELSE '[]'::jsonb END) s
WHERE COALESCE(s->>'unit_code', '') <> '';

-- The audit log filtered by officer or by object, newest first.
CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor, seq);
CREATE INDEX audit_log_object ON audit_log (tenant_id, object, seq);

-- +goose Down
DROP INDEX audit_log_object;
DROP INDEX audit_log_actor;
DROP TABLE dossier_units;
DROP INDEX dossiers_accepted;
CREATE INDEX dossiers_accepted ON dossiers (tenant_id, accepted_day);
DROP INDEX dossiers_due_day;
DROP INDEX dossiers_applicant_key_todo;
DROP INDEX dossiers_applicant_key;
ALTER TABLE dossiers DROP COLUMN applicant_key;

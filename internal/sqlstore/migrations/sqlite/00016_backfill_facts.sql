-- +goose Up
-- 00006 added the typed columns fee and rating, which the reports group
-- and count by, with DEFAULT 0 and no backfill: dossiers written before it
-- kept 0 although their data (data_json) holds the fee and the rating, and
-- `tuphap report rebuild`, which reads the columns, could not repair them.
-- Backfill them from the data; run `tuphap report rebuild` afterwards.
UPDATE dossiers SET fee = CAST(json_extract(data_json, '$.fee') AS INTEGER)
WHERE fee = 0 AND json_valid(data_json) AND COALESCE(json_extract(data_json, '$.fee'), 0) <> 0;
UPDATE dossiers SET rating = CASE WHEN json_extract(data_json, '$.rating.satisfied') = 1 THEN 1 ELSE -1 END
WHERE rating = 0 AND json_valid(data_json) AND json_type(data_json, '$.rating') = 'object';

-- +goose Down
-- The backfilled values are the true ones; nothing to undo.
SELECT 1;

-- +goose Up
-- 00006 added the typed columns fee and rating, which the reports group
-- and count by, with DEFAULT 0 and no backfill: dossiers written before it
-- kept 0 although their data (data_json) holds the fee and the rating, and
-- `tuphap report rebuild`, which reads the columns, could not repair them.
-- Backfill them from the data; run `tuphap report rebuild` afterwards.
UPDATE dossiers SET fee = (data_json::jsonb ->> 'fee')::bigint
WHERE fee = 0 AND COALESCE((data_json::jsonb ->> 'fee')::bigint, 0) <> 0;
UPDATE dossiers SET rating = CASE WHEN (data_json::jsonb -> 'rating' ->> 'satisfied')::boolean THEN 1 ELSE -1 END
WHERE rating = 0 AND jsonb_typeof(data_json::jsonb -> 'rating') = 'object';

-- +goose Down
-- The backfilled values are the true ones; nothing to undo.
SELECT 1;

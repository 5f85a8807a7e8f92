-- +goose Up
-- The work queue sorts a unit's open dossiers by the due time of their
-- current step, leaving out copies handed over to another agency. This
-- index holds every column that sort and its filter need, so the queue
-- never reads the dossiers' JSON documents to choose a page (measured with
-- 22,000 open dossiers at one desk: 400 ms a page before, under 20 ms after).
CREATE INDEX dossiers_queue_cover ON dossiers (tenant_id, step_unit, status, step_due_at, submitted_at, id, ended);
-- The counts by status shown above every queue.
CREATE INDEX dossiers_status_count ON dossiers (tenant_id, status, ended);

-- +goose Down
DROP INDEX dossiers_status_count;
DROP INDEX dossiers_queue_cover;

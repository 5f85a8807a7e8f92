-- +goose Up
-- The work queues walk the dossiers still being worked on (not returned,
-- not withdrawn, stopped, refused or handed over) in the order of their
-- current step's due time, a unit at a time or the whole tenant. These
-- partial indexes hold exactly those dossiers, in that order, with every
-- column the queues filter on: a page is an index walk of its own length,
-- whatever the history behind it (measured with 22,000 open dossiers at one
-- desk: ~400 ms a page before, ~13 ms with a covering sort, now a walk).
-- sqlstore.Queue repeats the predicate word for word so that both engines
-- use them.
CREATE INDEX dossiers_work_unit ON dossiers (tenant_id, step_unit, step_due_at, submitted_at, id, status, step_role)
    WHERE returned_at IS NULL AND ended IN ('', 'result');
CREATE INDEX dossiers_work_all ON dossiers (tenant_id, step_due_at, submitted_at, id, status, step_unit, step_role)
    WHERE returned_at IS NULL AND ended IN ('', 'result');
-- The counts by status shown above every queue.
CREATE INDEX dossiers_status_count ON dossiers (tenant_id, status, ended);
-- Superseded by the three above.
DROP INDEX dossiers_queue;

-- +goose Down
CREATE INDEX dossiers_queue ON dossiers (tenant_id, status, step_unit, step_due_at);
DROP INDEX dossiers_status_count;
DROP INDEX dossiers_work_all;
DROP INDEX dossiers_work_unit;

-- +goose Up
-- Issue 24: the annual report and the contests' list count the entries
-- submitted in a period (ContestStore.EntriesIn) without reading every
-- attempt of the department.
CREATE INDEX contest_attempts_submitted ON contest_attempts (tenant_id, submitted_at);

-- +goose Down
DROP INDEX contest_attempts_submitted;

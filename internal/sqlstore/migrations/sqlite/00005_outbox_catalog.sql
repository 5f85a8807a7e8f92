-- +goose Up
-- Outbox delivery (package notify): the time of the last change of a row,
-- one message per (tenant, key) when a key is set, and the admin listing.
ALTER TABLE outbox ADD COLUMN updated_at TIMESTAMP;
CREATE UNIQUE INDEX outbox_key ON outbox (tenant_id, msg_key) WHERE msg_key <> '';
CREATE INDEX outbox_recent ON outbox (tenant_id, created_at);

-- The tenant's catalogue: besides legacy entries (imports), a tenant keeps
-- its edited copies of built-in procedures (kind 'override', id = the
-- built-in ID) and its own local procedures (kind 'local').
ALTER TABLE tenant_procedures ADD COLUMN kind TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE tenant_procedures ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE tenant_procedures ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE tenant_procedures ADD COLUMN updated_at TIMESTAMP;

-- +goose Down
ALTER TABLE tenant_procedures DROP COLUMN updated_at;
ALTER TABLE tenant_procedures DROP COLUMN version;
ALTER TABLE tenant_procedures DROP COLUMN enabled;
ALTER TABLE tenant_procedures DROP COLUMN kind;
DROP INDEX outbox_recent;
DROP INDEX outbox_key;
ALTER TABLE outbox DROP COLUMN updated_at;

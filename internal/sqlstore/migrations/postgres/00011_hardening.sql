-- +goose Up
-- Hardening (issue 12).
-- The kind of agency a tenant is (catalog.Agency: department, provincial_police,
-- commune): a function is handed over only to an agency of the competent kind.
ALTER TABLE tenants ADD COLUMN kind TEXT NOT NULL DEFAULT 'department';

-- A hand-over offered by one tenant and accepted by the other (two-sided).
CREATE TABLE handover_offers (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    to_tenant      TEXT NOT NULL REFERENCES tenants (id),
    procedure_key  TEXT NOT NULL,
    as_of          TEXT NOT NULL,
    offered_at     TIMESTAMPTZ NOT NULL,
    offered_by_id  TEXT NOT NULL,
    offered_by     TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending',
    decided_at     TIMESTAMPTZ,
    decided_by_id  TEXT NOT NULL DEFAULT '',
    decided_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX handover_offers_to ON handover_offers (to_tenant, status);

-- +goose Down
DROP TABLE handover_offers;
ALTER TABLE tenants DROP COLUMN kind;

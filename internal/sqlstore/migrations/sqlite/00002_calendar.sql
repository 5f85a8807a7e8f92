-- +goose Up
-- A tenant's holiday schedules (one per year; an uploaded official schedule
-- overrides the built-in one) and the versions of its clock rules.
CREATE TABLE calendar_schedules (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    year        INTEGER NOT NULL,
    status      TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    days_json   TEXT NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

CREATE TABLE calendar_rules (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    effective_from TEXT NOT NULL,
    rules_json     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    created_by     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, effective_from)
);

-- +goose Down
DROP TABLE calendar_rules;
DROP TABLE calendar_schedules;

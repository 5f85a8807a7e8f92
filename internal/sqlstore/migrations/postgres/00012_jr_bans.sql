-- +goose Up
-- Bans on holding posts or founding or managing enterprises or cooperatives
-- that follow from a court's decision declaring an enterprise or
-- cooperative bankrupt (issue 16.10). They are judicial-record information
-- but not convictions, so they have a register of their own; like a
-- conviction, the record is envelope-sealed and found by the blind index of
-- the person's ID number.
CREATE TABLE jr_bans (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    subject_index TEXT NOT NULL,
    sealed        TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jr_bans_subject ON jr_bans (tenant_id, subject_index);

-- +goose Down
DROP TABLE jr_bans;

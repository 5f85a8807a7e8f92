-- +goose Up
-- Who receives and returns the tenant's dossiers, in versions by effective
-- date (issue 16: since 1/7/2025 the provincial Public Administration
-- Service Centre, Decree 118/2025/NĐ-CP Art. 3(3), 7, 14): the organisation,
-- its address and the competent agency, printed on every slip.
CREATE TABLE reception_settings (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    effective_from TEXT NOT NULL,
    data_json      TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    created_by     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, effective_from)
);

-- Online submissions by day of submission, for the acceptance limit of
-- Decree 118/2025/NĐ-CP Art. 17(2)(c) (8 working hours), reported beside
-- Biểu 06.
CREATE INDEX dossiers_online_submitted ON dossiers (tenant_id, channel, submitted_at);

-- A dossier waiting for the applicant's supplement (status 5) has no due
-- day for the statistics (dossier.StatDue): it is within time in Biểu 06.
-- The roll-ups count accepted and ended dossiers only, so they are unchanged.
UPDATE dossiers SET due_day = '' WHERE status = 5;

-- +goose Down
DROP INDEX dossiers_online_submitted;
DROP TABLE reception_settings;

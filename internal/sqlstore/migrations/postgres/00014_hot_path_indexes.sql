-- +goose Up
-- Indexes for request-path reads that read all of a department's rows
-- (found by the query-plan check, issue 17): a dossier's certificates in order,
-- certificates issued in a period (by time: the day index serves
-- issued_day), and the checks still waiting for an answer.
CREATE INDEX jr_certificates_dossier ON jr_certificates (tenant_id, dossier_id, issued_at);
CREATE INDEX jr_certificates_issued_at ON jr_certificates (tenant_id, issued_at);
CREATE INDEX jr_checks_pending ON jr_checks (tenant_id, sent_at) WHERE answered_at IS NULL;

-- +goose Down
DROP INDEX jr_checks_pending;
DROP INDEX jr_certificates_issued_at;
DROP INDEX jr_certificates_dossier;

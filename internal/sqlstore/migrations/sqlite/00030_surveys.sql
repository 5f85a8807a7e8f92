-- +goose Up
-- Satisfaction surveys (package survey, issue 25 item 9). A questionnaire
-- version is never changed once saved: an answer keeps the version it was
-- answered with. body is the questionnaire as JSON.
CREATE TABLE survey_questionnaires (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

-- One answer per dossier. unit_code and field_code are the dossier's, so
-- the reports' unit and field filters apply; scores is JSON {question:
-- 0..5}; the group tallies the index needs are typed columns (5.3 counts
-- the feedback group's answers, 5.4 the answers not satisfied overall by
-- the day their dossier was resolved).
CREATE TABLE survey_answers (
    tenant_id          TEXT NOT NULL REFERENCES tenants (id),
    dossier_id         TEXT NOT NULL,
    dossier_code       TEXT NOT NULL,
    unit_code          TEXT NOT NULL,
    field_code         TEXT NOT NULL,
    version            INTEGER NOT NULL,
    channel            TEXT NOT NULL,
    scores             TEXT NOT NULL,
    comment            TEXT NOT NULL DEFAULT '',
    dissatisfied       INTEGER NOT NULL,
    feedback_answered  INTEGER NOT NULL,
    feedback_satisfied INTEGER NOT NULL,
    resolved_day       TEXT NOT NULL,
    answered_day       TEXT NOT NULL,
    answered_at        TIMESTAMP NOT NULL,
    officer            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, dossier_id)
);
CREATE INDEX survey_answers_answered ON survey_answers (tenant_id, answered_day);
CREATE INDEX survey_answers_resolved ON survey_answers (tenant_id, resolved_day);

-- +goose Down
DROP TABLE survey_answers;
DROP TABLE survey_questionnaires;

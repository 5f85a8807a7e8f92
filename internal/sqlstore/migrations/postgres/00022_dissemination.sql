-- +goose Up
-- Legal dissemination (Law 14/2012/QH13) and online legal-knowledge
-- contests. Like mediation, the register lives in the province's partition
-- (tenant_id = the department) and every row names its commune where one
-- applies. Days are 'YYYY-MM-DD' text ('' for none).

-- Online contests. A contest's code is its public address (/thi/{code}),
-- so it is unique in the deployment, the one key not led by tenant_id.
CREATE TABLE contests (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    code          TEXT NOT NULL,
    title         TEXT NOT NULL,
    legal_basis   TEXT NOT NULL DEFAULT '',
    organiser     TEXT NOT NULL DEFAULT '',
    min_age       BIGINT NOT NULL DEFAULT 0,
    province_code TEXT NOT NULL DEFAULT '',
    units         TEXT NOT NULL DEFAULT '[]',
    prizes        TEXT NOT NULL DEFAULT '[]',
    rules         TEXT NOT NULL DEFAULT '',
    secret        TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX contests_code ON contests (code);

CREATE TABLE contest_rounds (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    contest_id   TEXT NOT NULL,
    no           BIGINT NOT NULL,
    title        TEXT NOT NULL,
    mode         TEXT NOT NULL,
    opens_at     TIMESTAMPTZ NOT NULL,
    closes_at    TIMESTAMPTZ NOT NULL,
    time_limit_s BIGINT NOT NULL,
    questions    BIGINT NOT NULL,
    points       BIGINT NOT NULL,
    attempts     BIGINT NOT NULL,
    counts       TEXT NOT NULL,
    chain        TEXT NOT NULL,
    prediction   TEXT NOT NULL DEFAULT '',
    min_spq      BIGINT NOT NULL DEFAULT 0,
    ranked_at    TIMESTAMPTZ,
    actual       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, contest_id) REFERENCES contests (tenant_id, id)
);
CREATE UNIQUE INDEX contest_rounds_no ON contest_rounds (tenant_id, contest_id, no);

CREATE TABLE contest_questions (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    contest_id TEXT NOT NULL,
    stem       TEXT NOT NULL,
    options    TEXT NOT NULL,
    correct    BIGINT NOT NULL,
    difficulty BIGINT NOT NULL,
    document   TEXT NOT NULL DEFAULT '',
    article    TEXT NOT NULL DEFAULT '',
    explain    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, contest_id) REFERENCES contests (tenant_id, id)
);
CREATE INDEX contest_questions_contest ON contest_questions (tenant_id, contest_id);

-- One person one entry: a phone number once per contest, a national ID
-- number (kept only as a keyed hash) once per contest.
CREATE TABLE contest_participants (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    contest_id    TEXT NOT NULL,
    phone         TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    unit_code     TEXT NOT NULL,
    id_hash       TEXT NOT NULL DEFAULT '',
    pass_hash     TEXT NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX contest_participants_phone ON contest_participants (tenant_id, contest_id, phone);
CREATE UNIQUE INDEX contest_participants_idhash ON contest_participants (tenant_id, contest_id, id_hash) WHERE id_hash <> '';
CREATE INDEX contest_participants_name ON contest_participants (tenant_id, contest_id, name_key, birth_date);

CREATE TABLE contest_attempts (
    tenant_id      TEXT NOT NULL,
    id             TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    no             BIGINT NOT NULL,
    layout         TEXT NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    deadline       TIMESTAMPTZ NOT NULL,
    state          TEXT NOT NULL,
    submitted_at   TIMESTAMPTZ,
    correct        BIGINT NOT NULL DEFAULT 0,
    score          BIGINT NOT NULL DEFAULT 0,
    prediction     BIGINT,
    voided         TEXT NOT NULL DEFAULT '',
    ip             TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX contest_attempts_person ON contest_attempts (tenant_id, round_id, participant_id, no);
CREATE INDEX contest_attempts_open ON contest_attempts (tenant_id, round_id, state, deadline);

-- Answers: one row per place of an attempt, overwritten while the attempt
-- is open (revisions counts the changes).
CREATE TABLE contest_answers (
    tenant_id   TEXT NOT NULL,
    attempt_id  TEXT NOT NULL,
    pos         BIGINT NOT NULL,
    choice      BIGINT NOT NULL,
    answered_at TIMESTAMPTZ NOT NULL,
    revisions   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, attempt_id, pos)
);

-- The submissions' log: every start, submission, expiry and voiding, with
-- the address it came from (the organisers' audit of entries).
CREATE TABLE contest_events (
    tenant_id  TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, attempt_id, seq)
);

-- The ranking of a round, written once at close (again after a voiding).
CREATE TABLE contest_ranks (
    tenant_id      TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    place          BIGINT NOT NULL,
    rank           BIGINT NOT NULL,
    attempt_id     TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    score          BIGINT NOT NULL,
    correct        BIGINT NOT NULL,
    distance       BIGINT NOT NULL,
    duration_ms    BIGINT NOT NULL,
    prize          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, round_id, place)
);
CREATE INDEX contest_ranks_person ON contest_ranks (tenant_id, round_id, participant_id);

-- Legal dissemination: activities, materials handed out, lecturers and
-- communicators, bookshelves, access-to-law assessments.
CREATE TABLE dissem_activities (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    held_on      TEXT NOT NULL,
    theme        TEXT NOT NULL,
    documents    TEXT NOT NULL DEFAULT '',
    audience     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    participants BIGINT NOT NULL DEFAULT 0,
    women        BIGINT NOT NULL DEFAULT 0,
    cost_vnd     BIGINT NOT NULL DEFAULT 0,
    organiser    TEXT NOT NULL DEFAULT '',
    law_day      BIGINT NOT NULL DEFAULT 0,
    plan_task    TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dissem_activities_day ON dissem_activities (tenant_id, held_on, commune_code);
CREATE INDEX dissem_activities_commune ON dissem_activities (tenant_id, commune_code, held_on);

CREATE TABLE dissem_handouts (
    tenant_id    TEXT NOT NULL,
    activity_id  TEXT NOT NULL,
    material     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    copies       BIGINT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    held_on      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, activity_id, material)
);
CREATE INDEX dissem_handouts_day ON dissem_handouts (tenant_id, held_on, commune_code);

CREATE TABLE dissem_people (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    role         TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    full_name    TEXT NOT NULL,
    sex          TEXT NOT NULL,
    workplace    TEXT NOT NULL DEFAULT '',
    decision_no  TEXT NOT NULL,
    decision_on  TEXT NOT NULL,
    ended_on     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dissem_people_commune ON dissem_people (tenant_id, commune_code, role);

CREATE TABLE access_assessments (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    commune_code TEXT NOT NULL,
    year         BIGINT NOT NULL,
    rule_version TEXT NOT NULL,
    scores       TEXT NOT NULL,
    total        BIGINT NOT NULL,
    met          BIGINT NOT NULL,
    decision_no  TEXT NOT NULL DEFAULT '',
    decision_on  TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, commune_code, year)
);

-- +goose Down
DROP TABLE access_assessments;
DROP TABLE dissem_people;
DROP TABLE dissem_handouts;
DROP TABLE dissem_activities;
DROP TABLE contest_ranks;
DROP TABLE contest_events;
DROP TABLE contest_answers;
DROP TABLE contest_attempts;
DROP TABLE contest_participants;
DROP TABLE contest_questions;
DROP TABLE contest_rounds;
DROP TABLE contests;

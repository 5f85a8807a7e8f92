-- +goose Up
-- A round's ranking is written at close in two tables, each in its own key
-- order so that neither takes a million rows in random order into an index
-- (issue 23: a national round ranked in under 30 s): contest_ranks by
-- place, contest_rank_people by person (a participant's own place). The
-- counted attempt's figures (unit, score, correct answers, times,
-- prediction) are read from contest_attempts by join, not copied.
CREATE TABLE contest_ranks_new (
    tenant_id      TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    place          INTEGER NOT NULL,
    rank           INTEGER NOT NULL,
    attempt_id     TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    prize          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, round_id, place)
) WITHOUT ROWID;
INSERT INTO contest_ranks_new (tenant_id, round_id, place, rank, attempt_id, participant_id, prize)
    SELECT tenant_id, round_id, place, rank, attempt_id, participant_id, prize FROM contest_ranks;

CREATE TABLE contest_rank_people (
    tenant_id      TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    place          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, round_id, participant_id)
) WITHOUT ROWID;
INSERT INTO contest_rank_people (tenant_id, round_id, participant_id, place)
    SELECT tenant_id, round_id, participant_id, place FROM contest_ranks;

-- A ranked round's figures per unit (contest.UnitTally), written with the
-- ranking: the results page reads these instead of the whole ranking.
CREATE TABLE contest_rank_units (
    tenant_id    TEXT NOT NULL,
    round_id     TEXT NOT NULL,
    unit_code    TEXT NOT NULL,
    participants INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    winners      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, round_id, unit_code)
) WITHOUT ROWID;
INSERT INTO contest_rank_units (tenant_id, round_id, unit_code, participants, attempts, winners)
    SELECT a.tenant_id, a.round_id, a.unit_code, COUNT(k.place), COUNT(*), SUM(CASE WHEN k.prize <> '' THEN 1 ELSE 0 END)
    FROM contest_attempts a
    JOIN contest_rounds r ON r.tenant_id = a.tenant_id AND r.id = a.round_id AND r.ranked_at IS NOT NULL
    LEFT JOIN contest_ranks k ON k.tenant_id = a.tenant_id AND k.round_id = a.round_id AND k.attempt_id = a.id
    WHERE a.state IN ('submitted', 'expired') AND a.voided = ''
    GROUP BY a.tenant_id, a.round_id, a.unit_code;

DROP TABLE contest_ranks;
ALTER TABLE contest_ranks_new RENAME TO contest_ranks;

-- The voided attempts, few: a round's counts by state come from indexes
-- alone (ContestStore.RoundCounts).
CREATE INDEX contest_attempts_voided ON contest_attempts (tenant_id, round_id, state) WHERE voided <> '';

-- A ranked round's histogram of correct answers over its valid attempts,
-- JSON {correct: attempts}, written by the close ('' for rounds ranked
-- before: read from the attempts).
ALTER TABLE contest_rounds ADD COLUMN histogram TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE contest_rounds DROP COLUMN histogram;
DROP INDEX contest_attempts_voided;
CREATE TABLE contest_ranks_old (
    tenant_id      TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    place          INTEGER NOT NULL,
    rank           INTEGER NOT NULL,
    attempt_id     TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    score          INTEGER NOT NULL,
    correct        INTEGER NOT NULL,
    distance       BIGINT NOT NULL,
    duration_ms    BIGINT NOT NULL,
    prize          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, round_id, place)
);
INSERT INTO contest_ranks_old (tenant_id, round_id, place, rank, attempt_id, participant_id, unit_code, score, correct, distance, duration_ms, prize)
    SELECT k.tenant_id, k.round_id, k.place, k.rank, k.attempt_id, k.participant_id, a.unit_code, a.score, a.correct,
        CASE WHEN a.prediction IS NULL THEN -1 WHEN a.prediction >= r.actual THEN a.prediction - r.actual ELSE r.actual - a.prediction END,
        CAST(ROUND((julianday(a.submitted_at) - julianday(a.started_at)) * 86400000) AS INTEGER), k.prize
    FROM contest_ranks k
    JOIN contest_attempts a ON a.tenant_id = k.tenant_id AND a.id = k.attempt_id
    JOIN contest_rounds r ON r.tenant_id = k.tenant_id AND r.id = k.round_id;
DROP TABLE contest_ranks;
ALTER TABLE contest_ranks_old RENAME TO contest_ranks;
CREATE INDEX contest_ranks_person ON contest_ranks (tenant_id, round_id, participant_id);
DROP TABLE contest_rank_units;
DROP TABLE contest_rank_people;

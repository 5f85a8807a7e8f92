-- +goose Up
-- Citizen reception and petitions (package petition): complaints,
-- denunciations, recommendations and feedback, and the reception book.
-- A petition is one row: the columns the book filters, orders and counts
-- by, and the rest of the record as a JSON document (doc). Days are
-- 'YYYY-MM-DD' text ('' for none). closed_on is the day the petition left
-- the agency's hands (resolved, terminated, forwarded, guided, filed), ''
-- while open: the figures of a period read received_on <= to AND
-- (received_on >= from OR closed_on = '' OR closed_on >= from).
CREATE TABLE petitions (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    code        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    status      TEXT NOT NULL,
    received_on TEXT NOT NULL,
    closed_on   TEXT NOT NULL DEFAULT '',
    owner_ref   TEXT NOT NULL DEFAULT '',
    dup_key     TEXT NOT NULL DEFAULT '',
    handler_id  TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    doc         TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX petitions_code ON petitions (tenant_id, code);
CREATE INDEX petitions_received ON petitions (tenant_id, received_on, id);
CREATE INDEX petitions_closed ON petitions (tenant_id, closed_on);
CREATE INDEX petitions_owner ON petitions (tenant_id, owner_ref);
CREATE INDEX petitions_dup ON petitions (tenant_id, dup_key);

-- A denouncer's identity, apart from the petition (Law 25/2018 Art. 47–48):
-- read only by Tx.Identity, which the service calls for an officer allowed
-- to see it, every view audited.
CREATE TABLE petition_denouncers (
    tenant_id   TEXT NOT NULL,
    petition_id TEXT NOT NULL,
    dup_key     TEXT NOT NULL DEFAULT '',
    full_name   TEXT NOT NULL DEFAULT '',
    id_number   TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    forged_name BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, petition_id),
    FOREIGN KEY (tenant_id, petition_id) REFERENCES petitions (tenant_id, id)
);
CREATE INDEX petition_denouncers_dup ON petition_denouncers (tenant_id, dup_key);

CREATE TABLE petition_events (
    tenant_id   TEXT NOT NULL,
    petition_id TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    day         TEXT NOT NULL,
    action      TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    public      BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, petition_id, seq)
);

CREATE TABLE petition_counters (
    tenant_id TEXT NOT NULL,
    series    TEXT NOT NULL,
    year      BIGINT NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, series, year)
);

-- The reception book (sổ tiếp công dân) and the schedule of reception days.
CREATE TABLE petition_visits (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    day        TEXT NOT NULL,
    kind       TEXT NOT NULL,
    doc        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX petition_visits_day ON petition_visits (tenant_id, day);

CREATE TABLE petition_schedule (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id        TEXT NOT NULL,
    day       TEXT NOT NULL,
    kind      TEXT NOT NULL,
    host      TEXT NOT NULL,
    unit      TEXT NOT NULL DEFAULT '',
    place     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX petition_schedule_day ON petition_schedule (tenant_id, day);

-- +goose Down
DROP TABLE petition_schedule;
DROP TABLE petition_visits;
DROP TABLE petition_counters;
DROP TABLE petition_events;
DROP TABLE petition_denouncers;
DROP TABLE petitions;

-- +goose Up
-- Result delivery by post (issue 25 item 6; package external/vnpost): one
-- consignment per dossier. status is 'requested' until the carrier accepts
-- the order (then its tracking code is set), then the carrier's statuses
-- (accepted, in_transit, delivering, delivered, returned), or 'failed'
-- when the carrier refused the order (its reason in note; otherwise the
-- carrier's last tracking note).
CREATE TABLE postal_consignments (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    dossier_id     TEXT NOT NULL,
    carrier        TEXT NOT NULL,
    tracking_code  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    phone          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL,
    cod            BIGINT NOT NULL DEFAULT 0,
    officer        TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    delivered_at   TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, dossier_id)
);
-- The status poll reads the consignments still on their way.
CREATE INDEX postal_consignments_open ON postal_consignments (status, updated_at);

-- The messages of a dossier (issue 25 item 7): every e-mail, SMS and Zalo
-- message the notify worker handles (direction 'out', outbox_id set), and
-- the citizens' replies the providers' webhooks deliver (direction 'in').
CREATE TABLE dossier_messages (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    dossier_id   TEXT NOT NULL,
    direction    TEXT NOT NULL,
    channel      TEXT NOT NULL,
    party        TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL,
    provider_ref TEXT NOT NULL DEFAULT '',
    outbox_id    TEXT NOT NULL DEFAULT '',
    last_error   TEXT NOT NULL DEFAULT '',
    attempts     BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    sent_at      TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dossier_messages_dossier ON dossier_messages (tenant_id, dossier_id, created_at);
CREATE UNIQUE INDEX dossier_messages_outbox ON dossier_messages (tenant_id, outbox_id) WHERE outbox_id <> '';
CREATE UNIQUE INDEX dossier_messages_ref ON dossier_messages (tenant_id, channel, direction, provider_ref) WHERE provider_ref <> '';

-- +goose Down
DROP TABLE dossier_messages;
DROP TABLE postal_consignments;

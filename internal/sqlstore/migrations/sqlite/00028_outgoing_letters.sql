-- +goose Up
-- Outgoing letters signed off by a leader (issue 25 item 4): a dossier's
-- supplement request, refusal, apology or return letter drafted by the
-- officer and approved, signed, by the unit head or the director. The
-- letter's fields and history are data_json; pdf is the signed PDF once
-- approved. Letters waiting for a leader are read by state.
CREATE TABLE outgoing_letters (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    dossier_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL,
    unit_code   TEXT NOT NULL DEFAULT '',
    data_json   TEXT NOT NULL,
    pdf         BLOB,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outgoing_letters_dossier ON outgoing_letters (tenant_id, dossier_id, created_at);
CREATE INDEX outgoing_letters_state ON outgoing_letters (tenant_id, state, created_at);

-- +goose Down
DROP TABLE outgoing_letters;

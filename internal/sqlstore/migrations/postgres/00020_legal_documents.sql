-- +goose Up
-- Legal normative documents (issue 21): the province's law book, the
-- relations between documents down to the article, drafts sent for
-- appraisal or opinion, checks and reviews. Validity is never stored: it
-- is computed from the dates and relations (package legaldoc).
-- Days are 'YYYY-MM-DD' text ('' for none), as elsewhere.
CREATE TABLE legal_documents (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    number       TEXT NOT NULL,
    title        TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    signer       TEXT NOT NULL DEFAULT '',
    signed_on    TEXT NOT NULL,
    published_on TEXT NOT NULL DEFAULT '',
    in_force_on  TEXT NOT NULL,
    ends_on      TEXT NOT NULL DEFAULT '',
    gazette      TEXT NOT NULL DEFAULT '',
    field        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    file         TEXT NOT NULL DEFAULT '',
    -- search_text is the number, title and text folded (no diacritics,
    -- lower case, đ → d) by legaldoc.SearchText; a GIN index searches it.
    search_text  TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    -- The words of search_text, kept so that a search's recheck reads them
    -- instead of parsing every matching text again.
    search_tsv   tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX legal_documents_number ON legal_documents (tenant_id, number, issuer);
CREATE INDEX legal_documents_signed ON legal_documents (tenant_id, signed_on, id);
CREATE INDEX legal_documents_kind ON legal_documents (tenant_id, kind, signed_on, id);

-- Full-text search, diacritic-insensitive: search_text is already folded,
-- so the 'simple' configuration (no stemming, no stop words) indexes its
-- words as they are.
CREATE INDEX legal_documents_fts ON legal_documents USING gin (search_tsv);

CREATE TABLE legal_relations (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    articles     TEXT NOT NULL DEFAULT '', -- one part a line; '' = the whole document
    effective_on TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, source_id) REFERENCES legal_documents (tenant_id, id),
    FOREIGN KEY (tenant_id, target_id) REFERENCES legal_documents (tenant_id, id)
);
CREATE INDEX legal_relations_target ON legal_relations (tenant_id, target_id);
CREATE INDEX legal_relations_source ON legal_relations (tenant_id, source_id);

CREATE TABLE legal_tasks (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    type         TEXT NOT NULL,
    draft_kind   TEXT NOT NULL DEFAULT '',
    origin       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    agency       TEXT NOT NULL,
    request_no   TEXT NOT NULL DEFAULT '',
    received_on  TEXT NOT NULL,
    complete_on  TEXT NOT NULL DEFAULT '',
    missing      TEXT NOT NULL DEFAULT '',
    due_on       TEXT NOT NULL DEFAULT '',
    assigned_to  TEXT NOT NULL DEFAULT '',
    council      BOOLEAN NOT NULL DEFAULT FALSE,
    council_note TEXT NOT NULL DEFAULT '',
    findings     TEXT NOT NULL DEFAULT '',
    conclusion   TEXT NOT NULL DEFAULT '',
    report_no    TEXT NOT NULL DEFAULT '',
    report_on    TEXT NOT NULL DEFAULT '',
    response     TEXT NOT NULL DEFAULT '',
    responded_on TEXT NOT NULL DEFAULT '',
    document_id  TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX legal_tasks_received ON legal_tasks (tenant_id, received_on, id);
CREATE INDEX legal_tasks_report ON legal_tasks (tenant_id, report_on, due_on, id);

CREATE TABLE legal_checks (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    mode         TEXT NOT NULL,
    document_id  TEXT NOT NULL DEFAULT '',
    doc_number   TEXT NOT NULL,
    doc_title    TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    received_on  TEXT NOT NULL,
    checked_on   TEXT NOT NULL DEFAULT '',
    findings     TEXT NOT NULL DEFAULT '[]',
    unlawful     BOOLEAN NOT NULL DEFAULT FALSE,
    proposed     TEXT NOT NULL DEFAULT '',
    notice_no    TEXT NOT NULL DEFAULT '',
    response     TEXT NOT NULL DEFAULT '',
    responded_on TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL DEFAULT '',
    closed_on    TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX legal_checks_received ON legal_checks (tenant_id, received_on, id);
CREATE INDEX legal_checks_checked ON legal_checks (tenant_id, checked_on, id);

CREATE TABLE legal_reviews (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    year        BIGINT NOT NULL,
    cut_off     TEXT NOT NULL DEFAULT '',
    started_on  TEXT NOT NULL,
    finished_on TEXT NOT NULL DEFAULT '',
    items       TEXT NOT NULL DEFAULT '[]',
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX legal_reviews_started ON legal_reviews (tenant_id, started_on, id);

-- +goose Down
DROP TABLE legal_reviews;
DROP TABLE legal_checks;
DROP TABLE legal_tasks;
DROP TABLE legal_relations;
DROP TABLE legal_documents;

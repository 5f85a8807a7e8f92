-- +goose Up
-- The legal dissemination register's books beside its activities (issue
-- 23): the year's plan tasks, the materials printed (their distribution is
-- the handouts of the activities), the legal bookshelves, and whether a
-- commune's access-to-law year had a disqualifying event. Days are
-- 'YYYY-MM-DD' text. Each stays small: tens to hundreds of rows a year.
CREATE TABLE dissem_plan_tasks (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    year         INTEGER NOT NULL,
    plan_no      TEXT NOT NULL,
    title        TEXT NOT NULL,
    lead_unit    TEXT NOT NULL DEFAULT '',
    due_on       TEXT NOT NULL,
    target       INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dissem_plan_tasks_year ON dissem_plan_tasks (tenant_id, year, commune_code);

CREATE TABLE dissem_materials (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    published_on TEXT NOT NULL,
    copies       INTEGER NOT NULL,
    cost_vnd     BIGINT NOT NULL DEFAULT 0,
    publisher    TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX dissem_materials_title ON dissem_materials (tenant_id, commune_code, title);
CREATE INDEX dissem_materials_day ON dissem_materials (tenant_id, published_on);

CREATE TABLE dissem_bookshelves (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    place        TEXT NOT NULL,
    books        INTEGER NOT NULL DEFAULT 0,
    opened_on    TEXT NOT NULL,
    keeper       TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dissem_bookshelves_commune ON dissem_bookshelves (tenant_id, commune_code);

ALTER TABLE access_assessments ADD COLUMN disqualified INTEGER NOT NULL DEFAULT 0;
-- The book's pages: latest held first, in index order.
CREATE INDEX dissem_activities_list ON dissem_activities (tenant_id, held_on, id);
CREATE INDEX access_assessments_year ON access_assessments (tenant_id, year, commune_code);

-- +goose Down
DROP INDEX access_assessments_year;
DROP INDEX dissem_activities_list;
ALTER TABLE access_assessments DROP COLUMN disqualified;
DROP TABLE dissem_bookshelves;
DROP TABLE dissem_materials;
DROP TABLE dissem_plan_tasks;

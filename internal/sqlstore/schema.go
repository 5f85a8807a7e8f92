package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Schema is what the migrations left in a database, in terms both engines
// share: each table's columns and each index's table and key columns, by
// name (column types are spelled per engine, so they are not compared).
// Indexes that only back a primary key or UNIQUE constraint are left out:
// the engines name them differently and the constraint is in the table.
type Schema struct {
	Tables  map[string][]string // table → its columns, sorted
	Indexes map[string]string   // index → "table(col,col)"; an expression is "expr"
}

// Schema reads the database's schema.
func (db *DB) Schema(ctx context.Context) (Schema, error) {
	s := Schema{Tables: map[string][]string{}, Indexes: map[string]string{}}
	var cols, idx string
	switch db.engine {
	case SQLite:
		cols = `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`
		idx = `SELECT m.name, m.tbl_name, COALESCE(group_concat(COALESCE(i.name, 'expr'), ','), '')
			FROM sqlite_master m, pragma_index_info(m.name) i
			WHERE m.type = 'index' AND m.sql IS NOT NULL GROUP BY m.name, m.tbl_name`
	default:
		cols = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'`
		idx = `SELECT i.relname, t.relname, array_to_string(ARRAY(
				SELECT COALESCE(a.attname, 'expr') FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
				LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
				WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord), ',')
			FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
			JOIN pg_namespace n ON n.oid = t.relnamespace
			WHERE n.nspname = current_schema() AND t.relname <> 'goose_db_version'
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)`
	}
	rows, err := db.r.QueryContext(ctx, cols)
	if err != nil {
		return s, mapErr(err)
	}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			rows.Close()
			return s, mapErr(err)
		}
		s.Tables[t] = append(s.Tables[t], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, mapErr(err)
	}
	for _, c := range s.Tables {
		slices.Sort(c)
	}
	rows, err = db.r.QueryContext(ctx, idx)
	if err != nil {
		return s, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, table, keys string
		if err := rows.Scan(&name, &table, &keys); err != nil {
			return s, mapErr(err)
		}
		s.Indexes[name] = table + "(" + keys + ")"
	}
	return s, mapErr(rows.Err())
}

// DiffSchemas lists every difference between two schemas (named a and b in
// the messages): tables, columns and indexes present in one only, and
// indexes whose table or key columns differ. Empty means the same.
func DiffSchemas(aName string, a Schema, bName string, b Schema) []string {
	a, b = withoutEngineSpecific(a), withoutEngineSpecific(b)
	var out []string
	only := func(kind, x, in, notIn string) {
		out = append(out, fmt.Sprintf("%s %s is in %s only (missing from %s)", kind, x, in, notIn))
	}
	for _, t := range sortedKeys(a.Tables) {
		bc, ok := b.Tables[t]
		if !ok {
			only("table", t, aName, bName)
			continue
		}
		for _, c := range a.Tables[t] {
			if !slices.Contains(bc, c) {
				only("column", t+"."+c, aName, bName)
			}
		}
		for _, c := range bc {
			if !slices.Contains(a.Tables[t], c) {
				only("column", t+"."+c, bName, aName)
			}
		}
	}
	for _, t := range sortedKeys(b.Tables) {
		if _, ok := a.Tables[t]; !ok {
			only("table", t, bName, aName)
		}
	}
	for _, i := range sortedKeys(a.Indexes) {
		bi, ok := b.Indexes[i]
		switch {
		case !ok:
			only("index", i, aName, bName)
		case bi != a.Indexes[i]:
			out = append(out, fmt.Sprintf("index %s is %s in %s but %s in %s", i, a.Indexes[i], aName, bi, bName))
		}
	}
	for _, i := range sortedKeys(b.Indexes) {
		if _, ok := a.Indexes[i]; !ok {
			only("index", i, bName, aName)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// engineSpecific are objects each engine builds its own way, compared by
// their tests instead: the legal documents' full-text search is an FTS5
// table (and its shadow tables) on SQLite, a GIN index over a generated
// tsvector column on PostgreSQL.
var engineSpecific = []string{"legal_documents_fts", "legal_documents.search_tsv"}

func withoutEngineSpecific(s Schema) Schema {
	out := Schema{Tables: map[string][]string{}, Indexes: map[string]string{}}
	skip := func(name string) bool {
		for _, p := range engineSpecific {
			if strings.HasPrefix(name, p) {
				return true
			}
		}
		return false
	}
	for t, cs := range s.Tables {
		if skip(t) {
			continue
		}
		for _, c := range cs {
			if !skip(t + "." + c) {
				out.Tables[t] = append(out.Tables[t], c)
			}
		}
	}
	for i, d := range s.Indexes {
		if !skip(i) {
			out.Indexes[i] = d
		}
	}
	return out
}

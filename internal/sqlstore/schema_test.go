package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// After migration both engines have the same tables, columns and indexes
// (not only the same migration numbers).
func TestSchemaParity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lite := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
	pg := storetest.Open(t, sqlstore.Postgres, sqlstore.Options{})
	a, err := lite.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pg.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Tables) < 10 || len(a.Indexes) < 5 {
		t.Fatalf("the schema was not read: %d tables, %d indexes", len(a.Tables), len(a.Indexes))
	}
	for _, d := range sqlstore.DiffSchemas("sqlite", a, "postgres", b) {
		t.Error(d)
	}
}

// The comparison catches a migration that forgets a column on one engine:
// here a SQLite schema without one column of dossiers and one of its
// indexes.
func TestSchemaParityCatchesAForgottenColumn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	good, err := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{}).Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	skewed := sqlstore.Schema{Tables: map[string][]string{}, Indexes: map[string]string{}}
	cols := good.Tables["dossiers"]
	if len(cols) < 5 {
		t.Fatalf("dossiers: %v", cols)
	}
	forgotten := cols[len(cols)-1]
	for tbl, cols := range good.Tables {
		for _, c := range cols {
			if tbl == "dossiers" && c == forgotten {
				continue
			}
			skewed.Tables[tbl] = append(skewed.Tables[tbl], c)
		}
	}
	var dropped string
	for name, def := range good.Indexes {
		if dropped == "" && strings.HasPrefix(def, "dossiers(") {
			dropped = name
			continue
		}
		skewed.Indexes[name] = def
	}
	diff := strings.Join(sqlstore.DiffSchemas("sqlite", skewed, "postgres", good), "\n")
	for _, want := range []string{"column dossiers." + forgotten + " is in postgres only (missing from sqlite)", "index " + dropped + " is in postgres only"} {
		if !strings.Contains(diff, want) {
			t.Errorf("the difference %q is not reported:\n%s", want, diff)
		}
	}
	if d := sqlstore.DiffSchemas("a", good, "b", good); len(d) != 0 {
		t.Fatalf("a schema differs from itself: %v", d)
	}
}

package sqlstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A word typed in a search box matches itself only: its %, _ and \ are
// not wildcards, on either engine (the LIKE of every register's search).
func TestContainsEscapesWildcards(t *testing.T) {
	ctx := context.Background()
	dsns := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "l.db")}
	if pg := os.Getenv("TUPHAP_TEST_POSTGRES"); pg != "" {
		dsns["postgres"] = pg
	} else if os.Getenv("CI") != "" {
		t.Fatal("CI is set but TUPHAP_TEST_POSTGRES is empty: storage tests must run on PostgreSQL in CI")
	}
	cases := []struct {
		text, word string
		want       bool
	}{
		{"giảm 50% lệ phí", "50%", true},
		{"giảm 50 lệ phí", "50%", false},
		{"giảm 50 lệ phí", "%", false},
		{"mã a_b", "a_b", true},
		{"mã axb", "a_b", false},
		{`đường dẫn C:\tu-phap`, `C:\tu`, true},
		{`đường dẫn C:tu-phap`, `C:\tu`, false},
		{"Hòa giải ở cơ sở", "giải ở", true},
	}
	for name, dsn := range dsns {
		db, err := Open(ctx, dsn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			var got bool
			if err := db.r.QueryRowContext(ctx, `SELECT $1 LIKE $2`+likeEscape, c.text, contains(c.word)).Scan(&got); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got != c.want {
				t.Errorf("%s: %q LIKE contains(%q) = %v, want %v", name, c.text, c.word, got, c.want)
			}
		}
		db.Close()
	}
}

// A register's search lowers both sides: "đất" finds "Tranh chấp Đất đai"
// on both engines (SQLite's own lower() folds only ASCII).
func TestLowerFoldsVietnamese(t *testing.T) {
	ctx := context.Background()
	dsns := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "l.db")}
	if pg := os.Getenv("TUPHAP_TEST_POSTGRES"); pg != "" {
		dsns["postgres"] = pg
	}
	for name, dsn := range dsns {
		db, err := Open(ctx, dsn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var low string
		var found bool
		if err := db.r.QueryRowContext(ctx, `SELECT LOWER($1), LOWER($1) LIKE $2`+likeEscape, "Tranh chấp ĐẤT ĐAI ở Ấp Ông Đồ", contains("đất đai")).Scan(&low, &found); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if low != "tranh chấp đất đai ở ấp ông đồ" || !found {
			t.Errorf("%s: LOWER = %q, found = %v", name, low, found)
		}
		var null *string
		if err := db.r.QueryRowContext(ctx, `SELECT LOWER(NULL)`).Scan(&null); err != nil || null != nil {
			t.Errorf("%s: LOWER(NULL) = %v, %v", name, null, err)
		}
		db.Close()
	}
}

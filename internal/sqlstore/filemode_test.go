package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"tuphap/internal/sqlstore"
)

// Issue 12 §12: the SQLite database, its WAL and shared-memory files and its
// backups are readable by their owner only; directories created for them
// are 0700.
func TestSQLiteFilesArePrivate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "tuphap.db")
	db, err := sqlstore.Open(ctx, "sqlite:"+path, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "copies", "b.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600, filepath.Dir(backup): 0o700, backup: 0o600}
	for p, mode := range want {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s: %v, want %v", filepath.Base(p), st.Mode().Perm(), mode)
		}
	}
	// An older deployment's loose file is tightened at the next start.
	db.Close()
	os.Chmod(path, 0o644)
	db2, err := sqlstore.Open(ctx, "sqlite:"+path, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("after reopening: %v", st.Mode().Perm())
	}
}

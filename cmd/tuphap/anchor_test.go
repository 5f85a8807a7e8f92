package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Issue 12 §5: cutting the tail of the audit chain and rewinding its head
// to match passes the chain's own check; the head anchored outside the
// database catches it.
func TestAuditAnchorDetectsTailTruncation(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) {
			dsn := storetest.DSN(t, e)
			dir := t.TempDir()
			key := filepath.Join(dir, "k.key")
			anchors := filepath.Join(dir, "anchors.txt")
			if out, err := runCLI(t, key, "", "migrate", "--db", dsn); err != nil {
				t.Fatalf("migrate: %v %s", err, out)
			}
			if out, err := runCLI(t, key, "", "tenant", "add", "--db", dsn, "--code", "STP-DT", "--name", "Sở Tư pháp tỉnh Đồng Tháp", "--agency-id", "000.00.00.H82", "--province", "82"); err != nil {
				t.Fatalf("tenant add: %v %s", err, out)
			}
			if out, err := runCLI(t, key, "một-mật-khẩu-dài\n", "user", "add", "--db", dsn, "--tenant", "STP-DT", "--username", "admin", "--role", "admin", "--password-stdin"); err != nil {
				t.Fatalf("user add: %v %s", err, out)
			}
			if out, err := runCLI(t, key, "", "audit", "anchor", "--db", dsn); err == nil {
				t.Fatalf("anchor without --out: %s", out)
			}
			if out, err := runCLI(t, key, "", "audit", "anchor", "--db", dsn, "--out", anchors); err != nil || !strings.Contains(out, "STP-DT: mốc neo dòng 2") {
				t.Fatalf("anchor: %v %s", err, out)
			}
			if st, err := os.Stat(anchors); err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("anchor file: %v %v", err, st.Mode())
			}
			if out, err := runCLI(t, key, "", "audit", "verify", "--db", dsn, "--anchor", anchors); err != nil || !strings.Contains(out, "khớp 1 mốc neo") {
				t.Fatalf("verify with the anchor: %v %s", err, out)
			}
			// Cut the last entry and rewind the head to the one before.
			driver, raw := "pgx", dsn
			if e == sqlstore.SQLite {
				driver, raw = "sqlite", strings.TrimPrefix(dsn, "sqlite:")
			}
			db, err := sql.Open(driver, raw)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, q := range []string{
				`DELETE FROM audit_log WHERE seq = 2`,
				`UPDATE audit_heads SET seq = 1, hash = (SELECT hash FROM audit_log WHERE seq = 1)`,
			} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if out, err := runCLI(t, key, "", "audit", "verify", "--db", dsn); err != nil {
				t.Fatalf("the chain alone should not see it (else the anchor proves nothing): %v %s", err, out)
			}
			out, err := runCLI(t, key, "", "audit", "verify", "--db", dsn, "--anchor", anchors)
			if err == nil || !strings.Contains(out, "các dòng cuối đã bị cắt") {
				t.Fatalf("verify with the anchor after truncation: %v %s", err, out)
			}
			os.WriteFile(anchors, []byte("rác\n"), 0o600)
			if _, err := runCLI(t, key, "", "audit", "verify", "--db", dsn, "--anchor", anchors); err == nil {
				t.Fatal("a malformed anchor file accepted")
			}
		})
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tuphap/internal/demo"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// The demo police holds a request that went through police verification to
// a signed certificate, and a conviction for theft that is nowhere in
// plain text in the database files; then the function is handed over by
// the transfer command and both audit chains still verify.
func TestDemoJudicialRecordsAndTransfer(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	dsn := "sqlite:" + path
	key := filepath.Join(dir, "k.key")
	out, err := runCLI(t, key, "", "demo", "--db", dsn)
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	if !strings.Contains(out, demo.PoliceTenantCode) || !strings.Contains(out, "canbo.lltp") {
		t.Fatalf("demo output:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "jr-signing.p12")); err != nil {
		t.Fatalf("demo signing key not generated beside the key file: %v", err)
	}
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	police, err := db.TenantByCode(ctx, demo.PoliceTenantCode)
	if err != nil {
		t.Fatal(err)
	}
	counts, _ := db.DossierCounts(ctx, police.ID)
	if counts[dossier.Returned] != 1 || counts[dossier.Submitted] != 1 {
		t.Fatalf("demo police dossiers: %v", counts)
	}
	db.Close()
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, s := range []string{"Trộm cắp", "57/2022/HS-ST", "Điều 173", "09 tháng tù", "12.500.000"} {
			if bytes.Contains(b, []byte(s)) {
				t.Fatalf("%s holds %q in plain text", filepath.Base(f), s)
			}
		}
		if !bytes.Contains(b, []byte(demo.PoliceTenant.Name)) && f == path {
			t.Fatal("the raw search does not see stored text")
		}
	}
	out, err = runCLI(t, key, "", "transfer", "--db", dsn, "--from-tenant", demo.PoliceTenantCode, "--to-tenant", demo.TenantCode,
		"--procedure", "judicial_record.certificate_police", "--as-of", "01/01/2027")
	if err != nil || !strings.Contains(out, "1 hồ sơ đang giải quyết") {
		t.Fatalf("transfer: %v\n%s", err, out)
	}
	for _, code := range []string{demo.PoliceTenantCode, demo.TenantCode} {
		if out, err := runCLI(t, key, "", "audit", "verify", "--db", dsn, "--tenant", code); err != nil {
			t.Fatalf("audit of %s after the transfer: %v\n%s", code, err, out)
		}
	}
	if _, err := runCLI(t, key, "", "transfer", "--db", dsn, "--from-tenant", demo.PoliceTenantCode, "--to-tenant", demo.PoliceTenantCode, "--procedure", "x"); err == nil {
		t.Fatal("transfer to itself accepted")
	}
	// Key rotation from the command line: a new key first in the file.
	old, _ := os.ReadFile(key)
	os.WriteFile(key, append([]byte("k2:"+strings.Repeat("A", 43)+"=\n"), old...), 0o600)
	if out, err := runCLI(t, key, "", "jr", "rewrap", "--db", dsn); err != nil || !strings.Contains(out, "khóa chủ k2") {
		t.Fatalf("rewrap: %v\n%s", err, out)
	}
}

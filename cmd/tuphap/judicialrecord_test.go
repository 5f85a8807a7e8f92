package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/demo"
	"tuphap/internal/dossier"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/report"
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
	// The theft conviction is there, readable with the judicial-record
	// permission and a reason, refused without it.
	a, err := open(ctx, dsn, key, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	officer := judicialrecord.Reader{Actor: dossier.Actor{ID: "t", Name: "canbo.lltp", Role: "judicial_record_officer"}, Allowed: true}
	convs, err := a.jr.svc.ReadConvictions(ctx, officer, police.ID, demo.DemoTheft.IDNumber, "Kiểm tra dữ liệu mẫu")
	if err != nil || len(convs) != 1 || convs[0].Offence != "Trộm cắp tài sản" || !strings.Contains(convs[0].Article, "Điều 173") {
		t.Fatalf("the demo conviction read by the right role: %v %+v", err, convs)
	}
	// The certificate (issue 14, item 15): every numbered item, item 7
	// included when the person has no temporary residence, and the
	// signer's name and capacity from the signing certificate.
	var certPDF []byte
	if err := (sqlstore.DossierStore{DB: a.db}).ExportDossiers(ctx, police.ID, calendar.DateOf(time.Now()).AddDays(-60), calendar.DateOf(time.Now()), func(d *dossier.Dossier) error {
		if d.Status != dossier.Returned {
			return nil
		}
		certs, err := a.jr.svc.Store.Certificates(ctx, police.ID, d.ID)
		if err != nil || len(certs) == 0 {
			return err
		}
		certPDF, _, err = a.jr.svc.Download(ctx, officer, police.ID, certs[0].ID)
		return err
	}); err != nil || certPDF == nil {
		t.Fatalf("the demo certificate: %v", err)
	}
	if text := pdfTextCLI(t, certPDF); text != "" {
		for _, want := range []string{"7. Nơi tạm trú:", "8. Số định danh cá nhân:", "Nguyễn Văn Minh", "GIÁM ĐỐC"} {
			if !strings.Contains(text, want) {
				t.Errorf("the certificate lacks %q:\n%s", want, text)
			}
		}
	}
	clerk := judicialrecord.Reader{Actor: dossier.Actor{ID: "c", Name: "motcua", Role: "reception_clerk"}}
	if _, err := a.jr.svc.ReadConvictions(ctx, clerk, police.ID, demo.DemoTheft.IDNumber, "Tò mò"); apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("a clerk reads the conviction: %v", err)
	}
	// The department's dashboard has a year of figures to show.
	stp, err := a.db.TenantByCode(ctx, demo.TenantCode)
	if err != nil {
		t.Fatal(err)
	}
	today := calendar.DateOf(time.Now())
	year, err := a.db.Report(ctx, sqlstore.ReportScope{TenantID: stp.ID}, report.Period{From: today.AddDays(-365), To: today})
	if err != nil || year.Total.Resolved.Total < 1000 || year.Total.OnTimeRate == nil || year.Total.OnlineRate == nil || len(year.ByField) < 5 {
		t.Fatalf("the demo's year of figures: %v %+v", err, year.Total)
	}
	// Its queues hold work, some of it overdue, and a late dossier carries
	// its apology letter (Mẫu 04).
	queue, err := a.db.Queue(ctx, stp.ID, sqlstore.QueueFilter{Statuses: []dossier.Status{dossier.Accepted, dossier.Processing,
		dossier.SupplementWaiting, dossier.FeeWaiting}, Limit: 500})
	overdue, apology := 0, 0
	for _, d := range queue {
		if d.DueAt != nil && d.DueAt.Before(time.Now()) {
			overdue++
		}
	}
	if err := (sqlstore.DossierStore{DB: a.db}).ExportDossiers(ctx, stp.ID, today.AddDays(-60), today, func(d *dossier.Dossier) error {
		if d.Apology != nil && d.LateUnit != "" {
			apology++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err != nil || len(queue) == 0 || overdue == 0 || apology == 0 {
		t.Fatalf("the demo's queue: %v; %d open, %d overdue, %d with an apology", err, len(queue), overdue, apology)
	}
	a.Close()
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

// pdfTextCLI is a PDF's text through poppler's pdftotext; "" (skipped)
// without it, except in CI.
func pdfTextCLI(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not on PATH; CI must install poppler-utils")
		}
		t.Log("pdftotext missing: the certificate's text is not checked")
		return ""
	}
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

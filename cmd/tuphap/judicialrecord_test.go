package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	police, err := db.Org().TenantByCode(ctx, demo.PoliceTenantCode)
	if err != nil {
		t.Fatal(err)
	}
	counts, _ := db.Dossiers().DossierCounts(ctx, police.ID)
	if counts[dossier.Returned] != 1 || counts[dossier.Submitted] != 1 {
		t.Fatalf("demo police dossiers: %v", counts)
	}
	db.Close()
	// The theft conviction is there, readable with the judicial-record
	// permission and a reason, refused without it.
	a, err := open(ctx, func(string) string { return "" }, dsn, key, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	officer := judicialrecord.Reader{Actor: dossier.Actor{ID: "t", Name: "canbo.lltp", Role: "judicial_record_officer"}, Allowed: true}
	convs, err := a.jr.svc.ReadConvictions(ctx, officer, police.ID, demo.DemoTheft.IDNumber, why("Kiểm tra dữ liệu mẫu"))
	if err != nil || len(convs) != 1 || convs[0].Offence != "Trộm cắp tài sản" || !strings.Contains(convs[0].Article, "Điều 173") {
		t.Fatalf("the demo conviction read by the right role: %v %+v", err, convs)
	}
	// Issue 16.11: nine months served on 20/05/2023, compensation paid, no
	// new offence: expunged by law on 21/05/2025 (Penal Code Art.
	// 70(2)(b)), so the demo's certificate No. 1 states no record.
	if e := judicialrecord.AssessAll(convs, calendar.DateOf(time.Now()))[0]; e.Status != judicialrecord.ExpExpunged || e.On != calendar.NewDate(2025, 5, 21) {
		t.Fatalf("the demo conviction's expungement: %s %s %q %q", e.Status, e.On, e.Steps, e.Verify)
	}
	jrCode := regexp.MustCompile(`G82-\d{6}-\d{4}`).FindString(out)
	jd, err := (sqlstore.DossierStore{DB: a.db}).Dossier(ctx, police.ID, "000.00.00."+jrCode)
	if err != nil {
		t.Fatalf("demo request %q: %v", jrCode, err)
	}
	certs, err := (sqlstore.JRStore{DB: a.db}).Certificates(ctx, police.ID, jd.ID)
	if err != nil || len(certs) != 1 {
		t.Fatalf("demo certificate: %v %d", err, len(certs))
	}
	pdf, _, err := a.jr.svc.Download(ctx, officer, police.ID, certs[0].ID, why("Kiểm tra Phiếu số 1 mẫu"))
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfToText(t, pdf); !strings.Contains(text, "Không có án tích") || strings.Contains(text, "Có án tích") || strings.Contains(text, "Trộm cắp") ||
		!strings.Contains(text, "7. Nơi tạm trú:") || !strings.Contains(text, "GIÁM ĐỐC") || !strings.Contains(text, "Nguyễn Hữu Phước") {
		t.Fatalf("the demo's certificate No. 1:\n%s", text)
	}
	clerk := judicialrecord.Reader{Actor: dossier.Actor{ID: "c", Name: "motcua", Role: "reception_clerk"}}
	if _, err := a.jr.svc.ReadConvictions(ctx, clerk, police.ID, demo.DemoTheft.IDNumber, why("Tò mò")); apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("a clerk reads the conviction: %v", err)
	}
	// The department's dashboard has a year of figures to show.
	stp, err := a.db.Org().TenantByCode(ctx, demo.TenantCode)
	if err != nil {
		t.Fatal(err)
	}
	today := calendar.DateOf(time.Now())
	year, err := a.db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: stp.ID}, report.Period{From: today.AddDays(-365), To: today})
	if err != nil || year.Total.Resolved.Total < 1000 || year.Total.OnTimeRate == nil || year.Total.OnlineRate == nil || len(year.ByField) < 5 {
		t.Fatalf("the demo's year of figures: %v %+v", err, year.Total)
	}
	// Its queues hold work, some of it overdue, and a late dossier carries
	// its apology letter (Mẫu 04).
	queue, err := a.db.Dossiers().Queue(ctx, stp.ID, sqlstore.QueueFilter{Statuses: []dossier.Status{dossier.Accepted, dossier.Processing,
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
	// Issue 12 §1: the department is no longer competent for judicial
	// records; another provincial police force is.
	if out, err := runCLI(t, key, "", "transfer", "--db", dsn, "--from-tenant", demo.PoliceTenantCode, "--to-tenant", demo.TenantCode,
		"--procedure", "judicial_record.certificate_police", "--as-of", "01/01/2027"); err == nil || !strings.Contains(out+err.Error(), "không phải là cơ quan có thẩm quyền") {
		t.Fatalf("transfer to the department: %v\n%s", err, out)
	}
	if out, err := runCLI(t, key, "", "tenant", "add", "--db", dsn, "--code", "CA-AG", "--name", "Công an tỉnh An Giang", "--agency-id", "000.00.00.G89",
		"--province", "89", "--kind", "provincial_police"); err != nil {
		t.Fatalf("tenant add: %v\n%s", err, out)
	}
	out, err = runCLI(t, key, "", "transfer", "--db", dsn, "--from-tenant", demo.PoliceTenantCode, "--to-tenant", "CA-AG",
		"--procedure", "judicial_record.certificate_police", "--as-of", "01/01/2027")
	if err != nil || !strings.Contains(out, "1 hồ sơ đang giải quyết") {
		t.Fatalf("transfer: %v\n%s", err, out)
	}
	for _, code := range []string{demo.PoliceTenantCode, "CA-AG"} {
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

// TestCertificateVerifyURLIsPublic: the QR code of a judicial record
// certificate opens its verification page on the configured public
// address, never a localhost default.
func TestCertificateVerifyURLIsPublic(t *testing.T) {
	dir := t.TempDir()
	a, err := open(context.Background(), func(string) string { return "" }, "sqlite:"+filepath.Join(dir, "t.db"), filepath.Join(dir, "k.key"), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.publicURL = "https://dichvucong.congan.example.gov.vn"
	if got, want := a.jr.issuing.VerifyURL("7f3a"), "https://dichvucong.congan.example.gov.vn/xac-thuc/lltp/7f3a"; got != want {
		t.Errorf("VerifyURL = %q, want %q", got, want)
	}
}

// pdfToText extracts a PDF's text with poppler's pdftotext (required when
// CI is set).
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not on PATH; CI must install poppler-utils")
		}
		t.Skip("pdftotext is not on PATH")
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func why(text string) judicialrecord.ReadReason {
	return judicialrecord.ReadReason{Ground: "register_update", Text: text + " (kiểm thử tự động)"}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// The practitioners' interchange: import the department's book (all or
// nothing, line-numbered errors), report the figures as JSON, export it back
// and import the export into another department; the demo has a living
// register.
func TestPractitionersImportReportExport(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t, sqlstore.SQLite)
	key := filepath.Join(t.TempDir(), "k.key")
	mustRun := func(args ...string) string {
		t.Helper()
		out, err := runCLI(t, key, "", args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return out
	}
	mustRun("migrate", "--db", dsn)
	for i, c := range []string{"STP-DT", "STP-DT2"} {
		mustRun("tenant", "add", "--db", dsn, "--code", c, "--name", "Sở Tư pháp "+c, "--agency-id", "000.00.0"+string(rune('0'+i))+".H82", "--province", "82")
	}
	lines := []string{
		`{"type":"organisation","kind":"notary_office","name":"Văn phòng công chứng Sa Đéc","reg_no":"41.01/TP-CC","registered_on":"2015-03-01","commune_code":"29905","decision_no":"12/QĐ-STP"}`,
		`{"type":"organisation","kind":"law_company","name":"Công ty Luật Phù Sa","reg_no":"LS-07","registered_on":"2018-01-10","commune_code":"28261","status":"dissolved","status_on":"2026-02-01","status_decision_no":"9/QĐ-STP"}`,
		`{"type":"person","profession":"notary","full_name":"Trần Văn Lộc","birth_date":"1954-09-12","appointed_on":"2015-03-01","org_reg_no":"41.01/TP-CC","practising_on_2025_07_01":true}`,
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "so.jsonl")
	os.WriteFile(good, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(lines[0]+"\n"+`{"type":"person","profession":"notary","full_name":"X","birth_date":"1990-01-01","appointed_on":"2020-01-01","org_reg_no":"KHONG-CO"}`+"\n"), 0o600)
	if out, err := runCLI(t, key, "", "import", "practitioners", "--db", dsn, "--tenant", "STP-DT", bad); err == nil || !strings.Contains(err.Error(), "Dòng 2") {
		t.Fatalf("bad line: %v %s", err, out)
	}
	if out := mustRun("import", "practitioners", "--db", dsn, "--tenant", "STP-DT", good); !strings.Contains(out, "2 tổ chức và 1 người") {
		t.Fatalf("import: %s", out)
	}
	out := mustRun("report", "practitioners", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json")
	var rep struct {
		Organisations []struct {
			Profession string `json:"profession"`
			Active     int    `json:"active"`
			Ended      int    `json:"ended"`
		} `json:"organisations"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Organisations[0].Profession != "notary" || rep.Organisations[0].Active != 1 || rep.Organisations[1].Ended != 1 {
		t.Errorf("report %+v", rep.Organisations)
	}
	for _, f := range []string{"xlsx", "pdf"} {
		mustRun("report", "practitioners", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-06-30", "--format", f, "--out", filepath.Join(dir, "r."+f))
	}
	exported := filepath.Join(dir, "export.jsonl")
	mustRun("export", "practitioners", "--db", dsn, "--tenant", "STP-DT", "--out", exported)
	if out := mustRun("import", "practitioners", "--db", dsn, "--tenant", "STP-DT2", exported); !strings.Contains(out, "2 tổ chức và 1 người") {
		t.Fatalf("re-import: %s", out)
	}
}

// The demo department has a living practitioners' register.
func TestDemoPractitioners(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t, sqlstore.SQLite)
	key := filepath.Join(t.TempDir(), "k.key")
	if out, err := runCLI(t, key, "", "demo", "--db", dsn); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	to := time.Now().Format("2006-01-02")
	out, err := runCLI(t, key, "", "report", "practitioners", "--db", dsn, "--tenant", "STP-DEMO", "--from", time.Now().AddDate(-1, 0, 0).Format("2006-01-02"), "--to", to)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Organisations []struct{ Active, Ended int } `json:"organisations"`
		Inspections   struct{ Concluded int }       `json:"inspections"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Organisations[0].Active < 5 || rep.Organisations[0].Ended < 1 || rep.Inspections.Concluded < 1 {
		t.Errorf("demo register: %s", out)
	}
}

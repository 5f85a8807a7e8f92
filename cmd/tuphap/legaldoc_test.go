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

// The demo department has a living legal documents register: a law book
// with validity computed from its relations and a year of appraisals
// (about the seeds' 60); the book exports and imports again into another
// department whole, relations included; a bad line names its number.
func TestDemoLegalDocs(t *testing.T) {
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
	mustRun("demo", "--db", dsn)
	to := time.Now().Format("2006-01-02")
	from := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
	out := mustRun("report", "lawdocs", "--db", dsn, "--tenant", "STP-DEMO", "--from", from, "--to", to)
	var rep struct {
		Appraisal struct {
			Reported int `json:"reported"`
		} `json:"appraisal"`
		Opinions struct {
			Given int `json:"given"`
		} `json:"opinions"`
		Checks struct {
			Checked, Unlawful int
		} `json:"checks"`
		Documents struct {
			ByStatus map[string]int `json:"by_status_at_end"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	st := rep.Documents.ByStatus
	if rep.Appraisal.Reported < 40 || rep.Appraisal.Reported > 80 || rep.Opinions.Given < 100 || rep.Checks.Checked == 0 ||
		st["in_force"] == 0 || st["expired"] == 0 || st["partly_expired"] == 0 {
		t.Errorf("demo register: %s", out)
	}
	exported := filepath.Join(t.TempDir(), "book.jsonl")
	if out := mustRun("export", "lawdocs", "--db", dsn, "--tenant", "STP-DEMO", "--out", exported); !strings.Contains(out, "Đã xuất") {
		t.Errorf("export: %s", out)
	}
	b, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(b), "\n")
	mustRun("tenant", "add", "--db", dsn, "--code", "STP-DT2", "--name", "Sở Tư pháp (bản sao)", "--agency-id", "000.00.01.H82", "--province", "82")
	if out := mustRun("import", "lawdocs", "--db", dsn, "--tenant", "STP-DT2", exported); !strings.Contains(out, "Đã nhập") {
		t.Errorf("re-import: %s", out)
	}
	again := mustRun("report", "legaldoc", "--db", dsn, "--tenant", "STP-DT2", "--from", from, "--to", to)
	var rep2 struct {
		Documents struct {
			ByStatus map[string]int `json:"by_status_at_end"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(again), &rep2); err != nil {
		t.Fatal(err)
	}
	for k, v := range st {
		if rep2.Documents.ByStatus[k] != v {
			t.Errorf("after the round trip (%d lines) %s = %d, was %d", lines, k, rep2.Documents.ByStatus[k], v)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(`{"kind":"pc_decision","number":"1/2020/QĐ-UBND","title":"X","issuer":"UBND","signed_on":"2020-01-02","in_force_on":"2020-01-15"}
{"kind":"law","number":"2"}
`), 0o644)
	if out, err := runCLI(t, key, "", "import", "lawdocs", "--db", dsn, "--tenant", "STP-DT2", bad); err == nil || !strings.Contains(out+err.Error(), "Dòng 2") {
		t.Errorf("a bad line: %v %s", err, out)
	}
}

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

// tuphap petitions due prints the documented keys, before and after
// 1/7/2026.
func TestPetitionsDue(t *testing.T) {
	t.Parallel()
	key := filepath.Join(t.TempDir(), "k.key")
	for _, tt := range []struct {
		args             []string
		due, unit, basis string
		days             float64
	}{
		{[]string{"--kind", "complaint", "--stage", "acceptance", "--from", "2026-07-06"}, "2026-07-15", "working_days", "155/2026", 7},
		{[]string{"--kind", "complaint", "--stage", "acceptance", "--from", "2026-06-25"}, "2026-07-06", "calendar_days", "02/2011/QH13", 10},
		{[]string{"--kind", "complaint", "--stage", "first_instance", "--from", "2026-07-02", "--remote", "--complex"}, "2026-09-03", "calendar_days", "Điều 28", 60},
		{[]string{"--kind", "denunciation", "--stage", "check", "--from", "2026-07-06", "--several-places"}, "2026-07-20", "working_days", "Điều 24", 10},
		{[]string{"--kind", "denunciation", "--stage", "resolve", "--from", "2026-07-02", "--especially-complex"}, "2026-09-30", "calendar_days", "Điều 30", 90},
		{[]string{"--kind", "feedback", "--stage", "notice", "--from", "2026-07-06"}, "2026-07-20", "working_days", "42/2013/QH13", 10},
	} {
		out, err := runCLI(t, key, "", append(append([]string{"petitions", "due"}, tt.args...), "--json")...)
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		var got struct {
			Due   string  `json:"due"`
			Unit  string  `json:"unit"`
			Days  float64 `json:"days"`
			Basis string  `json:"basis"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %v\n%s", tt.args, err, out)
		}
		if got.Due != tt.due || got.Unit != tt.unit || got.Days != tt.days || !strings.Contains(got.Basis, tt.basis) {
			t.Errorf("%v: %+v", tt.args, got)
		}
	}
	if _, err := runCLI(t, key, "", "petitions", "due", "--kind", "complaint", "--stage", "resolve", "--from", "2026-07-06"); err == nil {
		t.Error("a denunciation stage for a complaint is refused")
	}
}

// import petitions (all or nothing, line-numbered), report petitions with
// the same figures, export petitions without any denouncer.
func TestPetitionsImportReportExport(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		dsn := storetest.DSN(t, e)
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
		mustRun("tenant", "add", "--db", dsn, "--code", "STP-DT", "--name", "Sở Tư pháp tỉnh Đồng Tháp", "--agency-id", "000.00.00.H82", "--province", "82")
		dir := t.TempDir()
		lines := []string{
			`{"kind":"complaint","channel":"reception","received_on":"2026-07-06","summary":"Khiếu nại quyết định xử phạt","petitioner":{"full_name":"Nguyễn Văn An"},"status":"resolved","decision":"accept","decided_on":"2026-07-07","accepted_on":"2026-07-07","resolved_on":"2026-08-01","conclusion":"partly_right","amount_vnd":3000000}`,
			`{"kind":"denunciation","channel":"post","received_on":"2026-07-08","summary":"Tố cáo cán bộ","denouncer":{"full_name":"Trần Thị Bí Mật","id_number":"082190000123"}}`,
			`{"kind":"feedback","channel":"email","received_on":"2026-07-09","summary":"Phản ánh giờ làm việc","petitioner":{"full_name":"Lê Văn Góp"},"status":"forwarded","decision":"forward","decided_on":"2026-07-10","forward_to":"UBND xã"}`,
		}
		good := filepath.Join(dir, "don.jsonl")
		os.WriteFile(good, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
		bad := filepath.Join(dir, "bad.jsonl")
		os.WriteFile(bad, []byte(lines[0]+"\n"+`{"kind":"complaint","channel":"fax","received_on":"2026-07-06","summary":"x"}`+"\n"), 0o600)
		if _, err := runCLI(t, key, "", "import", "petitions", "--db", dsn, "--tenant", "STP-DT", bad); err == nil || !strings.Contains(err.Error(), "Dòng 2") {
			t.Fatalf("a bad channel: %v", err)
		}
		if out := mustRun("import", "petitions", "--db", dsn, "--tenant", "STP-DT", good); !strings.Contains(out, "Đã nhập 3 đơn") {
			t.Fatalf("import: %s", out)
		}
		out := mustRun("report", "petitions", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "json")
		var f struct {
			Received  int   `json:"received"`
			Resolved  int   `json:"resolved"`
			OnTime    int   `json:"on_time"`
			Forwarded int   `json:"forwarded"`
			Pending   int   `json:"pending"`
			AmountVND int64 `json:"amount_vnd"`
		}
		if err := json.Unmarshal([]byte(out), &f); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if f.Received != 3 || f.Resolved != 1 || f.OnTime != 1 || f.Forwarded != 1 || f.Pending != 1 || f.AmountVND != 3000000 {
			t.Errorf("report: %+v", f)
		}
		for _, format := range []string{"xlsx", "pdf"} {
			file := filepath.Join(dir, "bc."+format)
			mustRun("report", "petitions", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-07-01", "--to", "2026-09-30", "--format", format, "--out", file)
			if st, err := os.Stat(file); err != nil || st.Size() < 500 {
				t.Errorf("%s report: %v", format, err)
			}
		}
		exported := mustRun("export", "petitions", "--db", dsn, "--tenant", "STP-DT")
		if strings.Count(exported, "\n") != 3 || strings.Contains(exported, "Bí Mật") || strings.Contains(exported, "082190000123") {
			t.Errorf("export: %s", exported)
		}
	})
}

// The demo loads a living petition register: a year of petitions of every
// kind, resolved, late, open, and the reception book with one month the
// director missed.
func TestDemoPetitions(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t, sqlstore.SQLite)
	key := filepath.Join(t.TempDir(), "k.key")
	if out, err := runCLI(t, key, "", "demo", "--db", dsn); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	to := time.Now().Format("2006-01-02")
	from := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
	out, err := runCLI(t, key, "", "report", "petitions", "--db", dsn, "--tenant", "STP-DEMO", "--from", from, "--to", to)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Received int            `json:"received"`
		Resolved int            `json:"resolved"`
		Pending  int            `json:"pending"`
		ByKind   map[string]int `json:"by_kind"`
		Visits   struct {
			Visits  int      `json:"visits"`
			Missing []string `json:"director_missing_months"`
		} `json:"visits"`
	}
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	if f.Received < 100 || f.Resolved < 20 || f.Pending == 0 || f.ByKind["denunciation"] == 0 || f.Visits.Visits < 10 || len(f.Visits.Missing) == 0 {
		t.Errorf("demo petitions: %+v", f)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// tuphap import/report/export dissemination: all or nothing with the
// line named, the period's figures as JSON and XLSX, the book back out.
func TestDisseminationImportReportExport(t *testing.T) {
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
			`{"held_on":"2025-11-09","theme":"Ngày Pháp luật","audience":"Nhân dân","channel":"in_person","participants":300,"women":150,"handouts":[{"material":"Tờ gấp","kind":"leaflet","copies":500}]}`,
			`{"commune_code":"29905","held_on":"2025-06-02","theme":"Luật Đất đai","audience":"Hội viên phụ nữ","channel":"in_person","participants":80,"handouts":[{"material":"Tờ gấp","kind":"leaflet","copies":100},{"material":"Sách Hỏi - Đáp","kind":"booklet","copies":20}]}`,
		}
		good := filepath.Join(dir, "good.jsonl")
		if err := os.WriteFile(good, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		bad := filepath.Join(dir, "bad.jsonl")
		if err := os.WriteFile(bad, []byte(lines[0]+"\n"+`{"held_on":"2025-06-02","theme":"","audience":"x","channel":"tv"}`+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := runCLI(t, key, "", "import", "dissemination", "--db", dsn, "--tenant", "STP-DT", bad); err == nil || !strings.Contains(out+err.Error(), "Dòng 2") {
			t.Fatalf("bad file: %v\n%s", err, out)
		}
		if out := mustRun("import", "dissemination", "--db", dsn, "--tenant", "STP-DT", good); !strings.Contains(out, "Đã nhập 2 hoạt động") {
			t.Fatalf("import: %s", out)
		}
		out := mustRun("report", "dissemination", "--db", dsn, "--tenant", "STP-DT", "--from", "2025-01-01", "--to", "2025-12-31")
		var rep struct {
			Activities, Participants, Copies, LawDay int
			ByMaterial                               map[string]int
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("report json: %v\n%s", err, out)
		}
		if rep.Activities != 2 || rep.Participants != 380 || rep.Copies != 620 || rep.LawDay != 1 || rep.ByMaterial["Tờ gấp"] != 600 {
			t.Errorf("report: %+v", rep)
		}
		xlsx := filepath.Join(dir, "r.xlsx")
		mustRun("report", "dissemination", "--db", dsn, "--tenant", "STP-DT", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "xlsx", "--out", xlsx)
		if st, err := os.Stat(xlsx); err != nil || st.Size() < 1000 {
			t.Errorf("xlsx: %v", err)
		}
		exp := mustRun("export", "dissemination", "--db", dsn, "--tenant", "STP-DT")
		if n := strings.Count(strings.TrimSpace(exp), "\n") + 1; n != 2 || !strings.Contains(exp, `"copies":100`) || !strings.Contains(exp, `"commune_code":"29905"`) {
			t.Errorf("export (%d lines):\n%s", n, exp)
		}
	})
}

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

// tuphap import|report|export legalaid: JSON Lines in (all or nothing,
// line-numbered), the figures with their documented keys, the book out.
func TestLegalAidImportReportExport(t *testing.T) {
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
			`{"unit":"TT","channel":"court","requested_on":"2026-01-05","requester":{"full_name":"Nguyễn Văn A"},"group":"K5","proof_ok":true,"form":"TGTT","field":"criminal","accepted_on":"2026-01-05","status":"closed","closed_on":"2026-03-01","result":"favourable","assessment":{"method":"result","rating":"good","on":"2026-03-10"}}`,
			`{"unit":"TT","requested_on":"2026-02-03","requester":{"full_name":"Trần Thị B"},"persons":2,"group":"K2","proof_ok":true,"form":"TV","field":"land","accepted_on":"2026-02-03","status":"in_progress"}`,
			`{"unit":"CN1","requested_on":"2026-02-10","requester":{"full_name":"Lê C"},"group":"K1","form":"TV","field":"civil","status":"refused","refused_on":"2026-02-11","reason":"Không thuộc diện"}`,
		}
		good := filepath.Join(dir, "book.jsonl")
		os.WriteFile(good, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
		bad := filepath.Join(dir, "bad.jsonl")
		os.WriteFile(bad, []byte(lines[0]+"\n"+`{"unit":"TT","requested_on":"2025-07-02","requester":{"full_name":"X"},"group":"K7g","form":"TV","field":"civil","status":"requested"}`+"\n"), 0o600)
		if _, err := runCLI(t, key, "", "import", "legalaid", "--db", dsn, "--tenant", "STP-DT", "--units", "TT=Trung tâm,CN1=Chi nhánh số 1", bad); err == nil || !strings.Contains(err.Error(), "Dòng 2") {
			t.Fatalf("7(g) after its repeal: %v", err)
		}
		out := mustRun("import", "legalaid", "--db", dsn, "--tenant", "STP-DT", "--units", "TT=Trung tâm,CN1=Chi nhánh số 1", good)
		if !strings.Contains(out, "Đã nhập 3 vụ việc") {
			t.Fatalf("import: %s", out)
		}
		out = mustRun("report", "legalaid", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json")
		var rep map[string]any
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		want := map[string]float64{"requests": 3, "accepted": 2, "refused": 1, "closed": 1, "in_progress": 1, "good": 1, "persons": 3, "quality_rate": 100}
		for k, v := range want {
			if got, ok := rep[k].(float64); !ok || got != v {
				t.Errorf("%s = %v, want %v", k, rep[k], v)
			}
		}
		for _, k := range []string{"by_form", "by_field", "by_group", "by_form_field_group", "by_unit"} {
			if _, ok := rep[k]; !ok {
				t.Errorf("no %s in the report", k)
			}
		}
		for _, f := range []string{"xlsx", "pdf"} {
			p := filepath.Join(dir, "r."+f)
			mustRun("report", "legalaid", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-12-31", "--format", f, "--out", p)
			if st, err := os.Stat(p); err != nil || st.Size() < 500 {
				t.Fatalf("%s report: %v", f, err)
			}
		}
		out = mustRun("export", "legalaid", "--db", dsn, "--tenant", "STP-DT")
		if n := strings.Count(out, "\n"); n != 3 || !strings.Contains(out, `"code":"TT.TGTT.01.2026"`) || !strings.Contains(out, `"code":"TT.TV.02.2026"`) {
			t.Fatalf("export: %s", out)
		}
	})
}

// The demo department has a living legal-aid register: about 400 cases of
// the past year in the centre and two branches, most closed, some
// assessed, urgent ones waiting for their proof.
func TestDemoLegalAidRegister(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t, sqlstore.SQLite)
	key := filepath.Join(t.TempDir(), "k.key")
	if out, err := runCLI(t, key, "", "demo", "--db", dsn); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	to := time.Now().Format("2006-01-02")
	from := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
	out, err := runCLI(t, key, "", "report", "legalaid", "--db", dsn, "--tenant", "STP-DEMO", "--from", from, "--to", to)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Requests, Accepted, Refused, Closed, InProgress, Assessed, ProofMissing int
		ByUnit                                                                  []struct{ Unit string }
	}
	r := strings.NewReplacer(`"in_progress"`, `"InProgress"`, `"proof_missing"`, `"ProofMissing"`, `"by_unit"`, `"ByUnit"`)
	if err := json.Unmarshal([]byte(r.Replace(out)), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Requests < 380 || rep.Accepted < 300 || rep.Refused == 0 || rep.Closed < 150 || rep.InProgress == 0 || rep.Assessed < 100 || rep.ProofMissing == 0 || len(rep.ByUnit) != 3 {
		t.Errorf("demo register: %+v", rep)
	}
}

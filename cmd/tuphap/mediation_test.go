package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// The interchange of issue 18: import a commune's book as JSON Lines (all or
// nothing, line-numbered errors), report the province's figures with the
// documented keys, export it back.
func TestMediationImportReportExport(t *testing.T) {
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
			`{"commune_code":"28261","team":"Tổ hòa giải ấp 3","received_on":"2026-03-02","kind":"land","outcome":"successful","ended_on":"2026-03-20"}`,
			`{"commune_code":"28261","team":"Tổ hòa giải ấp 3","received_on":"2025-12-20","kind":"family","outcome":"unsuccessful","ended_on":"2026-01-10"}`,
			`{"commune_code":"29905","team":"Tổ hòa giải khóm 1","received_on":"2026-05-02","kind":"neighbours","outcome":"in_progress","ended_on":null}`,
			`{"commune_code":"29905","team":"Tổ hòa giải khóm 1","received_on":"2026-04-02","kind":"civil","outcome":"stopped","ended_on":"2026-04-09"}`,
		}
		good := filepath.Join(dir, "book.jsonl")
		os.WriteFile(good, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
		bad := filepath.Join(dir, "bad.jsonl")
		os.WriteFile(bad, []byte(lines[0]+"\n"+`{"commune_code":"00004","team":"T","received_on":"2026-03-02","kind":"land","outcome":"in_progress","ended_on":null}`+"\n"), 0o600)

		if _, err := runCLI(t, key, "", "import", "mediation", "--db", dsn, "--tenant", "STP-DT", bad); err == nil || !strings.Contains(err.Error(), "Dòng 2") {
			t.Fatalf("a commune outside the province: %v", err)
		}
		out := mustRun("import", "mediation", "--db", dsn, "--tenant", "STP-DT", good)
		if !strings.Contains(out, "Đã nhập 4 vụ việc") {
			t.Fatalf("import: %s", out)
		}
		out = mustRun("report", "mediation", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json")
		var rep map[string]any
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		want := map[string]float64{"received": 4, "carried_over": 1, "new": 3, "successful": 1, "unsuccessful": 1, "stopped": 1, "in_progress": 1, "success_rate": 25}
		for k, v := range want {
			if got, ok := rep[k].(float64); !ok || got != v {
				t.Errorf("%s = %v, want %v", k, rep[k], v)
			}
		}
		byCommune, _ := rep["by_commune"].([]any)
		if len(byCommune) < 2 {
			t.Fatalf("by_commune = %v", rep["by_commune"])
		}
		found := false
		for _, c := range byCommune {
			m := c.(map[string]any)
			if m["commune_code"] == "29905" {
				found = m["received"].(float64) == 2 && m["success_rate"].(float64) == 0
			}
		}
		if !found {
			t.Errorf("commune 29905 in by_commune: %v", byCommune)
		}
		// A period with nothing received: the rate is null, not 0.
		out = mustRun("report", "mediation", "--db", dsn, "--tenant", "STP-DT", "--from", "2024-01-01", "--to", "2024-12-31")
		if !strings.Contains(out, `"success_rate": null`) {
			t.Errorf("empty period: %s", out)
		}
		// The same figures as a workbook and a printed sheet.
		for _, f := range []string{"xlsx", "pdf"} {
			file := filepath.Join(dir, "bao-cao."+f)
			mustRun("report", "mediation", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-12-31", "--format", f, "--out", file)
			b, _ := os.ReadFile(file)
			if magic := map[string]string{"xlsx": "PK", "pdf": "%PDF"}[f]; !strings.HasPrefix(string(b), magic) {
				t.Errorf("--format %s wrote %.20q", f, b)
			}
		}
		if _, err := runCLI(t, key, "", "report", "mediation", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "pdf"); err == nil {
			t.Error("a PDF to the terminal: no error")
		}
		exported := filepath.Join(dir, "out.jsonl")
		mustRun("export", "mediation", "--db", dsn, "--tenant", "STP-DT", "--out", exported)
		b, _ := os.ReadFile(exported)
		if n := strings.Count(string(b), "\n"); n != 4 || !strings.Contains(string(b), `"team":"Tổ hòa giải khóm 1"`) {
			t.Errorf("export (%d lines): %s", n, b)
		}
		// The export imports again into another department of the same province.
		mustRun("tenant", "add", "--db", dsn, "--code", "STP-DT2", "--name", "Sở Tư pháp (bản sao)", "--agency-id", "000.00.01.H82", "--province", "82")
		if out := mustRun("import", "mediation", "--db", dsn, "--tenant", "STP-DT2", exported); !strings.Contains(out, fmt.Sprintf("Đã nhập %d vụ việc", 4)) {
			t.Errorf("re-import: %s", out)
		}
	})
}

// The demo department has a living mediation book: a year of cases in
// twelve communes of its province, mostly ending in agreement.
func TestDemoMediationBook(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t, sqlstore.SQLite)
	key := filepath.Join(t.TempDir(), "k.key")
	if out, err := runCLI(t, key, "", "demo", "--db", dsn); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	to := time.Now().Format("2006-01-02")
	from := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
	out, err := runCLI(t, key, "", "report", "mediation", "--db", dsn, "--tenant", "STP-DEMO", "--from", from, "--to", to)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Received    int      `json:"received"`
		Successful  int      `json:"successful"`
		SuccessRate *float64 `json:"success_rate"`
		ByCommune   []struct {
			CommuneCode string `json:"commune_code"`
			Received    int    `json:"received"`
		} `json:"by_commune"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	active := 0
	for _, c := range rep.ByCommune {
		if c.Received > 0 {
			active++
		}
	}
	if rep.Received < 400 || rep.SuccessRate == nil || *rep.SuccessRate < 60 || *rep.SuccessRate > 90 || active != 12 {
		t.Errorf("demo book: received %d, rate %v, communes with cases %d", rep.Received, rep.SuccessRate, active)
	}
}

// A province's communes are set up in one command from the province's list
// of agency IDs; a second run adds nothing; codes outside the province are
// refused.
func TestTenantCommunes(t *testing.T) {
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
		ids := filepath.Join(dir, "ids.csv")
		os.WriteFile(ids, []byte("commune_code,agency_id\n29905,000.01.01.H82\n28261,000.01.02.H82\n"), 0o600)
		out := mustRun("tenant", "communes", "--db", dsn, "--department", "STP-DT", "--agency-ids", ids)
		if !strings.Contains(out, "Đã tạo 2 xã") {
			t.Fatalf("communes: %s", out)
		}
		if out := mustRun("tenant", "communes", "--db", dsn, "--department", "STP-DT", "--agency-ids", ids); !strings.Contains(out, "Đã tạo 0 xã") || !strings.Contains(out, "2 đã có") {
			t.Errorf("second run: %s", out)
		}
		list := mustRun("tenant", "list", "--db", dsn)
		if !strings.Contains(list, "STP-DT-29905") || !strings.Contains(list, "Ủy ban nhân dân phường Sa Đéc") {
			t.Errorf("tenants: %s", list)
		}
		bad := filepath.Join(dir, "bad.csv")
		os.WriteFile(bad, []byte("00004,000.09.09.H01\n"), 0o600)
		if _, err := runCLI(t, key, "", "tenant", "communes", "--db", dsn, "--department", "STP-DT", "--agency-ids", bad); err == nil || !strings.Contains(err.Error(), "không thuộc tỉnh") {
			t.Errorf("a Hà Nội commune attached to Đồng Tháp: %v", err)
		}
		if _, err := runCLI(t, key, "", "tenant", "communes", "--db", dsn, "--department", "STP-DT-29905", "--agency-ids", ids); err == nil {
			t.Error("a commune used as a department")
		}
	})
}

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

func TestGenAndReportCommands(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		dsn := storetest.DSN(t, e)
		key := filepath.Join(t.TempDir(), "k.key")
		out, err := runCLI(t, key, "", "gen", "dossiers", "--db", dsn, "--tenants", "2", "--years", "1", "--count", "3000", "--batch", "700")
		if err != nil || !strings.Contains(out, "GEN-02: 1500 hồ sơ") {
			t.Fatalf("gen: %v\n%s", err, out)
		}
		var tenant, national struct {
			Total struct {
				Received   struct{ Total, Online, DirectPostal, CarriedOver int64 }
				Resolved   struct{ Total int64 }
				InProgress struct {
					Total int64 `json:"total"`
				} `json:"in_progress"`
				OnTimeRate *float64 `json:"on_time_rate"`
			}
			ByUnit []struct{ Tenant, Unit string } `json:"by_unit"`
		}
		from, to := time.Now().AddDate(-2, 0, 0).Format("2006-01-02"), time.Now().AddDate(1, 0, 0).Format("2006-01-02") // gen makes a year up to today
		out, err = runCLI(t, key, "", "report", "tthc", "--db", dsn, "--tenant", "gen-01", "--from", from, "--to", to)
		if err != nil || json.Unmarshal([]byte(out), &tenant) != nil {
			t.Fatalf("report tthc: %v\n%s", err, out)
		}
		if tenant.Total.Received.Total != 1500 || tenant.Total.Received.Total != tenant.Total.Resolved.Total+tenant.Total.InProgress.Total ||
			tenant.Total.OnTimeRate == nil || *tenant.Total.OnTimeRate < 90 {
			t.Errorf("GEN-01 over all time: %+v", tenant.Total)
		}
		out, err = runCLI(t, key, "", "report", "tthc", "--db", dsn, "--all", "--from", from, "--to", to)
		if err != nil || json.Unmarshal([]byte(out), &national) != nil {
			t.Fatalf("report tthc --all: %v\n%s", err, out)
		}
		if national.Total.Received.Total != 3000 || len(national.ByUnit) == 0 || !strings.HasPrefix(national.ByUnit[0].Tenant, "GEN-") {
			t.Errorf("national: %+v", national)
		}
		out, err = runCLI(t, key, "", "report", "index", "--db", dsn, "--tenant", "GEN-02", "--from", from, "--to", to)
		if err != nil || !strings.Contains(out, `"code": "2.1"`) || !strings.Contains(out, `"missing"`) {
			t.Errorf("report index: %v\n%s", err, out)
		}
		xlsx := filepath.Join(t.TempDir(), "b06.xlsx")
		if _, err := runCLI(t, key, "", "report", "tthc", "--db", dsn, "--tenant", "GEN-01", "--from", from, "--to", to, "--format", "xlsx", "--out", xlsx); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(xlsx); err != nil || !strings.HasPrefix(string(b), "PK") {
			t.Errorf("xlsx: %v", err)
		}
		if _, err := runCLI(t, key, "", "report", "rebuild", "--db", dsn); err != nil {
			t.Fatal(err)
		}
		again, _ := runCLI(t, key, "", "report", "tthc", "--db", dsn, "--all", "--from", from, "--to", to)
		if !strings.Contains(again, `"total": 3000`) {
			t.Errorf("after rebuild: %s", again[:min(400, len(again))])
		}
		for _, args := range [][]string{
			{"report", "tthc", "--db", dsn, "--from", from, "--to", to},
			{"report", "tthc", "--db", dsn, "--all", "--from", to, "--to", from},
			{"report", "tthc", "--db", dsn, "--all", "--from", from, "--to", to, "--format", "pdf"},
			{"report", "tthc", "--db", dsn, "--tenant", "KHONG", "--from", from, "--to", to},
		} {
			if _, err := runCLI(t, key, "", args...); err == nil {
				t.Errorf("%v: no error", args)
			}
		}
	})
}

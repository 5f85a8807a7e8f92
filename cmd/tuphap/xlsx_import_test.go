package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// writeBook writes rows to the first sheet of a new workbook at path (nil
// cells stay empty; a time.Time is an Excel date).
func writeBook(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		for j, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// A commune's mediation book kept in Excel imports like its JSON Lines
// (REGISTERS.md: "JSON Lines, and XLSX where officers keep the book in
// Excel today"): dates typed as Excel dates or dd/mm/yyyy, a blank row
// skipped, all or nothing with the error naming the sheet's row. Every
// register's import reads XLSX the same way.
func TestImportFromExcel(t *testing.T) {
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
		head := []any{"commune_code Mã xã", "team Tổ hòa giải", "received_on Ngày nhận", "kind Loại việc", "outcome Kết quả", "ended_on Ngày kết thúc", "summary Tóm tắt"}
		good := [][]any{head,
			{"28261", "Tổ hòa giải ấp 3", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), "land", "successful", "20/03/2026", "Tranh chấp ranh giới đất"},
			nil,
			{29905, "Tổ hòa giải khóm 1", "2026-05-02", "neighbours", "in_progress"},
		}
		bad := append(append([][]any{}, good...), []any{"28261", "Tổ hòa giải ấp 3", "2026-06-02", "land", "successful", "01/06/2026"})
		writeBook(t, filepath.Join(dir, "bad.xlsx"), bad)
		if _, err := runCLI(t, key, "", "import", "mediation", "--db", dsn, "--tenant", "STP-DT", filepath.Join(dir, "bad.xlsx")); err == nil || !strings.Contains(err.Error(), "Dòng 5") {
			t.Fatalf("a case that ends before it is received, on row 5: %v", err)
		}
		out := mustRun("report", "mediation", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-12-31")
		if !strings.Contains(out, `"received": 0`) {
			t.Fatalf("a refused workbook left cases behind: %s", out)
		}
		writeBook(t, filepath.Join(dir, "so-hoa-giai.xlsx"), good)
		if out := mustRun("import", "mediation", "--db", dsn, "--tenant", "STP-DT", filepath.Join(dir, "so-hoa-giai.xlsx")); !strings.Contains(out, "Đã nhập 2 vụ việc") {
			t.Fatalf("import: %s", out)
		}
		var rep map[string]any
		out = mustRun("report", "mediation", "--db", dsn, "--tenant", "STP-DT", "--from", "2026-01-01", "--to", "2026-12-31")
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep["received"] != 2.0 || rep["successful"] != 1.0 || rep["in_progress"] != 1.0 {
			t.Errorf("figures of the imported workbook: %v", rep)
		}
		// A service-level refusal (a commune outside the province) names the
		// sheet's row too, not the activity's place among the rows.
		dis := filepath.Join(dir, "pho-bien.xlsx")
		writeBook(t, dis, [][]any{
			{"held_on", "theme", "audience", "channel", "participants", "commune_code", "law_day", "handouts"},
			{time.Date(2025, 11, 9, 0, 0, 0, 0, time.UTC), "Ngày Pháp luật", "Nhân dân", "in_person", 300, nil, "có", `[{"material":"Tờ gấp","kind":"leaflet","copies":500}]`},
			{"02/06/2025", "Luật Đất đai", "Hội viên phụ nữ", "in_person", 80, "00004"},
		})
		if _, err := runCLI(t, key, "", "import", "dissemination", "--db", dsn, "--tenant", "STP-DT", dis); err == nil || !strings.Contains(err.Error(), "Dòng 3") {
			t.Errorf("a commune of another province on row 3: %v", err)
		}
		writeBook(t, dis, [][]any{
			{"held_on", "theme", "audience", "channel", "participants", "commune_code", "law_day", "handouts"},
			{time.Date(2025, 11, 9, 0, 0, 0, 0, time.UTC), "Ngày Pháp luật", "Nhân dân", "in_person", 300, nil, "có", `[{"material":"Tờ gấp","kind":"leaflet","copies":500}]`},
			{"02/06/2025", "Luật Đất đai", "Hội viên phụ nữ", "in_person", 80, "29905"},
		})
		if out := mustRun("import", "dissemination", "--db", dsn, "--tenant", "STP-DT", dis); !strings.Contains(out, "Đã nhập 2 hoạt động") {
			t.Errorf("dissemination workbook: %s", out)
		}
		// Every register's import takes a workbook: an unknown column on
		// row 2 is that register's own refusal, named by the sheet's row.
		unknown := filepath.Join(dir, "unknown.xlsx")
		writeBook(t, unknown, [][]any{{"no_such_field"}, {"x"}})
		for _, reg := range []string{"mediation", "dissemination", "legalaid", "petitions", "lawdocs", "practitioners"} {
			if _, err := runCLI(t, key, "", "import", reg, "--db", dsn, "--tenant", "STP-DT", unknown); err == nil || !strings.Contains(err.Error(), "Dòng 2") || !strings.Contains(err.Error(), "no_such_field") {
				t.Errorf("import %s of a workbook with an unknown column: %v", reg, err)
			}
		}
		_ = os.Remove(unknown)
	})
}

package xlsxin

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

type rec struct {
	CommuneCode string   `json:"commune_code"`
	ReceivedOn  string   `json:"received_on"`
	EndedOn     *string  `json:"ended_on,omitempty"`
	People      int      `json:"people"`
	Cost        float64  `json:"cost"`
	Women       *bool    `json:"women,omitempty"`
	Laws        []string `json:"laws,omitempty"`
	Handouts    []struct {
		Material string `json:"material"`
		Copies   int    `json:"copies"`
	} `json:"handouts,omitempty"`
}

// book writes a workbook whose first sheet holds rows (nil cells are left
// empty; time.Time cells are Excel dates).
func book(t *testing.T, rows [][]any) []byte {
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
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestToJSONL(t *testing.T) {
	b := book(t, [][]any{
		{"commune_code Mã xã", "received_on Ngày nhận", "ended_on", "people", "cost", "women", "laws", "handouts"},
		{"28261", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), "20/03/2026", 12, 1500.5, "có", "Luật Đất đai; Luật Hôn nhân và gia đình", `[{"material":"Tờ gấp","copies":200}]`},
		nil, // a blank row stays a blank line
		{"29905", "2026-04-01", nil, "7", nil, "không"},
	})
	if !IsXLSX(b) {
		t.Fatal("IsXLSX refuses an XLSX file")
	}
	out, err := ToJSONL(bytes.NewReader(b), rec{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(out), "\n")
	want := []string{
		"",
		`{"commune_code":"28261","received_on":"2026-03-02","ended_on":"2026-03-20","people":12,"cost":1500.5,"women":true,"laws":["Luật Đất đai","Luật Hôn nhân và gia đình"],"handouts":[{"material":"Tờ gấp","copies":200}]}`,
		"",
		`{"commune_code":"29905","received_on":"2026-04-01","people":7,"women":false}`,
		"",
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d = %s\nwant      %s", i+1, lines[i], want[i])
		}
	}
}

func TestToJSONLRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		rows [][]any
		want string
	}{
		{"not a whole number", [][]any{{"people"}, {"12"}, {"3,5"}}, "Dòng 3: trường people phải là số nguyên"},
		{"not yes or no", [][]any{{"women"}, {"có lẽ"}}, "Dòng 2: trường women ghi có hoặc không"},
		{"not JSON", [][]any{{"handouts"}, {"200 tờ gấp"}}, "Dòng 2: trường handouts ghi dạng JSON"},
		{"a cell without a column name", [][]any{{"people"}, {1, "x"}}, "Dòng 2: ô ở cột 2 không có tên trường"},
		{"a column twice", [][]any{{"people", "people"}}, `trường "people" ghi hai lần`},
		{"empty", nil, "trống"},
	} {
		_, err := ToJSONL(bytes.NewReader(book(t, c.rows)), rec{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := ToJSONL(strings.NewReader("{\"a\":1}\n"), rec{}); err == nil || !strings.Contains(err.Error(), "Không đọc được tệp Excel") {
		t.Errorf("JSON as XLSX: %v", err)
	}
	if IsXLSX([]byte("{\"a\":1}")) {
		t.Error("IsXLSX takes JSON Lines for XLSX")
	}
}

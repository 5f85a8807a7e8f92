package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/mediation"
)

func mediationReport() mediation.Report {
	rate := func(v float64) *float64 { return &v }
	return mediation.Report{From: "2026-01-01", To: "2026-06-30", Province: "82",
		Figures: mediation.Figures{Received: 2276, CarriedOver: 276, New: 2000, Successful: 1673, Unsuccessful: 300, Stopped: 3, InProgress: 300, SuccessRate: rate(73.5)},
		Staff:   mediation.Staff{Teams: 712, Mediators: 4060, Women: 1500, EthnicMinority: 12, LegalTraining: 800},
		ByCommune: []mediation.CommuneFigures{
			{CommuneCode: "29905", Name: "Phường Sa Đéc", Figures: mediation.Figures{Received: 2276, CarriedOver: 276, New: 2000, Successful: 1673, Unsuccessful: 300, Stopped: 3, InProgress: 300, SuccessRate: rate(73.5)},
				Staff: mediation.Staff{Teams: 712, Mediators: 4060, Women: 1500, EthnicMinority: 12, LegalTraining: 800}},
			{CommuneCode: "28261", Name: "Phường Mỹ Tho"},
		}}
}

// The mediation report as the printed sheet: one row per commune and the
// province's total, the rate with its numerator and denominator (issue 18:
// success rate = thành ÷ thụ lý).
func TestMediationSheetPDF(t *testing.T) {
	s := MediationSheet(mediationReport(), "Sở Tư pháp tỉnh Đồng Tháp", "Toàn tỉnh")
	var b bytes.Buffer
	if err := StatsPDF(&b, s); err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, b.Bytes())
	flat := strings.Join(strings.Fields(txt), " ")
	for _, want := range []string{"HÒA GIẢI Ở CƠ SỞ", "Từ ngày 01/01/2026 đến ngày 30/06/2026", "Phường Sa Đéc", "Phường Mỹ Tho", "Toàn tỉnh",
		"2.276", "1.673", "4.060", "73,5%", "1.673/2.276", "Tổ hòa giải, hòa giải viên", "Vụ việc thụ lý", "Kết quả", "Tỷ lệ thành", "Thành / thụ lý", "thiểu số", "pháp lý"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF lacks %q:\n%s", want, txt)
		}
	}
}

func TestMediationSheetXLSX(t *testing.T) {
	s := MediationSheet(mediationReport(), "Sở Tư pháp tỉnh Đồng Tháp", "Toàn tỉnh")
	var b bytes.Buffer
	if err := StatsXLSX(&b, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	find := func(label string) []string {
		for _, r := range rows {
			if len(r) > 1 && r[1] == label {
				return r
			}
		}
		t.Fatalf("no row %q in %q", label, rows)
		return nil
	}
	// STT, name, teams, mediators, women, minority, legal training,
	// received, carried over, new, successful, unsuccessful, stopped, in
	// progress, rate.
	want := []string{"1", "Phường Sa Đéc", "712", "4,060", "1,500", "12", "800", "2,276", "276", "2,000", "1,673", "300", "3", "300", "73,5% (1.673/2.276)"}
	if got := find("Phường Sa Đéc"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("commune row\n got %q\nwant %q", got, want)
	}
	if got := find("Phường Mỹ Tho"); got[len(got)-1] != "— (0/0)" {
		t.Errorf("a commune with nothing received: %q", got)
	}
	total := find("Toàn tỉnh")
	if total[7] != "2,276" || total[len(total)-1] != "73,5% (1.673/2.276)" {
		t.Errorf("total row %q", total)
	}
	// The counts are numbers, not text.
	at := 0
	for i, r := range rows {
		if len(r) > 1 && r[1] == "Toàn tỉnh" {
			at = i + 1
		}
	}
	cell, _ := excelize.CoordinatesToCellName(8, at)
	if v, _ := f.GetCellValue(f.GetSheetName(0), cell, excelize.Options{RawCellValue: true}); v != "2276" {
		t.Errorf("received in the total row %s = %q", cell, v)
	}
}

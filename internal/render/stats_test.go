package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/report"
)

func sampleReport() report.Report {
	f := []report.Facts{
		{Accepted: "2026-03-02", Due: "2026-03-10", Finished: "2026-03-09", Ended: "result", Channel: "online", Field: "notary", Unit: "BTTP"},
		{Accepted: "2026-03-03", Due: "2026-03-10", Finished: "2026-03-12", Ended: "result", Channel: "direct", Field: "nationality", Unit: "HCTP", LateUnit: "CA_TINH"},
		{Accepted: "2026-03-04", Due: "2026-04-10", Channel: "online", Field: "nationality", Unit: "HCTP"},
	}
	p, _ := report.ParsePeriod("2026-03-01", "2026-03-31")
	return report.Direct(f, p, report.Filter{}, false)
}

func TestStatsXLSXLaidOutLikeTheForm(t *testing.T) {
	s := Form06Sheet(sampleReport(), "Sở Tư pháp tỉnh Đồng Tháp", func(c string) string {
		return map[string]string{"notary": "Công chứng", "nationality": "Quốc tịch"}[c]
	})
	var buf bytes.Buffer
	if err := StatsXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Bieu06")
	if err != nil {
		t.Fatal(err)
	}
	find := func(text string) []string {
		for _, r := range rows {
			for _, c := range r {
				if c == text {
					return r
				}
			}
		}
		t.Fatalf("no row with %q in %q", text, rows)
		return nil
	}
	if r := find("(13)"); len(r) != 13 {
		t.Errorf("numbered columns: %q", r)
	}
	find("Số hồ sơ nhận giải quyết")
	total := find("Tổng cộng")
	// Columns 3–13 of the total: received 3 = 2 online + 1 direct; resolved 2 = 1 early + 1 late; 1 in progress within time.
	want := []string{"3", "2", "1", "0", "2", "1", "0", "1", "1", "1", "0"}
	for i, w := range want {
		if total[2+i] != w {
			t.Errorf("total column %d = %q, want %q (row %q)", i+3, total[2+i], w, total)
		}
	}
	if r := find("Quốc tịch"); r[2] != "2" {
		t.Errorf("field row %q", r)
	}
}

func TestStatsPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := StatsPDF(&buf, Form06Sheet(sampleReport(), "Sở Tư pháp", func(c string) string { return c })); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 5000 {
		t.Fatalf("not a PDF (%d bytes)", buf.Len())
	}
}

// TestStatsXLSXPrintsLikeTheForm: the workbook prints on A4 landscape,
// one page wide, the header rows repeated on every page, and names its
// agency and date, not excelize's defaults ("xuri", 2006).
func TestStatsXLSXPrintsLikeTheForm(t *testing.T) {
	s := Form06Sheet(sampleReport(), "Sở Tư pháp tỉnh Đồng Tháp", func(c string) string { return c })
	s.Generated = time.Date(2026, 4, 2, 3, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := StatsXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := f.GetPageLayout("Bieu06")
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
		pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout: size %v orientation %v fit %v×%v", deref(pl.Size), deref(pl.Orientation), deref(pl.FitToWidth), deref(pl.FitToHeight))
	}
	if sp, err := f.GetSheetProps("Bieu06"); err != nil || sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("fit to page not set: %v", err)
	}
	titles := ""
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == "Bieu06" {
			titles = d.RefersTo
		}
	}
	rows, _ := f.GetRows("Bieu06")
	head := 0
	for i, r := range rows {
		if len(r) > 0 && r[0] == "(1)" {
			head = i + 1
		}
	}
	if want := fmt.Sprintf("'Bieu06'!$%d:$%d", head-2, head); head == 0 || titles != want {
		t.Errorf("repeated header rows %q, want %q", titles, want)
	}
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != "Sở Tư pháp tỉnh Đồng Tháp" || !strings.HasPrefix(p.Created, "2026-04-02") || !strings.Contains(p.Title, "06") || p.Language != "vi-VN" {
		t.Errorf("document properties: %+v", p)
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

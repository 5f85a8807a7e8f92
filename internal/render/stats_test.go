package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/calendar"
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
	s := Form06Sheet(sampleReport(), Form06Info{Agency: "Sở Tư pháp tỉnh Đồng Tháp", FieldName: func(c string) string {
		return map[string]string{"notary": "Công chứng", "nationality": "Quốc tịch"}[c]
	}})
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
	if err := StatsPDF(&buf, Form06Sheet(sampleReport(), Form06Info{Agency: "Sở Tư pháp", FieldName: func(c string) string { return c }})); err != nil {
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
	s := Form06Sheet(sampleReport(), Form06Info{Agency: "Sở Tư pháp tỉnh Đồng Tháp", FieldName: func(c string) string { return c }})
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

// TestForm06AsTheProvinceReceivesIt prints Biểu 06 as it is sent (Circular
// 01/2020/TT-VPCP): the reporting and the receiving agency, the form's
// legal basis, the units that made dossiers late by name, the dated place
// and the block signed by the preparer and the head of the agency; and,
// whatever the number of fields, the total row never alone on a page
// (issue 14 item 2).
func TestForm06AsTheProvinceReceivesIt(t *testing.T) {
	info := Form06Info{Agency: "Sở Tư pháp tỉnh Đồng Tháp", Recipient: "Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp", Place: "Đồng Tháp",
		Date: calendar.Date{Year: 2026, Month: 4, Day: 2}, Scope: []string{"Đơn vị: Phòng Hành chính tư pháp"},
		FieldName: func(c string) string { return c }, Preparer: "Nguyễn Thống Kê", HeadTitle: "GIÁM ĐỐC", Head: "Trần Giám Đốc",
		UnitName: func(c string) string { return map[string]string{"CA_TINH": "Công an tỉnh"}[c] }}
	var buf bytes.Buffer
	if err := StatsPDF(&buf, Form06Sheet(sampleReport(), info)); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " ")
	for _, w := range []string{"Đơn vị báo cáo: Sở Tư pháp tỉnh Đồng Tháp", "Đơn vị nhận báo cáo: Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp",
		"Thông tư số 01/2020/TT-VPCP", "Đơn vị: Phòng Hành chính tư pháp", "Công an tỉnh: 1", "Đồng Tháp, ngày 02 tháng 04 năm 2026",
		"NGƯỜI LẬP BIỂU", "GIÁM ĐỐC", "(Ký, đóng dấu, ghi rõ họ tên)", "Nguyễn Thống Kê", "Trần Giám Đốc"} {
		if !strings.Contains(text, w) {
			t.Errorf("Biểu 06 PDF lacks %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "CA_TINH") {
		t.Errorf("a unit code on the form: %s", text)
	}
	var xb bytes.Buffer
	if err := StatsXLSX(&xb, Form06Sheet(sampleReport(), info)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xb)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Bieu06")
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, " "))
	}
	xt := strings.Join(all, "\n")
	for _, w := range []string{"Đơn vị nhận báo cáo", "NGƯỜI LẬP BIỂU", "GIÁM ĐỐC", "Công an tỉnh: 1", "Đơn vị: Phòng Hành chính tư pháp"} {
		if !strings.Contains(xt, w) {
			t.Errorf("Biểu 06 XLSX lacks %q:\n%s", w, xt)
		}
	}
	// The total row with at least one field row on its page, for every
	// number of fields that fills one page or spills onto the next.
	for n := 10; n <= 40; n++ {
		r := sampleReport()
		r.ByField = nil
		for i := range n {
			r.ByField = append(r.ByField, report.FieldRow{Field: "f" + strconv.Itoa(i+1)})
		}
		var b bytes.Buffer
		if err := StatsPDF(&b, Form06Sheet(r, info)); err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(pdfText(t, b.Bytes()), "\f")
		for _, pg := range pages {
			if strings.Contains(pg, "Tổng cộng") && !regexp.MustCompile(`\bf\d+\b`).MatchString(pg) {
				t.Errorf("%d fields: the total row stands alone on its page:\n%s", n, pg)
			}
		}
	}
}

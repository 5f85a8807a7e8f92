package web_test

import (
	"bytes"
	"context"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

var exportHrefRe = regexp.MustCompile(`href="(/admin/reports/export/(xlsx|pdf)[^"]*)"`)

// xlsxText is every cell of the first sheet of an XLSX file, joined.
func xlsxText(t *testing.T, b []byte) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, r := range rows {
		sb.WriteString(strings.Join(r, " | "))
		sb.WriteString("\n")
	}
	return sb.String()
}

// TestReportExportCarriesThePeriodOnScreen follows the dashboard's own
// download links (issue 14 item 1): the Excel and the PDF must hold exactly
// the period, unit and field shown on screen, not the year to date.
func TestReportExportCarriesThePeriodOnScreen(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		f.addOfficer(t, "thongke", org.Statistician, "")
		ctx := context.Background()
		clerk, err := f.authSvc.CreateToken(ctx, audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`
		if code, res := api(t, f, "POST", "/api/v1/dossiers", clerk, body); code != 201 {
			t.Fatalf("intake: %d %v", code, res)
		}
		f.clock.Add(40 * 24 * time.Hour) // 40 days on: "this month" is April
		b := f.browser()
		b.mustLogin("STP-A", "thongke")
		for _, c := range []struct {
			page      string
			want, not []string
		}{
			{"/admin/reports?period=month", []string{"01/04/2026", "11/04/2026"}, []string{"01/01/2026", "Đơn vị:"}},
			{"/admin/reports?period=custom&from=2026-03-01&to=2026-03-31&unit=MOTCUA&field=notary",
				[]string{"Tháng 3/2026", "Bộ phận Một cửa", "Công chứng"}, []string{"01/01/2026"}},
		} {
			code, page := b.get(c.page)
			if code != 200 {
				t.Fatalf("%s: %d", c.page, code)
			}
			links := exportHrefRe.FindAllStringSubmatch(page, -1)
			if len(links) != 2 {
				t.Fatalf("%s: export links %v", c.page, links)
			}
			for _, l := range links {
				href := html.UnescapeString(l[1])
				st, _, file := b.download(href)
				if st != 200 {
					t.Fatalf("%s: %d", href, st)
				}
				var text string
				if l[2] == "xlsx" {
					text = xlsxText(t, file)
				} else {
					text = pdfText(t, file)
				}
				for _, w := range c.want {
					if !strings.Contains(text, w) {
						t.Errorf("%s (from %s) lacks %q:\n%s", href, c.page, w, text)
					}
				}
				for _, w := range c.not {
					if strings.Contains(text, w) {
						t.Errorf("%s (from %s) holds %q:\n%s", href, c.page, w, text)
					}
				}
			}
		}
	})
}

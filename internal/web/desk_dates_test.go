package web_test

import (
	"context"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// Issue 14, item 14: no date field relies on the browser's locale (an
// English browser shows <input type=date> as mm/dd/yyyy): every one is a
// text field showing and accepting dd/mm/yyyy, parsed on the server.
func TestNoLocaleDateFields(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"templates", "portal_templates"} {
		err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(dir + "/" + p)
			if err != nil {
				return err
			}
			if m := regexp.MustCompile(`type="(date|datetime-local|month|week|time)"`).FindString(string(b)); m != "" {
				t.Errorf("%s/%s has an input %s: it shows the browser's date order", dir, p, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestDateFieldsTakeDayMonthYear(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqlstore.SQLite)
	if _, err := f.orgSvc.CreateOfficer(context.Background(), audit.System, org.Officer{TenantID: f.a.ID, Username: "thongke", FullName: "Thống kê", Role: org.Statistician}, password); err != nil {
		t.Fatal(err)
	}
	b := f.browser()
	b.mustLogin("STP-A", "thongke")
	// The due-date calculator: 06/12/2026 is Sunday the sixth of December.
	code, body := b.get("/admin/calendar?year=2026&from=" + url.QueryEscape("04/12/2026 08:00") + "&amount=1&unit=working_days")
	if code != http.StatusOK || !strings.Contains(body, "07/12/2026") || !strings.Contains(body, `value="04/12/2026 08:00"`) {
		t.Errorf("calculator with dd/mm/yyyy hh:mm: %d", code)
	}
	if code, _ := b.get("/admin/calendar?year=2026&from=" + url.QueryEscape("12/31/2026 08:00") + "&amount=1&unit=working_days"); code != http.StatusBadRequest {
		t.Errorf("month/day order accepted: %d", code)
	}
	// The report's period: shown and taken as dd/mm/yyyy.
	code, body = b.get("/admin/reports?period=custom&from=01%2F12%2F2026&to=06%2F12%2F2026")
	if code != http.StatusOK || !strings.Contains(body, `name="from" value="01/12/2026"`) || !strings.Contains(body, `name="to" value="06/12/2026"`) {
		t.Errorf("report period in dd/mm/yyyy: %d", code)
	}
}

package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

var linkRe = regexp.MustCompile(`href="(/[^"#]*)"`)

// TestEveryLinkOpens follows every link a director, an administrator and
// a specialist are shown, from the dashboard, with every register on and a
// year of the registers' records:
// each page a link names must open (200), never a 404 for a page that is
// not there or a 400 for an address the page itself wrote wrongly (an
// escaped query string). Downloads (PDF, XLSX, DOCX) have their own tests.
func TestEveryLinkOpens(t *testing.T) {
	var clock func() time.Time
	f := newFixture(t, sqlstore.SQLite, func(s *web.Server, db *sqlstore.DB) {
		enableMediation(t, s, db)
		enableLegalAid(t, s, db)
		enableLegalDocs(t, s, db)
		enablePetitions(s, db)
		enablePractitioners(t, s, db)
		enableDissemination(t, s, db)
		enableContests(t, s, db, func() time.Time { return clock() })
		enableEmulation(t, s, db, func() time.Time { return clock() })
	})
	clock = f.clock.Now
	ctx := context.Background()
	div, err := f.orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: f.a.ID, Code: "HCTP", Name: "Phòng Hành chính tư pháp", Kind: org.Division})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []org.Officer{{TenantID: f.a.ID, Username: "giamdoc", FullName: "Nguyễn Văn Giám", Role: org.Director},
		{TenantID: f.a.ID, Username: "chuyenvien", FullName: "Lê Văn Chuyên", Role: org.Specialist, UnitID: div.ID}} {
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	seedAnnualRegisters(t, &emuFixture{f})
	for _, user := range []string{"giamdoc", "admin", "chuyenvien"} {
		t.Run(user, func(t *testing.T) { crawl(t, f, user) })
	}
}

func crawl(t *testing.T, f *fixture, user string) {
	b := f.browser()
	b.mustLogin(f.a.Code, user)
	download := regexp.MustCompile(`/(xuat|in)/|/(pdf|xlsx|docx|json)\?|\.(pdf|xlsx|docx|csv)(\?|$)|/bao-cao\.pdf|/quyet-dinh|/cong-van|/tai-ve`)
	seen := map[string]bool{}
	queue := []string{"/admin/"}
	from := map[string]string{}
	for len(queue) > 0 && len(seen) < 400 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		code, body := b.get(u)
		if code != http.StatusOK {
			t.Errorf("%s (linked from %s): %d", u, from[u], code)
			continue
		}
		for _, m := range linkRe.FindAllStringSubmatch(body, -1) {
			h := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.HasPrefix(h, "/static/") || strings.Contains(h, "/dang-xuat") || seen[h] {
				continue
			}
			if download.MatchString(h) {
				// A download is fetched once, not read for links.
				seen[h] = true
				if code, _ := b.get(h); code != http.StatusOK {
					t.Errorf("download %s (linked from %s): %d", h, u, code)
				}
				continue
			}
			if _, ok := from[h]; !ok {
				from[h] = u
			}
			queue = append(queue, h)
		}
	}
	if len(seen) < 20 {
		t.Fatalf("only %d pages reached from the dashboard", len(seen))
	}
	t.Logf("%d pages opened", len(seen))
}

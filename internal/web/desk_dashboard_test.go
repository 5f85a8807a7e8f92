package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
)

// Issue 14, item 7: the dashboard shows the officer's own work: the
// dossiers at their step, due today, overdue, and waiting for them.
func TestDashboardShowsMyWork(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình"} {
		if _, err := f.dossiers.Intake(ctx, desk, f.tenant.ID, dossier.IntakeRequest{Procedure: lawyerFirm, Channel: catalog.ChannelDirect,
			Applicant: dossier.Applicant{FullName: name, IDNumber: "001090012345", Phone: "0912345678"}}); err != nil {
			t.Fatal(err)
		}
	}
	o := f.officerBrowser()
	num := func(body, id string) string {
		m := regexp.MustCompile(`id="` + id + `">([^<]*)<`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("dashboard has no %s: %s", id, body)
		}
		return m[1]
	}
	_, body, _ := o.get("/admin/")
	if !strings.Contains(body, `id="viec-cua-toi"`) {
		t.Fatal("the clerk's dashboard has no 'Việc của tôi'")
	}
	if got := num(body, "so-viec"); got != "2" {
		t.Errorf("my dossiers: %s, want 2", got)
	}
	if num(body, "qua-han") != "0" {
		t.Error("overdue at intake")
	}
	if !strings.Contains(body, "Nguyễn Văn An") && !strings.Contains(body, lawyerFirmName) {
		t.Error("the most urgent dossiers are not listed")
	}
	// Two weeks later both are overdue.
	f.clock.Add(14 * 24 * time.Hour)
	o = f.officerBrowser()
	_, body, _ = o.get("/admin/")
	if got := num(body, "qua-han"); got != "2" {
		t.Errorf("overdue two weeks later: %s, want 2", got)
	}
	if !strings.Contains(body, "Quá hạn") {
		t.Error("the overdue dossiers are not marked")
	}
}

const lawyerFirmName = "Đăng ký hoạt động của tổ chức hành nghề luật sư"

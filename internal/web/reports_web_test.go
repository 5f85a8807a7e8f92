package web_test

import (
	"context"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func TestReportsAPIAndDashboard(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		f.addOfficer(t, "thongke", org.Statistician, "")
		ctx := context.Background()
		clerk, err := f.authSvc.CreateToken(ctx, audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		stat, err := f.authSvc.CreateToken(ctx, audit.System, "STP-A", "thongke", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, ch := range []string{"direct", "postal"} {
			body := `{"procedure_code":"notary.appointment","channel":"` + ch + `","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321"}}`
			code, res := api(t, f, "POST", "/api/v1/dossiers", clerk, body)
			if code != 201 {
				t.Fatalf("intake: %d %v", code, res)
			}
			codes = append(codes, res["code"].(string))
		}
		code, res := api(t, f, "GET", "/api/v1/reports/tthc?from=2026-03-01&to=2026-03-02", stat, "")
		if code != 200 {
			t.Fatalf("report: %d %v", code, res)
		}
		tot := res["total"].(map[string]any)
		rec := tot["received"].(map[string]any)
		inp := tot["in_progress"].(map[string]any)
		if rec["total"] != float64(2) || rec["direct_postal"] != float64(2) || rec["online"] != float64(0) ||
			inp["within_time"] != float64(2) || tot["on_time_rate"] != nil || tot["online_rate"] != float64(0) {
			t.Errorf("report totals: %v", tot)
		}
		// By the end of March the due day (20 working days) has passed.
		if _, res := api(t, f, "GET", "/api/v1/reports/tthc?from=2026-03-01&to=2026-03-31", stat, ""); res["total"].(map[string]any)["in_progress"].(map[string]any)["overdue"] != float64(2) {
			t.Errorf("overdue at the end of March: %v", res["total"])
		}
		if _, ok := res["by_field"].([]any); !ok {
			t.Errorf("by_field missing: %v", res)
		}
		for _, c := range []struct {
			path, token string
			want        int
		}{
			{"/api/v1/reports/tthc?from=2026-03-01&to=2026-03-31", clerk, 403},
			{"/api/v1/reports/tthc?from=2026-03-31&to=2026-03-01", stat, 400},
			{"/api/v1/reports/tthc?from=2026-03-01", stat, 400},
			{"/api/v1/reports/tthc?from=hôm-qua&to=2026-03-01", stat, 400},
			{"/api/v1/reports/index?from=2026-03-01&to=2026-03-31", stat, 200},
		} {
			if code, res := api(t, f, "GET", c.path, c.token, ""); code != c.want {
				t.Errorf("GET %s: %d %v, want %d", c.path, code, res["detail"], c.want)
			}
		}
		// Another tenant's statistics do not see these dossiers.
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, org.Officer{TenantID: f.b.ID, Username: "thongke", FullName: "B", Role: org.Statistician}, password); err != nil {
			t.Fatal(err)
		}
		statB, err := f.authSvc.CreateToken(ctx, audit.System, "STP-B", "thongke", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, res := api(t, f, "GET", "/api/v1/reports/tthc?from=2026-03-01&to=2026-03-31", statB, ""); res["total"].(map[string]any)["received"].(map[string]any)["total"] != float64(0) {
			t.Errorf("tenant B sees tenant A's dossiers: %v", res["total"])
		}

		b := f.browser()
		b.mustLogin("STP-A", "thongke")
		code, body := b.get("/admin/reports?period=month")
		if code != 200 || !strings.Contains(body, "Báo cáo thống kê") || !strings.Contains(body, "<svg") || !strings.Contains(body, "Biểu số 06/VPCP/KSTT") {
			t.Fatalf("dashboard: %d", code)
		}
		code, body = b.get("/admin/reports/dossiers?from=2026-03-01&to=2026-03-31&measure=direct_postal")
		if code != 200 || !strings.Contains(body, codes[0]) || !strings.Contains(body, codes[1]) {
			t.Errorf("drill-down: %d, codes %v missing", code, codes)
		}
		if code, _ := b.get("/admin/reports/dossiers?from=2026-03-01&to=2026-03-31&measure=khong"); code != 400 {
			t.Errorf("bad measure: %d", code)
		}
		if code, body := b.get("/admin/reports/export/xlsx?from=2026-03-01&to=2026-03-31"); code != 200 || !strings.HasPrefix(body, "PK") {
			t.Errorf("xlsx export: %d", code)
		}
		if code, body := b.get("/admin/reports/export/pdf?from=2026-03-01&to=2026-03-31"); code != 200 || !strings.HasPrefix(body, "%PDF") {
			t.Errorf("pdf export: %d", code)
		}
		cb := f.browser()
		cb.mustLogin("STP-A", "clerk")
		if code, _ := cb.get("/admin/reports"); code != 403 {
			t.Errorf("clerk opened the reports: %d", code)
		}
	})
}

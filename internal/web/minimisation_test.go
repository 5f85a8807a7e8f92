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

// Issue 12 §16: statisticians and auditors see dossiers without the
// applicant's ID number, phone, e-mail and address; the director, who
// decides on them, sees them.
func TestStatisticiansAndAuditorsSeeNoApplicantContacts(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		ctx := context.Background()
		for _, o := range []org.Officer{{Username: "thongke", FullName: "Thống kê", Role: org.Statistician}, {Username: "kiemtra", FullName: "Kiểm tra", Role: org.Auditor},
			{Username: "giamdoc", FullName: "Giám đốc", Role: org.Director}} {
			o.TenantID = f.a.ID
			if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
				t.Fatal(err)
			}
		}
		clerkTok, _ := f.authSvc.CreateToken(ctx, audit.System, "STP-A", "clerk", "t", 0)
		code, res := api(t, f, "POST", "/api/v1/dossiers", clerkTok, `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Trần Văn Bảy","id_number":"082090004321","phone":"0987654321","email":"bay@example.vn","address":"12 Lý Thường Kiệt, Cao Lãnh"}}`)
		if code != 201 {
			t.Fatalf("create: %d %v", code, res)
		}
		dcode := res["code"].(string)
		personal := []string{"082090004321", "0987654321", "bay@example.vn", "12 Lý Thường Kiệt"}
		for _, who := range []string{"thongke", "kiemtra", "giamdoc"} {
			b := f.browser()
			b.mustLogin("STP-A", who)
			st, page := b.get("/admin/dossiers/" + dcode)
			tok, _ := f.authSvc.CreateToken(ctx, audit.System, "STP-A", who, "t", 0)
			_, js := api(t, f, "GET", "/api/v1/dossiers/"+dcode, tok, "")
			app, _ := js["applicant"].(map[string]any)
			for _, v := range personal {
				shown := strings.Contains(page, v)
				for _, x := range app {
					if s, _ := x.(string); strings.Contains(s, v) {
						shown = true
					}
				}
				if who == "giamdoc" && !shown {
					t.Errorf("the director does not see %q", v)
				}
				if who != "giamdoc" && shown {
					t.Errorf("%s sees %q (page %d)", who, v, st)
				}
			}
			if st != 200 || !strings.Contains(page, "Trần Văn Bảy") {
				t.Errorf("%s: dossier page %d without the applicant's name", who, st)
			}
		}
	})
}

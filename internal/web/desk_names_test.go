package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// Issue 14, item 13: headers show the agency's name, not "tuphap ·
// STP-A"; a police tenant's units are not "thuộc Sở" and its leaders not
// "Lãnh đạo Sở".
func TestHeadersNameTheAgency(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	ten, err := f.orgSvc.CreateTenant(ctx, audit.System, org.Tenant{Code: "CA-X", Name: "Công an tỉnh Đồng Tháp", AgencyID: "000.00.00.G82", ProvinceCode: "82"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.orgSvc.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "PV06", Name: "Phòng Hồ sơ nghiệp vụ", Kind: org.Division})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []org.Officer{
		{Username: "lanhdao", FullName: "Nguyễn Văn Lãnh", Role: org.Director},
		{Username: "admin", FullName: "Quản trị", Role: org.Admin, UnitID: u.ID},
	} {
		o.TenantID = ten.ID
		if _, err := f.orgSvc.CreateOfficer(ctx, audit.System, o, password); err != nil {
			t.Fatal(err)
		}
	}
	b := f.browser()
	b.mustLogin("CA-X", "lanhdao")
	_, body := b.get("/admin/")
	if !strings.Contains(body, `<strong id="co-quan">Công an tỉnh Đồng Tháp</strong>`) || strings.Contains(body, "CA-X ·") || strings.Contains(body, "<strong>tuphap</strong>") {
		t.Error("the header does not name the agency")
	}
	if !strings.Contains(body, "Lãnh đạo Công an tỉnh") || strings.Contains(body, "Sở") {
		t.Errorf("the police director's page speaks of the Sở")
	}
	adm := f.browser()
	adm.mustLogin("CA-X", "admin")
	if code, body := adm.get("/admin/units"); code != http.StatusOK || strings.Contains(body, "thuộc Sở") || !strings.Contains(body, "Đơn vị thuộc Công an tỉnh") {
		t.Errorf("units page of the police: %d", code)
	}
	if _, body := adm.get("/admin/"); strings.Contains(body, "thuộc Sở") {
		t.Error("the police dashboard counts units 'thuộc Sở'")
	}
	// A department keeps its own words.
	d := f.browser()
	d.mustLogin("STP-A", "admin")
	if _, body := d.get("/admin/units"); !strings.Contains(body, "Đơn vị thuộc Sở") || !strings.Contains(body, `id="co-quan">Sở Tư pháp STP-A<`) {
		t.Error("the department's units page lost its header or title")
	}
}

// Package demo loads a demonstration department so that a newcomer who runs
// `tuphap serve --demo` sees a working system. Loading is idempotent: the
// second run finds the demo tenant and does nothing.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
)

// TenantCode is the code of the demo department.
const TenantCode = "STP-DEMO"

// Tenant is the demo department: a Department of Justice after the 2025
// provincial merger, with the example agency code of the national catalogue.
var Tenant = org.Tenant{
	Code:         TenantCode,
	Name:         "Sở Tư pháp tỉnh Đồng Tháp (dữ liệu mẫu)",
	AgencyID:     "000.00.00.H82",
	ProvinceCode: "82",
}

// Units of the demo department and the agencies it works with.
var Units = []org.Unit{
	{Code: "MOTCUA", Name: "Bộ phận Tiếp nhận và Trả kết quả", Kind: org.Reception},
	{Code: "VP", Name: "Văn phòng Sở", Kind: org.Office},
	{Code: "HCTP", Name: "Phòng Hành chính tư pháp", Kind: org.Division},
	{Code: "BTTP", Name: "Phòng Bổ trợ tư pháp", Kind: org.Division},
	{Code: "XDKTVB", Name: "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", Kind: org.Division},
	{Code: "PBGDPL", Name: "Phòng Phổ biến, giáo dục pháp luật", Kind: org.Division},
	{Code: "TTr", Name: "Thanh tra Sở", Kind: org.Division},
	{Code: "TTTGPL", Name: "Trung tâm Trợ giúp pháp lý nhà nước", Kind: org.Centre},
	{Code: "TTDVDG", Name: "Trung tâm Dịch vụ đấu giá tài sản", Kind: org.Centre},
	{Code: "CA_TINH", Name: "Công an tỉnh", Kind: org.Agency},
	{Code: "TAND", Name: "Tòa án nhân dân tỉnh", Kind: org.Agency},
	{Code: "THADS", Name: "Thi hành án dân sự tỉnh", Kind: org.Agency},
	{Code: "BHXH", Name: "Bảo hiểm xã hội tỉnh", Kind: org.Agency},
}

// Officers of the demo department; UnitID holds a unit code here.
var Officers = []org.Officer{
	{Username: "admin", FullName: "Quản trị hệ thống", Role: org.Admin},
	{Username: "giamdoc", FullName: "Trần Thị Minh Hạnh", Role: org.Director},
	{Username: "motcua", FullName: "Lê Văn Bình", Role: org.Clerk, UnitID: "MOTCUA"},
	{Username: "chuyenvien", FullName: "Phạm Thu Trang", Role: org.Specialist, UnitID: "HCTP"},
	{Username: "truongphong", FullName: "Nguyễn Đức Thắng", Role: org.UnitHead, UnitID: "HCTP"},
	{Username: "cv.bttp", FullName: "Lý Thị Thanh Tâm", Role: org.Specialist, UnitID: "BTTP"},
	{Username: "tp.bttp", FullName: "Đoàn Văn Khải", Role: org.UnitHead, UnitID: "BTTP"},
	{Username: "congan", FullName: "Võ Quốc Huy", Role: org.Liaison, UnitID: "CA_TINH"},
	{Username: "kiemtra", FullName: "Đặng Ngọc Lan", Role: org.Auditor},
	{Username: "thongke", FullName: "Huỳnh Văn Tài", Role: org.Statistician},
}

// Receiver is who receives the demo department's dossiers since 1/7/2025:
// the provincial Public Administration Service Centre (Decree 118/2025/NĐ-CP
// Art. 14). The address is sample data.
var Receiver = org.Receiver{EffectiveFrom: calendar.NewDate(2025, time.July, 1),
	Organisation: "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp", Address: "Số 1, đường mẫu, phường Cao Lãnh, tỉnh Đồng Tháp (dữ liệu mẫu)",
	Centre: true, Basis: "Nghị định 118/2025/NĐ-CP, Điều 3 khoản 3, Điều 14"}

// Load creates the demo department unless it exists, and writes the new
// accounts' one-time passwords to out.
func Load(ctx context.Context, svc *org.Service, out io.Writer) (created bool, err error) {
	if _, err := svc.Store.TenantByCode(ctx, TenantCode); err == nil {
		return false, nil
	} else if !errors.Is(err, apperr.ErrNotFound) {
		return false, err
	}
	by := audit.Actor{Name: "demo"}
	t, err := svc.CreateTenant(ctx, by, Tenant)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Conflict { // another process loaded it first
			return false, nil
		}
		return false, err
	}
	ids := map[string]string{}
	for _, u := range Units {
		u.TenantID = t.ID
		u, err := svc.CreateUnit(ctx, by, u)
		if err != nil {
			return true, fmt.Errorf("demo unit %s: %w", u.Code, err)
		}
		ids[u.Code] = u.ID
	}
	noteTenant(out, t)
	for _, o := range Officers {
		o.TenantID = t.ID
		o.UnitID = ids[o.UnitID]
		pw := auth.NewSecret()[:16]
		o, err := svc.CreateOfficer(ctx, by, o, pw)
		if err != nil {
			return true, fmt.Errorf("demo officer %s: %w", o.Username, err)
		}
		noteAccount(out, t, o, pw)
	}
	return true, nil
}

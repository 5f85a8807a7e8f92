package web

import (
	"testing"

	"tuphap/internal/org"
	"tuphap/internal/render"
)

// TestSlipAgency: the letterhead of Decree 30/2020 names the governing body
// above the agency; both come from the tenant's name.
func TestSlipAgency(t *testing.T) {
	desk := "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
	for name, want := range map[string]render.Agency{
		"Sở Tư pháp tỉnh Đồng Tháp": {Superior: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", Name: "SỞ TƯ PHÁP", Desk: desk,
			FullName: "Sở Tư pháp tỉnh Đồng Tháp", Place: "Đồng Tháp"},
		"Sở Tư pháp thành phố Hồ Chí Minh": {Superior: "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", Name: "SỞ TƯ PHÁP", Desk: desk,
			FullName: "Sở Tư pháp thành phố Hồ Chí Minh", Place: "Thành phố Hồ Chí Minh"},
		"Sở Tư pháp tỉnh Đồng Tháp (dữ liệu mẫu)": {Superior: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", Name: "SỞ TƯ PHÁP", Desk: desk,
			FullName: "Sở Tư pháp tỉnh Đồng Tháp (dữ liệu mẫu)", Place: "Đồng Tháp"},
		// No province in the name: no superior line, no place.
		"Sở Tư pháp STP-A": {Name: "SỞ TƯ PHÁP STP-A", Desk: desk, FullName: "Sở Tư pháp STP-A"},
	} {
		if got := slipAgency(org.Tenant{Name: name}); got != want {
			t.Errorf("slipAgency(%q) =\n %+v, want\n %+v", name, got, want)
		}
	}
}

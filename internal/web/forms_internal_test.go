package web

import (
	"testing"

	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/render"
)

// TestSlipAgency: the letterhead of Decree 30/2020 names the governing body
// above the agency; both come from the tenant's name.
func TestSlipAgency(t *testing.T) {
	t.Parallel()
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

// TestLookupURL: the QR code of the slips encodes the public look-up page
// with the code and the PIN, on the configured public address: never the
// host name the officer used on the intranet, never a localhost default.
func TestLookupURL(t *testing.T) {
	t.Parallel()
	d := &dossier.Dossier{Code: "000.00.00.H82-261123-0001", LookupPIN: "042917"}
	s := &Server{secure: true, publicURL: "https://dichvucong.stp.example.gov.vn"}
	if got, want := s.lookupURL(d), "https://dichvucong.stp.example.gov.vn/tra-cuu?ma=000.00.00.H82-261123-0001"; got != want {
		t.Errorf("lookupURL = %q, want %q", got, want)
	}
	if got := (&Server{}).lookupURL(d); got != "" {
		t.Errorf("no public address configured: %q, want no link", got)
	}
	if got := s.lookupURL(&dossier.Dossier{ID: "x"}); got != "" {
		t.Errorf("no code: %q", got)
	}
}

package petitionweb

import "testing"

// The head who resolves and signs (Law on Complaints 2011 Art. 20–21: the
// head of the agency; the chairman of the People's Committee).
func TestHeadTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Sở Tư pháp tỉnh Đồng Tháp":           "GIÁM ĐỐC",
		"Ủy ban nhân dân xã Tân Phú":          "CHỦ TỊCH",
		"UBND phường Sa Đéc":                  "CHỦ TỊCH",
		"Trung tâm Trợ giúp pháp lý nhà nước": "THỦ TRƯỞNG CƠ QUAN",
		"": "THỦ TRƯỞNG CƠ QUAN",
	} {
		if got := HeadTitle(in); got != want {
			t.Errorf("HeadTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

package petitionweb

import "testing"

// The head who resolves and signs: the chairman of a commune's People's
// Committee (Law on Complaints 2011 Art. 18), the director of a department
// (Art. 20); anyone else is named by the generic title.
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

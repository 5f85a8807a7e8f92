package org

import "testing"

// A police tenant's units are not "thuộc Sở" and its leaders are not
// "Lãnh đạo Sở" (issue 14, item 13).
func TestTenantShortAndRoleLabel(t *testing.T) {
	for _, c := range []struct{ name, short, director string }{
		{"Sở Tư pháp tỉnh Đồng Tháp (dữ liệu mẫu)", "Sở", "Lãnh đạo Sở"},
		{"Công an tỉnh Đồng Tháp (dữ liệu mẫu)", "Công an tỉnh", "Lãnh đạo Công an tỉnh"},
		{"Công an thành phố Hà Nội", "Công an thành phố", "Lãnh đạo Công an thành phố"},
		{"", "Sở", "Lãnh đạo Sở"},
	} {
		ten := Tenant{Name: c.name}
		if got := ten.Short(); got != c.short {
			t.Errorf("Short(%q) = %q, want %q", c.name, got, c.short)
		}
		if got := ten.RoleLabel(Director); got != c.director {
			t.Errorf("RoleLabel(%q, director) = %q, want %q", c.name, got, c.director)
		}
		if got := ten.RoleLabel(Clerk); got != "Công chức tiếp nhận" {
			t.Errorf("clerk: %q", got)
		}
	}
}

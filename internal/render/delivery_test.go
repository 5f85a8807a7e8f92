package render

import "testing"

// Mẫu 01 item 6 (Circular 03/2025/TT-VPCP, Annex I): never "tại: Tại".
func TestDeliveryLine(t *testing.T) {
	for _, c := range []struct{ in, label, value string }{
		{"Tại Bộ phận Tiếp nhận và Trả kết quả", "6. Đăng ký nhận kết quả tại: ", "Bộ phận Tiếp nhận và Trả kết quả"},
		{"tại Trung tâm Phục vụ hành chính công tỉnh", "6. Đăng ký nhận kết quả tại: ", "Trung tâm Phục vụ hành chính công tỉnh"},
		{"Bộ phận Một cửa, Sở Tư pháp tỉnh Đồng Tháp", "6. Đăng ký nhận kết quả tại: ", "Bộ phận Một cửa, Sở Tư pháp tỉnh Đồng Tháp"},
		{"Nhận qua dịch vụ bưu chính công ích", "6. Đăng ký nhận kết quả: ", "Nhận qua dịch vụ bưu chính công ích"},
		{"Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả", "6. Đăng ký nhận kết quả: ", "Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả"},
		{"", "6. Đăng ký nhận kết quả tại: ", "........................................"},
	} {
		l, v := deliveryLine(c.in)
		if l != c.label || v != c.value {
			t.Errorf("deliveryLine(%q) = %q %q, want %q %q", c.in, l, v, c.label, c.value)
		}
	}
}

package catalog

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Cấp Phiếu LÝ LỊCH tư pháp", "cap phieu ly lich tu phap"},
		{"Đấu giá", "dau gia"},
		{"đăng ký ĐẤU GIÁ", "dang ky dau gia"},
		{"Hòa giải thương mại", "hoa giai thuong mai"},
		{"Hoà giải thương mại", "hoa giai thuong mai"},           // old-style tone placement
		{"Ca\u0301p the\u0309", "cap the"},                       // decomposed input (NFD)
		{"  Quốc   tịch\t\nViệt  Nam  ", "quoc tich viet nam"},   // white space collapsed and trimmed
		{"Ðấu giá", "dau gia"},                                   // Ð (U+00D0) typed for Đ
		{"Thông tư 244/2016/TT-BTC", "thong tu 244/2016/tt-btc"}, // digits and punctuation kept
		{"Nguyễn Thị Ngọc Ánh", "nguyen thi ngoc anh"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !strings.Contains(Fold("Cấp Phiếu LÝ LỊCH tư pháp"), Fold("ly lich tu phap")) {
		t.Error("folded name does not contain the folded query")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Cấp Phiếu LÝ LỊCH tư pháp", "Đấu giá", " a  b ", "\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if Fold(got) != got {
			t.Errorf("Fold is not idempotent on %q: %q then %q", s, got, Fold(got))
		}
		if strings.Contains(got, "  ") || strings.TrimSpace(got) != got {
			t.Errorf("Fold(%q) = %q has loose white space", s, got)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	s := "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
	for b.Loop() {
		Fold(s)
	}
}

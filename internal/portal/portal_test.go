package portal

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

func encode(t testing.TB, kind string) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	var b bytes.Buffer
	var err error
	if kind == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniff(t *testing.T) {
	pdf := []byte("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	pngB, jpgB := encode(t, "png"), encode(t, "jpeg")
	tests := []struct {
		name, file string
		data       []byte
		want       string      // media type, "" when refused
		code       apperr.Code // when refused
	}{
		{"pdf", "don.pdf", pdf, TypePDF, ""},
		{"pdf upper-case extension", "DON.PDF", pdf, TypePDF, ""},
		{"jpeg .jpg", "anh.jpg", jpgB, TypeJPEG, ""},
		{"jpeg .jpeg", "anh.jpeg", jpgB, TypeJPEG, ""},
		{"png", "anh.png", pngB, TypePNG, ""},
		{"png named .pdf (lying extension)", "giay.pdf", pngB, "", apperr.Unsupported},
		{"pdf named .jpg", "anh.jpg", pdf, "", apperr.Unsupported},
		{"pdf without extension", "giay", pdf, "", apperr.Unsupported},
		{"html", "trang.pdf", []byte("<!doctype html><script>alert(1)</script>"), "", apperr.Unsupported},
		{"gif", "anh.png", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "", apperr.Unsupported},
		{"zip (docx)", "don.pdf", []byte("PK\x03\x04\x14\x00\x06\x00"), "", apperr.Unsupported},
		{"pdf header, no end", "don.pdf", []byte("%PDF-1.4\n1 0 obj"), "", apperr.Unsupported},
		{"png header, broken body", "anh.png", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 40)...), "", apperr.Unsupported},
		{"jpeg magic, no image", "anh.jpg", []byte("\xff\xd8\xff\xe0junk junk junk\xff\xd9"), "", apperr.Unsupported},
		{"empty", "don.pdf", nil, "", apperr.Invalid},
		{"over 10 MB", "don.pdf", append(append([]byte("%PDF-1.4\n"), make([]byte, MaxFileBytes)...), "%%EOF"...), "", apperr.TooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mt, sum, err := Sniff(tt.file, tt.data)
			if tt.want != "" {
				if err != nil || mt != tt.want || len(sum) != 64 {
					t.Fatalf("Sniff = %q, %q, %v; want %q", mt, sum, err, tt.want)
				}
				return
			}
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Message == "" {
				t.Fatalf("Sniff = %q, %v; want a %s refusal", mt, err, tt.code)
			}
		})
	}
	// Content-addressed: the same bytes under another name have the same sum.
	_, a, _ := Sniff("a.pdf", pdf)
	_, b, _ := Sniff("b.pdf", pdf)
	if a != b || a == "" {
		t.Error("same content, different sums")
	}
}

func TestRequiredOnline(t *testing.T) {
	tests := []struct {
		doc  catalog.Document
		want bool
	}{
		{catalog.Document{Name: "Tờ khai", Required: true}, true},
		{catalog.Document{Name: "Văn bản ủy quyền", Required: false}, false},
		// Identity papers of a citizen signed in with the e-ID are not asked
		// for (Decree 45/2020/NĐ-CP; the judicial-record catalogue entry).
		{catalog.Document{Name: "Giấy tờ tùy thân", Required: true, Note: "Không phải nộp khi yêu cầu trực tuyến bằng tài khoản định danh điện tử"}, false},
	}
	for _, tt := range tests {
		if got := RequiredOnline(tt.doc); got != tt.want {
			t.Errorf("RequiredOnline(%q) = %v, want %v", tt.doc.Name, got, tt.want)
		}
	}
}

func TestNextStep(t *testing.T) {
	for st := dossier.Submitted; st <= dossier.Returned; st++ {
		d := dossier.Dossier{Status: st, Delivery: "Nhận qua dịch vụ bưu chính công ích"}
		if NextStep(&d) == "" {
			t.Errorf("status %d has no next step", st)
		}
	}
	d := dossier.Dossier{Status: dossier.Returned}
	if !strings.Contains(NextStep(&d), "đánh giá") {
		t.Error("a returned, unrated dossier should invite a rating")
	}
}

func TestFormatVND(t *testing.T) {
	for in, want := range map[int64]string{0: "0 đồng", 5000: "5.000 đồng", 200000: "200.000 đồng", 1500000: "1.500.000 đồng"} {
		if got := FormatVND(in); got != want {
			t.Errorf("FormatVND(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestShortRef(t *testing.T) {
	for _, c := range []struct{ id, want string }{
		{"019a2b3c-4d5e-7f60-8a1b-2c3d7f3a9c21", "HS-7F3A-9C21"},
		{"abc", ""},
	} {
		if got := ShortRef(c.id); got != c.want {
			t.Errorf("ShortRef(%q) = %q, want %q", c.id, got, c.want)
		}
	}
	for s, want := range map[string]bool{"HS-7F3A-9C21": true, "hs-7f3a-9c21": true, "HS-7F3A9C21": false, "HS-7G3A-9C21": false, "000.00.00.H82-260302-0001": false} {
		if IsShortRef(s) != want {
			t.Errorf("IsShortRef(%q) != %v", s, want)
		}
	}
}

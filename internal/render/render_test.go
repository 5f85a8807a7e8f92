package render

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// pdfText extracts the text of a PDF with poppler's pdftotext -layout. CI
// must have poppler-utils; elsewhere the test is skipped when it is missing.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not on PATH; CI must install poppler-utils (apt-get install -y poppler-utils)")
		}
		t.Skip("pdftotext is not on PATH: install poppler-utils (apt-get install -y poppler-utils) to run the PDF text tests")
	}
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Trailing blanks depend on the poppler version, not on the document.
	lines := strings.Split(string(out), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// TestGolden compares the text of every form with testdata/<name>.golden.
func TestGolden(t *testing.T) {
	for _, f := range forms() {
		t.Run(f.name, func(t *testing.T) {
			b, err := f.render()
			if err != nil {
				t.Fatal(err)
			}
			got := pdfText(t, b)
			path := filepath.Join("testdata", f.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/render -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("text differs from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestVietnameseText checks a few lines the goldens must hold, so that an
// -update cannot silently bless broken diacritics or dates.
func TestVietnameseText(t *testing.T) {
	for name, want := range map[string][]string{
		"receipt": {
			"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
			"Nguyễn Thị Hồng Nhung",
			"Đồng Tháp, ngày 21 tháng 11 năm 2026",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Độc lập - Tự do - Hạnh phúc",
			"4. Thời gian nhận hồ sơ: 10 giờ 05 phút, ngày 21/11/2026", // 03:05 UTC
			"5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 04/12/2026",
			"Mã tra cứu: 482915",
			"Quét mã QR hoặc truy cập dichvucong.tuphap.dongthap.gov.vn/tra-cuu",
			"Bản chính", "Bản sao", "Tên giấy tờ",
			"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ",
		},
		"supplement": {"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", "17 giờ 00 phút, ngày 27/11/2026", "NGƯỜI HƯỚNG DẪN"},
		"refusal":    {"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Xin thông báo cho ông/bà được biết và thực hiện./."},
		"apology":    {"VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN", "Đồng Tháp, ngày 02 tháng 12 năm 2026", "Số: 215/STP-HCTP", "16 giờ 00 phút, ngày 11/12/2026", "Nơi nhận:", "PHÓ GIÁM ĐỐC"},
		"stop":       {"THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "thông báo dừng giải quyết hồ sơ nêu trên"},
		"control":    {"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Trước hạn", "Quá hạn", "Hạn xử lý bước", "Cơ quan phối hợp giải quyết hồ sơ: Sở Tư pháp tỉnh An Giang"},
	} {
		t.Run(name, func(t *testing.T) {
			var f form
			for _, x := range forms() {
				if x.name == name {
					f = x
				}
			}
			b, err := f.render()
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, b)
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range want {
				if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("missing %q", w)
				}
			}
			if !norm.NFC.IsNormalString(text) {
				t.Error("extracted text is not NFC")
			}
			if strings.Contains(text, "Trang ") {
				t.Error("a one-page document carries a page number")
			}
		})
	}
}

// nfdCopy returns v with every string field, at any depth, in NFD.
func nfdCopy[T any](v T) T {
	var walk func(reflect.Value)
	walk = func(x reflect.Value) {
		switch x.Kind() {
		case reflect.String:
			x.SetString(norm.NFD.String(x.String()))
		case reflect.Struct:
			for i := range x.NumField() {
				if x.Field(i).CanSet() {
					walk(x.Field(i))
				}
			}
		case reflect.Slice:
			n := reflect.MakeSlice(x.Type(), x.Len(), x.Len())
			reflect.Copy(n, x)
			x.Set(n)
			for i := range x.Len() {
				walk(x.Index(i))
			}
		}
	}
	p := reflect.New(reflect.TypeOf(v))
	p.Elem().Set(reflect.ValueOf(v))
	walk(p.Elem())
	return p.Elem().Interface().(T)
}

// TestNFDInput: decomposed input (as typed with Unikey's "Unicode tổ hợp")
// must give the very same document as precomposed input.
func TestNFDInput(t *testing.T) {
	in := sampleReceipt()
	nfd := nfdCopy(in)
	if nfd.Applicant.FullName == in.Applicant.FullName {
		t.Fatal("test set-up: NFD copy equals the NFC original")
	}
	a, err := Receipt(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Receipt(nfd)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("NFD input gives different PDF bytes from NFC input")
	}
	c, err := Control(nfdCopy(sampleControl(0)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Control(sampleControl(0))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c, d) {
		t.Error("control sheet: NFD input gives different PDF bytes from NFC input")
	}
	if diff := cmp.Diff(pdfText(t, a), pdfText(t, b)); diff != "" {
		t.Errorf("NFD input renders different text (-nfc +nfd):\n%s", diff)
	}
}

// TestDeterministic: the same input gives the same bytes, also from
// separately built renderers, so PDFs can be hashed and cached.
func TestDeterministic(t *testing.T) {
	r1, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r2, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range forms() {
		a, err := f.render()
		if err != nil {
			t.Fatal(err)
		}
		b, err := f.render()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", f.name)
		}
	}
	a, _ := r1.Receipt(sampleReceipt())
	b, _ := r2.Receipt(sampleReceipt())
	if !bytes.Equal(a, b) {
		t.Error("two renderers give different bytes")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261121100500)")) {
		t.Error("CreationDate is not the receipt time in Vietnam's time")
	}
}

var pageObj = regexp.MustCompile(`/Type /Page\n`)

func pageCount(pdf []byte) int { return len(pageObj.FindAll(pdf, -1)) }

// TestPagination: 60 documents and 80 hand-overs flow onto further pages,
// numbered "Trang x/y", with the table header on every page and every row
// printed once, in order.
func TestPagination(t *testing.T) {
	cases := []struct {
		name   string
		pdf    func() ([]byte, error)
		header string
		rows   int
		row    func(i int) string
	}{
		{"receipt-60", func() ([]byte, error) { return Receipt(manyDocuments(60)) }, "Tên giấy tờ", 60,
			func(i int) string { return fmt.Sprintf("Giấy tờ số %d:", i) }},
		{"control-80", func() ([]byte, error) { return Control(sampleControl(80)) }, "Hạn xử lý bước", 80,
			func(i int) string { return fmt.Sprintf("Bước %d", i) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := c.pdf()
			if err != nil {
				t.Fatal(err)
			}
			n := pageCount(b)
			if n < 3 {
				t.Fatalf("%d pages, want at least 3", n)
			}
			text := pdfText(t, b)
			pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
			if len(pages) != n {
				t.Fatalf("pdftotext found %d pages, the PDF has %d", len(pages), n)
			}
			for i, p := range pages {
				if want := fmt.Sprintf("Trang %d/%d", i+1, n); !strings.Contains(p, want) {
					t.Errorf("page %d lacks %q", i+1, want)
				}
				if !strings.Contains(p, c.header) {
					t.Errorf("page %d lacks the table header %q", i+1, c.header)
				}
			}
			pos := 0
			for i := 1; i <= c.rows; i++ {
				at := strings.Index(text[pos:], c.row(i)+" ")
				if at < 0 {
					at = strings.Index(text[pos:], c.row(i)+"\n")
				}
				if at < 0 {
					t.Fatalf("row %d missing or out of order", i)
				}
				pos += at + 1
			}
		})
	}
}

// TestTallRowSplits: a cell longer than a page continues on the next page
// instead of running off the bottom.
func TestTallRowSplits(t *testing.T) {
	const words = 400
	var note []string
	for i := range words {
		note = append(note, fmt.Sprintf("n%d", i))
	}
	s := sampleControl(0)
	s.Rows[1].Note = strings.Join(note, " ")
	b, err := Control(s)
	if err != nil {
		t.Fatal(err)
	}
	n := pageCount(b)
	if n < 2 {
		t.Fatalf("%d pages, want the long note to continue on a second page", n)
	}
	text := pdfText(t, b)
	// Other cells share the note's first lines, so only the note's own
	// words are checked: all there, once, in order.
	var got []string
	for _, f := range strings.Fields(text) {
		if len(f) > 1 && f[0] == 'n' && strings.Trim(f[1:], "0123456789") == "" {
			got = append(got, f)
		}
	}
	if diff := cmp.Diff(note, got); diff != "" {
		t.Errorf("note words (-want +got):\n%s", diff)
	}
	for i, p := range strings.Split(strings.TrimSuffix(text, "\f"), "\f") {
		if !strings.Contains(p, "Hạn xử lý bước") {
			t.Errorf("page %d/%d lacks the table header", i+1, n)
		}
	}
}

// TestQR: QRPNG gives an 8-bit gray PNG of the asked size whose modules are
// exactly the QR matrix of the text, inside a white quiet zone; the slips
// embed it as an image XObject.
func TestQR(t *testing.T) {
	const size = 300
	b, err := QRPNG(sampleQR, size)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.ColorModel() != color.GrayModel {
		t.Errorf("colour model %v, want 8-bit gray", img.ColorModel())
	}
	if got := img.Bounds().Dx(); got != size || img.Bounds().Dy() != size {
		t.Fatalf("size %v, want %dx%d", img.Bounds(), size, size)
	}
	m, err := qrCode(sampleQR)
	if err != nil {
		t.Fatal(err)
	}
	px := size / (len(m) + 2*quietZone)
	off := (size - len(m)*px) / 2
	if off < quietZone*px {
		t.Fatalf("quiet zone %d px, want at least %d", off, quietZone*px)
	}
	dark := func(x, y int) bool { return color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 128 }
	for y := range len(m) {
		for x := range len(m) {
			if got := dark(off+x*px+px/2, off+y*px+px/2); got != m[y][x] {
				t.Fatalf("module (%d,%d): dark=%v, want %v", x, y, got, m[y][x])
			}
		}
	}
	for i := range off {
		if dark(i, i) || dark(size-1-i, size-1-i) {
			t.Fatalf("quiet zone not white at %d", i)
		}
	}
	// Finder pattern: the top-left module is dark.
	if !m[0][0] || !m[6][6] || m[7][7] {
		t.Error("matrix does not start with a finder pattern")
	}

	if _, err := QRPNG("", 100); err == nil {
		t.Error("empty text: want error")
	}
	if _, err := QRPNG(sampleQR, 20); err == nil {
		t.Error("size too small: want error")
	}

	withQR, err := Receipt(sampleReceipt())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(withQR, []byte("/Subtype /Image")) {
		t.Error("receipt with QR has no image XObject")
	}
	s := sampleReceipt()
	s.QR = ""
	without, err := Receipt(s)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(without, []byte("/Subtype /Image")) {
		t.Error("receipt without QR has an image XObject")
	}
}

// TestFonts: the fonts are embedded as TrueType CID fonts (subset, Identity-H).
func TestFonts(t *testing.T) {
	b, err := Receipt(sampleReceipt())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/FontFile2", "/CIDFontType2", "/Identity-H"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	if _, err := NewWithFonts(Fonts{Regular: []byte("not a font at all")}); err == nil {
		t.Error("NewWithFonts accepted garbage")
	}
	if _, err := fontFS.ReadFile("fonts/LICENSE"); err != nil {
		t.Errorf("the OFL licence must ship with the fonts: %v", err)
	}
}

// TestTimes checks the date and time styles. Decree 30/2020, Annex I, §II.4:
// days below 10 and months 1 and 2 take a leading zero.
func TestTimes(t *testing.T) {
	hcm := time.FixedZone("somewhere", -5*3600)
	cases := []struct {
		at         time.Time
		slip, long string
	}{
		{time.Date(2026, 11, 21, 3, 5, 0, 0, time.UTC), "10 giờ 05 phút, ngày 21/11/2026", "ngày 21 tháng 11 năm 2026"},
		{time.Date(2026, 2, 4, 20, 0, 0, 0, time.UTC), "03 giờ 00 phút, ngày 05/02/2026", "ngày 05 tháng 02 năm 2026"},
		{time.Date(2026, 3, 9, 8, 30, 0, 0, time.UTC), "15 giờ 30 phút, ngày 09/03/2026", "ngày 09 tháng 3 năm 2026"},
		{time.Date(2026, 12, 31, 12, 0, 0, 0, hcm), "00 giờ 00 phút, ngày 01/01/2027", "ngày 01 tháng 01 năm 2027"},
		{time.Time{}, blankTime, "ngày ..... tháng ..... năm ........"},
	}
	for _, c := range cases {
		if got := slipTime(c.at); got != c.slip {
			t.Errorf("slipTime(%v) = %q, want %q", c.at, got, c.slip)
		}
		if got := longDate(c.at); got != c.long {
			t.Errorf("longDate(%v) = %q, want %q", c.at, got, c.long)
		}
	}
	if got := placeDate("Đồng Tháp", cases[0].at); got != "Đồng Tháp, ngày 21 tháng 11 năm 2026" {
		t.Errorf("placeDate = %q", got)
	}
}

// TestRequired: a form without its essential content is an error, not a
// blank slip.
func TestRequired(t *testing.T) {
	s := sampleReceipt()
	s.Code = ""
	s.ReceivedAt = time.Time{}
	_, err := Receipt(s)
	if err == nil || !strings.Contains(err.Error(), "Code") || !strings.Contains(err.Error(), "ReceivedAt") {
		t.Errorf("Receipt without code and time: err = %v", err)
	}
	if _, err := Refuse(Refusal{}); err == nil {
		t.Error("empty refusal: want error")
	}
	if _, err := Control(ControlSheet{}); err == nil {
		t.Error("empty control sheet: want error")
	}
}

// TestClean: what reaches fpdf is NFC, without control characters or runes
// beyond the BMP, whose widths fpdf cannot look up.
func TestClean(t *testing.T) {
	in := norm.NFD.String("Nguyễn\tThị\r\x07Hồng 😀\nNhung")
	if got, want := clean(in), "Nguyễn ThịHồng \uFFFD\nNhung"; got != want {
		t.Errorf("clean = %q, want %q", got, want)
	}
	// And such text renders without error.
	s := sampleReceipt()
	s.Applicant.FullName = in
	s.Documents[0].Name = strings.Repeat("x", 400) // one word wider than its cell
	if _, err := Receipt(s); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkReceipt(b *testing.B) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	s := sampleReceipt()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Receipt(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkControl80(b *testing.B) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	s := sampleControl(80)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Control(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQRPNG(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := QRPNG(sampleQR, 300); err != nil {
			b.Fatal(err)
		}
	}
}

package render

import "testing"

// Decree 30/2020/NĐ-CP, Appendix I: "QUYẾT ĐỊNH:" centred in bold on its
// own line, "Điều 1." in bold, the rest running text.
func TestNoticeParagraph(t *testing.T) {
	for _, c := range []struct {
		in    string
		align byte
		spans []span
	}{
		{"QUYẾT ĐỊNH:", 'C', []span{bold("QUYẾT ĐỊNH:")}},
		{"KẾT LUẬN:", 'C', []span{bold("KẾT LUẬN:")}},
		{"Điều 1. Kết luận nội dung khiếu nại là đúng.", 'J', []span{bold("Điều 1."), plain(" Kết luận nội dung khiếu nại là đúng.")}},
		{"Điều 12. Hiệu lực.", 'J', []span{bold("Điều 12."), plain(" Hiệu lực.")}},
		{"Điều khoản chuyển tiếp áp dụng.", 'J', []span{plain("Điều khoản chuyển tiếp áp dụng.")}},
		{"Căn cứ Luật Khiếu nại số 02/2011/QH13:", 'J', []span{plain("Căn cứ Luật Khiếu nại số 02/2011/QH13:")}},
		{"1. Nội dung tố cáo là đúng.", 'J', []span{plain("1. Nội dung tố cáo là đúng.")}},
	} {
		f, spans := noticeParagraph(c.in)
		if f.align != c.align || len(spans) != len(c.spans) {
			t.Errorf("%q: align %c, %d spans; want %c, %d", c.in, f.align, len(spans), c.align, len(c.spans))
			continue
		}
		for i := range spans {
			if spans[i] != c.spans[i] {
				t.Errorf("%q: span %d = %+v, want %+v", c.in, i, spans[i], c.spans[i])
			}
		}
	}
}

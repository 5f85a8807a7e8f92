package dossier

import (
	"strings"
	"testing"

	"tuphap/internal/catalog"
)

// Decree 61/2018/NĐ-CP Art. 19(2): a dossier that lacks a required document
// is not accepted; the applicant is guided to complete it (Mẫu 02).
func TestMissingRequired(t *testing.T) {
	p := catalog.Procedure{Documents: []catalog.Document{{Name: "Đơn", Required: true}, {Name: "Ảnh", Required: false}, {Name: "Bằng", Required: true}}}
	for _, c := range []struct {
		law  string
		got  []Received
		want string
	}{
		{"Art. 19(2): nothing received", []Received{}, "Đơn; Bằng"},
		{"Art. 19(2): an optional document does not stand for a required one", []Received{{Name: "Ảnh"}, {Name: "Đơn"}}, "Bằng"},
		{"Art. 19(2): complete", []Received{{Name: " Đơn "}, {Name: "Bằng"}}, ""},
	} {
		if got := strings.Join(MissingRequired(p, c.got), "; "); got != c.want {
			t.Errorf("%s: %q, want %q", c.law, got, c.want)
		}
	}
}

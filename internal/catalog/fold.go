package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold makes text comparable for search regardless of diacritics, case and
// spacing: it decomposes (NFD, which also undoes any composition), drops the
// combining marks, maps đ/Đ to d, lower-cases and collapses white space.
// Fold("Cấp Phiếu LÝ LỊCH tư pháp") == "cap phieu ly lich tu phap".
func Fold(s string) string {
	// Invalid bytes would stop NFD from decomposing what follows them.
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < utf8.RuneSelf: // ASCII, the common case
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
				space = b.Len() > 0
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == 'đ' || r == 'Đ' || r == 'Ð': // Ð (U+00D0) is a common mistyping of Đ
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

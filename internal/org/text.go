package org

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// CleanText normalises user-entered text: Unicode NFC (Vietnamese input
// methods may send combining marks), trimmed, inner runs of white space
// collapsed to one space.
func CleanText(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

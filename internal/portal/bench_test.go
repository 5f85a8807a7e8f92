package portal

import (
	"bytes"
	"testing"
)

// BenchmarkSniffPDF measures the content check and SHA-256 of a 5 MB PDF,
// the work done for every uploaded file.
func BenchmarkSniffPDF(b *testing.B) {
	data := append(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("0123456789abcdef"), 5<<20/16)...), "\n%%EOF\n"...)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Sniff("ho-so.pdf", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSniffJPEG measures the check of a small photo.
func BenchmarkSniffJPEG(b *testing.B) {
	data := encode(b, "jpeg")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Sniff("anh.jpg", data); err != nil {
			b.Fatal(err)
		}
	}
}

package portal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"path"
	"strings"

	"tuphap/internal/apperr"
)

// Limits of uploads. A scanned A4 page at 200 dpi is 0.3–1 MB as JPEG, so a
// 10 MB file holds a multi-page PDF; a dossier of the justice sector has
// at most a handful of documents.
const (
	MaxFileBytes    = 10 << 20 // per file
	MaxDossierBytes = 30 << 20 // all files of one dossier
	MaxFiles        = 20       // files in one dossier
)

// Media types accepted for uploads. Nothing else is stored or served.
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

// extensions maps each accepted type to the file name extensions a citizen's
// file of that type may carry.
var extensions = map[string][]string{
	TypePDF:  {".pdf"},
	TypeJPEG: {".jpg", ".jpeg"},
	TypePNG:  {".png"},
}

// Ext is the extension tuphap serves a file of media type t with.
func Ext(t string) string {
	if e, ok := extensions[t]; ok {
		return e[0]
	}
	return ".bin"
}

// Sniff decides what an uploaded file is from its content, never from its
// name or the browser's Content-Type: the magic bytes (http.DetectContentType)
// and then the structure (a PDF has a header and an end-of-file marker; a
// JPEG or PNG decodes its header with sane dimensions). The file name's
// extension must agree with the content, so a renamed file ("anh.pdf" that
// is a PNG, or a program named ".jpg") is refused. It returns the media
// type and the content's SHA-256 in hex.
func Sniff(name string, data []byte) (mediaType, sum string, err error) {
	if len(data) == 0 {
		return "", "", apperr.Field("file", "Tệp tải lên rỗng.")
	}
	if len(data) > MaxFileBytes {
		return "", "", apperr.New(apperr.TooLarge, fmt.Sprintf("Tệp “%s” vượt quá dung lượng tối đa %d MB cho mỗi tệp.", shortName(name), MaxFileBytes>>20))
	}
	detected := http.DetectContentType(data)
	switch {
	case detected == TypePDF:
		mediaType = TypePDF
		if !pdfLooksWhole(data) {
			return "", "", apperr.New(apperr.Unsupported, fmt.Sprintf("Tệp “%s” không phải tệp PDF hợp lệ (thiếu phần đầu hoặc phần kết thúc của tệp PDF).", shortName(name)))
		}
	case detected == TypeJPEG:
		mediaType = TypeJPEG
		if !imageLooksWhole(data, jpeg.DecodeConfig) || !bytes.Contains(data[len(data)-min(len(data), 64):], []byte{0xFF, 0xD9}) {
			return "", "", apperr.New(apperr.Unsupported, fmt.Sprintf("Tệp “%s” không phải ảnh JPEG hợp lệ.", shortName(name)))
		}
	case detected == TypePNG:
		mediaType = TypePNG
		if !imageLooksWhole(data, png.DecodeConfig) || !bytes.Contains(data[len(data)-min(len(data), 64):], []byte("IEND")) {
			return "", "", apperr.New(apperr.Unsupported, fmt.Sprintf("Tệp “%s” không phải ảnh PNG hợp lệ.", shortName(name)))
		}
	default:
		return "", "", apperr.New(apperr.Unsupported, fmt.Sprintf("Tệp “%s” không được chấp nhận: chỉ nhận tệp PDF, ảnh JPEG hoặc PNG (nội dung tệp được kiểm tra, không dựa vào tên tệp).", shortName(name)))
	}
	ext := strings.ToLower(path.Ext(name))
	ok := false
	for _, e := range extensions[mediaType] {
		ok = ok || e == ext
	}
	if !ok {
		return "", "", apperr.New(apperr.Unsupported, fmt.Sprintf("Tên tệp “%s” không khớp với nội dung: nội dung là %s nhưng phần mở rộng là “%s”. Vui lòng đặt đúng phần mở rộng (%s).",
			shortName(name), typeLabel(mediaType), ext, strings.Join(extensions[mediaType], ", ")))
	}
	h := sha256.Sum256(data)
	return mediaType, hex.EncodeToString(h[:]), nil
}

// pdfLooksWhole checks the PDF header and that an %%EOF marker ends the file
// (ISO 32000-1, 7.5.2 and 7.5.5; a trailing newline or a few bytes of junk
// are tolerated as readers do).
func pdfLooksWhole(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) && !bytes.HasPrefix(b, []byte("%PDF-2.")) {
		return false
	}
	tail := b[len(b)-min(len(b), 1024):]
	return bytes.Contains(tail, []byte("%%EOF"))
}

func imageLooksWhole(b []byte, decode func(io.Reader) (image.Config, error)) bool {
	cfg, err := decode(bytes.NewReader(b))
	return err == nil && cfg.Width > 0 && cfg.Height > 0 && cfg.Width <= 20000 && cfg.Height <= 20000
}

func typeLabel(t string) string {
	switch t {
	case TypePDF:
		return "tệp PDF"
	case TypeJPEG:
		return "ảnh JPEG"
	case TypePNG:
		return "ảnh PNG"
	}
	return t
}

// TypeLabel names a media type in Vietnamese.
func TypeLabel(t string) string { return typeLabel(t) }

// shortName keeps a file name short and printable for messages.
func shortName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	r := []rune(strings.Map(func(r rune) rune {
		if r < 32 || r == 127 {
			return -1
		}
		return r
	}, name))
	if len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return string(r)
}

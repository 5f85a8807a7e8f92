package render

// QR codes for the slips (the lookup link printed on Mẫu 01 and the other
// forms of Circular 03/2025/TT-VPCP) and for the web layer.

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"codeberg.org/go-pdf/fpdf"
	"github.com/boombuler/barcode/qr"
)

const (
	quietZone  = 4 // modules of white around the code (ISO/IEC 18004)
	qrModulePx = 8 // pixels per module in the PDF image: crisp when printed at 20–30 mm
)

// qrCode encodes text at error-correction level M and returns the module
// matrix (true = dark) and its side.
func qrCode(text string) ([][]bool, error) {
	if text == "" {
		return nil, errors.New("render: empty QR content")
	}
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("render: QR: %w", err)
	}
	n := code.Bounds().Dx()
	m := make([][]bool, n)
	for y := range n {
		m[y] = make([]bool, n)
		for x := range n {
			m[y][x] = color.GrayModel.Convert(code.At(x, y)).(color.Gray).Y < 128
		}
	}
	return m, nil
}

// qrGray draws the matrix on a size×size 8-bit gray image with px pixels per
// module, centred, the quiet zone included.
func qrGray(m [][]bool, size, px int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, size, size))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	off := (size - len(m)*px) / 2
	for y, row := range m {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range px {
				i := img.PixOffset(off+x*px, off+y*px+dy)
				for dx := range px {
					img.Pix[i+dx] = 0
				}
			}
		}
	}
	return img
}

// QRPNG encodes text as a QR code (error correction M) in an 8-bit gray PNG
// size pixels square, with the standard four-module quiet zone. Modules are
// whole pixels, as large as fit; the remainder goes to the margin.
func QRPNG(text string, size int) ([]byte, error) {
	m, err := qrCode(text)
	if err != nil {
		return nil, err
	}
	px := size / (len(m) + 2*quietZone)
	if px < 1 {
		return nil, fmt.Errorf("render: QR: %d px is too small for %d modules and the quiet zone", size, len(m)+2*quietZone)
	}
	return encodePNG(qrGray(m, size, px))
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("render: QR: %w", err)
	}
	return buf.Bytes(), nil
}

// qrImage places a QR code of text, size mm square, at (x, y).
func (d *doc) qrImage(text string, x, y, size float64) error {
	m, err := qrCode(clean(text))
	if err != nil {
		return err
	}
	b, err := encodePNG(qrGray(m, (len(m)+2*quietZone)*qrModulePx, qrModulePx))
	if err != nil {
		return err
	}
	d.images++
	name := fmt.Sprintf("qr%d", d.images)
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	d.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(b))
	d.pdf.ImageOptions(name, x, y, size, size, false, opts, 0, "")
	return d.pdf.Error()
}

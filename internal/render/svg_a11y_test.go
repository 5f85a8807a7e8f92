package render

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// TestChartsAreNamedImagesWithoutLinks: each chart is one image with an
// accessible name stating its data, holds no link (links inside role="img"
// are hidden from assistive technology), is well-formed XML, and its
// drill-down links follow it as a list.
func TestChartsAreNamedImagesWithoutLinks(t *testing.T) {
	rate := 97.5
	format := func(n int64) string { return string(rune('0' + n%10)) }
	pct := func(r *float64) string {
		if r == nil {
			return "—"
		}
		return "97,5%"
	}
	charts := map[string]string{
		"bars": HBarsSVG([]Bar{{Label: "Phòng Bổ trợ tư pháp", Value: 3, Href: "/admin/reports/dossiers?unit=BTTP"}, {Label: "Phòng Hành chính tư pháp", Value: 2}}, format),
		"trend": TrendSVG([]MonthPoint{{Label: "T1/26", Online: 1, DirectPostal: 2, Rate: &rate, Href: "/admin/reports/dossiers?month=1"},
			{Label: "T2/26", Online: 0, DirectPostal: 1}}, format, pct),
	}
	for name, html := range charts {
		svg, rest, ok := strings.Cut(html, "</svg>")
		svg += "</svg>"
		if !ok {
			t.Fatalf("%s: no svg", name)
		}
		if strings.Contains(svg, "<a ") {
			t.Errorf("%s: a link inside the image", name)
		}
		if !strings.Contains(svg, `role="img"`) || !strings.Contains(svg, `aria-label="Biểu đồ`) {
			t.Errorf("%s: no accessible name: %.200s", name, svg)
		}
		d := xml.NewDecoder(strings.NewReader(svg))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: not well-formed: %v", name, err)
			}
		}
		if !strings.Contains(rest, `<ul class="chart-links"><li><a href="/admin/reports/dossiers?`) {
			t.Errorf("%s: the drill-down links do not follow the image: %q", name, rest)
		}
	}
	if s := HBarsSVG(nil, func(int64) string { return "" }); !strings.Contains(s, "không có dữ liệu") || strings.Contains(s, "<ul") {
		t.Errorf("empty chart: %q", s)
	}
}

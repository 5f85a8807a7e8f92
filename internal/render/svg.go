package render

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Server-rendered SVG charts for the dashboards: no JavaScript, text as
// <text> elements in the page's font. Each chart is one image (role="img")
// whose accessible name states its data; the drill-down links follow it as
// an ordinary list, since links inside an image are neither announced nor
// reachable by every assistive technology (axe: svg-img-alt,
// nested-interactive).

// chartLinks is the list of a chart's drill-down links, after the image.
func chartLinks(links [][2]string) string {
	if len(links) == 0 {
		return ""
	}
	var s strings.Builder
	s.WriteString(`<ul class="chart-links">`)
	for _, l := range links {
		fmt.Fprintf(&s, `<li><a href="%s">%s</a></li>`, esc(l[0]), esc(l[1]))
	}
	s.WriteString(`</ul>`)
	return s.String()
}

// Bar is one bar of a horizontal bar chart.
type Bar struct {
	Label string
	Value int64
	Note  string // after the value, e.g. "97,1% đúng hạn"
	Href  string // drill-down link
	Warn  bool   // drawn in the warning colour
}

func esc(s string) string { return html.EscapeString(s) }

// HBarsSVG draws labelled horizontal bars scaled to the largest value;
// format writes the values.
func HBarsSVG(bars []Bar, format func(int64) string) string {
	const rowH, labelW, width, valueW = 26.0, 230.0, 760.0, 210.0
	h := rowH*float64(len(bars)) + 8
	var maxV int64 = 1
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	var s strings.Builder
	var name []string
	var links [][2]string
	for _, b := range bars {
		name = append(name, b.Label+": "+format(b.Value)+" "+b.Note)
		if b.Href != "" {
			links = append(links, [2]string{b.Href, b.Label + ": " + format(b.Value)})
		}
	}
	if len(name) == 0 {
		name = append(name, "không có dữ liệu")
	}
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		width, h, esc("Biểu đồ thanh. "+strings.Join(name, "; ")))
	barW := width - labelW - valueW
	for i, b := range bars {
		y := 4 + rowH*float64(i)
		w := math.Max(1, barW*float64(b.Value)/float64(maxV))
		cls := "bar"
		if b.Warn {
			cls = "bar warn"
		}
		label := b.Label
		// 40 characters fit the label column at the chart's 12-unit font,
		// so unit names such as "Trung tâm Trợ giúp pháp lý nhà nước" stay whole.
		if r := []rune(label); len(r) > 40 {
			label = string(r[:39]) + "…"
		}
		fmt.Fprintf(&s, `<g><title>%s: %s</title><text x="%.0f" y="%.1f" text-anchor="end" class="lbl">%s</text>`+
			`<rect class="%s" x="%.0f" y="%.1f" width="%.1f" height="%.0f" rx="2"/>`+
			`<text x="%.1f" y="%.1f" class="val">%s %s</text></g>`,
			esc(b.Label), esc(format(b.Value)), labelW-8, y+rowH/2+4, esc(label),
			cls, labelW, y+4, w, rowH-8, labelW+w+6, y+rowH/2+4, esc(format(b.Value)), esc(b.Note))
	}
	s.WriteString(`</svg>`)
	s.WriteString(chartLinks(links))
	return s.String()
}

// MonthPoint is one month of a trend chart.
type MonthPoint struct {
	Label        string   // "T1/2026"
	Online       int64    // received online
	DirectPostal int64    // received at the desk or by post
	Rate         *float64 // on-time rate, drawn as a line
	Href         string
}

// TrendSVG draws stacked bars of dossiers received per month (online over
// direct/postal) and the on-time rate as a line on a 0–100% right axis.
func TrendSVG(points []MonthPoint, format func(int64) string, pct func(*float64) string) string {
	const width, height, left, right, top, bottom = 760.0, 280.0, 56.0, 56.0, 16.0, 46.0
	plotW, plotH := width-left-right, height-top-bottom
	var maxV int64 = 1
	for _, p := range points {
		maxV = max(maxV, p.Online+p.DirectPostal)
	}
	step := niceStep(float64(maxV) / 4)
	top4 := step * 4
	for top4 < float64(maxV) {
		top4 += step
	}
	var s strings.Builder
	var name []string
	var links [][2]string
	for _, p := range points {
		name = append(name, p.Label+": "+format(p.Online)+" trực tuyến, "+format(p.DirectPostal)+" trực tiếp/bưu chính, đúng hạn "+pct(p.Rate))
		if p.Href != "" {
			links = append(links, [2]string{p.Href, p.Label})
		}
	}
	if len(name) == 0 {
		name = append(name, "không có dữ liệu")
	}
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		width, height, esc("Biểu đồ hồ sơ nhận theo tháng và tỷ lệ đúng hạn. "+strings.Join(name, "; ")))
	for v := 0.0; v <= top4+0.5; v += step {
		y := top + plotH - plotH*v/top4
		fmt.Fprintf(&s, `<line class="grid" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/><text class="ax" x="%.0f" y="%.1f" text-anchor="end">%s</text>`,
			left, width-right, y, y, left-6, y+4, esc(format(int64(v))))
	}
	for _, r := range []float64{0, 50, 100} {
		y := top + plotH - plotH*r/100
		fmt.Fprintf(&s, `<text class="ax rate" x="%.0f" y="%.1f">%.0f%%</text>`, width-right+6, y+4, r)
	}
	n := len(points)
	if n == 0 {
		s.WriteString(`</svg>`)
		return s.String()
	}
	slot := plotW / float64(n)
	bw := math.Min(40, slot*0.6)
	var line []string
	for i, p := range points {
		x := left + slot*float64(i) + slot/2
		hOn := plotH * float64(p.Online) / top4
		hDir := plotH * float64(p.DirectPostal) / top4
		base := top + plotH
		fmt.Fprintf(&s, `<g><title>%s: %s trực tuyến, %s trực tiếp/bưu chính; đúng hạn %s</title>`+
			`<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`+
			`<rect class="bar alt" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/></g>`,
			esc(p.Label), esc(format(p.Online)), esc(format(p.DirectPostal)), esc(pct(p.Rate)),
			x-bw/2, base-hOn, bw, hOn, x-bw/2, base-hOn-hDir, bw, hDir)
		fmt.Fprintf(&s, `<text class="ax" x="%.1f" y="%.0f" text-anchor="middle">%s</text>`, x, height-bottom+18, esc(p.Label))
		if p.Rate != nil {
			y := top + plotH - plotH**p.Rate/100
			line = append(line, fmt.Sprintf("%.1f,%.1f", x, y))
			fmt.Fprintf(&s, `<circle class="dot" cx="%.1f" cy="%.1f" r="3"/>`, x, y)
		}
	}
	if len(line) > 1 {
		fmt.Fprintf(&s, `<polyline class="line" points="%s"/>`, strings.Join(line, " "))
	}
	fmt.Fprintf(&s, `<g class="legend"><rect class="bar" x="%.0f" y="%.0f" width="12" height="12"/><text x="%.0f" y="%.0f">Trực tuyến</text>`+
		`<rect class="bar alt" x="%.0f" y="%.0f" width="12" height="12"/><text x="%.0f" y="%.0f">Trực tiếp, bưu chính</text>`+
		`<line class="line" x1="%.0f" x2="%.0f" y1="%.0f" y2="%.0f"/><text x="%.0f" y="%.0f">Tỷ lệ đúng hạn (trục phải)</text></g>`,
		left, height-16, left+16, height-6, left+110, height-16, left+126, height-6,
		left+290, left+310, height-10, height-10, left+316, height-6)
	s.WriteString(`</svg>`)
	if len(links) > 0 {
		s.WriteString(`<p class="chart-links-head">Danh sách hồ sơ nhận theo tháng:</p>`)
	}
	s.WriteString(chartLinks(links))
	return s.String()
}

// niceStep rounds a raw axis step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

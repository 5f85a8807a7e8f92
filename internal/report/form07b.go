package report

import (
	"sort"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// Form07b is Biểu số II.07b/VPCP/KSTT, the procedures run through the
// one-stop and inter-agency one-stop mechanism (Circular 01/2020/TT-VPCP;
// layout from the Thanh Hóa system, research/onestop.md §3): per row, the
// procedures under local authority by level, those run at the one-stop
// desk of each level, and the internal processes issued. The district
// level was abolished on 1/7/2025; its columns stay, at zero, because the
// form still has them.
var Form07b = struct {
	Code, Title string
	Groups      []struct {
		Title string
		Cols  []string
	}
}{
	Code:  "Biểu số II.07b/VPCP/KSTT",
	Title: "TÌNH HÌNH THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG TRONG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
	Groups: []struct {
		Title string
		Cols  []string
	}{
		{"TT", nil},
		{"Đơn vị, lĩnh vực", nil},
		{"Tổng số TTHC thuộc thẩm quyền giải quyết của địa phương", []string{"Tổng số TTHC", "Cấp tỉnh", "Cấp huyện", "Cấp xã"}},
		{"TTHC được thực hiện theo cơ chế một cửa, một cửa liên thông", []string{"Tổng số TTHC", "Tại Bộ phận Một cửa cấp tỉnh", "Tại Bộ phận Một cửa cấp huyện", "Tại Bộ phận Một cửa cấp xã"}},
		{"Quy trình nội bộ giải quyết TTHC theo cơ chế một cửa, một cửa liên thông được ban hành", []string{"Tổng số quy trình", "Cấp tỉnh", "Cấp huyện", "Cấp xã"}},
	},
}

// Row07b is one row of Biểu II.07b: columns 3–14.
type Row07b struct {
	Field  string    `json:"field"` // "" for the total
	Counts [12]int64 `json:"counts"`
}

// OneStop reports whether a procedure is run at the one-stop desk: it is
// received there directly, by post or online (Decree 118/2025/NĐ-CP Art.
// 1: every procedure of the catalogue goes through the desk or the
// national portal).
func OneStop(p catalog.Procedure) bool { return len(p.Channels) > 0 }

// CountForm07b counts the catalogue's procedures in force on day by field
// (in catalog.Fields order, fields without procedures left out), then
// the total. A procedure's internal process is "issued" when the
// catalogue holds its steps.
func CountForm07b(procs []catalog.Procedure, day calendar.Date) []Row07b {
	byField := map[string]*Row07b{}
	total := Row07b{}
	for _, p := range procs {
		if !p.InForceAt(day) {
			continue
		}
		lv := 1 // province
		if p.Level == catalog.LevelCommune {
			lv = 3
		}
		r := byField[p.Field.Code]
		if r == nil {
			r = &Row07b{Field: p.Field.Code}
			byField[p.Field.Code] = r
		}
		for _, row := range []*Row07b{r, &total} {
			row.Counts[0]++
			row.Counts[lv]++
			if OneStop(p) {
				row.Counts[4]++
				row.Counts[4+lv]++
			}
			if len(p.Steps) > 0 {
				row.Counts[8]++
				row.Counts[8+lv]++
			}
		}
	}
	var out []Row07b
	seen := map[string]bool{}
	for _, f := range catalog.Fields() {
		if r := byField[f.Code]; r != nil {
			out = append(out, *r)
			seen[f.Code] = true
		}
	}
	var rest []string
	for code := range byField {
		if !seen[code] {
			rest = append(rest, code)
		}
	}
	sort.Strings(rest)
	for _, code := range rest {
		out = append(out, *byField[code])
	}
	return append(out, total)
}

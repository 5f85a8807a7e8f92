package dissemination

import (
	"fmt"
	"time"
)

// The access-to-law standard of communes (chuẩn tiếp cận pháp luật):
// Decision 25/2021/QĐ-TTg (in force 1/10/2021) with its guidance Circular
// 09/2021/TT-BTP. A commune meets it with a total of at least 80 points,
// every criterion at least half of its maximum, and no disqualifying event
// in the year (research/domain.md §6). The maxima per criterion below are
// NOT verified against the gazette (research marks them [M]): they are
// data, kept with their source, for the department to correct; the 2025
// guidance for communes after the two-tier reform is not yet confirmed and
// gets its own version when it is.

// Criterion is one criterion of a rule version.
type Criterion struct {
	No   int
	Name string
	Max  int
}

// AccessRule is a version of the scoring rule.
type AccessRule struct {
	Version    string
	From       time.Time // in force from
	Source     string
	Verified   bool
	Criteria   []Criterion
	Threshold  int // total needed
	MinPercent int // each criterion at least this % of its maximum
}

// AccessRules are the versions, oldest first.
var AccessRules = []AccessRule{{
	Version: "QĐ 25/2021", From: time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC),
	Source:   "Quyết định 25/2021/QĐ-TTg; Thông tư 09/2021/TT-BTP (điểm tối đa từng tiêu chí chưa đối chiếu công báo)",
	Verified: false,
	Criteria: []Criterion{
		{1, "Ban hành văn bản quy phạm pháp luật theo thẩm quyền", 10},
		{2, "Tiếp cận thông tin, phổ biến, giáo dục pháp luật", 30},
		{3, "Hòa giải ở cơ sở", 10},
		{4, "Thực hiện thủ tục hành chính; giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo", 30},
		{5, "Thực hiện dân chủ ở cơ sở", 20},
	},
	Threshold: 80, MinPercent: 50,
}}

// AccessRuleOn is the version in force on day.
func AccessRuleOn(day time.Time) (AccessRule, bool) {
	var out AccessRule
	ok := false
	for _, r := range AccessRules {
		if !day.Before(r.From) {
			out, ok = r, true
		}
	}
	return out, ok
}

// Assessment is a commune's result for a year.
type Assessment struct {
	Total   int
	Met     bool
	Reasons []string // why not met
}

// Assess scores a commune's self-assessment: scores by criterion number,
// and whether a disqualifying event happened (e.g. a serious breach in
// the commune leaders' duties, as the standard lists).
func Assess(r AccessRule, scores map[int]int, disqualified bool) (Assessment, error) {
	var a Assessment
	for _, c := range r.Criteria {
		s, ok := scores[c.No]
		if !ok {
			return a, fmt.Errorf("thiếu điểm tiêu chí %d", c.No)
		}
		if s < 0 || s > c.Max {
			return a, fmt.Errorf("điểm tiêu chí %d phải từ 0 đến %d", c.No, c.Max)
		}
		a.Total += s
		if s*100 < c.Max*r.MinPercent {
			a.Reasons = append(a.Reasons, fmt.Sprintf("Tiêu chí %d đạt %d/%d điểm, dưới %d%% số điểm tối đa.", c.No, s, c.Max, r.MinPercent))
		}
	}
	if len(scores) != len(r.Criteria) {
		return a, fmt.Errorf("có điểm của tiêu chí không thuộc bộ tiêu chí %s", r.Version)
	}
	if a.Total < r.Threshold {
		a.Reasons = append([]string{fmt.Sprintf("Tổng điểm %d, dưới %d điểm.", a.Total, r.Threshold)}, a.Reasons...)
	}
	if disqualified {
		a.Reasons = append(a.Reasons, "Có trường hợp không được công nhận đạt chuẩn trong năm.")
	}
	a.Met = len(a.Reasons) == 0
	return a, nil
}

package dissemination

import (
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
)

// Material kinds, as the department counts its publications.
var Kinds = []struct{ Code, Name string }{
	{"leaflet", "Tờ gấp, tờ rơi"}, {"booklet", "Sách, sổ tay, Hỏi - Đáp"}, {"poster", "Pa-nô, áp phích, băng rôn"},
	{"video", "Video, băng đĩa, tiểu phẩm"}, {"newsletter", "Bản tin, đề cương"}, {"other", "Tài liệu khác"},
}

// KindName names a kind ("" when unknown).
func KindName(code string) string {
	for _, k := range Kinds {
		if k.Code == code {
			return k.Name
		}
	}
	return ""
}

// ChannelName names a channel.
func (c Channel) Name() string {
	for _, x := range Channels {
		if x.Code == c {
			return x.Name
		}
	}
	return string(c)
}

// Role is a person's function in dissemination.
type Role string

const (
	// Lecturer is a legal lecturer (báo cáo viên pháp luật) of the
	// province, recognised by the Chairman of the provincial People's
	// Committee (Law 14/2012/QH13 Art. 35).
	Lecturer Role = "lecturer"
	// Communicator is a legal communicator (tuyên truyền viên pháp luật)
	// of a commune, recognised by the commune's Chairman (Art. 37).
	Communicator Role = "communicator"
)

// Name is the role in Vietnamese.
func (r Role) Name() string {
	switch r {
	case Lecturer:
		return "Báo cáo viên pháp luật"
	case Communicator:
		return "Tuyên truyền viên pháp luật"
	}
	return string(r)
}

// Person is a legal lecturer or communicator with the decision that
// recognised them (and the one that ended it).
type Person struct {
	ID          string
	Role        Role
	CommuneCode string // "" for a provincial lecturer
	FullName    string
	Sex         string // "F" or "M"
	Workplace   string
	DecisionNo  string
	DecisionOn  time.Time
	EndedOn     *time.Time
}

// ActiveOn reports whether the person is recognised on day.
func (p Person) ActiveOn(day time.Time) bool {
	return !p.DecisionOn.After(day) && (p.EndedOn == nil || p.EndedOn.After(day))
}

func need(f *apperr.FieldList, field, value, msg string, max int) string {
	value = strings.TrimSpace(value)
	if value == "" || utf8.RuneCountInString(value) > max {
		f.Add(field, msg)
	}
	return value
}

// ValidatePerson checks a lecturer or communicator: a lecturer belongs to
// the province (Art. 35: recognised by the provincial Chairman; since
// 1/7/2025 there is no district level), a communicator to a commune
// (Art. 37), each with the recognising decision's number and date.
func ValidatePerson(p *Person, today time.Time) error {
	var f apperr.FieldList
	switch p.Role {
	case Lecturer:
		if p.CommuneCode != "" {
			f.Add("commune_code", "Báo cáo viên pháp luật cấp tỉnh do Chủ tịch Ủy ban nhân dân tỉnh công nhận, không thuộc xã (Điều 35 Luật Phổ biến, giáo dục pháp luật).")
		}
	case Communicator:
		if p.CommuneCode == "" {
			f.Add("commune_code", "Tuyên truyền viên pháp luật do Chủ tịch Ủy ban nhân dân cấp xã công nhận: chọn xã, phường, đặc khu (Điều 37).")
		}
	default:
		f.Add("role", "Chọn báo cáo viên hoặc tuyên truyền viên pháp luật.")
	}
	p.FullName = need(&f, "full_name", p.FullName, "Ghi họ và tên (tối đa 120 ký tự).", 120)
	if p.Sex != "F" && p.Sex != "M" {
		f.Add("sex", "Chọn giới tính.")
	}
	p.DecisionNo = need(&f, "decision_no", p.DecisionNo, "Ghi số quyết định công nhận.", 60)
	if p.DecisionOn.IsZero() || p.DecisionOn.After(today) {
		f.Add("decision_on", "Ngày quyết định không được để trống hoặc sau hôm nay.")
	}
	if p.EndedOn != nil && p.EndedOn.Before(p.DecisionOn) {
		f.Add("ended_on", "Ngày thôi công nhận không được trước ngày công nhận.")
	}
	p.Workplace = strings.TrimSpace(p.Workplace)
	return f.Err()
}

// Material is a publication with its print run (tờ gấp, sách Hỏi - Đáp…);
// its distribution is the handouts of the activities that gave it out.
type Material struct {
	ID          string
	CommuneCode string // "" for the department's
	Title       string
	Kind        string
	PublishedOn time.Time
	Copies      int // the print run
	CostVND     int64
	Publisher   string
}

// ValidateMaterial checks a material.
func ValidateMaterial(m *Material, today time.Time) error {
	var f apperr.FieldList
	m.Title = need(&f, "title", m.Title, "Ghi tên tài liệu (tối đa 300 ký tự).", 300)
	if KindName(m.Kind) == "" {
		f.Add("kind", "Chọn loại tài liệu.")
	}
	if m.PublishedOn.IsZero() || m.PublishedOn.After(today) {
		f.Add("published_on", "Ngày phát hành không được để trống hoặc sau hôm nay.")
	}
	if m.Copies <= 0 || m.Copies > 10_000_000 {
		f.Add("copies", "Số bản in phải lớn hơn 0.")
	}
	if m.CostVND < 0 {
		f.Add("cost_vnd", "Kinh phí không hợp lệ.")
	}
	m.Publisher = strings.TrimSpace(m.Publisher)
	return f.Err()
}

// Bookshelf is a legal bookshelf (tủ sách pháp luật, Decision
// 14/2019/QĐ-TTg) of a commune or an agency.
type Bookshelf struct {
	ID          string
	CommuneCode string
	Name        string
	Place       string
	Books       int
	OpenedOn    time.Time
	Keeper      string
}

// ValidateBookshelf checks a bookshelf.
func ValidateBookshelf(b *Bookshelf, today time.Time) error {
	var f apperr.FieldList
	b.Name = need(&f, "name", b.Name, "Ghi tên tủ sách (tối đa 200 ký tự).", 200)
	b.Place = need(&f, "place", b.Place, "Ghi nơi đặt tủ sách.", 200)
	if b.Books < 0 {
		f.Add("books", "Số đầu sách không hợp lệ.")
	}
	if b.OpenedOn.IsZero() || b.OpenedOn.After(today) {
		f.Add("opened_on", "Ngày xây dựng không được để trống hoặc sau hôm nay.")
	}
	b.Keeper = strings.TrimSpace(b.Keeper)
	return f.Err()
}

// PlanTask is a task of the year's dissemination plan (kế hoạch phổ biến,
// giáo dục pháp luật năm), which activities report against.
type PlanTask struct {
	ID          string
	CommuneCode string // "" for the province's plan
	Year        int
	PlanNo      string // the plan's number ("85/KH-UBND")
	Title       string
	LeadUnit    string
	DueOn       time.Time
	// Target is the number of activities the task plans (0: not fixed).
	Target int
}

// ValidateTask checks a plan task.
func ValidateTask(t *PlanTask) error {
	var f apperr.FieldList
	if t.Year < 2013 || t.Year > 2100 {
		f.Add("year", "Năm kế hoạch không hợp lệ.")
	}
	t.PlanNo = need(&f, "plan_no", t.PlanNo, "Ghi số, ký hiệu kế hoạch.", 60)
	t.Title = need(&f, "title", t.Title, "Ghi nội dung nhiệm vụ (tối đa 300 ký tự).", 300)
	if t.DueOn.IsZero() || t.DueOn.Year() != t.Year {
		f.Add("due_on", "Thời hạn phải trong năm kế hoạch.")
	}
	if t.Target < 0 {
		f.Add("target", "Chỉ tiêu không hợp lệ.")
	}
	t.LeadUnit = strings.TrimSpace(t.LeadUnit)
	return f.Err()
}

// AccessRecord is a commune's access-to-law assessment of a year: its
// self-assessed scores, the result under the rule version of the year,
// and the recognition decision when the province recognises it.
type AccessRecord struct {
	CommuneCode  string
	Year         int
	RuleVersion  string
	Scores       map[int]int
	Disqualified bool
	Total        int
	Met          bool
	DecisionNo   string
	DecisionOn   *time.Time
}

// Recognised reports whether the commune has been recognised.
func (r AccessRecord) Recognised() bool { return r.DecisionOn != nil }

// RuleFor is the rule version that scores a year: the one in force on the
// year's last day (the assessment is of the whole year).
func RuleFor(year int) (AccessRule, bool) {
	return AccessRuleOn(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
}

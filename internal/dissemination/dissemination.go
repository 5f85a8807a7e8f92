// Package dissemination is the legal dissemination register (phổ biến,
// giáo dục pháp luật; Law 14/2012/QH13): activities with their audience,
// channel, headcount, materials handed out and cost; legal lecturers and
// communicators with their decisions; the access-to-law standard of
// communes (Decision 25/2021/QĐ-TTg) scored by versioned rules; and the
// figures for any period, computed from the activities themselves.
package dissemination

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
)

// Channel is how an activity reached people (Law 14/2012 Art. 11: the
// forms of dissemination).
type Channel string

const (
	InPerson  Channel = "in_person"   // trực tiếp: hội nghị, buổi tuyên truyền
	Broadcast Channel = "broadcast"   // phát thanh, truyền hình, loa
	Online    Channel = "online"      // cổng thông tin, mạng xã hội
	Contest   Channel = "contest"     // thi tìm hiểu pháp luật
	Print     Channel = "print"       // tờ gấp, sách, pa-nô
	Shelf     Channel = "bookshelf"   // tủ sách pháp luật
	Counsel   Channel = "counselling" // tư vấn, giải đáp pháp luật
)

// Channels names the channels in Vietnamese, in display order.
var Channels = []struct {
	Code Channel
	Name string
}{
	{InPerson, "Trực tiếp (hội nghị, buổi tuyên truyền)"}, {Broadcast, "Phát thanh, truyền hình, loa truyền thanh"},
	{Online, "Trên Internet, mạng xã hội"}, {Contest, "Thi tìm hiểu pháp luật"}, {Print, "Phát hành tài liệu"},
	{Shelf, "Tủ sách pháp luật"}, {Counsel, "Tư vấn, giải đáp pháp luật"},
}

// Handout is a material handed out at an activity, with its copies.
type Handout struct {
	Material string // "Tờ gấp Luật Phòng, chống bạo lực gia đình"
	Kind     string // "leaflet", "booklet", "video", "poster", "other"
	Copies   int
}

// Activity is one dissemination activity.
type Activity struct {
	ID string
	// Line is the import file's line it was read from (for the import's
	// errors); not stored.
	Line         int
	CommuneCode  string // "" = held by the department (province level)
	HeldOn       time.Time
	Theme        string
	Documents    string // the legal texts covered
	Audience     string
	Channel      Channel
	Place        string
	Participants int
	Women        int
	CostVND      int64
	Organiser    string
	LawDay       bool // a Law Day activity (Art. 8: 9 November)
	PlanTask     string
	Handouts     []Handout
}

// LawDay reports whether day is Vietnam's Law Day, 9 November (Law
// 14/2012/QH13 Art. 8).
func LawDay(day time.Time) bool { return day.Month() == time.November && day.Day() == 9 }

// Validate checks an activity, gathering every mistake.
func Validate(a *Activity, today time.Time) error {
	var f apperr.FieldList
	a.Theme = strings.TrimSpace(a.Theme)
	if a.Theme == "" || utf8.RuneCountInString(a.Theme) > 300 {
		f.Add("theme", "Ghi chủ đề, nội dung tuyên truyền (tối đa 300 ký tự).")
	}
	if strings.TrimSpace(a.Audience) == "" {
		f.Add("audience", "Ghi đối tượng được phổ biến.")
	}
	known := false
	for _, c := range Channels {
		known = known || c.Code == a.Channel
	}
	if !known {
		f.Add("channel", "Chọn hình thức phổ biến.")
	}
	if a.HeldOn.IsZero() || a.HeldOn.After(today) {
		f.Add("held_on", "Ngày tổ chức không được để trống hoặc sau hôm nay.")
	}
	if a.Participants < 0 || a.Women < 0 || a.Women > a.Participants {
		f.Add("participants", "Số người tham dự không hợp lệ (số nữ không lớn hơn tổng số).")
	}
	if a.CostVND < 0 {
		f.Add("cost_vnd", "Kinh phí không hợp lệ.")
	}
	a.Documents, a.Place, a.Organiser = strings.TrimSpace(a.Documents), strings.TrimSpace(a.Place), strings.TrimSpace(a.Organiser)
	if utf8.RuneCountInString(a.Documents) > 1000 || utf8.RuneCountInString(a.Place) > 300 || utf8.RuneCountInString(a.Organiser) > 300 {
		f.Add("documents", "Văn bản, địa điểm, đơn vị tổ chức quá dài.")
	}
	seen := map[string]bool{}
	for i, h := range a.Handouts {
		if strings.TrimSpace(h.Material) == "" || h.Copies <= 0 {
			f.Add(fmt.Sprintf("handouts.%d", i), "Tài liệu cấp phát cần tên và số bản lớn hơn 0.")
		}
		if a.Handouts[i].Kind == "" {
			a.Handouts[i].Kind = "other"
		} else if KindName(h.Kind) == "" {
			f.Add(fmt.Sprintf("handouts.%d", i), "Loại tài liệu không hợp lệ.")
		}
		if seen[h.Material] {
			f.Add(fmt.Sprintf("handouts.%d", i), "Tài liệu ghi hai lần.")
		}
		seen[h.Material] = true
	}
	if LawDay(a.HeldOn) {
		a.LawDay = true
	}
	return f.Err()
}

// Period is a report period, both days included.
type Period struct{ From, To time.Time }

// Figures are the register's figures of a period for one commune or the
// province, from the activities themselves.
type Figures struct {
	Activities   int
	Participants int
	Women        int
	CostVND      int64
	LawDay       int
	Copies       int
	ByChannel    map[Channel]int
	ByMaterial   map[string]int // copies
	ByCommune    map[string]*CommuneFigures
}

// CommuneFigures are one commune's line ("" = the department).
type CommuneFigures struct {
	Activities, Participants, Copies int
}

// Compute is the direct definition of the figures: the activities held in
// the period, their headcounts, costs and copies handed out.
func Compute(p Period, acts []Activity) Figures {
	f := Figures{ByChannel: map[Channel]int{}, ByMaterial: map[string]int{}, ByCommune: map[string]*CommuneFigures{}}
	for _, a := range acts {
		if a.HeldOn.Before(p.From) || a.HeldOn.After(p.To) {
			continue
		}
		f.Activities++
		f.Participants += a.Participants
		f.Women += a.Women
		f.CostVND += a.CostVND
		if a.LawDay {
			f.LawDay++
		}
		f.ByChannel[a.Channel]++
		c := f.ByCommune[a.CommuneCode]
		if c == nil {
			c = &CommuneFigures{}
			f.ByCommune[a.CommuneCode] = c
		}
		c.Activities++
		c.Participants += a.Participants
		for _, h := range a.Handouts {
			f.Copies += h.Copies
			f.ByMaterial[h.Material] += h.Copies
			c.Copies += h.Copies
		}
	}
	return f
}

// Materials lists the materials by copies, most first.
func (f Figures) Materials() []struct {
	Name   string
	Copies int
} {
	out := make([]struct {
		Name   string
		Copies int
	}, 0, len(f.ByMaterial))
	for k, v := range f.ByMaterial {
		out = append(out, struct {
			Name   string
			Copies int
		}{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Copies != out[j].Copies {
			return out[i].Copies > out[j].Copies
		}
		return out[i].Name < out[j].Name
	})
	return out
}

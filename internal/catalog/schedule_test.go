package catalog

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
)

// Law on Civil Status 2014 Art. 64(2): an extract copy from the register is
// issued at once ("ngay"); Art. 5(3): received after 15:00 and not done at
// once, the next working day. Code 2.000635 in the national database.
func TestExtractCopySameDay(t *testing.T) {
	ps, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, ok := Find(ps, "2.000635", calendar.NewDate(2026, time.December, 6))
	if !ok {
		t.Fatal("2.000635 is not in the catalogue")
	}
	if p.ID != "civil_status.extract_copy" || p.TimeLimit != (calendar.Duration{Unit: calendar.SameDay}) {
		t.Fatalf("%s: time limit %v, want same day", p.ID, p.TimeLimit)
	}
	basis := ""
	for _, l := range p.LegalBasis {
		basis += l.Title + " " + l.Note + "; "
	}
	if !strings.Contains(basis, "64") || !strings.Contains(basis, "Điều 5") {
		t.Errorf("legal basis should cite Art. 64(2) and Art. 5(3): %s", basis)
	}
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ at, want time.Time }{
		{vnTime(2026, 12, 7, 15, 0), vnTime(2026, 12, 7, 17, 0)},
		{vnTime(2026, 12, 7, 15, 1), vnTime(2026, 12, 8, 17, 0)},
	} {
		if due, err := cal.Due(c.at, p.TimeLimit, nil); err != nil || !due.Equal(c.want) {
			t.Errorf("received %v: due %v, want %v", c.at, due, c.want)
		}
	}
}

func vnTime(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Zone())
}

// A scheduled change is either a later version of a procedure (Replaces
// names the version it follows; the changed competent agency, authority or
// time limit are read from both) or a recorded notice; Upcoming lists those
// taking effect after today and within the window.
func TestUpcoming(t *testing.T) {
	base := Procedure{ID: "x.v1", Name: "Thủ tục X", Agency: AgencyDepartment, Authority: "Giám đốc Sở Tư pháp",
		EffectiveFrom: calendar.NewDate(2025, 7, 1), EffectiveTo: calendar.NewDate(2027, 2, 28),
		TimeLimit: calendar.Duration{Amount: 10, Unit: calendar.WorkingDays}}
	next := base
	next.ID, next.Replaces = "x.v2", "x.v1"
	next.EffectiveFrom, next.EffectiveTo = calendar.NewDate(2027, 3, 1), calendar.Date{}
	next.Authority = "Chủ tịch Ủy ban nhân dân tỉnh"
	next.TimeLimit = calendar.Duration{Amount: 7, Unit: calendar.WorkingDays}
	far := base
	far.ID, far.Replaces, far.EffectiveFrom, far.EffectiveTo = "x.v3", "x.v2", calendar.NewDate(2028, 6, 1), calendar.Date{}
	notices := []Notice{{ProcedureID: "y", Procedure: "Thủ tục Y", On: calendar.NewDate(2027, 3, 1), What: "Căn cứ pháp lý",
		To: "Luật Hộ tịch số 03/2026/QH16", Source: "research", Verified: false}}
	ps := []Procedure{base, next, far}
	for _, c := range []struct {
		today calendar.Date
		want  []string // "procedure: what"
	}{
		{calendar.NewDate(2026, 12, 1), []string{"Thủ tục X: Người có thẩm quyền quyết định", "Thủ tục X: Thời hạn giải quyết", "Thủ tục Y: Căn cứ pháp lý"}},
		{calendar.NewDate(2026, 12, 2), []string{"Thủ tục X: Người có thẩm quyền quyết định", "Thủ tục X: Thời hạn giải quyết", "Thủ tục Y: Căn cứ pháp lý"}}, // day 89
		{calendar.NewDate(2026, 11, 30), nil}, // 1/3/2027 is 91 days away
		{calendar.NewDate(2027, 3, 1), nil},   // in force today: no longer upcoming
		{calendar.NewDate(2027, 10, 10), nil}, // v3 (1/6/2028) is further than 90 days
	} {
		var got []string
		for _, ch := range Upcoming(ps, notices, c.today, 90) {
			got = append(got, ch.Procedure+": "+ch.What)
			if ch.What == "Thời hạn giải quyết" && (ch.From != "10 ngày làm việc" || ch.To != "7 ngày làm việc") {
				t.Errorf("time limit change %q → %q", ch.From, ch.To)
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("today %s: %q, want %q", c.today, got, c.want)
		}
	}
}

// The changes of 1/3/2027 that research/catalog.md sources are recorded:
// the new Law on Civil Status 03/2026/QH16 (secondary source: unverified)
// and the end of the 2025 decentralisation decrees (Decree 121/2025/NĐ-CP,
// in force until 1/3/2027 per the Ministry of Justice).
func TestBuiltinNotices(t *testing.T) {
	ns, err := BuiltinNotices()
	if err != nil {
		t.Fatal(err)
	}
	var law, decree bool
	for _, n := range ns {
		if n.On != calendar.NewDate(2027, 3, 1) || n.Source == "" {
			t.Errorf("notice %+v", n)
		}
		law = law || strings.Contains(n.To, "03/2026/QH16") && !n.Verified
		decree = decree || strings.Contains(n.Note+n.From, "121/2025")
	}
	if !law || !decree {
		t.Errorf("missing the 1/3/2027 changes: law %v decree %v", law, decree)
	}
}

func TestUpcomingVersionsBack(t *testing.T) {
	a := Procedure{ID: "a", Name: "A", Authority: "X", EffectiveFrom: calendar.NewDate(2025, 1, 1), TimeLimit: calendar.Duration{Amount: 5, Unit: calendar.WorkingDays}}
	b := a
	b.ID, b.Replaces, b.EffectiveFrom, b.TimeLimit = "b", "a", calendar.NewDate(2026, 2, 1), calendar.Duration{Unit: calendar.SameDay}
	got := Upcoming([]Procedure{a, b}, nil, calendar.NewDate(2026, 1, 31), 90)
	if len(got) != 1 || got[0].From != "5 ngày làm việc" || got[0].To != "trong ngày" || got[0].On != b.EffectiveFrom {
		t.Fatalf("%+v", got)
	}
}

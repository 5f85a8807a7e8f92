package emulation

import (
	"slices"
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
func dayp(y, m, d int) *time.Time {
	t := day(y, m, d)
	return &t
}

func codes(us []Unmet) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Code)
	}
	return out
}

func TestCheckTitles(t *testing.T) {
	on := day(2026, 12, 1)
	title := func(c TitleCode) Title {
		v, ok := TitleOn(c, on)
		if !ok {
			t.Fatalf("no title %s", c)
		}
		return v
	}
	person := Evaluation{Kind: Individual, Name: "Nguyễn Văn A", Rating: Good}
	star := Evaluation{Kind: Individual, Name: "Trần Thị B", Rating: Excellent, Initiative: true, ConsecutiveCSTD: 3}
	unit := Evaluation{Kind: Collective, Name: "Phòng Hành chính tư pháp", Rating: Excellent, Members: 10, MembersLDTT: 8, MembersCSTD: 1, ParTasksMet: true}
	with := func(e Evaluation, f func(*Evaluation)) Evaluation { f(&e); return e }
	tests := []struct {
		name  string
		title TitleCode
		e     Evaluation
		par   ParRule
		want  []string
	}{
		{"Law 2022 Art. 24: LĐTT for a good rating", LDTT, person, DefaultParRule, nil},
		{"Law 2022 Art. 24: LĐTT not for 'hoàn thành'", LDTT, with(person, func(e *Evaluation) { e.Rating = Done }), DefaultParRule, []string{"rating"}},
		{"Law 2022 Art. 24: disciplined", LDTT, with(person, func(e *Evaluation) { e.Disciplined = true }), DefaultParRule, []string{"discipline"}},
		{"Law 2022 Art. 23: CSTĐ cơ sở needs excellence and an initiative", CSTDCoSo, person, DefaultParRule, []string{"rating", "initiative"}},
		{"Law 2022 Art. 23: CSTĐ cơ sở met", CSTDCoSo, star, DefaultParRule, nil},
		{"Law 2022 Art. 22: CSTĐ tỉnh needs 3 consecutive CSTĐ cơ sở", CSTDTinh, with(star, func(e *Evaluation) { e.ConsecutiveCSTD = 2 }), DefaultParRule, []string{"consecutive"}},
		{"Law 2022 Art. 22: CSTĐ tỉnh met", CSTDTinh, star, DefaultParRule, nil},
		{"an individual title is not for a collective", LDTT, unit, DefaultParRule, []string{"kind"}},
		{"Law 2022 Art. 27: Tập thể LĐXS met", TapTheLDXS, unit, DefaultParRule, nil},
		{"Law 2022 Art. 27: under 70% LĐTT, no CSTĐ, a member failed", TapTheLDXS,
			with(unit, func(e *Evaluation) { e.MembersLDTT = 6; e.MembersCSTD = 0; e.MembersFailed = 1 }), DefaultParRule,
			[]string{"share_ldtt", "member_cstd", "members_done"}},
		{"Law 2022 Art. 28: Tập thể LĐTT at exactly 50%", TapTheLDTT, with(unit, func(e *Evaluation) { e.MembersLDTT = 5 }), DefaultParRule, nil},
		{"Law 2022 Art. 28: Tập thể LĐTT under 50%", TapTheLDTT, with(unit, func(e *Evaluation) { e.MembersLDTT = 4 }), DefaultParRule, []string{"share_ldtt"}},
		{"seed 002: a division failing its CCHC tasks is not considered", TapTheLDTT, with(unit, func(e *Evaluation) { e.ParTasksMet = false }), DefaultParRule, []string{"par_tasks"}},
		{"seed 002: the PAR rule gates forms of commendation too", GiayKhen, with(unit, func(e *Evaluation) { e.ParTasksMet = false }), DefaultParRule, []string{"par_tasks"}},
		{"seed 002: the PAR rule switched off", TapTheLDTT, with(unit, func(e *Evaluation) { e.ParTasksMet = false }), ParRule{}, nil},
		{"seed 002: the PAR rule is for divisions, not persons", LDTT, person, DefaultParRule, nil},
		{"Law 2022 Art. 75: Giấy khen for a person", GiayKhen, person, DefaultParRule, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := codes(Check(title(tc.title), tc.e, tc.par))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Check = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTitlesByEffectiveDate(t *testing.T) {
	if _, ok := TitleOn(LDTT, day(2023, 12, 31)); ok {
		t.Fatal("Law 06/2022/QH15 takes effect on 1/1/2024: no version before it")
	}
	if len(Titles(day(2024, 1, 1))) != len(titles) {
		t.Fatalf("every title is in force on 1/1/2024")
	}
}

func TestQuotaCSTD(t *testing.T) {
	// Decree 98/2023 (research/domain.md §9 [M]): CSTĐ cơ sở ≤ 15% of the LĐTT.
	for _, tc := range []struct{ ldtt, want int }{{0, 0}, {1, 1}, {6, 1}, {13, 1}, {14, 2}, {20, 3}, {100, 15}} {
		if got := QuotaCSTD(tc.ldtt); got != tc.want {
			t.Errorf("QuotaCSTD(%d) = %d, want %d", tc.ldtt, got, tc.want)
		}
	}
}

func TestParMet(t *testing.T) {
	tasks := []Task{
		{ID: "1", Year: 2026, Owner: "Văn phòng", Due: day(2026, 3, 31), DoneOn: dayp(2026, 3, 30)},
		{ID: "2", Year: 2026, Owner: "Phòng HCTP", Due: day(2026, 6, 30), DoneOn: dayp(2026, 7, 5)},
		{ID: "3", Year: 2026, Owner: "Phòng XLVPHC", Due: day(2026, 9, 30)},
		{ID: "4", Year: 2026, Owner: "Văn phòng", Due: day(2026, 12, 31)},
	}
	tests := []struct {
		name   string
		owner  string
		on     time.Time
		met    bool
		failed int
	}{
		{"seed 002: every task done by its due day", "Văn phòng", day(2026, 12, 15), true, 0},
		{"a task not yet due does not fail the division", "Phòng XLVPHC", day(2026, 9, 30), true, 0},
		{"seed 002: an overdue task fails the division", "Phòng XLVPHC", day(2026, 10, 1), false, 1},
		{"seed 002: a task done late fails the division", "Phòng HCTP", day(2026, 12, 31), false, 1},
		{"a division without tasks meets them", "Phòng PBGDPL", day(2026, 12, 31), true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			met, failed := ParMet(tasks, tc.owner, 2026, tc.on)
			if met != tc.met || len(failed) != tc.failed {
				t.Fatalf("ParMet = %v, %d failed; want %v, %d", met, len(failed), tc.met, tc.failed)
			}
		})
	}
	q := Quarters(tasks, []Review{{TaskID: "3", Year: 2026, Quarter: 3}}, 2026, day(2027, 1, 5))
	if q[0].Due != 1 || q[0].ByState[TaskOnTime] != 1 || q[3].ByState[TaskOverdue] != 1 || q[3].ByState[TaskLate] != 1 || q[2].Reviewed != 1 {
		t.Fatalf("Quarters = %+v", q)
	}
	// Seen on 15/5: the fourth quarter shows nothing overdue yet.
	if q := Quarters(tasks, nil, 2026, day(2026, 5, 15)); q[3].ByState[TaskOverdue] != 0 || q[3].Due != 4 || q[1].ByState[TaskInProgress] != 3 {
		t.Fatalf("Quarters on 15/5 = %+v", q)
	}
}

func TestSelfTotal(t *testing.T) {
	p, m, no := SelfTotal([]Criterion{{Code: "1.1", MaxPoints: 2, Points: 2, Evidence: "KH 12/KH-STP"}, {Code: "2.1", MaxPoints: 3, Points: 1.5}, {Code: "3.1", MaxPoints: 1}})
	if p != 3.5 || m != 6 || !slices.Equal(no, []string{"2.1"}) {
		t.Fatalf("SelfTotal = %v, %v, %v", p, m, no)
	}
}

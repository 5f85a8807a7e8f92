package petition

import (
	"strings"
	"testing"
)

func TestSumProvince(t *testing.T) {
	from, to := day(2026, 7, 1), day(2026, 9, 30)
	a := Figures{Received: 3, Accepted: 2, Resolved: 1, OnTime: 1, Pending: 2, Overdue: 1, AmountVND: 1000, LandM2: 5,
		ByKind: map[Kind]int{KindComplaint: 2, KindDenunciation: 1}, ByChannel: map[Channel]map[Kind]int{ChannelPost: {KindComplaint: 2}},
		Conclusion: map[Conclusion]int{ConclusionRight: 1}, PerKind: map[Kind]map[string]int{KindComplaint: {"received": 2}},
		Visits: VisitFigures{Visits: 4, Persons: 9, Groups: 1, DirectorDays: 2, MissingMonths: []string{"08/2026"}}}
	b := Figures{Received: 2, Late: 1, Resolved: 1, ByKind: map[Kind]int{KindComplaint: 1, KindFeedback: 1},
		ByChannel:  map[Channel]map[Kind]int{ChannelPost: {KindComplaint: 1}, ChannelPortal: {KindFeedback: 1}},
		Conclusion: map[Conclusion]int{ConclusionRight: 1, ConclusionWrong: 0}, PerKind: map[Kind]map[string]int{KindComplaint: {"received": 1}, KindFeedback: {"received": 1}},
		Visits: VisitFigures{Visits: 1, Persons: 1}}
	s := Sum(from, to, []Figures{a, b})
	for name, got := range map[string][2]int64{
		"received": {int64(s.Received), 5}, "accepted": {int64(s.Accepted), 2}, "resolved": {int64(s.Resolved), 2},
		"on time": {int64(s.OnTime), 1}, "late": {int64(s.Late), 1}, "pending": {int64(s.Pending), 2}, "overdue": {int64(s.Overdue), 1},
		"amount": {s.AmountVND, 1000}, "land": {s.LandM2, 5}, "complaints": {int64(s.ByKind[KindComplaint]), 3},
		"post complaints": {int64(s.ByChannel[ChannelPost][KindComplaint]), 3}, "portal feedback": {int64(s.ByChannel[ChannelPortal][KindFeedback]), 1},
		"right": {int64(s.Conclusion[ConclusionRight]), 2}, "per kind": {int64(s.PerKind[KindComplaint]["received"]), 3},
		"visits": {int64(s.Visits.Visits), 5}, "persons": {int64(s.Visits.Persons), 10}, "director days": {int64(s.Visits.DirectorDays), 2},
	} {
		if got[0] != got[1] {
			t.Errorf("%s: %d, want %d", name, got[0], got[1])
		}
	}
	if s.From != from || s.To != to || len(s.Visits.MissingMonths) != 0 {
		t.Errorf("period %v–%v, missing months %v", s.From, s.To, s.Visits.MissingMonths)
	}
	if a.ByChannel[ChannelPost][KindComplaint] != 2 {
		t.Error("Sum changed its input")
	}
}

// TestOutcomeBases: the texts a decision, conclusion or reply cites are
// those in force on its day (Law 136/2025/QH15 and Decrees 154, 155,
// 156/2026 from 1/7/2026).
func TestOutcomeBases(t *testing.T) {
	for _, tt := range []struct {
		name      string
		p         Petition
		on        [3]int
		title     string
		want, not []string
	}{
		{"complaint, 1st instance, before the change (Law 02/2011 Art. 31; Decree 124/2020)", Petition{Kind: KindComplaint, Instance: 1}, [3]int{2026, 6, 30}, "QUYẾT ĐỊNH",
			[]string{"02/2011/QH13;", "124/2020/NĐ-CP", "(lần đầu)", "Điều 31"}, []string{"136/2025", "155/2026"}},
		{"complaint, 2nd instance, from 1/7/2026 (Art. 40; Decree 155/2026)", Petition{Kind: KindComplaint, Instance: 2}, [3]int{2026, 7, 1}, "QUYẾT ĐỊNH",
			[]string{"136/2025/QH15", "155/2026/NĐ-CP", "(lần hai)", "Điều 40"}, []string{"156/2026"}},
		{"denunciation before the change (Law 25/2018 Art. 35; Decree 31/2019)", Petition{Kind: KindDenunciation, Code: "TC-2026-000001"}, [3]int{2026, 6, 30}, "KẾT LUẬN NỘI DUNG TỐ CÁO",
			[]string{"25/2018/QH14;", "31/2019/NĐ-CP", "Điều 35", "TC-2026-000001"}, []string{"156/2026", "136/2025"}},
		{"denunciation from 1/7/2026 (Decree 156/2026)", Petition{Kind: KindDenunciation}, [3]int{2026, 8, 3}, "KẾT LUẬN NỘI DUNG TỐ CÁO",
			[]string{"136/2025/QH15", "156/2026/NĐ-CP"}, []string{"155/2026"}},
		{"feedback before: Decree 64/2014", Petition{Kind: KindFeedback}, [3]int{2026, 6, 30}, "VĂN BẢN TRẢ LỜI",
			[]string{"42/2013/QH13", "64/2014/NĐ-CP"}, []string{"154/2026"}},
		{"feedback after: Decree 154/2026 replaces Decree 64/2014", Petition{Kind: KindFeedback}, [3]int{2026, 7, 2}, "VĂN BẢN TRẢ LỜI",
			[]string{"42/2013/QH13", "154/2026/NĐ-CP"}, []string{"64/2014"}},
	} {
		o := OutcomeOf(tt.p, day(tt.on[0], tt.on[1], tt.on[2]))
		all := o.Title + "|" + o.Subject + "|" + o.Article + "|" + strings.Join(o.Bases, "|")
		if o.Title != tt.title {
			t.Errorf("%s: title %q", tt.name, o.Title)
		}
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q missing from %s", tt.name, w, all)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(all, w) {
				t.Errorf("%s: %q cited in %s", tt.name, w, all)
			}
		}
		if len(o.Bases) != 2 {
			t.Errorf("%s: %d bases", tt.name, len(o.Bases))
		}
	}
}

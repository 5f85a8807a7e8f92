package practitioner

import (
	"strings"
	"testing"
	"time"
)

func d(y, m, dd int) time.Time   { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
func dp(y, m, dd int) *time.Time { t := d(y, m, dd); return &t }

// Law 46/2024/QH15 Art. 10(1) ("không quá 70 tuổi") and Art. 76(5): a
// notary over 70 on 1/7/2025 practises 2 more years (to the close of
// 1/7/2027, Civil Code Art. 147(2), 148); one from full 68 to full 70 until
// reaching 72; the others stop on reaching 70.
func TestNotaryStop(t *testing.T) {
	today := d(2026, 12, 6)
	tests := []struct {
		name       string
		birth      time.Time
		practising bool
		want       time.Time
		code       string
	}{
		{"Art. 76(5): 75 on 1/7/2025 → 2 years from 1/7/2025", d(1950, 3, 1), true, d(2027, 7, 2), "transition_over_70"},
		{"Art. 76(5): 70th birthday the day before → over 70", d(1955, 6, 30), true, d(2027, 7, 2), "transition_over_70"},
		{"Art. 76(5): reaches full 70 on 1/7/2025 → band 68–70, until 72", d(1955, 7, 1), true, d(2027, 7, 1), "transition_68_70"},
		{"Art. 76(5): 69 on 1/7/2025 → until 72", d(1956, 1, 15), true, d(2028, 1, 15), "transition_68_70"},
		{"Art. 76(5): reaches full 68 on 1/7/2025 → until 72", d(1957, 7, 1), true, d(2029, 7, 1), "transition_68_70"},
		{"Art. 10(1): 68th birthday the day after → stops at 70", d(1957, 7, 2), true, d(2027, 7, 2), "max_age"},
		{"Art. 10(1): 50 years old → stops at 70", d(1976, 9, 9), true, d(2046, 9, 9), "max_age"},
		{"Art. 76(5) covers only notaries practising on 1/7/2025", d(1950, 3, 1), false, d(2020, 3, 1), "max_age"},
		{"29/2 birth: 72nd birthday falls on 29/2/2028", d(1956, 2, 29), true, d(2028, 2, 29), "transition_68_70"},
	}
	for _, tt := range tests {
		got, ok := NotaryStop(tt.birth, tt.practising, today)
		if !ok || !got.StopOn.Equal(tt.want) || got.Code != tt.code {
			t.Errorf("%s: got %v %s (ok %v), want %s %s", tt.name, got.StopOn.Format("02/01/2006"), got.Code, ok,
				tt.want.Format("02/01/2006"), tt.code)
		}
		if !strings.Contains(got.Basis, "Điều") {
			t.Errorf("%s: basis %q cites no article", tt.name, got.Basis)
		}
	}
	// Law 53/2014 had no age limit: before 1/7/2025 nothing applies.
	if _, ok := NotaryStop(d(1940, 1, 1), true, d(2025, 6, 30)); ok {
		t.Error("an age limit applied before Law 46/2024 took effect")
	}
}

func TestMustStopWithin(t *testing.T) {
	ps := []Person{
		{ID: "a", Profession: Notary, BirthDate: d(1950, 3, 1), PractisingOn: true, Status: StatusActive},  // 2/7/2027
		{ID: "b", Profession: Notary, BirthDate: d(1956, 1, 15), PractisingOn: true, Status: StatusActive}, // 15/1/2028
		{ID: "c", Profession: Notary, BirthDate: d(1980, 1, 1), Status: StatusActive},                      // 2050
		{ID: "d", Profession: Lawyer, BirthDate: d(1940, 1, 1), Status: StatusActive},                      // no age limit
		{ID: "e", Profession: Notary, BirthDate: d(1950, 3, 1), Status: StatusRemoved},                     // already removed
		{ID: "f", Profession: Notary, BirthDate: d(1950, 3, 1), Status: StatusActive},                      // not practising on 1/7/2025: 70 on 1/3/2020, overdue
	}
	got := MustStopWithin(ps, d(2026, 12, 6), d(2027, 12, 31))
	var ids []string
	for _, m := range got {
		ids = append(ids, m.Person.ID)
	}
	if strings.Join(ids, ",") != "f,a" {
		t.Fatalf("got %v, want f,a", ids)
	}
	if !got[0].Overdue || got[1].Overdue {
		t.Errorf("overdue flags: %v %v", got[0].Overdue, got[1].Overdue)
	}
}

// The register's state changes follow the procedures of registration,
// change, suspension, conversion, merger, dissolution, revocation and
// removal (catalog.md rows 15–27, 32–37; Law 46/2024 Art. 76(5) for the
// automatic removal).
func TestNext(t *testing.T) {
	tests := []struct {
		subject Subject
		from    Status
		kind    EventKind
		want    Status
		ok      bool
	}{
		{SubjectOrg, "", EvRegistered, StatusActive, true},
		{SubjectOrg, "", EvChanged, "", false},
		{SubjectOrg, StatusActive, EvRegistered, "", false},
		{SubjectOrg, StatusActive, EvChanged, StatusActive, true},
		{SubjectOrg, StatusSuspended, EvChanged, StatusSuspended, true},
		{SubjectOrg, StatusActive, EvSuspended, StatusSuspended, true},
		{SubjectOrg, StatusSuspended, EvResumed, StatusActive, true},
		{SubjectOrg, StatusActive, EvResumed, "", false},
		{SubjectOrg, StatusActive, EvConverted, StatusConverted, true},
		{SubjectOrg, StatusSuspended, EvConverted, "", false},
		{SubjectOrg, StatusActive, EvMerged, StatusMerged, true},
		{SubjectOrg, StatusSuspended, EvDissolved, StatusDissolved, true},
		{SubjectOrg, StatusDissolved, EvResumed, "", false},
		{SubjectOrg, StatusActive, EvRemoved, "", false},
		{SubjectPerson, "", EvRegistered, StatusActive, true},
		{SubjectPerson, StatusActive, EvMoved, StatusActive, true},
		{SubjectPerson, StatusActive, EvRemoved, StatusRemoved, true},
		{SubjectPerson, StatusRemoved, EvResumed, "", false},
		{SubjectPerson, StatusSuspended, EvRevoked, StatusRevoked, true},
		{SubjectPerson, StatusActive, EvMerged, "", false},
	}
	for _, tt := range tests {
		got, err := Next(tt.subject, tt.from, tt.kind)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Next(%s, %q, %s) = %q, %v; want %q ok=%v", tt.subject, tt.from, tt.kind, got, err, tt.want, tt.ok)
		}
		if err != nil && err.Error() == "" {
			t.Errorf("empty message")
		}
	}
}

// Decree 82/2020/NĐ-CP Art. 32 (bailiffs): k1 1–3 million, k2 3–7, k3 7–10;
// an organisation's fine is twice an individual's (Art. 4(2)).
func TestCheckFine(t *testing.T) {
	k1, _ := ViolationByCode("82/2020:32.1")
	k3, _ := ViolationByCode("82/2020:32.3")
	open, _ := ViolationByCode("82/2020:16")
	tests := []struct {
		name string
		v    Violation
		amt  int64
		org  bool
		ok   bool
	}{
		{"Art. 32(1) lowest", k1, 1_000_000, false, true},
		{"Art. 32(1) highest", k1, 3_000_000, false, true},
		{"Art. 32(1) above the range", k1, 3_000_001, false, false},
		{"Art. 32(1) below the range", k1, 999_999, false, false},
		{"Art. 32(1) organisation: 2–6 million", k1, 6_000_000, true, true},
		{"Art. 32(1) organisation below its doubled floor", k1, 1_500_000, true, false},
		{"Art. 32(3) 8 million", k3, 8_000_000, false, true},
		{"zero fine", k3, 0, false, false},
		{"unverified clause: up to the field's ceiling", open, 40_000_000, false, true},
		{"unverified clause: above the ceiling", open, 40_000_001, false, false},
	}
	for _, tt := range tests {
		err := CheckFine(tt.v, tt.amt, tt.org)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if err != nil && !strings.Contains(err.Error(), "Điều") {
			t.Errorf("%s: message %q cites no article", tt.name, err)
		}
	}
}

// TT 17/2025 form 10a/TP/CC: due 10/6, 10/11 and 10/1 of the next year; the
// checks col2 = col3 + col5, col4 ≤ col3, col6 ≤ col5 (justice-stats.md §4.1).
func TestForm10a(t *testing.T) {
	f, _ := FormFor(Notary)
	if got := f.Due(2026, PeriodHalf); !got.Equal(d(2026, 6, 10)) {
		t.Errorf("half due %v", got)
	}
	if got := f.Due(2026, PeriodYearPrelim); !got.Equal(d(2026, 11, 10)) {
		t.Errorf("prelim due %v", got)
	}
	if got := f.Due(2026, PeriodYearOfficial); !got.Equal(d(2027, 1, 10)) {
		t.Errorf("year due %v", got)
	}
	good := map[string]int64{"c1": 3, "c2": 100, "c3": 60, "c4": 5, "c5": 40, "c6": 0, "c7": 50_000_000}
	if ps := CheckFiling(f, good); len(ps) != 0 {
		t.Errorf("good filing refused: %v", ps)
	}
	bad := map[string]int64{"c2": 100, "c3": 60, "c4": 61, "c5": 30, "c6": 31, "c11": 1, "c12": 2, "c99": 1, "c7": -1}
	var keys []string
	for _, p := range CheckFiling(f, bad) {
		keys = append(keys, p.Key)
	}
	if got := strings.Join(keys, ","); got != "c7,c99,c2,c4,c6,c12" {
		t.Errorf("problems %s", got)
	}
}

func TestRoll(t *testing.T) {
	f, _ := FormFor(Notary)
	orgs := []Organisation{
		{ID: "a", Profession: Notary, Status: StatusActive, RegisteredOn: d(2020, 1, 1)},
		{ID: "b", Profession: Notary, Status: StatusActive, RegisteredOn: d(2021, 1, 1)},
		{ID: "c", Profession: Notary, Status: StatusDissolved, RegisteredOn: d(2019, 1, 1)},
		{ID: "d", Profession: Notary, Status: StatusActive, RegisteredOn: d(2026, 7, 1)}, // after the due day
		{ID: "e", Profession: Lawyer, Status: StatusActive, RegisteredOn: d(2020, 1, 1)},
	}
	fs := []Filing{
		{OrgID: "a", Form: f.Code, Year: 2026, Period: PeriodHalf, Figures: map[string]int64{"c2": 10, "c3": 6, "c5": 4}},
		{OrgID: "a", Form: f.Code, Year: 2025, Period: PeriodHalf, Figures: map[string]int64{"c2": 99}},
	}
	r := Roll(f, 2026, PeriodHalf, orgs, fs)
	if r.Expected != 2 || len(r.Missing) != 1 || r.Missing[0].ID != "b" || r.Totals["c2"] != 10 || len(r.Filed) != 1 {
		t.Errorf("roll-up %+v", r)
	}
}

// Decree 08/2020 (domain.md §7 [M]): sent within 3 working days of making,
// registered within 2 working days of receipt; weekends do not count.
func TestViBangLate(t *testing.T) {
	// Made Thursday 3/12/2026: due at the department by Tuesday 8/12.
	sent, reg := ViBangLate(d(2026, 12, 3), d(2026, 12, 8), dp(2026, 12, 10), d(2026, 12, 10), nil)
	if sent || reg {
		t.Errorf("on time flagged: %v %v", sent, reg)
	}
	sent, reg = ViBangLate(d(2026, 12, 3), d(2026, 12, 9), dp(2026, 12, 14), d(2026, 12, 14), nil)
	if !sent || !reg {
		t.Errorf("late not flagged: %v %v", sent, reg)
	}
	// Not registered yet, today past the due day.
	if _, reg := ViBangLate(d(2026, 12, 3), d(2026, 12, 4), nil, d(2026, 12, 9), nil); !reg {
		t.Error("unregistered past due not flagged")
	}
	holiday := func(t time.Time) bool {
		return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday && !t.Equal(d(2026, 12, 7))
	}
	if got := AddWorkdays(d(2026, 12, 3), 3, holiday); !got.Equal(d(2026, 12, 9)) {
		t.Errorf("with a holiday on 7/12: %v", got)
	}
}

func TestVND(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1.000", 40_000_000: "40.000.000", -1234: "-1.234"} {
		if got := VND(n); got != want {
			t.Errorf("VND(%d) = %s", n, got)
		}
	}
}

func TestLinkOf(t *testing.T) {
	if l, ok := LinkOf("", "1.002010.H38", "x"); !ok || l.Kind != "law_company" {
		t.Errorf("code with province suffix: %v %v", l, ok)
	}
	if l, ok := LinkOf("", "", "  Đăng ký hoạt động  văn phòng công chứng "); !ok || l.Kind != "notary_office" || l.Event != EvRegistered {
		t.Errorf("by name: %v %v", l, ok)
	}
	if l, ok := LinkOf("notary.office_registration", "", ""); !ok || l.Kind != "notary_office" {
		t.Errorf("by catalogue ID: %v %v", l, ok)
	}
	if _, ok := LinkOf("jr.certificate", "2.000908", "Cấp phiếu lý lịch tư pháp"); ok {
		t.Error("an unrelated procedure linked")
	}
}

// An organisation's reports of two years as of 6/12/2026 (Circular
// 17/2025/TT-BTP: by 10/6, 10/11 and 10/1 of the next year).
func TestSchedule(t *testing.T) {
	f, ok := FormFor(Notary)
	if !ok {
		t.Fatal("no notary form")
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	filings := []Filing{
		{Form: f.Code, Year: 2025, Period: PeriodHalf, FiledAt: day(2025, 6, 20), Late: true},
		{Form: f.Code, Year: 2025, Period: PeriodYearPrelim, FiledAt: day(2025, 11, 3)},
		{Form: f.Code, Year: 2025, Period: PeriodYearOfficial, FiledAt: day(2026, 1, 8)},
		{Form: f.Code, Year: 2026, Period: PeriodHalf, FiledAt: day(2026, 6, 9)},
		{Form: "other", Year: 2026, Period: PeriodYearPrelim, FiledAt: day(2026, 11, 1)}, // another form's
	}
	rows := Schedule(f, filings, 2025, 2026, day(2019, 5, 10), day(2026, 12, 6))
	want := []struct {
		year  int
		p     ReportPeriod
		due   time.Time
		state string
	}{
		{2025, PeriodHalf, day(2025, 6, 10), "filed_late"},
		{2025, PeriodYearPrelim, day(2025, 11, 10), "filed"},
		{2025, PeriodYearOfficial, day(2026, 1, 10), "filed"},
		{2026, PeriodHalf, day(2026, 6, 10), "filed"},
		{2026, PeriodYearPrelim, day(2026, 11, 10), "overdue"},
		{2026, PeriodYearOfficial, day(2027, 1, 10), "due"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		if r.Year != w.year || r.Period != w.p || !r.Due.Equal(w.due) || r.State != w.state || r.StateName() == "" {
			t.Errorf("row %d = %d %s due %s %s, want %d %s due %s %s", i, r.Year, r.Period, r.Due.Format("02/01/2006"), r.State, w.year, w.p, w.due.Format("02/01/2006"), w.state)
		}
	}
	// An office registered on 15/9/2025 owes nothing for the first half of
	// 2025 (the six-month report covers 1/1–31/5).
	if rows := Schedule(f, nil, 2025, 2026, day(2025, 9, 15), day(2026, 12, 6)); len(rows) != 5 || rows[0].Period != PeriodYearPrelim || rows[0].Year != 2025 {
		t.Errorf("registered 15/9/2025: %+v", rows)
	}
}

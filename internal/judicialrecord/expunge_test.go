package judicialrecord

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
)

func d(y, m, day int) calendar.Date { return calendar.NewDate(y, time.Month(m), day) }

// served is a conviction for theft (Penal Code 2015 Art. 173, Chapter XVI)
// whose main penalty was served on 20/05/2023, with the other decisions of
// the judgment (compensation) completed before.
func served(p Penalty, months int) Conviction {
	return Conviction{ID: "old", FullName: "Huỳnh Văn Lộc", IDNumber: "082093004567", Court: "TAND TP Cao Lãnh", JudgmentNo: "57/2022/HS-ST",
		JudgmentDate: d(2022, 8, 16), OffenceDate: d(2022, 3, 2), Offence: "Trộm cắp tài sản", Article: "Khoản 1 Điều 173 Bộ luật Hình sự năm 2015",
		Sentence: "tù", Penalty: p, PrisonMonths: months, Completed: d(2023, 5, 20), Obligations: ObligationsDone, ObligationsDate: d(2023, 3, 15)}
}

// TestExpungementBands: Penal Code 2015 (amended 2017) Art. 70(2): from the
// day the main penalty is served (or the probation ends) the record is
// expunged by law after (a) 1 year for a warning, a fine, non-custodial
// reform or a suspended sentence; (b) 2 years for imprisonment up to 5
// years; (c) 3 years for over 5 up to 15 years; (d) 5 years for over 15
// years, life, or a commuted death sentence. The period ends at the end of
// the corresponding day of its last year (Civil Code 2015 Art. 147(2),
// 148(4)); the record is expunged from the next day.
func TestExpungementBands(t *testing.T) {
	cases := []struct {
		name   string
		p      Penalty
		months int
		point  string
		on     calendar.Date
	}{
		{"warning", PenaltyWarning, 0, "a", d(2024, 5, 21)},
		{"fine", PenaltyFine, 0, "a", d(2024, 5, 21)},
		{"non-custodial reform", PenaltyNonCustodial, 0, "a", d(2024, 5, 21)},
		{"suspended sentence (from the end of probation)", PenaltySuspended, 0, "a", d(2024, 5, 21)},
		{"prison 9 months", PenaltyPrison, 9, "b", d(2025, 5, 21)},
		{"prison exactly 5 years", PenaltyPrison, 60, "b", d(2025, 5, 21)},
		{"prison 5 years 1 month", PenaltyPrison, 61, "c", d(2026, 5, 21)},
		{"prison exactly 15 years", PenaltyPrison, 180, "c", d(2026, 5, 21)},
		{"prison 16 years", PenaltyPrison, 192, "d", d(2028, 5, 21)},
		{"life", PenaltyLife, 0, "d", d(2028, 5, 21)},
		{"death commuted", PenaltyDeathCommuted, 0, "d", d(2028, 5, 21)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cv := served(c.p, c.months)
			e := AssessAll([]Conviction{cv}, d(2030, 1, 1))[0]
			if e.Status != ExpExpunged || e.On != c.on {
				t.Fatalf("%s on %s, want expunged on %s; steps %q verify %q", e.Status, e.On, c.on, e.Steps, e.Verify)
			}
			if !strings.Contains(strings.ToLower(e.Basis), "điểm "+c.point+" khoản 2 điều 70") {
				t.Fatalf("basis %q, want point %s", e.Basis, c.point)
			}
			// The day before, it is not yet expunged and the date is shown.
			e = AssessAll([]Conviction{cv}, c.on.AddDays(-1))[0]
			if e.Status != ExpPending || e.On != c.on {
				t.Fatalf("the day before: %s on %s", e.Status, e.On)
			}
		})
	}
}

// TestExpungementNewOffence: Art. 70(2) requires no new offence within the
// period; Art. 73(2): when the person, not yet expunged, commits a new
// offence and is convicted, the period of the old record counts again from
// the day the new main penalty is served.
func TestExpungementNewOffence(t *testing.T) {
	old := served(PenaltyPrison, 9) // would be expunged 21/05/2025
	newer := func(offence, completed calendar.Date) Conviction {
		n := served(PenaltyPrison, 6)
		n.ID, n.JudgmentNo, n.OffenceDate, n.JudgmentDate, n.Completed = "new", "12/2025/HS-ST", offence, offence.AddDays(60), completed
		n.ObligationsDate = completed
		return n
	}
	cases := []struct {
		name   string
		newer  Conviction
		status ExpStatus
		on     calendar.Date
	}{
		{"new offence inside the window restarts it from the new completion", newer(d(2024, 10, 1), d(2025, 8, 31)), ExpExpunged, d(2027, 9, 1)},
		{"new offence on the last day of the window", newer(d(2025, 5, 20), d(2025, 12, 31)), ExpPending, d(2028, 1, 1)},
		{"offence the day the record was expunged: no effect", newer(d(2025, 5, 21), d(2026, 1, 31)), ExpExpunged, d(2025, 5, 21)},
		{"offence years later: no effect", newer(d(2026, 2, 1), d(2026, 9, 1)), ExpExpunged, d(2025, 5, 21)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := AssessAll([]Conviction{old, c.newer}, d(2027, 12, 1))[0]
			if e.Status != c.status || e.On != c.on {
				t.Fatalf("%s on %s, want %s on %s; steps %q verify %q", e.Status, e.On, c.status, c.on, e.Steps, e.Verify)
			}
			if c.newer.OffenceDate.Before(d(2025, 5, 21)) && !strings.Contains(strings.Join(e.Steps, " "), "Điều 73") {
				t.Fatalf("the restart does not cite Art. 73(2): %q", e.Steps)
			}
		})
	}
	// An offence committed before the old judgment is not a new offence.
	before := newer(d(2022, 1, 5), d(2026, 6, 1))
	before.JudgmentDate = d(2023, 1, 10)
	if e := AssessAll([]Conviction{old, before}, d(2027, 12, 1))[0]; e.Status != ExpExpunged || e.On != d(2025, 5, 21) {
		t.Fatalf("earlier offence restarted the period: %s %s %q", e.Status, e.On, e.Steps)
	}
	// A later conviction whose offence date is unknown cannot be placed.
	unknown := newer(d(2024, 10, 1), d(2025, 8, 31))
	unknown.OffenceDate = calendar.Date{}
	if e := AssessAll([]Conviction{old, unknown}, d(2027, 12, 1))[0]; e.Status != ExpVerify {
		t.Fatalf("unknown offence date guessed: %s %s", e.Status, e.On)
	}
}

// TestExpungementVerify: what the data cannot settle is flagged for
// verification, never guessed (issue 16.11).
func TestExpungementVerify(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Conviction)
		want string // in the reasons
	}{
		{"unpaid fine or compensation", func(c *Conviction) { c.Obligations, c.ObligationsDate = ObligationsOutstanding, calendar.Date{} }, "chưa chấp hành xong"},
		{"obligations not known", func(c *Conviction) { c.Obligations, c.ObligationsDate = "", calendar.Date{} }, "thi hành án"},
		{"obligations done without a date", func(c *Conviction) { c.ObligationsDate = calendar.Date{} }, "ngày chấp hành xong hình phạt bổ sung"},
		{"missing completion date", func(c *Conviction) { c.Completed = calendar.Date{} }, "ngày chấp hành xong hình phạt chính"},
		{"unknown penalty", func(c *Conviction) { c.Penalty, c.Sentence = "", "Trục xuất" }, "hình phạt chính"},
		{"death sentence not commuted", func(c *Conviction) { c.Penalty = PenaltyDeath }, "hình phạt chính"},
		{"article unknown", func(c *Conviction) { c.Article = "" }, "Chương XIII"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cv := served(PenaltyPrison, 9)
			c.mod(&cv)
			e := AssessAll([]Conviction{cv}, d(2030, 1, 1))[0]
			if e.Status != ExpVerify || !strings.Contains(strings.Join(e.Verify, " "), c.want) {
				t.Fatalf("%s, verify %q; want a flag mentioning %q", e.Status, e.Verify, c.want)
			}
		})
	}
	// No other decision in the judgment: nothing to wait for.
	cv := served(PenaltyPrison, 9)
	cv.Obligations, cv.ObligationsDate = ObligationsNone, calendar.Date{}
	if e := AssessAll([]Conviction{cv}, d(2030, 1, 1))[0]; e.Status != ExpExpunged || e.On != d(2025, 5, 21) {
		t.Fatalf("no obligations: %s %s %q", e.Status, e.On, e.Verify)
	}
	// Obligations completed after the period: expunged when completed.
	cv = served(PenaltyPrison, 9)
	cv.ObligationsDate = d(2025, 9, 9)
	if e := AssessAll([]Conviction{cv}, d(2030, 1, 1))[0]; e.Status != ExpExpunged || e.On != d(2025, 9, 9) {
		t.Fatalf("late obligations: %s %s", e.Status, e.On)
	}
}

// TestExpungementOther: Art. 70(1) excludes Chapters XIII (national
// security, Art. 108-122) and XXVI (Art. 421-425), which need a court
// decision (Art. 71); Art. 70(3) counts from the lapse of enforcement;
// Art. 69(2): a person exempted from penalty has no record; an expungement
// already recorded (a court decision) is kept.
func TestExpungementOther(t *testing.T) {
	cv := served(PenaltyPrison, 9)
	cv.Article = "Khoản 2 Điều 117 Bộ luật Hình sự năm 2015"
	if e := AssessAll([]Conviction{cv}, d(2030, 1, 1))[0]; e.Status != ExpCourt || !strings.Contains(e.Basis, "Điều 71") {
		t.Fatalf("Chapter XIII: %s %q", e.Status, e.Basis)
	}
	cv.Article = "Điều 423 Bộ luật Hình sự 2015"
	if e := AssessAll([]Conviction{cv}, d(2030, 1, 1))[0]; e.Status != ExpCourt {
		t.Fatalf("Chapter XXVI: %s", e.Status)
	}
	cv.Article = "Điều 79 Bộ luật Hình sự năm 1999"
	if e := AssessAll([]Conviction{cv}, d(2030, 1, 1))[0]; e.Status != ExpCourt {
		t.Fatalf("1999 Chapter XI: %s", e.Status)
	}
	lapsed := served(PenaltyFine, 0)
	lapsed.Completed, lapsed.Lapsed = calendar.Date{}, d(2027, 3, 1)
	if e := AssessAll([]Conviction{lapsed}, d(2030, 1, 1))[0]; e.Status != ExpExpunged || e.On != d(2028, 3, 2) || !strings.Contains(strings.ToLower(e.Basis), "khoản 3 điều 70") {
		t.Fatalf("lapse: %s %s %q", e.Status, e.On, e.Basis)
	}
	exempt := served(PenaltyExempted, 0)
	exempt.Completed = calendar.Date{}
	if e := AssessAll([]Conviction{exempt}, d(2030, 1, 1))[0]; e.Status != ExpNoRecord {
		t.Fatalf("exempted: %s", e.Status)
	}
	rec := served(PenaltyPrison, 9)
	rec.Completed, rec.Expunged = calendar.Date{}, d(2024, 2, 2)
	if e := AssessAll([]Conviction{rec}, d(2030, 1, 1))[0]; e.Status != ExpRecorded || e.On != d(2024, 2, 2) {
		t.Fatalf("recorded: %s %s", e.Status, e.On)
	}
	// Leap day: a period from 29/02 ends on 28/02 of a common year.
	leap := served(PenaltyFine, 0)
	leap.Completed = d(2024, 2, 29)
	if e := AssessAll([]Conviction{leap}, d(2030, 1, 1))[0]; e.On != d(2025, 3, 1) {
		t.Fatalf("leap day: %s", e.On)
	}
}

// TestSentenceText: records kept before the penalty was structured are
// read from the sentence text only when it is unambiguous.
func TestSentenceText(t *testing.T) {
	cases := []struct {
		text   string
		p      Penalty
		months int
	}{
		{"09 tháng tù", PenaltyPrison, 9},
		{"02 năm 06 tháng tù", PenaltyPrison, 30},
		{"3 năm tù", PenaltyPrison, 36},
		{"Phạt tù 18 tháng", PenaltyPrison, 18},
		{"12 tháng tù nhưng cho hưởng án treo, thời gian thử thách 24 tháng", PenaltySuspended, 0},
		{"Cảnh cáo", PenaltyWarning, 0},
		{"Phạt tiền 20.000.000 đồng", PenaltyFine, 0},
		{"Cải tạo không giam giữ 12 tháng", PenaltyNonCustodial, 0},
		{"Tù chung thân", PenaltyLife, 0},
		{"Tử hình", "", 0},
		{"Trục xuất", "", 0},
		{"tù", "", 0},
	}
	for _, c := range cases {
		p, m := ParseSentence(c.text)
		if p != c.p || m != c.months {
			t.Errorf("%q: %q %d, want %q %d", c.text, p, m, c.p, c.months)
		}
	}
}

// TestCertificateStatesExpungedByLaw: the demo's case (9 months served on
// 20/05/2023): No. 1 states "Không có án tích", No. 2 lists the record as
// expunged on 21/05/2025; a record the data cannot settle is reported.
func TestCertificateStatesExpungedByLaw(t *testing.T) {
	cv := served(PenaltyPrison, 9)
	day := d(2026, 11, 23)
	c := CertificateContent(Form1, false, []Conviction{cv}, nil, day)
	if !c.NoRecord || len(c.Convictions) != 0 || len(c.Unsettled) != 0 {
		t.Fatalf("No. 1: %+v", c)
	}
	c = CertificateContent(Form2, false, []Conviction{cv}, nil, day)
	if c.NoRecord || len(c.Convictions) != 1 || c.Convictions[0].Expunged != d(2025, 5, 21) {
		t.Fatalf("No. 2: %+v", c)
	}
	cv.Obligations = ObligationsOutstanding
	c = CertificateContent(Form1, false, []Conviction{cv}, nil, day)
	if len(c.Unsettled) != 1 || len(c.Convictions) != 1 {
		t.Fatalf("unsettled: %+v", c)
	}
}

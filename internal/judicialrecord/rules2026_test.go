package judicialrecord

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// TestVersion2026: from 1/7/2026 the Law as amended by Law 107/2025/QH15
// and Decree 216/2026/NĐ-CP (replacing Decree 111/2010/NĐ-CP) apply, with
// the fee of Circular 16/2025/TT-BTC (amounts unverified); a request
// received the day before keeps the earlier version.
func TestVersion2026(t *testing.T) {
	old, err := RulesAt(d(2026, 6, 30))
	if err != nil {
		t.Fatal(err)
	}
	v, err := RulesAt(d(2026, 7, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(old.Fee.Source, "244/2016/TT-BTC") || old.AnyOffice || len(old.Intake) != 0 || strings.Contains(old.Law, "107/2025") {
		t.Fatalf("30/06/2026 is not the earlier version: %+v", old)
	}
	if !strings.Contains(v.Law, "107/2025/QH15") || !strings.Contains(v.Law, "216/2026/NĐ-CP") || !strings.Contains(v.Law, "111/2010") {
		t.Fatalf("01/07/2026 law: %q", v.Law)
	}
	if !strings.Contains(v.Fee.Source, "16/2025/TT-BTC") || !v.Fee.Unverified || v.Unverified == "" {
		t.Fatalf("fee: %+v", v.Fee)
	}
	if q := v.FeeFor(base()); q.Total != 200_000 || !q.Unverified || !strings.Contains(q.Source, "16/2025/TT-BTC") {
		t.Fatalf("quote: %+v", q)
	}
	checks := v.Checks(base())
	var found bool
	for _, c := range checks {
		if c.Rule == "Phí" && strings.Contains(c.Basis, "16/2025/TT-BTC") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the fee check does not cite Circular 16/2025: %+v", checks)
	}
}

// TestIntakeLimits2026: 8 working hours online, 1 working hour in person,
// 1 working day by post (Law 107/2025/QH15, Decree 216/2026/NĐ-CP); none
// before.
func TestIntakeLimits2026(t *testing.T) {
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	v, _ := RulesAt(d(2026, 7, 1))
	old, _ := RulesAt(d(2026, 6, 30))
	// Thursday 09/07/2026 10:00.
	at := time.Date(2026, 7, 9, 10, 0, 0, 0, calendar.Zone())
	cases := []struct {
		src  Source
		want calendar.Duration
	}{
		{SourcePortal, calendar.Duration{Amount: 8, Unit: calendar.WorkingHours}},
		{SourceVNeID, calendar.Duration{Amount: 8, Unit: calendar.WorkingHours}},
		{SourceCounter, calendar.Duration{Amount: 1, Unit: calendar.WorkingHours}},
		{SourcePost, calendar.Duration{Amount: 1, Unit: calendar.WorkingDays}},
	}
	for _, c := range cases {
		got, ok := v.IntakeLimit(c.src)
		if !ok || got != c.want {
			t.Errorf("%s: %v %v, want %v", c.src, got, ok, c.want)
		}
		by, ok, err := v.AcceptBy(cal, at, c.src)
		want, _ := cal.Due(at, c.want, nil)
		if err != nil || !ok || !by.Equal(want) || !by.After(at) {
			t.Errorf("%s: accept by %v %v %v", c.src, by, ok, err)
		}
		if _, ok := old.IntakeLimit(c.src); ok {
			t.Errorf("%s: an intake limit before 1/7/2026", c.src)
		}
	}
	// 8 working hours from Thursday 10:00 end on Friday 10:00.
	by, _, _ := v.AcceptBy(cal, at, SourcePortal)
	if calendar.DateOf(by) != d(2026, 7, 10) {
		t.Fatalf("8 working hours from Thursday 10:00: %v", by)
	}
}

// TestGuardian2026: a guardian files for the ward without an authorisation
// from 1/7/2026; before, only a parent, spouse or child (Law 28/2009 Art.
// 45(2)). No. 2 is still never filed by proxy.
func TestGuardian2026(t *testing.T) {
	guardian := &Proxy{FullName: "Trần Thị Hoa", IDNumber: "087190005678", Relation: RelGuardian}
	for _, c := range []struct {
		day   calendar.Date
		form  Form
		field string
		cite  string
	}{
		{d(2026, 6, 30), Form1, "proxy.authorisation", "Điều 45"},
		{d(2026, 7, 1), Form1, "", ""},
		{d(2026, 7, 1), Form2, "proxy", "107/2025/QH15"},
	} {
		v, _ := RulesAt(c.day)
		r := base()
		r.Form, r.Proxy = c.form, guardian
		err := v.Admit(r)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: guardian refused: %v", c.day, err)
			}
			continue
		}
		e := apperr.As(err)
		if e == nil || e.Fields[c.field] == "" || !strings.Contains(e.Message, c.cite) {
			t.Errorf("%s No. %d: %v, want a refusal on %s citing %s", c.day, c.form, err, c.field, c.cite)
		}
	}
}

// TestOffice2026: before 1/7/2026 the request goes to the office of the
// person's province of residence (Art. 44); from that day to any competent
// office, the nearest.
func TestOffice2026(t *testing.T) {
	r := base() // permanent residence in province 87
	old, _ := RulesAt(d(2026, 6, 30))
	v, _ := RulesAt(d(2026, 7, 1))
	if err := old.CheckOffice(r, "87"); err != nil {
		t.Fatal(err)
	}
	if err := old.CheckOffice(r, "79"); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "Điều 44") {
		t.Fatalf("another province before 1/7/2026: %v", err)
	}
	r.Temporary = Address{Text: "Quận 1", Province: "79"}
	if err := old.CheckOffice(r, "79"); err != nil {
		t.Fatalf("the temporary residence's office: %v", err)
	}
	r = base()
	if err := v.CheckOffice(r, "79"); err != nil {
		t.Fatalf("the nearest office from 1/7/2026: %v", err)
	}
}

// TestBankruptcyBans: a ban that follows from a court's bankruptcy decision
// is recorded as such, not as a conviction: "Không có án tích" stays; No. 1
// states the bans in force when asked, No. 2 states them all.
func TestBankruptcyBans(t *testing.T) {
	ban := BankruptcyBan{FullName: "Trần Văn Bình", IDNumber: "087090001234", Court: "Tòa án nhân dân tỉnh Đồng Tháp",
		DecisionNo: "03/2025/QĐ-TBPS", DecisionDate: d(2025, 4, 10), Enterprise: "Công ty TNHH Thương mại Sen Hồng", Position: "Giám đốc",
		Ban: "Không được thành lập doanh nghiệp, hợp tác xã, làm người quản lý doanh nghiệp, hợp tác xã", To: d(2028, 4, 10)}
	ban.Normalize()
	if err := ban.Validate(); err != nil {
		t.Fatal(err)
	}
	day := d(2026, 11, 23)
	c := CertificateContent(Form1, false, nil, []BankruptcyBan{ban}, day)
	if !c.NoRecord || c.BanStated || len(c.Bans) != 0 {
		t.Fatalf("No. 1 not asked: %+v", c)
	}
	c = CertificateContent(Form1, true, nil, []BankruptcyBan{ban}, day)
	if !c.NoRecord || !c.BanStated || len(c.Bans) != 1 || !strings.Contains(c.Bans[0], "03/2025/QĐ-TBPS") || !strings.Contains(c.Bans[0], "10/04/2028") {
		t.Fatalf("No. 1 asked: %+v", c)
	}
	ended := ban
	ended.To = d(2026, 4, 10)
	if c := CertificateContent(Form1, true, nil, []BankruptcyBan{ended}, day); len(c.Bans) != 0 || !c.BanStated {
		t.Fatalf("No. 1, ban ended: %+v", c)
	}
	if c := CertificateContent(Form2, false, nil, []BankruptcyBan{ended}, day); !c.NoRecord || len(c.Bans) != 1 {
		t.Fatalf("No. 2: %+v", c)
	}
	bad := ban
	bad.DecisionNo = ""
	if apperr.CodeOf(bad.Validate()) != apperr.Invalid {
		t.Fatal("a ban without its decision accepted")
	}
	bad = ban
	bad.To = d(2024, 1, 1)
	if apperr.CodeOf(bad.Validate()) != apperr.Invalid {
		t.Fatal("a ban ending before it starts accepted")
	}
}

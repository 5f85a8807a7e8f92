package judicialrecord

import (
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

func base() Request {
	r := Request{Form: Form1, Purpose: "Bổ sung hồ sơ xin việc", Copies: 1,
		Person: Person{FullName: "Trần Văn Bình", Sex: "Nam", BirthDate: "12/03/1990", BirthPlace: "Cao Lãnh, Đồng Tháp",
			IDNumber: "087090001234"},
		Permanent: Address{Text: "Phường Mỹ Phú, Đồng Tháp", Province: "87"}, Source: SourceCounter}
	r.Normalize()
	return r
}

// Law 28/2009/QH12 Art. 45-46: No. 2 never by proxy; No. 1 by proxy needs a
// written authorisation unless the proxy is a parent, spouse or child.
func TestCheckProxy(t *testing.T) {
	proxy := func(rel Relation, auth string) *Proxy {
		return &Proxy{FullName: "Trần Thị Hoa", IDNumber: "087190005678", Relation: rel, Authorisation: auth}
	}
	cases := []struct {
		name  string
		form  Form
		proxy *Proxy
		field string // "" = admitted
	}{
		{"No. 1 by the person", Form1, nil, ""},
		{"No. 2 by the person", Form2, nil, ""},
		{"No. 2 by the spouse", Form2, proxy(RelSpouse, ""), "proxy"},
		{"No. 2 by proxy with authorisation", Form2, proxy(RelOther, "Giấy ủy quyền số 12 công chứng ngày 01/11/2026"), "proxy"},
		{"No. 1 by parent", Form1, proxy(RelParent, ""), ""},
		{"No. 1 by spouse", Form1, proxy(RelSpouse, ""), ""},
		{"No. 1 by child", Form1, proxy(RelChild, ""), ""},
		{"No. 1 by other without authorisation", Form1, proxy(RelOther, ""), "proxy.authorisation"},
		{"No. 1 by other with authorisation", Form1, proxy(RelOther, "Văn bản ủy quyền chứng thực ngày 02/11/2026"), ""},
	}
	// The message cites the text in force: Art. 45-46 of the 2009 Law
	// until 30/6/2026, the amending Law 107/2025/QH15 from 1/7/2026.
	for _, at := range []struct {
		day  calendar.Date
		cite string
	}{{calendar.NewDate(2026, 6, 30), "Điều 4"}, {calendar.NewDate(2026, 11, 23), "107/2025/QH15"}} {
		for _, c := range cases {
			t.Run(at.day.String()+" "+c.name, func(t *testing.T) {
				r := base()
				r.Form, r.Proxy = c.form, c.proxy
				v, _ := RulesAt(at.day)
				err := v.Admit(r)
				if c.field == "" {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					return
				}
				e := apperr.As(err)
				if e == nil || e.Code != apperr.Invalid || e.Fields[c.field] == "" {
					t.Fatalf("want refusal on %s, got %v", c.field, err)
				}
				if !strings.Contains(e.Message, at.cite) {
					t.Fatalf("message does not cite %s: %q", at.cite, e.Message)
				}
			})
		}
	}
}

// Art. 48(1): 10 days, 15 when the person is a foreigner, lived in several
// provinces or abroad, or an expungement must be verified.
func TestTimeLimit(t *testing.T) {
	v, _ := RulesAt(calendar.NewDate(2026, 1, 5))
	cases := []struct {
		name string
		mod  func(*Request)
		want int
	}{
		{"one province", func(r *Request) {}, 10},
		{"history in the same province", func(r *Request) { r.History = []Period{{From: "01/2010", Residence: "Sa Đéc", Province: "87"}} }, 10},
		{"several provinces", func(r *Request) {
			r.History = []Period{{From: "01/2010", To: "12/2015", Residence: "Quận 1, TP. Hồ Chí Minh", Province: "79"}}
		}, 15},
		{"temporary residence elsewhere", func(r *Request) { r.Temporary = Address{Text: "Cần Thơ", Province: "92"} }, 15},
		{"abroad", func(r *Request) {
			r.History = []Period{{From: "01/2015", To: "12/2018", Residence: "Osaka, Nhật Bản", Abroad: true}}
		}, 15},
		{"foreigner", func(r *Request) {
			r.Person.Nationality = "Hàn Quốc"
			r.Person.IDType = "HC"
			r.Person.IDNumber = "M12345678"
		}, 15},
		{"expungement to verify", func(r *Request) { r.ExpungementCheck = true }, 15},
	}
	for _, c := range cases {
		r := base()
		c.mod(&r)
		got := v.TimeLimit(r)
		if got.Amount != c.want || got.Unit != calendar.CalendarDays {
			t.Errorf("%s: %v, want %d days (reasons %v)", c.name, got, c.want, Extension(r))
		}
		if err := v.Admit(r); err != nil {
			t.Errorf("%s: not admitted: %v", c.name, err)
		}
	}
}

// Circular 244/2016/TT-BTC: 200,000; 100,000 reduced; 0 exempt; 5,000 per
// certificate beyond the second.
func TestFee(t *testing.T) {
	v, _ := RulesAt(calendar.NewDate(2026, 1, 5))
	cases := []struct {
		cat    FeeCategory
		copies int
		want   int64
	}{
		{FeeNormal, 1, 200_000}, {FeeNormal, 2, 200_000}, {FeeNormal, 3, 205_000}, {FeeNormal, 5, 215_000},
		{FeeStudent, 1, 100_000}, {FeeMeritorious, 4, 110_000}, {FeeMartyrRelative, 1, 100_000},
		{FeeChild, 1, 0}, {FeeElderly, 2, 0}, {FeeDisabled, 3, 5_000}, {FeePoorHousehold, 1, 0}, {FeeHardshipArea, 1, 0},
	}
	for _, c := range cases {
		r := base()
		r.FeeCategory, r.Copies = c.cat, c.copies
		q := v.FeeFor(r)
		if q.Total != c.want {
			t.Errorf("%s ×%d: %d, want %d", c.cat, c.copies, q.Total, c.want)
		}
		if !q.Unverified || q.Source == "" {
			t.Errorf("fee must carry its source and the unverified flag")
		}
	}
}

// The competent agency is data: the department before 1/3/2025, the
// provincial police from that day.
func TestCompetentAgencyByDate(t *testing.T) {
	cases := []struct {
		day  calendar.Date
		want catalog.Agency
	}{
		{calendar.NewDate(2010, 7, 1), catalog.AgencyDepartment},
		{calendar.NewDate(2025, 2, 28), catalog.AgencyDepartment},
		{calendar.NewDate(2025, 3, 1), catalog.AgencyProvincialPolice},
		{calendar.NewDate(2026, 11, 23), catalog.AgencyProvincialPolice},
	}
	procs, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		v, err := RulesAt(c.day)
		if err != nil || v.Agency != c.want {
			t.Errorf("%s: %v %v, want %s", c.day, v.Agency, err, c.want)
			continue
		}
		p, ok := catalog.Find(procs, v.Procedure, c.day)
		if !ok || p.Agency != c.want {
			t.Errorf("%s: catalogue procedure %q not in force or of another agency", c.day, v.Procedure)
		}
	}
	if _, err := RulesAt(calendar.NewDate(2009, 1, 1)); err == nil {
		t.Error("a day before the law is accepted")
	}
}

func TestValidateAndFormNumber(t *testing.T) {
	r := base()
	if r.FormNumber() != "03/2024/LLTP" {
		t.Fatal(r.FormNumber())
	}
	r.Proxy = &Proxy{FullName: "A", IDNumber: "087190005678", Relation: RelParent}
	if r.FormNumber() != "04/2024/LLTP" {
		t.Fatal(r.FormNumber())
	}
	r.Source = SourceVNeID
	if r.FormNumber() != "13/2024/LLTP" {
		t.Fatal(r.FormNumber())
	}
	bad := []func(*Request){
		func(r *Request) { r.Form = 3 },
		func(r *Request) { r.Purpose = "" },
		func(r *Request) { r.Copies = 21 },
		func(r *Request) { r.Person.IDNumber = "123" },
		func(r *Request) { r.Person.BirthDate = "31/02/1990" },
		func(r *Request) { r.Person.Sex = "X" },
		func(r *Request) { r.FeeCategory = "vip" },
		func(r *Request) { r.Proxy = &Proxy{FullName: "A", IDNumber: "1", Relation: RelParent} },
	}
	for i, mod := range bad {
		r := base()
		mod(&r)
		if err := r.Validate(); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("case %d accepted: %v", i, err)
		}
	}
}

// Art. 42-43: No. 1 omits expunged convictions and states bans only when
// asked; No. 2 states everything.
func TestCertificateContent(t *testing.T) {
	day := calendar.NewDate(2026, 11, 23)
	theft := Conviction{Offence: "Trộm cắp tài sản", Article: "Điều 173", JudgmentDate: calendar.NewDate(2019, 5, 2)}
	old := Conviction{Offence: "Gây rối trật tự công cộng", Article: "Điều 318", JudgmentDate: calendar.NewDate(2010, 1, 1),
		Expunged: calendar.NewDate(2014, 1, 1), Ban: "Cấm đảm nhiệm chức vụ 2 năm"}
	c := CertificateContent(Form1, false, []Conviction{theft, old}, nil, day)
	if len(c.Convictions) != 1 || c.Convictions[0].Offence != theft.Offence || c.BanStated || c.NoRecord {
		t.Fatalf("No. 1: %+v", c)
	}
	c = CertificateContent(Form1, true, []Conviction{old}, nil, day)
	if !c.NoRecord || !c.BanStated || len(c.Bans) != 0 {
		t.Fatalf("No. 1 with expunged only: %+v", c)
	}
	c = CertificateContent(Form2, false, []Conviction{theft, old}, nil, day)
	if len(c.Convictions) != 2 || len(c.Bans) != 1 || !c.BanStated {
		t.Fatalf("No. 2: %+v", c)
	}
	// Expungement dated after the certificate's day does not count yet.
	later := old
	later.Expunged = calendar.NewDate(2027, 1, 1)
	if c := CertificateContent(Form1, false, []Conviction{later}, nil, day); c.NoRecord {
		t.Fatal("future expungement applied")
	}
}

// TestApplyTenantCatalogue: the statutory limit and fee (Art. 48; Circular
// 244/2016/TT-BTC) are the ceiling; a province that shortened the limit or
// lowered the fee in its catalogue (catalog.ValidateOverride) gets its own
// figures on judicial-record dossiers too.
func TestApplyTenantCatalogue(t *testing.T) {
	v, err := RulesAt(calendar.NewDate(2026, 3, 2))
	if err != nil {
		t.Fatal(err)
	}
	days := func(n int) calendar.Duration { return calendar.Duration{Amount: n, Unit: calendar.CalendarDays} }
	proc := func(normal, extended int, fee int64) catalog.Procedure {
		p := catalog.Procedure{TimeLimit: days(normal), ExtendedTimeLimit: days(extended)}
		if fee > 0 {
			p.Fees = []catalog.Fee{{Name: "Phí cung cấp thông tin lý lịch tư pháp", Amount: fee}}
		}
		return p
	}
	plain := Request{Form: Form1, Copies: 1, Person: Person{FullName: "Nguyễn Văn An"}}
	abroad := plain
	abroad.History = []Period{{Abroad: true, Province: "Nhật Bản"}}
	for _, c := range []struct {
		name     string
		p        catalog.Procedure
		r        Request
		wantDays int
		wantFee  int64
	}{
		{"built-in figures", proc(10, 15, 200_000), plain, 10, 200_000},
		{"the province shortened the limit", proc(7, 12, 200_000), plain, 7, 200_000},
		{"extended case, shortened", proc(7, 12, 200_000), abroad, 12, 200_000},
		{"a longer catalogue limit never lengthens the law's", proc(20, 30, 200_000), plain, 10, 200_000},
		{"the province lowered the fee", proc(10, 15, 150_000), plain, 10, 150_000},
		{"no fee in the catalogue: the statutory fee", proc(10, 15, 0), plain, 10, 200_000},
	} {
		d := &dossier.Dossier{TimeLimit: c.p.TimeLimit, Steps: []dossier.Step{{Name: "Tiếp nhận"}, {Name: "Tra cứu, xác minh", Allotted: days(5)}}}
		v.Apply(d, c.p, c.r)
		if d.TimeLimit != days(c.wantDays) || d.Fee != c.wantFee {
			t.Errorf("%s: %v, %d đồng; want %d days, %d đồng", c.name, d.TimeLimit, d.Fee, c.wantDays, c.wantFee)
		}
	}
}

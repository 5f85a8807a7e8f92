package judicialrecord

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"tuphap/internal/dossier"
	"tuphap/internal/vnfmt"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// Rules are the legal parameters in force from From to To (inclusive; zero
// To: open). Every request is judged by the version in force on the day it
// was received.
type Rules struct {
	From, To calendar.Date
	// Agency is the kind of agency competent to issue certificates.
	Agency catalog.Agency
	// Procedure is the built-in catalogue entry of the procedure.
	Procedure string
	// AgencySource cites what gives the agency its competence.
	AgencySource string
	// Normal and Extended are the time limits of Art. 48.
	Normal, Extended calendar.Duration
	Fee              FeeSchedule
	// Law names the texts in force; ProxyBasis, LimitBasis and OfficeBasis
	// cite them for each rule (the checks and the refusals quote them).
	Law, ProxyBasis, LimitBasis, OfficeBasis string
	// NoAuthorisation lists who may file for the person without a written
	// authorisation.
	NoAuthorisation []Relation
	// AnyOffice is set when a request may be filed at any competent office
	// (the nearest), whatever the person's residence; otherwise it goes to
	// the office of the person's province of residence.
	AnyOffice bool
	// Intake is the time to check and receive a request, by how it
	// arrived; none when the version sets none.
	Intake      map[Source]calendar.Duration
	IntakeBasis string
	// Unverified says what of this version was not checked against the
	// published text (shown with the checks).
	Unverified string
}

// FeeSchedule is the fee for providing judicial record information.
type FeeSchedule struct {
	Base int64 // VND per request
	// Reduced maps a category to its fee; 0 means exempt.
	Reduced map[FeeCategory]int64
	// FreeCopies is how many certificates the base fee covers; each further
	// copy costs ExtraCopy.
	FreeCopies int
	ExtraCopy  int64
	Source     string
	// Unverified is set when the amounts were not checked against the
	// published text.
	Unverified bool
}

var fee244 = FeeSchedule{
	Base: 200_000,
	Reduced: map[FeeCategory]int64{FeeStudent: 100_000, FeeMeritorious: 100_000, FeeMartyrRelative: 100_000,
		FeeChild: 0, FeeElderly: 0, FeeDisabled: 0, FeePoorHousehold: 0, FeeHardshipArea: 0},
	FreeCopies: 2,
	ExtraCopy:  5_000,
	Source:     "Thông tư 244/2016/TT-BTC (phí cung cấp thông tin lý lịch tư pháp), research/onestop.md §6 [M]",
	Unverified: true,
}

// fee16 is the fee of Circular 16/2025/TT-BTC, which replaced Circular
// 244/2016/TT-BTC (its title from the Nghệ An public administration
// centre's notice, hcc.nghean.gov.vn "Thông tư 16/2025/TT-BTC quy định mức
// thu, chế độ thu, nộp, quản lý, sử dụng phí cung cấp thông tin lý lịch tư
// pháp"). The amounts were not read: they are carried over from Circular
// 244/2016 as editable data and marked unverified.
var fee16 = FeeSchedule{
	Base:       fee244.Base,
	Reduced:    fee244.Reduced,
	FreeCopies: fee244.FreeCopies,
	ExtraCopy:  fee244.ExtraCopy,
	Source:     "Thông tư 16/2025/TT-BTC (phí cung cấp thông tin lý lịch tư pháp); mức thu giữ như Thông tư 244/2016/TT-BTC, chưa đối chiếu văn bản",
	Unverified: true,
}

const (
	law2009     = "Luật Lý lịch tư pháp 28/2009/QH12"
	law2025     = "Luật Lý lịch tư pháp 28/2009/QH12, sửa đổi, bổ sung bởi Luật 107/2025/QH15; Nghị định 216/2026/NĐ-CP (thay Nghị định 111/2010/NĐ-CP)"
	law2025Cite = "Luật 107/2025/QH15, Nghị định 216/2026/NĐ-CP"
)

var relatives = []Relation{RelParent, RelSpouse, RelChild}

// Versions are the rule versions, oldest first. The competence moved from
// the Departments of Justice to the provincial police on 1/3/2025, when the
// Ministry of Public Security took over the state management of judicial
// records (research/catalog.md §2; the instrument itself was not read, so
// the source is the press reports the catalogue cites). From 1/7/2026 the
// Law as amended by Law 107/2025/QH15 and Decree 216/2026/NĐ-CP apply
// (issue 16.10, which read them; their article numbers are not held here,
// so the checks cite the texts, not articles).
var Versions = []Rules{
	{
		From: calendar.NewDate(2010, 7, 1), To: calendar.NewDate(2025, 2, 28),
		Agency: catalog.AgencyDepartment, Procedure: "judicial_record.certificate_department",
		AgencySource: "Luật Lý lịch tư pháp 28/2009/QH12, Điều 44 (Sở Tư pháp nơi thường trú hoặc tạm trú)",
		Normal:       calendar.Duration{Amount: 10, Unit: calendar.CalendarDays},
		Extended:     calendar.Duration{Amount: 15, Unit: calendar.CalendarDays},
		Fee:          fee244,
		Law:          law2009, ProxyBasis: "Điều 45, 46 Luật Lý lịch tư pháp", LimitBasis: "Điều 48 Luật Lý lịch tư pháp",
		OfficeBasis:     "Điều 44 Luật Lý lịch tư pháp",
		NoAuthorisation: relatives,
	},
	{
		From: calendar.NewDate(2025, 3, 1), To: calendar.NewDate(2026, 6, 30),
		Agency: catalog.AgencyProvincialPolice, Procedure: "judicial_record.certificate_police",
		AgencySource: "Bộ Công an tiếp nhận quản lý nhà nước về lý lịch tư pháp từ 01/3/2025; Công an cấp tỉnh cấp Phiếu (theo thông tin báo chí; văn bản gốc chưa được đối chiếu)",
		Normal:       calendar.Duration{Amount: 10, Unit: calendar.CalendarDays},
		Extended:     calendar.Duration{Amount: 15, Unit: calendar.CalendarDays},
		Fee:          fee244,
		Law:          law2009, ProxyBasis: "Điều 45, 46 Luật Lý lịch tư pháp", LimitBasis: "Điều 48 Luật Lý lịch tư pháp",
		OfficeBasis:     "Điều 44 Luật Lý lịch tư pháp",
		NoAuthorisation: relatives,
	},
	{
		From: calendar.NewDate(2026, 7, 1), Agency: catalog.AgencyProvincialPolice, Procedure: "judicial_record.certificate_police",
		AgencySource: "Công an cấp tỉnh cấp Phiếu (" + law2025Cite + ")",
		Normal:       calendar.Duration{Amount: 10, Unit: calendar.CalendarDays},
		Extended:     calendar.Duration{Amount: 15, Unit: calendar.CalendarDays},
		Fee:          fee16,
		Law:          law2025, ProxyBasis: "Luật Lý lịch tư pháp (sửa đổi bởi " + law2025Cite + ")",
		LimitBasis:  "Luật Lý lịch tư pháp (sửa đổi bởi " + law2025Cite + ")",
		OfficeBasis: "Luật Lý lịch tư pháp (sửa đổi bởi " + law2025Cite + ")",
		// A guardian files for the ward without an authorisation.
		NoAuthorisation: []Relation{RelParent, RelSpouse, RelChild, RelGuardian},
		AnyOffice:       true,
		Intake: map[Source]calendar.Duration{
			SourcePortal:  {Amount: 8, Unit: calendar.WorkingHours},
			SourceVNeID:   {Amount: 8, Unit: calendar.WorkingHours},
			SourceCounter: {Amount: 1, Unit: calendar.WorkingHours},
			SourcePost:    {Amount: 1, Unit: calendar.WorkingDays},
		},
		IntakeBasis: law2025Cite,
		Unverified:  "Các điều khoản của Luật 107/2025/QH15 và Nghị định 216/2026/NĐ-CP chưa được đối chiếu số điều; thời hạn cấp Phiếu 10/15 ngày giữ như trước.",
	},
}

// RulesAt returns the version in force on day.
func RulesAt(day calendar.Date) (Rules, error) {
	for _, v := range Versions {
		if !day.Before(v.From) && (v.To.IsZero() || !day.After(v.To)) {
			return v, nil
		}
	}
	return Rules{}, apperr.New(apperr.Invalid, "Không có quy định về cấp Phiếu lý lịch tư pháp áp dụng cho ngày "+day.FormatVN()+" (Luật Lý lịch tư pháp có hiệu lực từ 01/7/2010).")
}

// CheckProxy applies the rules on filing by proxy:
//   - Law 28/2009/QH12 Art. 46: a person asking for certificate No. 2 may
//     not authorise anyone else to file the request;
//   - Art. 45(2): certificate No. 1 may be asked for by proxy with a written
//     authorisation, which is not needed when the proxy is the person's
//     father, mother, spouse or child (v.NoAuthorisation); from 1/7/2026
//     (Law 107/2025/QH15) also when the proxy is the person's guardian.
func (v Rules) CheckProxy(r Request) error {
	if r.Proxy == nil {
		return nil
	}
	if r.Form == Form2 {
		return apperr.Field("proxy", "Không được ủy quyền yêu cầu cấp Phiếu lý lịch tư pháp số 2: người được cấp Phiếu phải trực tiếp yêu cầu ("+v.ProxyBasis+").")
	}
	if slices.Contains(v.NoAuthorisation, r.Proxy.Relation) {
		return nil
	}
	if strings.TrimSpace(r.Proxy.Authorisation) == "" {
		who := "cha, mẹ, vợ, chồng hoặc con"
		if slices.Contains(v.NoAuthorisation, RelGuardian) {
			who = "cha, mẹ, vợ, chồng, con hoặc người giám hộ"
		}
		return apperr.Field("proxy.authorisation", "Người được ủy quyền không phải "+who+" của người được cấp Phiếu nên phải có văn bản ủy quyền ("+v.ProxyBasis+").")
	}
	return nil
}

// CheckOffice applies where a request may be filed: before 1/7/2026 at
// the office of the person's province of residence (permanent, else
// temporary; Art. 44), from that day at any competent office, the nearest
// (Law 107/2025/QH15). officeProvince is the receiving office's province
// code; when it or the person's provinces are unknown nothing is refused.
func (v Rules) CheckOffice(r Request, officeProvince string) error {
	if v.AnyOffice || officeProvince == "" || r.Foreigner() {
		return nil
	}
	perm, temp := strings.TrimSpace(r.Permanent.Province), strings.TrimSpace(r.Temporary.Province)
	if (perm == "" && temp == "") || perm == officeProvince || temp == officeProvince {
		return nil
	}
	return apperr.Field("permanent", "Yêu cầu phải nộp tại cơ quan cấp Phiếu của tỉnh nơi người được cấp Phiếu thường trú hoặc tạm trú ("+v.OfficeBasis+").")
}

// IntakeLimit is the time to check and receive a request that arrived
// through src, and whether the version sets one.
func (v Rules) IntakeLimit(src Source) (calendar.Duration, bool) {
	d, ok := v.Intake[src]
	return d, ok
}

// AcceptBy is when a request that arrived at received through src must be
// received (or answered), on the tenant's working calendar.
func (v Rules) AcceptBy(cal *calendar.Calendar, received time.Time, src Source) (time.Time, bool, error) {
	d, ok := v.IntakeLimit(src)
	if !ok {
		return time.Time{}, false, nil
	}
	t, err := cal.Due(received, d, nil)
	return t, err == nil, err
}

// Extension lists why the 15-day limit applies (Art. 48(1)): the person is
// a foreigner, has lived in several provinces or abroad, or an automatic
// expungement must be verified. Empty: the 10-day limit applies.
func Extension(r Request) []string {
	var why []string
	if r.Foreigner() {
		why = append(why, "người được cấp Phiếu là người nước ngoài")
	}
	provinces := map[string]bool{}
	add := func(p string) {
		if p = strings.TrimSpace(p); p != "" {
			provinces[p] = true
		}
	}
	add(r.Permanent.Province)
	add(r.Temporary.Province)
	abroad := false
	for _, h := range r.History {
		add(h.Province)
		abroad = abroad || h.Abroad
	}
	if abroad {
		why = append(why, "có thời gian cư trú ở nước ngoài")
	}
	if len(provinces) > 1 {
		why = append(why, fmt.Sprintf("đã cư trú ở nhiều tỉnh (%d tỉnh)", len(provinces)))
	}
	if r.ExpungementCheck {
		why = append(why, "phải xác minh về điều kiện đương nhiên được xóa án tích")
	}
	return why
}

// TimeLimit is the limit of Art. 48(1): 10 days from a valid request, 15
// days in the cases Extension lists.
func (v Rules) TimeLimit(r Request) calendar.Duration {
	if len(Extension(r)) > 0 {
		return v.Extended
	}
	return v.Normal
}

// Apply sets the time limit and the fee of a new request's dossier: the
// statutory ones (Art. 48; Circular 244/2016/TT-BTC, Rules.FeeFor), capped
// by the tenant's catalogue entry p, which a province may only shorten or
// lower (catalog.ValidateOverride). The statutory figures stay the ceiling:
// a catalogue entry cannot lengthen or raise them. The longer limit gives
// its extra days to the look-up and verification step.
func (v Rules) Apply(d *dossier.Dossier, p catalog.Procedure, r Request) {
	lim := v.TimeLimit(r)
	tenant := p.TimeLimitFor(d.Channel)
	if len(Extension(r)) > 0 && p.ExtendedTimeLimit.Amount > 0 {
		tenant = p.ExtendedTimeLimit
	}
	if tenant.Unit == lim.Unit && tenant.Amount > 0 && tenant.Amount < lim.Amount {
		lim = tenant
	}
	extra := lim.Amount - d.TimeLimit.Amount
	d.TimeLimit = lim
	if extra > 0 && len(d.Steps) > 1 && d.Steps[1].Allotted.Unit == lim.Unit {
		d.Steps[1].Allotted.Amount += extra
	}
	q := v.FeeFor(r)
	if std := p.FeeFor(catalog.FeeStandard); len(p.Fees) > 0 && std < q.Base {
		q.Base, q.Total = std, std+q.Extra
	}
	d.Fee = q.Total
}

// Quote is the fee of one request.
type Quote struct {
	Category   FeeCategory `json:"category"`
	Base       int64       `json:"base"`
	Extra      int64       `json:"extra"`
	Total      int64       `json:"total"`
	Source     string      `json:"source"`
	Unverified bool        `json:"unverified"`
}

// Fee computes the fee (Circular 244/2016/TT-BTC): 200,000 VND; 100,000 for
// students, people with meritorious service and martyrs' relatives; nothing
// for children, the elderly, the disabled, poor households and residents of
// communes in special difficulty; 5,000 VND for each certificate beyond the
// second. Whether exempt requesters pay for extra copies is not stated in
// the notes; they are charged (flagged unverified).
func (v Rules) FeeFor(r Request) Quote {
	s := v.Fee
	q := Quote{Category: r.FeeCategory, Base: s.Base, Source: s.Source, Unverified: s.Unverified}
	if amt, ok := s.Reduced[r.FeeCategory]; ok {
		q.Base = amt
	}
	if r.Copies > s.FreeCopies {
		q.Extra = int64(r.Copies-s.FreeCopies) * s.ExtraCopy
	}
	q.Total = q.Base + q.Extra
	return q
}

// Check is what the request page shows: each rule with its outcome.
type Check struct {
	Rule   string `json:"rule"`
	Basis  string `json:"basis"`
	OK     bool   `json:"ok"`
	Result string `json:"result"`
}

// Checks runs every rule on r and reports them all (for the request page);
// Admit returns the first failure instead.
func (v Rules) Checks(r Request) []Check {
	var out []Check
	if err := v.CheckProxy(r); err != nil {
		out = append(out, Check{Rule: "Ủy quyền", Basis: v.ProxyBasis, Result: apperr.As(err).Message})
	} else if r.Proxy != nil {
		res := "Người được ủy quyền là " + strings.ToLower(r.Proxy.Relation.Label()) + " của người được cấp Phiếu"
		if !slices.Contains(v.NoAuthorisation, r.Proxy.Relation) {
			res = "Có văn bản ủy quyền: " + r.Proxy.Authorisation
		}
		out = append(out, Check{Rule: "Ủy quyền", Basis: v.ProxyBasis, OK: true, Result: res})
	} else {
		out = append(out, Check{Rule: "Ủy quyền", Basis: v.ProxyBasis, OK: true, Result: "Người được cấp Phiếu tự yêu cầu"})
	}
	if d, ok := v.IntakeLimit(r.Source); ok {
		out = append(out, Check{Rule: "Thời hạn tiếp nhận", Basis: v.IntakeBasis, OK: true,
			Result: fmt.Sprintf("%s kể từ khi nhận yêu cầu (%s)", d, strings.ToLower(r.Source.Label()))})
	}
	lim := v.TimeLimit(r)
	res := fmt.Sprintf("%d ngày", lim.Amount)
	if why := Extension(r); len(why) > 0 {
		res += ": " + strings.Join(why, "; ")
	}
	out = append(out, Check{Rule: "Thời hạn cấp Phiếu", Basis: v.LimitBasis, OK: true, Result: res})
	q := v.FeeFor(r)
	fres := fmt.Sprintf("%s đồng (%s)", formatVND(q.Total), r.FeeCategory.Label())
	if q.Unverified {
		fres += " — mức phí chưa đối chiếu văn bản gốc"
	}
	out = append(out, Check{Rule: "Phí", Basis: v.Fee.Source, OK: true, Result: fres})
	out = append(out, Check{Rule: "Cơ quan có thẩm quyền", Basis: v.AgencySource, OK: true, Result: v.Agency.Label()})
	if v.AnyOffice {
		out = append(out, Check{Rule: "Nơi nộp yêu cầu", Basis: v.OfficeBasis, OK: true,
			Result: "Nộp tại bất kỳ cơ quan cấp Phiếu có thẩm quyền nào (nơi thuận tiện, gần nhất), không phụ thuộc nơi cư trú"})
	}
	if v.Unverified != "" {
		out = append(out, Check{Rule: "Ghi chú văn bản", Basis: v.Law, OK: true, Result: v.Unverified})
	}
	return out
}

// Admit validates r and applies the rules; the first failure is returned.
func (v Rules) Admit(r Request) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return v.CheckProxy(r)
}

// formatVND writes 1.234.567.
func formatVND(n int64) string { return vnfmt.Int(n) }

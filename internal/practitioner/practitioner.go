// Package practitioner is the register of judicial-support practitioners
// (tổ chức và người hành nghề bổ trợ tư pháp) the Department of Justice keeps:
// notaries and notary offices, lawyers and law-practising organisations,
// property auctioneers and auction organisations, bailiffs and bailiff
// offices, judicial experts, commercial arbitration and mediation centres,
// insolvency administrators. Each organisation and person has a history of
// registrations and changes, each tied to the decision or the one-stop
// dossier that caused it. Rules are data and small pure functions citing
// their article (rules.go); figures are computed from records (stats.go).
//
// The package is pure: no I/O, no adapter imports.
package practitioner

import "time"

// Profession is a judicial-support profession.
type Profession string

const (
	Notary      Profession = "notary"      // công chứng (Luật Công chứng 46/2024/QH15)
	Lawyer      Profession = "lawyer"      // luật sư (Luật Luật sư 2006, sửa đổi 2012)
	Auction     Profession = "auction"     // đấu giá tài sản (Luật 01/2016, sửa đổi 37/2024)
	Bailiff     Profession = "bailiff"     // thừa phát lại (Nghị định 08/2020/NĐ-CP)
	Expertise   Profession = "expertise"   // giám định tư pháp (Luật 13/2012, sửa đổi 2020)
	Arbitration Profession = "arbitration" // trọng tài thương mại
	Mediation   Profession = "mediation"   // hòa giải thương mại
	Insolvency  Profession = "insolvency"  // quản tài viên, doanh nghiệp quản lý, thanh lý tài sản
)

// Professions lists the professions in report order.
var Professions = []Profession{Notary, Lawyer, Auction, Bailiff, Expertise, Arbitration, Mediation, Insolvency}

var professionNames = map[Profession]string{
	Notary: "Công chứng", Lawyer: "Luật sư", Auction: "Đấu giá tài sản", Bailiff: "Thừa phát lại",
	Expertise: "Giám định tư pháp", Arbitration: "Trọng tài thương mại", Mediation: "Hòa giải thương mại",
	Insolvency: "Quản tài viên, quản lý thanh lý tài sản",
}

var personTitles = map[Profession]string{
	Notary: "Công chứng viên", Lawyer: "Luật sư", Auction: "Đấu giá viên", Bailiff: "Thừa phát lại",
	Expertise: "Giám định viên tư pháp", Arbitration: "Trọng tài viên", Mediation: "Hòa giải viên thương mại",
	Insolvency: "Quản tài viên",
}

// Name is the profession's Vietnamese name.
func (p Profession) Name() string { return professionNames[p] }

// PersonTitle is what a practitioner of the profession is called.
func (p Profession) PersonTitle() string { return personTitles[p] }

// Valid reports whether p is a known profession.
func (p Profession) Valid() bool { _, ok := professionNames[p]; return ok }

// OrgKind is the form of a practising organisation.
type OrgKind string

// OrgKindInfo describes a form of organisation.
type OrgKindInfo struct {
	Kind       OrgKind
	Profession Profession
	Name       string
}

// OrgKinds are the organisation forms, per profession.
var OrgKinds = []OrgKindInfo{
	{"notary_public", Notary, "Phòng công chứng"},
	{"notary_office", Notary, "Văn phòng công chứng"},
	{"law_office", Lawyer, "Văn phòng luật sư"},
	{"law_company", Lawyer, "Công ty luật"},
	{"law_branch", Lawyer, "Chi nhánh của tổ chức hành nghề luật sư"},
	{"auction_company", Auction, "Doanh nghiệp đấu giá tài sản"},
	{"auction_centre", Auction, "Trung tâm dịch vụ đấu giá tài sản"},
	{"bailiff_office", Bailiff, "Văn phòng thừa phát lại"},
	{"expertise_office", Expertise, "Văn phòng giám định tư pháp"},
	{"expertise_org", Expertise, "Tổ chức giám định tư pháp công lập"},
	{"arbitration_centre", Arbitration, "Trung tâm trọng tài"},
	{"arbitration_branch", Arbitration, "Chi nhánh trung tâm trọng tài"},
	{"mediation_centre", Mediation, "Trung tâm hòa giải thương mại"},
	{"insolvency_company", Insolvency, "Doanh nghiệp quản lý, thanh lý tài sản"},
}

// KindInfo returns the form's description.
func KindInfo(k OrgKind) (OrgKindInfo, bool) {
	for _, i := range OrgKinds {
		if i.Kind == k {
			return i, true
		}
	}
	return OrgKindInfo{}, false
}

// Name is the form's Vietnamese name.
func (k OrgKind) Name() string { i, _ := KindInfo(k); return i.Name }

// Profession is the profession the form belongs to.
func (k OrgKind) Profession() Profession { i, _ := KindInfo(k); return i.Profession }

// Status is where an organisation or a practitioner stands in the register.
type Status string

const (
	StatusActive    Status = "active"    // đang hoạt động / đang hành nghề
	StatusSuspended Status = "suspended" // tạm ngừng, đình chỉ
	StatusRevoked   Status = "revoked"   // thu hồi giấy đăng ký, thẻ, chứng chỉ
	StatusDissolved Status = "dissolved" // chấm dứt hoạt động, giải thể
	StatusMerged    Status = "merged"    // hợp nhất, sáp nhập vào tổ chức khác
	StatusConverted Status = "converted" // chuyển đổi thành tổ chức khác
	StatusRemoved   Status = "removed"   // miễn nhiệm, xóa tên (người hành nghề)
)

// Statuses lists the statuses in report order.
var Statuses = []Status{StatusActive, StatusSuspended, StatusRevoked, StatusDissolved, StatusMerged, StatusConverted, StatusRemoved}

var statusNames = map[Status]string{
	StatusActive: "Đang hoạt động", StatusSuspended: "Tạm ngừng, đình chỉ", StatusRevoked: "Bị thu hồi",
	StatusDissolved: "Chấm dứt hoạt động", StatusMerged: "Đã hợp nhất, sáp nhập", StatusConverted: "Đã chuyển đổi",
	StatusRemoved: "Miễn nhiệm, xóa tên",
}

// Name is the status in Vietnamese.
func (s Status) Name() string { return statusNames[s] }

// Valid reports whether s is known.
func (s Status) Valid() bool { _, ok := statusNames[s]; return ok }

// Ended reports whether the status is final (no way back but a new registration).
func (s Status) Ended() bool {
	return s == StatusDissolved || s == StatusMerged || s == StatusConverted || s == StatusRemoved || s == StatusRevoked
}

// Organisation is a practising organisation in the register.
type Organisation struct {
	ID           string
	Profession   Profession
	Kind         OrgKind
	Name         string
	RegNo        string // số giấy đăng ký hoạt động
	RegisteredOn time.Time
	CommuneCode  string // commune of the head office (5 digits)
	Address      string
	Head         string // trưởng văn phòng, giám đốc
	Phone        string
	TaxCode      string
	Status       Status
	// SuccessorID is the organisation a merged or converted one became.
	SuccessorID string
}

// Person is a practitioner in the register. Only what the register needs
// is kept: no ID number, no home address (data minimisation).
type Person struct {
	ID           string
	Profession   Profession
	FullName     string
	BirthDate    time.Time
	Female       bool
	CardNo       string // thẻ công chứng viên, chứng chỉ hành nghề, thẻ đấu giá viên…
	AppointedOn  time.Time
	OrgID        string // the organisation they practise in ("" = individually, or none)
	Status       Status
	PractisingOn bool // notary practising (hành nghề) on 1/7/2025, for the transition of Art. 76(5)
}

// Subject names what an event concerns.
type Subject string

const (
	SubjectOrg    Subject = "org"
	SubjectPerson Subject = "person"
)

// EventKind is a change in the register.
type EventKind string

const (
	EvRegistered EventKind = "registered" // đăng ký hoạt động / bổ nhiệm, cấp thẻ
	EvChanged    EventKind = "changed"    // thay đổi nội dung đăng ký
	EvSuspended  EventKind = "suspended"  // tạm ngừng, đình chỉ
	EvResumed    EventKind = "resumed"    // hoạt động trở lại
	EvRevoked    EventKind = "revoked"    // thu hồi
	EvConverted  EventKind = "converted"  // chuyển đổi
	EvMerged     EventKind = "merged"     // hợp nhất, sáp nhập
	EvDissolved  EventKind = "dissolved"  // chấm dứt hoạt động
	EvRemoved    EventKind = "removed"    // miễn nhiệm, xóa tên
	EvMoved      EventKind = "moved"      // chuyển nơi hành nghề
)

// EventKinds lists the kinds in form order.
var EventKinds = []EventKind{EvRegistered, EvChanged, EvSuspended, EvResumed, EvRevoked, EvConverted, EvMerged, EvDissolved, EvRemoved, EvMoved}

var eventNames = map[EventKind]string{
	EvRegistered: "Đăng ký, bổ nhiệm", EvChanged: "Thay đổi nội dung đăng ký", EvSuspended: "Tạm ngừng, đình chỉ",
	EvResumed: "Hoạt động trở lại", EvRevoked: "Thu hồi", EvConverted: "Chuyển đổi", EvMerged: "Hợp nhất, sáp nhập",
	EvDissolved: "Chấm dứt hoạt động", EvRemoved: "Miễn nhiệm, xóa tên", EvMoved: "Chuyển nơi hành nghề",
}

// Name is the kind in Vietnamese.
func (k EventKind) Name() string { return eventNames[k] }

// Valid reports whether k is known.
func (k EventKind) Valid() bool { _, ok := eventNames[k]; return ok }

// Event is one line of a register entry's history. Every event names its
// cause: a decision (number and date) or the one-stop dossier resolved.
type Event struct {
	ID          string
	Subject     Subject
	SubjectID   string
	Kind        EventKind
	On          time.Time
	From, To    Status
	DecisionNo  string
	DecisionOn  *time.Time
	DossierCode string
	Note        string
	Officer     string
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

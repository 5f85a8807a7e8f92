// Package legalaid is the state legal-aid register (trợ giúp pháp lý): the
// provincial Legal Aid Centre's book of cases from request to quality
// review, under Law 11/2017/QH14 on Legal Aid (in force 1/1/2018, Art. 7 as
// amended by Law 53/2024/QH15 from 1/7/2025 and Law 59/2024/QH15 from
// 1/1/2026), Decree 144/2017/NĐ-CP and Circular 12/2018/TT-BTP. Rules are
// data and small pure functions that cite their article; the figures follow
// their direct definition over case records.
//
// The package is pure: no I/O, no adapter imports.
package legalaid

import "time"

// Form is the form of legal aid (Law 11/2017 Art. 27); its code is the
// middle part of the file code (Circular 12/2018 Art. 11(1)).
type Form string

const (
	FormProceedings    Form = "TGTT"  // tham gia tố tụng
	FormAdvice         Form = "TV"    // tư vấn pháp luật
	FormRepresentation Form = "DDNTT" // đại diện ngoài tố tụng (code assumed: the Circular's examples show TV and TGTT only)
)

// Forms lists the forms in report order.
var Forms = []Form{FormProceedings, FormRepresentation, FormAdvice}

var formNames = map[Form]string{
	FormProceedings:    "Tham gia tố tụng",
	FormRepresentation: "Đại diện ngoài tố tụng",
	FormAdvice:         "Tư vấn pháp luật",
}

// Name is the form's Vietnamese name.
func (f Form) Name() string { return formNames[f] }

// Valid reports whether f is a known form.
func (f Form) Valid() bool { _, ok := formNames[f]; return ok }

// Field is the field of law of a case (every field except business and
// commerce, Law 11/2017 Art. 27).
type Field string

const (
	FieldCriminal       Field = "criminal"
	FieldCivil          Field = "civil"
	FieldAdministrative Field = "administrative"
	FieldFamily         Field = "family"
	FieldLand           Field = "land"
	FieldLabour         Field = "labour"
	FieldComplaints     Field = "complaints"
	FieldOther          Field = "other"
)

// Fields lists the fields in report order.
var Fields = []Field{FieldCriminal, FieldCivil, FieldAdministrative, FieldFamily, FieldLand, FieldLabour, FieldComplaints, FieldOther}

var fieldNames = map[Field]string{
	FieldCriminal: "Hình sự", FieldCivil: "Dân sự", FieldAdministrative: "Hành chính", FieldFamily: "Hôn nhân và gia đình",
	FieldLand: "Đất đai", FieldLabour: "Lao động", FieldComplaints: "Khiếu nại", FieldOther: "Lĩnh vực khác",
}

// Name is the field's Vietnamese name.
func (f Field) Name() string { return fieldNames[f] }

// Valid reports whether f is a known field.
func (f Field) Valid() bool { _, ok := fieldNames[f]; return ok }

// Channel is how a request reached the centre (Law 11/2017 Art. 29–30;
// Circular 12/2018 Art. 4).
type Channel string

const (
	ChannelCentre    Channel = "centre"    // trực tiếp tại Trung tâm, Chi nhánh
	ChannelReception Channel = "reception" // tại buổi tiếp công dân
	ChannelPost      Channel = "post"      // qua bưu chính
	ChannelOnline    Channel = "online"    // trực tuyến (Cổng, định danh điện tử)
	ChannelPolice    Channel = "police"    // cơ quan điều tra chuyển
	ChannelProcuracy Channel = "procuracy" // Viện kiểm sát chuyển
	ChannelCourt     Channel = "court"     // Tòa án chuyển
)

// Channels lists the channels.
var Channels = []Channel{ChannelCentre, ChannelReception, ChannelPost, ChannelOnline, ChannelPolice, ChannelProcuracy, ChannelCourt}

var channelNames = map[Channel]string{
	ChannelCentre: "Trực tiếp tại Trung tâm, Chi nhánh", ChannelReception: "Tại buổi tiếp công dân", ChannelPost: "Qua bưu chính",
	ChannelOnline: "Trực tuyến (định danh điện tử)", ChannelPolice: "Cơ quan điều tra chuyển đến",
	ChannelProcuracy: "Viện kiểm sát chuyển đến", ChannelCourt: "Tòa án chuyển đến",
}

// Name is the channel's Vietnamese name.
func (c Channel) Name() string { return channelNames[c] }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { _, ok := channelNames[c]; return ok }

// ProceduralBody reports whether the request came from a procedural body
// (an urgent case, Circular 12/2018 Art. 6(1)(c)).
func (c Channel) ProceduralBody() bool {
	return c == ChannelPolice || c == ChannelProcuracy || c == ChannelCourt
}

// Status is where a case stands (Circular 12/2018 Art. 5–10; Law 11/2017
// Art. 30–37).
type Status string

const (
	StatusRequested   Status = "requested"   // yêu cầu đã tiếp nhận, chưa thụ lý
	StatusInProgress  Status = "in_progress" // đã thụ lý, đang thực hiện
	StatusRefused     Status = "refused"     // từ chối thụ lý bằng văn bản (Art. 30(3))
	StatusPaused      Status = "paused"      // tạm ngừng (Art. 36)
	StatusStopped     Status = "stopped"     // không tiếp tục thực hiện (Art. 37; Circular 12/2018 Art. 6(2)(b))
	StatusWithdrawn   Status = "withdrawn"   // người được TGPL rút yêu cầu (Art. 37(1)(b))
	StatusTransferred Status = "transferred" // chuyển cho tổ chức thực hiện TGPL khác (Art. 30(5))
	StatusClosed      Status = "closed"      // kết thúc vụ việc (Art. 38; Circular 12/2018 Art. 10)
)

// Statuses lists the statuses in report order.
var Statuses = []Status{StatusRequested, StatusInProgress, StatusPaused, StatusRefused, StatusStopped, StatusWithdrawn, StatusTransferred, StatusClosed}

var statusNames = map[Status]string{
	StatusRequested: "Chờ thụ lý", StatusInProgress: "Đang thực hiện", StatusRefused: "Từ chối thụ lý",
	StatusPaused: "Tạm ngừng", StatusStopped: "Không tiếp tục thực hiện", StatusWithdrawn: "Rút yêu cầu",
	StatusTransferred: "Chuyển tổ chức khác", StatusClosed: "Đã kết thúc",
}

// Name is the status's Vietnamese name.
func (s Status) Name() string { return statusNames[s] }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusNames[s]; return ok }

// Ended reports whether the case is over (no more work is done on it).
func (s Status) Ended() bool {
	switch s {
	case StatusRefused, StatusStopped, StatusWithdrawn, StatusTransferred, StatusClosed:
		return true
	}
	return false
}

// Accepted reports whether the case was entered in the acceptance register.
func (s Status) Accepted() bool { return s != StatusRequested && s != StatusRefused }

// Urgent is why a case is accepted at once without full papers (Law
// 11/2017 Art. 30(4); Circular 12/2018 Art. 6(1)).
type Urgent string

const (
	UrgentNone       Urgent = ""
	UrgentLimitation Urgent = "limitation" // thời hiệu khởi kiện còn dưới 05 ngày làm việc (6(1)(a))
	UrgentTrial      Urgent = "trial"      // sắp đến ngày xét xử, còn dưới 05 ngày làm việc (6(1)(b))
	UrgentProcedural Urgent = "procedural" // cơ quan tiến hành tố tụng chỉ định, thông báo (6(1)(c))
	UrgentHead       Urgent = "head"       // người đứng đầu quyết định để tránh thiệt hại (6(1)(d))
)

var urgentNames = map[Urgent]string{
	UrgentNone:       "Không",
	UrgentLimitation: "Thời hiệu khởi kiện còn dưới 05 ngày làm việc",
	UrgentTrial:      "Ngày xét xử còn dưới 05 ngày làm việc",
	UrgentProcedural: "Cơ quan tiến hành tố tụng chỉ định, thông báo",
	UrgentHead:       "Người đứng đầu tổ chức quyết định để tránh thiệt hại",
}

// Urgents lists the urgent reasons (none first).
var Urgents = []Urgent{UrgentNone, UrgentLimitation, UrgentTrial, UrgentProcedural, UrgentHead}

// Name is the reason's Vietnamese name.
func (u Urgent) Name() string { return urgentNames[u] }

// Valid reports whether u is a known reason.
func (u Urgent) Valid() bool { _, ok := urgentNames[u]; return ok }

// ProviderKind is who gives legal aid (Law 11/2017 Art. 11–17, 19–24).
type ProviderKind string

const (
	ProviderOfficer      ProviderKind = "officer"      // trợ giúp viên pháp lý (Art. 19)
	ProviderContracted   ProviderKind = "contracted"   // luật sư ký hợp đồng với Trung tâm (Art. 17)
	ProviderOrganisation ProviderKind = "organisation" // luật sư, tư vấn viên của tổ chức ký hợp đồng hoặc đăng ký tham gia (Art. 15–16)
	ProviderCollaborator ProviderKind = "collaborator" // cộng tác viên trợ giúp pháp lý (Art. 23)
)

// ProviderKinds lists the kinds.
var ProviderKinds = []ProviderKind{ProviderOfficer, ProviderContracted, ProviderOrganisation, ProviderCollaborator}

var providerKindNames = map[ProviderKind]string{
	ProviderOfficer:      "Trợ giúp viên pháp lý",
	ProviderContracted:   "Luật sư ký hợp đồng với Trung tâm",
	ProviderOrganisation: "Người của tổ chức ký hợp đồng, đăng ký tham gia",
	ProviderCollaborator: "Cộng tác viên trợ giúp pháp lý",
}

// Name is the kind's Vietnamese name.
func (k ProviderKind) Name() string { return providerKindNames[k] }

// Valid reports whether k is a known kind.
func (k ProviderKind) Valid() bool { _, ok := providerKindNames[k]; return ok }

// Unit is the centre ("TT") or one of its branches ("CN1"…): the first part
// of a file code (Circular 12/2018 Art. 11(1)).
type Unit struct {
	Code string // "TT", "CN1"
	Name string // "Trung tâm Trợ giúp pháp lý nhà nước", "Chi nhánh số 1"
}

// Provider is a person who gives legal aid, with the dates of their
// appointment, contract or registration: outside them they cannot be
// assigned (Law 11/2017 Art. 15–17, 19).
type Provider struct {
	ID           string
	Kind         ProviderKind
	FullName     string
	Sex          string // "female", "male"
	UnitCode     string // the unit they work for
	Organisation string // the law firm or organisation, for ProviderOrganisation/Contracted
	ContractNo   string // decision, contract or registration number
	From         time.Time
	To           *time.Time // end of the contract/registration (nil: open)
}

// ActiveOn reports whether the provider may act on day: on or after From,
// and on or before To.
func (p Provider) ActiveOn(day time.Time) bool {
	d := dateOf(day)
	if !p.From.IsZero() && dateOf(p.From).After(d) {
		return false
	}
	return p.To == nil || !d.After(dateOf(*p.To))
}

// Person is the requester (người yêu cầu / người được TGPL) or the other
// party. Identities are personal data: kept for the book, never in figures
// or logs.
type Person struct {
	FullName  string `json:"full_name"`
	IDNumber  string `json:"id_number,omitempty"`
	BirthYear int    `json:"birth_year,omitempty"`
	Sex       string `json:"sex,omitempty"`
	Address   string `json:"address,omitempty"`
	Phone     string `json:"phone,omitempty"`
}

// Assessment is the quality review of a closed case (Circular 12/2018
// Art. 10; Law 11/2017 Art. 39): by the result in the proceedings, or by a
// peer review (thẩm định).
type Assessment struct {
	Method string     `json:"method"` // "result" | "peer"
	Rating string     `json:"rating"` // "good" | "meets" | "fails"
	On     *time.Time `json:"on"`
	By     string     `json:"by"`
	Note   string     `json:"note"`
}

// Assessment methods and ratings.
var (
	AssessMethods = map[string]string{"result": "Theo kết quả tham gia tố tụng", "peer": "Thẩm định chất lượng (đánh giá đồng nghiệp)"}
	AssessRatings = []string{"good", "meets", "fails"}
	ratingNames   = map[string]string{"good": "Tốt", "meets": "Đạt chất lượng", "fails": "Không đạt chất lượng"}
)

// RatingName names a rating.
func RatingName(r string) string { return ratingNames[r] }

// Results of a closed case.
var resultNames = map[string]string{
	"favourable":   "Có lợi cho người được trợ giúp pháp lý",
	"partial":      "Có lợi một phần",
	"unfavourable": "Không có lợi",
	"advised":      "Đã tư vấn, giải đáp",
}

// Results lists the result keys.
var Results = []string{"favourable", "partial", "unfavourable", "advised"}

// ResultName names a result.
func ResultName(r string) string { return resultNames[r] }

// Case is one legal-aid request and, once accepted, one file (hồ sơ vụ
// việc) of the acceptance register.
type Case struct {
	ID          string
	Ref         string // the request's reference, given at once (portal look-up with the PIN)
	UnitCode    string // TT, CN1…
	Code        string // file code, set on acceptance: TT.TV.01.2026
	Seq         int    // sequence in the unit's register of the year
	Year        int
	Channel     Channel
	RequestedOn time.Time
	Requester   Person
	Persons     int    // persons helped (lượt người, indicator 1301); 1 by default
	Group       string // eligibility group code: K1…K7x
	Proofs      string // the documents proving the group, as listed
	ProofOK     bool   // the proof is complete
	ProofOn     *time.Time
	Urgent      Urgent
	Extended    bool // especially difficult area or force majeure: 10 working days
	Form        Form
	Field       Field
	Summary     string
	OtherParty  Person // the party with opposing interests, if any
	AcceptedOn  *time.Time
	ProofDue    *time.Time // urgent case: the last day for the proof
	RefusedOn   *time.Time
	Reason      string // refusal, pause, stop, withdrawal, transfer reason
	ProviderID  string
	AssignedOn  *time.Time
	Status      Status
	StatusOn    *time.Time // the day of the last status change
	ClosedOn    *time.Time
	EndedOn     *time.Time // the day it ended: refused, stopped, withdrawn, transferred or closed
	Result      string
	Assessment  Assessment
	FeeVND      int64  // the lawyer's remuneration where paid per case
	PortalSub   string // the e-ID subject of the citizen who asked online
	PortalIDNo  string
	PINHash     string
	ReceivedAt  time.Time
}

// Event is a line of a case's progress: a note, a document, a status change.
type Event struct {
	ID     string
	CaseID string
	At     time.Time
	Kind   string // "note", "status", "document", "assign", "assess", "fee"
	Text   string
	Actor  string
}

// Document is a file attached to a case (proof of eligibility sent
// online, a record of the work).
type Document struct {
	ID          string
	CaseID      string
	Name        string
	ContentType string
	Size        int64
	Data        []byte
	Proof       bool
	AddedAt     time.Time
	ByCitizen   bool
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

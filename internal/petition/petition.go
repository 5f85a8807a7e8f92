// Package petition is the register of citizen reception and petitions
// (tiếp công dân, xử lý đơn): the reception book, petitions from every
// channel with their classification and handling decision, and the cases
// they open: complaints (Luật Khiếu nại 02/2011/QH13; Decree 124/2020 as
// amended by Decree 155/2026), denunciations (Luật Tố cáo 25/2018/QH14;
// Decree 31/2019 as amended by Decree 156/2026) and recommendations and
// feedback (Luật Tiếp công dân 42/2013/QH13; Decree 154/2026), across the
// change of 1/7/2026 (Law 136/2025/QH15). Periods are data (deadline.go),
// each with its unit, the event it counts from, its article and its
// effective dates.
//
// A denouncer's identity is never part of Petition: it lives apart
// (Identity, Store.Identity), is shown only to the person who resolves the
// denunciation or the officer handling it, and every view is audited.
//
// The package is pure: no I/O, no adapter imports.
package petition

import (
	"time"

	"tuphap/internal/calendar"
)

// Kind is what a petition is (classification, TT 05/2021/TT-TTCP).
type Kind string

const (
	KindComplaint    Kind = "complaint"    // khiếu nại
	KindDenunciation Kind = "denunciation" // tố cáo
	KindFeedback     Kind = "feedback"     // kiến nghị, phản ánh
	KindMixed        Kind = "mixed"        // đơn có nhiều nội dung khác nhau
)

// Kinds lists the kinds in report order.
var Kinds = []Kind{KindComplaint, KindDenunciation, KindFeedback, KindMixed}

var kindNames = map[Kind]string{
	KindComplaint: "Khiếu nại", KindDenunciation: "Tố cáo", KindFeedback: "Kiến nghị, phản ánh", KindMixed: "Đơn nhiều nội dung",
}

// Name is the kind's Vietnamese name.
func (k Kind) Name() string { return kindNames[k] }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindNames[k]; return ok }

// Channel is how a petition came in.
type Channel string

const (
	ChannelReception Channel = "reception" // trực tiếp tại nơi tiếp công dân
	ChannelPost      Channel = "post"      // qua bưu chính
	ChannelEmail     Channel = "email"     // thư điện tử
	ChannelPortal    Channel = "portal"    // Cổng dịch vụ công
	ChannelForwarded Channel = "forwarded" // cơ quan khác chuyển đến
)

// Channels lists the channels in report order.
var Channels = []Channel{ChannelReception, ChannelPost, ChannelEmail, ChannelPortal, ChannelForwarded}

var channelNames = map[Channel]string{
	ChannelReception: "Tiếp trực tiếp", ChannelPost: "Qua bưu chính", ChannelEmail: "Thư điện tử",
	ChannelPortal: "Cổng dịch vụ công", ChannelForwarded: "Cơ quan khác chuyển đến",
}

// Name is the channel's Vietnamese name.
func (c Channel) Name() string { return channelNames[c] }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { _, ok := channelNames[c]; return ok }

// Field is the subject area (lĩnh vực) of the register's templates.
type Field string

var Fields = []Field{"land", "housing", "compensation", "policy", "civil_service", "justice", "other"}

var fieldNames = map[Field]string{
	"land": "Đất đai", "housing": "Nhà ở", "compensation": "Bồi thường, hỗ trợ, tái định cư", "policy": "Chế độ, chính sách",
	"civil_service": "Cán bộ, công chức", "justice": "Tư pháp", "other": "Khác",
}

// Name is the field's Vietnamese name.
func (f Field) Name() string { return fieldNames[f] }

// Valid reports whether f is a known field.
func (f Field) Valid() bool { _, ok := fieldNames[f]; return ok }

// Handling is the decision taken on a petition (xử lý đơn).
type Handling string

const (
	HandleAccept  Handling = "accept"  // thụ lý (within competence, conditions met)
	HandleForward Handling = "forward" // chuyển cơ quan có thẩm quyền
	HandleGuide   Handling = "guide"   // hướng dẫn công dân
	HandleFile    Handling = "file"    // lưu đơn
)

// Handlings lists the decisions.
var Handlings = []Handling{HandleAccept, HandleForward, HandleGuide, HandleFile}

var handlingNames = map[Handling]string{
	HandleAccept: "Thụ lý giải quyết", HandleForward: "Chuyển cơ quan có thẩm quyền", HandleGuide: "Hướng dẫn công dân", HandleFile: "Lưu đơn",
}

// Name is the decision's Vietnamese name.
func (h Handling) Name() string { return handlingNames[h] }

// Valid reports whether h is a known decision.
func (h Handling) Valid() bool { _, ok := handlingNames[h]; return ok }

// Status is where a petition stands.
type Status string

const (
	StatusReceived   Status = "received"   // tiếp nhận, chưa xử lý
	StatusAccepted   Status = "accepted"   // đã thụ lý, đang giải quyết
	StatusForwarded  Status = "forwarded"  // đã chuyển
	StatusGuided     Status = "guided"     // đã hướng dẫn
	StatusFiled      Status = "filed"      // lưu đơn
	StatusSuspended  Status = "suspended"  // tạm đình chỉ
	StatusTerminated Status = "terminated" // đình chỉ
	StatusResolved   Status = "resolved"   // đã giải quyết (quyết định, kết luận, trả lời)
)

var statusNames = map[Status]string{
	StatusReceived: "Mới tiếp nhận", StatusAccepted: "Đang giải quyết", StatusForwarded: "Đã chuyển cơ quan có thẩm quyền",
	StatusGuided: "Đã hướng dẫn", StatusFiled: "Lưu đơn", StatusSuspended: "Tạm đình chỉ giải quyết",
	StatusTerminated: "Đình chỉ giải quyết", StatusResolved: "Đã giải quyết",
}

// Statuses lists the statuses.
var Statuses = []Status{StatusReceived, StatusAccepted, StatusSuspended, StatusResolved, StatusTerminated, StatusForwarded, StatusGuided, StatusFiled}

// Name is the status's Vietnamese name.
func (s Status) Name() string { return statusNames[s] }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusNames[s]; return ok }

// Open reports whether the petition still waits for the agency.
func (s Status) Open() bool {
	return s == StatusReceived || s == StatusAccepted || s == StatusSuspended
}

// Conclusion is the outcome of a complaint or denunciation.
type Conclusion string

const (
	ConclusionRight  Conclusion = "right"        // đúng
	ConclusionWrong  Conclusion = "wrong"        // sai
	ConclusionPartly Conclusion = "partly_right" // đúng một phần
	ConclusionAnswer Conclusion = "answered"     // kiến nghị, phản ánh đã trả lời
)

var conclusionNames = map[Conclusion]string{
	ConclusionRight: "Đúng", ConclusionWrong: "Sai", ConclusionPartly: "Đúng một phần", ConclusionAnswer: "Đã trả lời",
}

// Conclusions lists the conclusions in report order.
var Conclusions = []Conclusion{ConclusionRight, ConclusionWrong, ConclusionPartly, ConclusionAnswer}

// Name is the conclusion's Vietnamese name.
func (c Conclusion) Name() string { return conclusionNames[c] }

// Valid reports whether c is a known conclusion.
func (c Conclusion) Valid() bool { _, ok := conclusionNames[c]; return ok }

// Person is who sent a complaint or feedback. A denouncer's Person is
// never kept on the Petition (see Identity).
type Person struct {
	FullName string `json:"full_name,omitempty"`
	IDNumber string `json:"id_number,omitempty"`
	Address  string `json:"address,omitempty"`
	Phone    string `json:"phone,omitempty"`
}

// Identity is a denouncer's identity, kept apart and restricted (Law
// 25/2018 Art. 47–48: keeping the denouncer's name, address and signature
// secret).
type Identity struct {
	Person
	ForgedName bool `json:"forged_name,omitempty"` // mạo danh: the name is someone else's
}

// Petition is one entry of the book of petitions (sổ tiếp nhận, xử lý
// đơn), with the case it opens when accepted.
type Petition struct {
	ID      string
	Code    string // public reference: "KN-2026-000012"
	PINHash string // sha256 of the PIN a citizen follows it with; never shown
	// OwnerRef is the hash of the e-ID subject of a citizen who filed it on
	// the portal, so they find their own; empty otherwise.
	OwnerRef      string
	Kind          Kind
	Channel       Channel
	Field         Field
	ReceivedOn    calendar.Date
	Summary       string
	Petitioner    Person // empty for a denunciation: see Identity
	Anonymous     bool   // nặc danh: no name, or a name that cannot be traced
	GroupSize     int    // how many people (đơn nhiều người)
	ForwardedFrom string // the agency that forwarded it
	DuplicateOf   string // an earlier petition of the same person and content
	Instance      int    // complaints: 1 or 2

	Decision  Handling
	DecidedOn *calendar.Date
	ForwardTo string
	LetterNo  string // số văn bản of the handling letter
	Note      string

	HandlerID   string // the officer assigned to handle it
	HandlerName string

	AcceptedOn        *calendar.Date
	Complex           bool
	ComplexGround     string // the written record of why (Decree 155/2026 Art. 3a)
	EspeciallyComplex bool
	Remote            bool
	SeveralPlaces     bool

	Status       Status
	SuspendedOn  *calendar.Date
	ResumedOn    *calendar.Date
	TerminatedOn *calendar.Date
	StopReason   string

	DialogueNoticeOn *calendar.Date
	DialogueOn       *calendar.Date
	DialogueMinutes  string

	ResolvedOn   *calendar.Date
	Conclusion   Conclusion
	DecisionNo   string
	DecisionText string // what the citizen receives
	AmountVND    int64  // money to return to the State or to people
	LandM2       int64  // land to return, m²
	Enforcement  string // follow-up of the decision's enforcement

	WithdrawnOn    *calendar.Date
	ViolationSigns bool // a withdrawn denunciation with signs of a violation is still resolved

	SyncedAt *time.Time // sent to the national database

	dupKey string // same person, same content (not for denunciations)
}

// DupKey is the key the store keeps to find duplicates.
func (p Petition) DupKey() string { return p.dupKey }

// Flags are the facts of the case that select its periods.
func (p Petition) Flags() Flags {
	return Flags{Complex: p.Complex, EspeciallyComplex: p.EspeciallyComplex, Remote: p.Remote, SeveralPlaces: p.SeveralPlaces}
}

// Event is one step of a petition's life, shown on its page and to the
// citizen on the portal.
type Event struct {
	PetitionID string
	At         time.Time
	Day        calendar.Date
	Action     string // "received", "accepted", "suspended"…
	Text       string // Vietnamese, no personal data
	Public     bool   // shown to the citizen
}

// Package mediation is the grassroots mediation register (hòa giải ở cơ sở):
// the grassroots units of each commune, their mediation teams and mediators,
// and the book of cases (Sổ theo dõi hoạt động hòa giải), under Law
// 35/2013/QH13 on Grassroots Mediation (in force 1/1/2014) and Decree
// 15/2014/NĐ-CP. Rules are data and small pure functions that cite their
// article; the figures follow their direct definition over case records.
//
// The package is pure: no I/O, no adapter imports.
package mediation

import (
	"time"
)

// CaseKind is what a dispute is about: the breakdown of the figures.
type CaseKind string

const (
	KindLand       CaseKind = "land"       // đất đai
	KindFamily     CaseKind = "family"     // hôn nhân và gia đình
	KindCivil      CaseKind = "civil"      // dân sự
	KindNeighbours CaseKind = "neighbours" // mâu thuẫn láng giềng
	KindOther      CaseKind = "other"      // khác
)

// CaseKinds lists the kinds in report order.
var CaseKinds = []CaseKind{KindLand, KindFamily, KindCivil, KindNeighbours, KindOther}

var caseKindNames = map[CaseKind]string{
	KindLand:       "Đất đai",
	KindFamily:     "Hôn nhân và gia đình",
	KindCivil:      "Dân sự",
	KindNeighbours: "Mâu thuẫn láng giềng",
	KindOther:      "Khác",
}

// Name is the kind's Vietnamese name.
func (k CaseKind) Name() string { return caseKindNames[k] }

// Valid reports whether k is a known kind.
func (k CaseKind) Valid() bool { _, ok := caseKindNames[k]; return ok }

// Outcome is where a case stands (Art. 23, 24, 27).
type Outcome string

const (
	OutcomeSuccessful   Outcome = "successful"   // hòa giải thành (Art. 24)
	OutcomeUnsuccessful Outcome = "unsuccessful" // không thành: no agreement could be reached (Art. 23(3), 27)
	OutcomeStopped      Outcome = "stopped"      // dừng: a party asked to end it (Art. 23(2))
	OutcomeInProgress   Outcome = "in_progress"  // đang hòa giải
)

// Outcomes lists the outcomes in report order.
var Outcomes = []Outcome{OutcomeSuccessful, OutcomeUnsuccessful, OutcomeStopped, OutcomeInProgress}

var outcomeNames = map[Outcome]string{
	OutcomeSuccessful:   "Hòa giải thành",
	OutcomeUnsuccessful: "Hòa giải không thành",
	OutcomeStopped:      "Dừng hòa giải",
	OutcomeInProgress:   "Đang hòa giải",
}

// Name is the outcome's Vietnamese name.
func (o Outcome) Name() string { return outcomeNames[o] }

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool { _, ok := outcomeNames[o]; return ok }

// Ended reports whether the outcome closes the case.
func (o Outcome) Ended() bool {
	return o == OutcomeSuccessful || o == OutcomeUnsuccessful || o == OutcomeStopped
}

// Origin is how a case came to the team (Art. 16).
type Origin string

const (
	OriginRequest   Origin = "request"   // a party or the parties asked (Art. 16(1))
	OriginWitnessed Origin = "witnessed" // the mediator witnessed or learnt of it (Art. 16(2))
	OriginAssigned  Origin = "assigned"  // the team leader assigned it (Art. 16(3))
	OriginReferred  Origin = "referred"  // an agency, organisation or person proposed it (Art. 16(4))
)

var originNames = map[Origin]string{
	OriginRequest:   "Một bên hoặc các bên yêu cầu",
	OriginWitnessed: "Hòa giải viên chứng kiến hoặc biết vụ việc",
	OriginAssigned:  "Tổ trưởng tổ hòa giải phân công",
	OriginReferred:  "Cơ quan, tổ chức, cá nhân đề nghị",
}

// Name is the origin's Vietnamese name.
func (o Origin) Name() string { return originNames[o] }

// Valid reports whether o is a known origin.
func (o Origin) Valid() bool { _, ok := originNames[o]; return ok }

// Sex of a mediator: the figures count women (Art. 12(1) requires one per team).
type Sex string

const (
	SexFemale Sex = "female"
	SexMale   Sex = "male"
)

// Mediator is a hòa giải viên: recognised by a decision of the commune
// People's Committee chairman (Art. 8) and relieved by one (Art. 11).
type Mediator struct {
	ID              string
	TeamID          string
	FullName        string
	Sex             Sex
	Ethnicity       string // "Kinh", "Khmer"…
	EthnicMinority  bool   // a member of an ethnic minority (dân tộc thiểu số)
	BirthYear       int
	LegalTraining   bool // has legal training or works in law
	Leader          bool // tổ trưởng, elected by and from the mediators (Art. 14(1))
	RecognisedNo    string
	RecognisedOn    time.Time
	DismissedNo     string
	DismissedOn     *time.Time
	TrainingsAttend int // trainings attended (the seeds count mediators trained)
}

// ActiveOn reports whether the mediator is in office on day.
func (m Mediator) ActiveOn(day time.Time) bool {
	if !m.RecognisedOn.IsZero() && dateOf(m.RecognisedOn).After(dateOf(day)) {
		return false
	}
	return m.DismissedOn == nil || dateOf(*m.DismissedOn).After(dateOf(day))
}

// Team is a tổ hòa giải of a grassroots unit (thôn, tổ dân phố…) of a commune.
type Team struct {
	ID           string
	CommuneCode  string
	Grassroots   string // the grassroots unit: "Ấp 3", "Tổ dân phố 5"
	Name         string // "Tổ hòa giải ấp 3"
	MinorityArea bool   // an area with many ethnic-minority residents (Art. 12(1))
	Model        bool   // a model team (tổ hòa giải điển hình)
}

// Case is one entry of the Sổ theo dõi hoạt động hòa giải (Art. 21).
type Case struct {
	ID          string
	CommuneCode string
	TeamID      string
	Origin      Origin
	Kind        CaseKind
	Summary     string
	Parties     []Party
	ReceivedOn  time.Time
	AssignedOn  *time.Time // when the team leader assigned the mediators
	StartedOn   *time.Time // first mediation session
	MediatorIDs []string
	Outcome     Outcome
	EndedOn     *time.Time // set exactly when the outcome ends the case
	Agreement   string     // the agreement reached (văn bản hòa giải thành, Art. 24), optional
	CourtOrder  string     // a court's recognition of the agreement, if any (Civil Procedure Code Ch. XXXIII)
	FollowUp    string     // the mediator's follow-up of the agreement (Art. 26)
	PaymentVND  int64      // per-case payment to the mediators (Decree 15/2014 Art. 14), 0 if none
	Note        string
}

// Party is a party to a case. Parties' identities are personal data: they are
// kept for the book and never appear in figures or logs.
type Party struct {
	FullName string
	Address  string
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

package practitioner

import "time"

// ViBang is a bailiff's record (vi bằng) registered with the department
// (Decree 08/2020/NĐ-CP): the office sends it, the department enters it in
// its register of records and can find it later for a court or a party.
type ViBang struct {
	ID           string
	OfficeID     string
	BailiffID    string
	No           string // the office's number of the record
	Title        string // what was recorded
	Requester    string // the person or organisation who asked for it
	MadeOn       time.Time
	ReceivedOn   time.Time
	RegisteredOn *time.Time
	RegNo        string // the department's entry number (số vào sổ)
	Refused      string // why the department refused to register it, if it did
}

// InspectionStatus is where an inspection or check stands.
type InspectionStatus string

const (
	InspPlanned   InspectionStatus = "planned"   // in the year's plan
	InspOngoing   InspectionStatus = "ongoing"   // decided, the team is at work
	InspConcluded InspectionStatus = "concluded" // conclusion issued, recommendations followed up
	InspClosed    InspectionStatus = "closed"    // every recommendation done
)

var inspNames = map[InspectionStatus]string{
	InspPlanned: "Trong kế hoạch", InspOngoing: "Đang kiểm tra", InspConcluded: "Đã kết luận, theo dõi kiến nghị", InspClosed: "Đã hoàn thành",
}

// Name is the status in Vietnamese.
func (s InspectionStatus) Name() string { return inspNames[s] }

// Inspection is a check (kiểm tra) of a practising organisation: planned in
// the year's plan, opened by a decision with its team, concluded with
// findings by legal article, sanctions and recommendations followed until
// done. Since 1/7/2025 specialised inspection is the provincial
// Inspectorate's (Law 84/2025/QH15); the department keeps its checks
// (domain.md §7).
type Inspection struct {
	ID              string
	Year            int
	OrgID           string
	Planned         bool // in the yearly plan (else ad hoc)
	DecisionNo      string
	DecisionOn      *time.Time
	Team            string // the team's members, as the decision names them
	Status          InspectionStatus
	ConcludedOn     *time.Time
	Findings        []Finding
	Sanctions       []Sanction
	Recommendations []Recommendation
}

// Finding is a breach found, with the legal article breached.
type Finding struct {
	Article string `json:"article"`
	Text    string `json:"text"`
}

// Sanction is a penalty or measure decided on a finding, under a clause of
// the sanctions decree (Violations).
type Sanction struct {
	Code       string       `json:"code"`
	Kind       SanctionKind `json:"kind"`
	AmountVND  int64        `json:"amount_vnd,omitempty"`
	AgainstOrg bool         `json:"against_org"`
	Person     string       `json:"person,omitempty"`
	DecisionNo string       `json:"decision_no"`
	Months     int          `json:"months,omitempty"` // for a suspension
}

// Recommendation is a recommendation of the conclusion and its follow-up.
type Recommendation struct {
	Text   string     `json:"text"`
	DueOn  time.Time  `json:"due_on"`
	DoneOn *time.Time `json:"done_on,omitempty"`
	Result string     `json:"result,omitempty"`
}

// Open counts the recommendations not yet done.
func (i Inspection) Open() int {
	n := 0
	for _, r := range i.Recommendations {
		if r.DoneOn == nil {
			n++
		}
	}
	return n
}

// FinesVND sums the fines decided.
func (i Inspection) FinesVND() int64 {
	var s int64
	for _, x := range i.Sanctions {
		if x.Kind == SanctionFine {
			s += x.AmountVND
		}
	}
	return s
}

// Package emulation is the emulation and commendation register (thi đua,
// khen thưởng; Law 06/2022/QH15 in force 1/1/2024, Decree 98/2023/NĐ-CP):
// movements, registrations, yearly evaluations, proposals and awards with
// the titles and forms of commendation as versioned data; the "Dân vận
// khéo" models; and the department's administrative-reform (CCHC) plan,
// tasks, quarterly reviews and self-assessment, whose result gates the
// emulation of a division (seed 002). Plain Go, no I/O.
package emulation

import (
	"time"
)

// Kind is who is commended: an individual or a collective (a division, a
// unit of the department).
type Kind string

const (
	Individual Kind = "individual"
	Collective Kind = "collective"
)

// KindNames are the kinds in Vietnamese.
var KindNames = map[Kind]string{Individual: "Cá nhân", Collective: "Tập thể"}

// Rating is the yearly rating of the quality of an individual or a
// collective (Decree 90/2020/NĐ-CP for civil servants: hoàn thành xuất sắc,
// tốt, hoàn thành, không hoàn thành nhiệm vụ), which the titles build on.
type Rating string

const (
	Excellent Rating = "excellent"
	Good      Rating = "good"
	Done      Rating = "done"
	NotDone   Rating = "not_done"
)

// RatingNames are the ratings in Vietnamese.
var RatingNames = map[Rating]string{
	Excellent: "Hoàn thành xuất sắc nhiệm vụ",
	Good:      "Hoàn thành tốt nhiệm vụ",
	Done:      "Hoàn thành nhiệm vụ",
	NotDone:   "Không hoàn thành nhiệm vụ",
}

// rank orders ratings: higher is better.
func (r Rating) rank() int {
	switch r {
	case Excellent:
		return 3
	case Good:
		return 2
	case Done:
		return 1
	}
	return 0
}

// Valid reports whether r is a known rating.
func (r Rating) Valid() bool { _, ok := RatingNames[r]; return ok }

// Movement is an emulation movement (phong trào thi đua) with its theme,
// criteria and period, e.g. "Ngành tư pháp tỉnh Quảng Ngãi đoàn kết, kỷ
// cương, trách nhiệm, hành động, sáng tạo, thực hiện thắng lợi nhiệm vụ
// chính trị được giao" (seed 003).
type Movement struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Theme      string    `json:"theme"`
	Criteria   string    `json:"criteria"` // one criterion a line
	Kind       string    `json:"kind"`     // "regular" (thường xuyên) or "campaign" (theo đợt, chuyên đề)
	DecisionNo string    `json:"decision_no"`
	From       time.Time `json:"from"`
	To         time.Time `json:"to"`
}

// Registration is a unit's or a person's registration in a movement
// (đăng ký thi đua) with the title it pledges to reach.
type Registration struct {
	ID           string    `json:"id"`
	MovementID   string    `json:"movement_id"`
	Kind         Kind      `json:"kind"`
	Name         string    `json:"name"`
	Unit         string    `json:"unit"`
	Pledge       TitleCode `json:"pledge"`
	RegisteredOn time.Time `json:"registered_on"`
}

// Evaluation is the year's assessment of an individual or a collective,
// the facts the titles' conditions are checked against.
type Evaluation struct {
	ID          string `json:"id"`
	Year        int    `json:"year"`
	Kind        Kind   `json:"kind"`
	Name        string `json:"name"`
	Unit        string `json:"unit"` // the division (for a collective, its own name)
	Rating      Rating `json:"rating"`
	Initiative  bool   `json:"initiative"`  // a recognised initiative (sáng kiến) or study applied
	Disciplined bool   `json:"disciplined"` // disciplined in the year (reprimand or heavier)
	// For a collective: its members and how many reached the individual
	// titles, and whether it met its administrative-reform tasks (set from
	// the CCHC tasks it owns: ParMet).
	Members       int  `json:"members,omitempty"`
	MembersLDTT   int  `json:"members_ldtt,omitempty"`
	MembersCSTD   int  `json:"members_cstd,omitempty"`
	MembersFailed int  `json:"members_failed,omitempty"` // members rated "không hoàn thành"
	ParTasksMet   bool `json:"par_tasks_met"`
	// For an individual: consecutive years as CSTĐ cơ sở up to this one.
	ConsecutiveCSTD int    `json:"consecutive_cstd,omitempty"`
	Note            string `json:"note,omitempty"`
}

// Status is where a proposal stands.
type Status string

const (
	Proposed Status = "proposed" // đề nghị
	Awarded  Status = "awarded"  // đã có quyết định
	Refused  Status = "refused"  // không được xét (e.g. the PAR rule)
	Revoked  Status = "revoked"  // hủy bỏ (fraudulent claim)
)

// StatusNames are the statuses in Vietnamese.
var StatusNames = map[Status]string{Proposed: "Đề nghị", Awarded: "Đã khen thưởng", Refused: "Không xét", Revoked: "Đã hủy bỏ"}

// Award is a proposal for a title or a form of commendation and, once
// decided, the award itself.
type Award struct {
	ID         string     `json:"id"`
	Year       int        `json:"year"`
	Title      TitleCode  `json:"title"`
	Kind       Kind       `json:"kind"`
	Name       string     `json:"name"`
	Unit       string     `json:"unit"`
	MovementID string     `json:"movement_id,omitempty"`
	Status     Status     `json:"status"`
	ProposedOn time.Time  `json:"proposed_on"`
	DecisionNo string     `json:"decision_no,omitempty"`
	DecidedOn  *time.Time `json:"decided_on,omitempty"`
	Reason     string     `json:"reason,omitempty"` // why refused or revoked; the unmet conditions
	Achieve    string     `json:"achievement,omitempty"`
}

// Model is a "Dân vận khéo" model (mô hình "Dân vận khéo"): a division's
// good practice of serving the people, e.g. "«Khéo» trong thực hiện đăng
// ký khai sinh, kết hôn lưu động" (seed 000). It is registered, then
// recognised at a level by a decision; recognised models are public.
type Model struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	Field        string     `json:"field"` // kinh tế, văn hóa - xã hội, quốc phòng - an ninh, xây dựng hệ thống chính trị
	Unit         string     `json:"unit"`
	Content      string     `json:"content"`
	Results      string     `json:"results"`
	Year         int        `json:"year"`
	RegisteredOn time.Time  `json:"registered_on"`
	Level        string     `json:"level,omitempty"` // cơ sở (Sở), tỉnh
	DecisionNo   string     `json:"decision_no,omitempty"`
	RecognisedOn *time.Time `json:"recognised_on,omitempty"`
}

// Recognised reports whether the model was recognised.
func (m Model) Recognised() bool { return m.RecognisedOn != nil }

// ModelFields are the fields of the "Dân vận khéo" movement.
var ModelFields = []string{"Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"}

// Name is the kind in Vietnamese.
func (k Kind) Name() string { return KindNames[k] }

// Name is the rating in Vietnamese.
func (r Rating) Name() string { return RatingNames[r] }

// Name is the status in Vietnamese.
func (s Status) Name() string { return StatusNames[s] }

// Name is the title's name in force today (the code when unknown).
func (c TitleCode) Name() string {
	for _, t := range titles {
		if t.Code == c {
			return t.Name
		}
	}
	return string(c)
}

// Name is the state in Vietnamese.
func (s TaskState) Name() string { return TaskStateNames[s] }

// Ratings lists the ratings, best first.
var Ratings = []Rating{Excellent, Good, Done, NotDone}

package dossier

import (
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
)

// Outgoing letters signed off by a leader (issue 25 item 4). The letters
// that tell the applicant the one-stop shop's decision on the dossier — a
// request to supplement it (Mẫu 02), a refusal (Mẫu 03, or the written
// refusal after appraisal), an apology with a new date (Mẫu 04), the
// return of a dossier not supplemented — are administrative documents: the
// officer drafts them, the competent person signs them (Decree
// 30/2020/NĐ-CP on clerical work, Art. 13: the head of the agency signs, or
// the head of a unit by authorisation, "TL."), and only a signed letter is
// sent (Art. 15-16: a document is issued once signed, numbered and dated).
// So a letter is drafted, submitted, then approved — the approval signs the
// PDF with the leader's signer and performs the action the letter carries,
// in one transaction — or sent back with a comment.
//
// The statutory clock is not touched by a draft: the action (the clock's
// pause for a supplement, the new due date of an apology, the end of the
// dossier) takes effect when the letter goes out, as the applicant is bound
// by a letter only once notified (Decree 118/2025/NĐ-CP, Art. 16(2)(c) and
// 19: the request is "sent" to the applicant). A leader who is slow to sign
// costs the dossier's time, and the apology's own deadline (ApologyRule) is
// checked at the approval.

// LetterKind is the kind of an outgoing letter.
type LetterKind string

const (
	LetterSupplement LetterKind = "supplement" // Mẫu 02: request to supplement or complete
	LetterRefusal    LetterKind = "refusal"    // Mẫu 03 at intake; written refusal after appraisal
	LetterApology    LetterKind = "apology"    // Mẫu 04: apology and new date
	LetterReturn     LetterKind = "return"     // return of a dossier not supplemented in time
)

// LetterKinds lists the kinds in the order screens offer them.
var LetterKinds = []LetterKind{LetterSupplement, LetterRefusal, LetterApology, LetterReturn}

var letterKindLabels = map[LetterKind]string{
	LetterSupplement: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
	LetterRefusal:    "Văn bản từ chối (Mẫu 03 hoặc từ chối giải quyết)",
	LetterApology:    "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
	LetterReturn:     "Văn bản trả lại hồ sơ không bổ sung",
}

// Label is the kind in Vietnamese.
func (k LetterKind) Label() string {
	if l, ok := letterKindLabels[k]; ok {
		return l
	}
	return string(k)
}

// ParseLetterKind accepts a kind from a form.
func ParseLetterKind(s string) (LetterKind, error) {
	for _, k := range LetterKinds {
		if string(k) == strings.TrimSpace(s) {
			return k, nil
		}
	}
	return "", apperr.Field("kind", "Loại văn bản không hợp lệ: chọn yêu cầu bổ sung, từ chối, xin lỗi hoặc trả lại hồ sơ.")
}

// LetterState is where a letter stands.
type LetterState string

const (
	LetterDraft     LetterState = "draft"     // being written by the officer
	LetterSubmitted LetterState = "submitted" // waiting for the leader
	LetterSentBack  LetterState = "sent_back" // the leader asked for changes
	LetterApproved  LetterState = "approved"  // signed and sent: the action took effect
	LetterCancelled LetterState = "cancelled" // dropped by its drafter
)

var letterStateLabels = map[LetterState]string{
	LetterDraft: "Dự thảo", LetterSubmitted: "Chờ lãnh đạo duyệt, ký", LetterSentBack: "Lãnh đạo trả lại để sửa",
	LetterApproved: "Đã ký, đã gửi", LetterCancelled: "Đã hủy",
}

// Label is the state in Vietnamese.
func (s LetterState) Label() string {
	if l, ok := letterStateLabels[s]; ok {
		return l
	}
	return string(s)
}

// Pending reports whether the letter still waits for someone.
func (s LetterState) Pending() bool {
	return s == LetterDraft || s == LetterSubmitted || s == LetterSentBack
}

// LetterStep is one step of a letter's life, kept with the letter.
type LetterStep struct {
	At      time.Time `json:"at"`
	Op      string    `json:"op"` // draft, edit, submit, approve, send_back, cancel
	ActorID string    `json:"actor_id,omitempty"`
	Actor   string    `json:"actor"`
	Comment string    `json:"comment,omitempty"`
}

// Letter is an outgoing letter of a dossier.
type Letter struct {
	TenantID    string      `json:"-"`
	ID          string      `json:"-"`
	DossierID   string      `json:"-"`
	DossierCode string      `json:"dossier_code"`
	Kind        LetterKind  `json:"kind"`
	State       LetterState `json:"-"`
	// Input is what the action needs and the form prints: the reason,
	// the items to supplement and their deadline, the new due date.
	Input Input `json:"input"`
	// Drafter is the officer who wrote it (role and unit as then).
	Drafter Actor `json:"drafter"`
	// UnitCode is the unit whose leader signs it: the drafter's.
	UnitCode  string    `json:"unit_code,omitempty"`
	CreatedAt time.Time `json:"-"`
	UpdatedAt time.Time `json:"-"`
	// Approver, SignedAt, Signer describe the signature once approved:
	// the leader, the certificate's subject and how it was signed
	// ("server": the agency's key; "remote": remote signing).
	Approver   *Actor     `json:"approver,omitempty"`
	SignedAt   *time.Time `json:"signed_at,omitempty"`
	Signer     string     `json:"signer,omitempty"`
	SignMethod string     `json:"sign_method,omitempty"`
	// Action is the dossier action performed when it went out.
	Action  Action       `json:"action,omitempty"`
	Comment string       `json:"comment,omitempty"` // the last send-back comment
	Steps   []LetterStep `json:"steps"`
}

// LetterAction is the dossier action a letter of kind carries for a
// dossier in d's status: a supplement request is the completion request at
// intake (status 1, Decree 118/2025 Art. 15) or the request during
// processing (Art. 16); a refusal is the refusal to receive at intake
// (Mẫu 03) or the written refusal after appraisal (Art. 19(3)).
func LetterAction(k LetterKind, st Status) (Action, error) {
	switch k {
	case LetterSupplement:
		switch st {
		case Submitted:
			return ActRequestCompletion, nil
		case Accepted, Processing:
			return ActRequestSupplement, nil
		}
	case LetterRefusal:
		switch st {
		case Submitted:
			return ActRefuse, nil
		case Accepted, Processing, SupplementWaiting, FeeWaiting:
			return ActRefuseResolution, nil
		}
	case LetterApology:
		switch st {
		case Processing, SupplementWaiting, FeeWaiting:
			return ActApologize, nil
		}
	case LetterReturn:
		if st == SupplementWaiting {
			return ActReturnIncomplete, nil
		}
	default:
		return "", apperr.Field("kind", "Loại văn bản không hợp lệ.")
	}
	return "", refuse("Hồ sơ đang ở trạng thái \"" + st.Name() + "\": không gửi được " + strings.ToLower(k.Label()) + ".")
}

// LetterForm is the slip (the web package's form key) that prints the
// letter carrying act.
func LetterForm(act Action) string {
	switch act {
	case ActRequestCompletion, ActRequestSupplement:
		return "mau-02"
	case ActRefuse:
		return "mau-03"
	case ActApologize:
		return "mau-04"
	case ActRefuseResolution:
		return "tu-choi-giai-quyet"
	case ActReturnIncomplete:
		return "tra-lai"
	}
	return ""
}

// IsLeader reports whether an officer signs letters: the director, or a
// unit head (Decree 30/2020/NĐ-CP, Art. 13).
func IsLeader(a Actor) bool { return a.Role == "director" || a.Role == "unit_head" }

// MaySignLetter: the leader who approves and signs a letter is the
// director, or the head of the unit that drafted it (TL. Giám đốc, Decree
// 30/2020/NĐ-CP Art. 13(1)(b)); a letter of the desk or of the
// leadership's own step (no unit) is signed by the director.
func MaySignLetter(l *Letter, a Actor) error {
	switch {
	case a.Role == "director":
		return nil
	case a.Role == "unit_head" && l.UnitCode != "" && a.UnitCode == l.UnitCode:
		return nil
	case a.Role == "unit_head":
		return forbidden("Văn bản này do lãnh đạo đơn vị soạn thảo hoặc Giám đốc ký; bạn không phải lãnh đạo đơn vị đã soạn văn bản.")
	}
	return forbidden("Chỉ Giám đốc hoặc lãnh đạo đơn vị (Trưởng phòng) được duyệt và ký văn bản gửi người nộp hồ sơ.")
}

// LetterActor is who performs the letter's action on the dossier: the
// officer who drafted it, on whose step the letter was written, signed off
// by the leader; but an apology is the leader's own act (Mẫu 04 is signed
// by the head of the agency or of the unit at fault, mayApologize), so it
// is performed as the leader.
func LetterActor(l *Letter, leader Actor) Actor {
	if l.Kind == LetterApology {
		return leader
	}
	a := l.Drafter
	a.IP = leader.IP
	return a
}

// CheckLetterDraft checks a draft's fields for its kind, all at once; the
// action's own rules (the step, the apology's timing) run again when the
// letter goes out.
func CheckLetterDraft(k LetterKind, in Input) error {
	var bad apperr.FieldList
	reason := strings.TrimSpace(in.Reason)
	switch {
	case reason == "" && k != LetterReturn:
		bad.Add("reason", "Cần ghi lý do (nội dung văn bản gửi người nộp hồ sơ).")
	case utf8.RuneCountInString(reason) > 2000:
		bad.Add("reason", "Lý do không được dài quá 2.000 ký tự.")
	}
	switch k {
	case LetterSupplement:
		if len(in.Items) == 0 {
			bad.Add("items", "Cần ghi các giấy tờ phải bổ sung (mỗi dòng một loại).")
		}
	case LetterApology:
		if in.NewDueAt == nil {
			bad.Add("new_due_at", "Cần ghi ngày hẹn trả kết quả mới.")
		}
	}
	return bad.Err()
}

// LetterOp is a step of a letter's life asked by an officer.
type LetterOp string

const (
	OpSubmit   LetterOp = "submit"
	OpApprove  LetterOp = "approve"
	OpSendBack LetterOp = "send_back"
	OpCancel   LetterOp = "cancel"
	OpEdit     LetterOp = "edit"
)

// LetterRule says whether a may do op on l now: the drafter edits,
// submits and cancels his draft; a leader who may sign it (MaySignLetter)
// approves or sends back a submitted letter, a send-back with a comment.
// A leader's own draft is approved at once (the one-click path): he is
// his own signer.
func LetterRule(l *Letter, op LetterOp, a Actor, comment string) error {
	own := a.ID != "" && a.ID == l.Drafter.ID
	switch op {
	case OpEdit, OpSubmit, OpCancel:
		if !own {
			return forbidden("Chỉ người soạn thảo được sửa, trình hoặc hủy dự thảo.")
		}
		if l.State != LetterDraft && l.State != LetterSentBack {
			return refuse("Văn bản đang ở trạng thái \"" + l.State.Label() + "\": không sửa, trình hoặc hủy được nữa.")
		}
	case OpApprove, OpSendBack:
		if err := MaySignLetter(l, a); err != nil {
			return err
		}
		if l.State != LetterSubmitted && !(own && op == OpApprove && (l.State == LetterDraft || l.State == LetterSentBack)) {
			return refuse("Văn bản đang ở trạng thái \"" + l.State.Label() + "\": chỉ duyệt hoặc trả lại văn bản đã trình.")
		}
		if op == OpSendBack {
			c := strings.TrimSpace(comment)
			if c == "" {
				return apperr.Field("comment", "Cần ghi ý kiến khi trả lại dự thảo, để người soạn biết phải sửa gì.")
			}
			if utf8.RuneCountInString(c) > 2000 {
				return apperr.Field("comment", "Ý kiến không được dài quá 2.000 ký tự.")
			}
		}
	default:
		return apperr.New(apperr.Invalid, "Thao tác không hợp lệ: "+string(op))
	}
	return nil
}

// StepLetter applies op to l (after LetterRule): the new state and the
// step in the letter's history.
func StepLetter(l *Letter, op LetterOp, a Actor, comment string, now time.Time) {
	switch op {
	case OpSubmit:
		l.State = LetterSubmitted
	case OpApprove:
		l.State = LetterApproved
		l.Approver = &a
		l.SignedAt = &now
	case OpSendBack:
		l.State = LetterSentBack
		l.Comment = strings.TrimSpace(comment)
	case OpCancel:
		l.State = LetterCancelled
	}
	l.UpdatedAt = now
	l.Steps = append(l.Steps, LetterStep{At: now, Op: string(op), ActorID: a.ID, Actor: a.Name, Comment: strings.TrimSpace(comment)})
}

// Letter events on the dossier's history: the state of the dossier does
// not change (From == To); the action the letter carries is its own
// event, recorded when the letter goes out.
const (
	ActLetterDraft    Action = "letter_draft"
	ActLetterSubmit   Action = "letter_submit"
	ActLetterApprove  Action = "letter_approve"
	ActLetterSendBack Action = "letter_send_back"
	ActLetterCancel   Action = "letter_cancel"
	ActLetterEdit     Action = "letter_edit"
)

func init() {
	actionLabels[ActLetterDraft] = "Soạn dự thảo văn bản"
	actionLabels[ActLetterSubmit] = "Trình lãnh đạo duyệt, ký văn bản"
	actionLabels[ActLetterApprove] = "Lãnh đạo duyệt, ký số và gửi văn bản"
	actionLabels[ActLetterSendBack] = "Lãnh đạo trả lại dự thảo văn bản"
	actionLabels[ActLetterCancel] = "Hủy dự thảo văn bản"
	actionLabels[ActLetterEdit] = "Sửa dự thảo văn bản"
}

// letterEventOf maps a letter step to its dossier event.
func letterEventOf(op LetterOp) Action {
	switch op {
	case OpSubmit:
		return ActLetterSubmit
	case OpApprove:
		return ActLetterApprove
	case OpSendBack:
		return ActLetterSendBack
	case OpCancel:
		return ActLetterCancel
	case OpEdit:
		return ActLetterEdit
	}
	return ActLetterDraft
}

// LetterRequiredRule: where the tenant has letters signed off by a leader
// (required), an officer who is not a leader does not send a letter's
// action directly: he drafts the letter and submits it. A leader acts at
// once, and his letter is signed as he acts.
func LetterRequiredRule(act Action, a Actor, required bool) error {
	if !required || IsLeader(a) || LetterForm(act) == "" || a.Role == "citizen" {
		return nil
	}
	return refuse("Văn bản \"" + act.Label() + "\" phải được lãnh đạo duyệt và ký trước khi gửi người nộp hồ sơ: hãy soạn dự thảo ở mục \"Văn bản gửi người nộp hồ sơ\" và trình lãnh đạo.")
}

// LetterKindOf is the kind of letter an action sends ("" for an action
// that sends none).
func LetterKindOf(act Action) LetterKind {
	switch act {
	case ActRequestCompletion, ActRequestSupplement:
		return LetterSupplement
	case ActRefuse, ActRefuseResolution:
		return LetterRefusal
	case ActApologize:
		return LetterApology
	case ActReturnIncomplete:
		return LetterReturn
	}
	return ""
}

// InternalLetterEvent reports whether an event is a letter's internal
// step (drafted, submitted, sent back, cancelled): the officers' record,
// not shown to the applicant, who sees the letter once it goes out.
func InternalLetterEvent(a Action) bool {
	switch a {
	case ActLetterDraft, ActLetterSubmit, ActLetterSendBack, ActLetterCancel, ActLetterEdit:
		return true
	}
	return false
}

package dossier

import (
	"fmt"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Action is a transition of the lifecycle.
type Action string

const (
	ActSubmit            Action = "submit"             // online submission (1)
	ActAccept            Action = "accept"             // 1 → 2, or counter intake
	ActRefuse            Action = "refuse"             // 1 → 3 (Mẫu 03)
	ActRequestCompletion Action = "request_completion" // 1 → 1, once (Mẫu 02 at intake)
	ActForward           Action = "forward"            // hand over to the next step: 2|4 → 4, or → 9 before the last step
	ActRequestSupplement Action = "request_supplement" // 2|4 → 5 (Mẫu 02); SupplementRuleAt says how the clock runs
	ActSupplement        Action = "supplement"         // 5 → 4, the clock resumes (or restarts from zero)
	ActReturnIncomplete  Action = "return_incomplete"  // 5 → 8: not supplemented in time, returned with its slip
	ActRefuseResolution  Action = "refuse_resolution"  // 2|4|5|6 → 9: written refusal after appraisal (Art. 19(3))
	ActRequestFee        Action = "request_fee"        // 4 → 6
	ActPayFee            Action = "pay_fee"            // 6 → 4
	ActWithdraw          Action = "withdraw"           // 1|2|4|5|6 → 7
	ActStop              Action = "stop"               // 4|5|6 → 8 (Mẫu 05)
	ActApologize         Action = "apologize"          // 4|5|6: Mẫu 04, once, before the due time
	ActReturn            Action = "return"             // 9 → 10
	ActRate              Action = "rate"               // 10: once
	ActSendBack          Action = "send_back"          // 4: back to the previous step, with a reason
)

var actionLabels = map[Action]string{
	ActSubmit: "Nộp hồ sơ", ActAccept: "Tiếp nhận hồ sơ", ActRefuse: "Từ chối tiếp nhận",
	ActRequestCompletion: "Hướng dẫn bổ sung, hoàn thiện hồ sơ", ActForward: "Chuyển bước xử lý",
	ActRequestSupplement: "Yêu cầu bổ sung hồ sơ", ActSupplement: "Nhận hồ sơ bổ sung", ActRequestFee: "Yêu cầu nộp phí, lệ phí",
	ActPayFee: "Đã nộp phí, lệ phí", ActWithdraw: "Rút hồ sơ", ActStop: "Dừng xử lý", ActApologize: "Xin lỗi, hẹn lại ngày trả",
	ActReturn: "Trả kết quả", ActRate: "Đánh giá mức độ hài lòng", ActSendBack: "Trả lại bước trước",
	ActReturnIncomplete: "Trả lại hồ sơ do không bổ sung", ActRefuseResolution: "Từ chối giải quyết hồ sơ",
}

// Label is the action in Vietnamese.
func (a Action) Label() string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return string(a)
}

// Actions lists the transitions an officer can ask for through the API.
var Actions = []Action{ActAccept, ActRefuse, ActRequestCompletion, ActForward, ActSendBack, ActRequestSupplement, ActSupplement,
	ActRequestFee, ActPayFee, ActWithdraw, ActStop, ActApologize, ActReturn, ActRate, ActReturnIncomplete, ActRefuseResolution}

// ParseAction accepts an action name from a URL.
func ParseAction(s string) (Action, bool) {
	for _, a := range Actions {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}

// Actor is who asks for a transition: an officer with a role and a unit
// code, or the applicant.
type Actor struct {
	ID       string
	Name     string
	Role     string // org.Role value, or "citizen"
	UnitCode string
	IP       string
}

// Input carries what an action needs.
type Input struct {
	Reason    string     `json:"reason,omitempty"`
	Items     []string   `json:"items,omitempty"`
	Deadline  *time.Time `json:"deadline,omitempty"`
	NewDueAt  *time.Time `json:"new_due_at,omitempty"`
	Satisfied *bool      `json:"satisfied,omitempty"`
	Comment   string     `json:"comment,omitempty"`
	Note      string     `json:"note,omitempty"`
	// There is no "paid online" input: only the payment gateway's verified
	// notification sets it (PayOnline), never an officer (issue 12 §11).
	// OnBehalf: a superior acts on a step held by someone else, on purpose
	// (see OnBehalfRule); the reason is then required and recorded.
	OnBehalf bool `json:"on_behalf,omitempty"`
	// ApologyNumber is a Mẫu 04 number reserved before the letter was
	// signed (ReserveApologyNumber), so that the signed letter carries the
	// number it goes out with; empty: the number is drawn as it goes out.
	// Never read from a request (json "-"): only the letters' approval sets it.
	ApologyNumber string `json:"-"`
}

// Env is the world a transition sees: the time fixed by the transaction and
// the calendar in force when the dossier was accepted.
type Env struct {
	Now time.Time
	Cal *calendar.Calendar
}

// Event is one transition, appended to the dossier's history in the same
// transaction as the state change.
type Event struct {
	TenantID  string    `json:"-"`
	DossierID string    `json:"-"`
	Seq       int       `json:"seq"`
	At        time.Time `json:"at"`
	Action    Action    `json:"action"`
	ActorID   string    `json:"actor_id,omitempty"`
	Actor     string    `json:"actor"`
	UnitCode  string    `json:"unit_code,omitempty"`
	From      Status    `json:"from_status"`
	To        Status    `json:"to_status"`
	Reason    string    `json:"reason,omitempty"`
	Detail    string    `json:"detail,omitempty"`
}

func refuse(msg string) error { return apperr.New(apperr.Conflict, msg) }

func forbidden(msg string) error { return apperr.New(apperr.Forbidden, msg) }

// isDesk reports whether the actor works at the reception desk (or manages
// the whole tenant).
func isDesk(a Actor) bool {
	return a.Role == "reception_clerk" || a.Role == "admin" || a.Role == "director"
}

// Holding is how an officer stands to a step of a dossier.
type Holding int

const (
	// NotHolder may not act on the step.
	NotHolder Holding = iota
	// Holder is the step's own holder: an officer of the step's unit whose
	// role is the step's (any role when the step names none; a unit head,
	// or an agency's liaison, for the unit's steps naming no role), or the
	// director for the director's steps.
	Holder
	// Superior may act on a subordinate's step, on the holder's behalf: the
	// director on any step, a unit head on a step of the unit that names
	// another role. Doing so is explicit and recorded (OnBehalfRule).
	Superior
)

// HoldingOf is the one rule of who holds a step: every action bound to the
// current step (forwarding, sending back, requests, the apology, stopping)
// asks it.
func HoldingOf(a Actor, s *Step) Holding {
	if s == nil {
		return NotHolder
	}
	if s.AssigneeID != "" && a.ID == s.AssigneeID {
		return Holder // the step's work was moved to this officer (Reassign)
	}
	if s.UnitCode == "" && s.Role != "" {
		switch {
		case a.Role == s.Role:
			return Holder
		case a.Role == "director":
			return Superior
		}
		return NotHolder
	}
	if s.UnitCode != "" && a.UnitCode != s.UnitCode {
		if a.Role == "director" {
			return Superior
		}
		return NotHolder
	}
	switch {
	case s.Role == "" || a.Role == s.Role:
		return Holder
	case a.Role == "agency_liaison":
		return Holder
	case a.Role == "unit_head" || a.Role == "director":
		return Superior
	}
	return NotHolder
}

// holds reports whether the actor may act for the current step, as its
// holder or as a superior.
func holds(a Actor, s *Step) bool { return HoldingOf(a, s) != NotHolder }

// holderText names who holds a step, in words (no codes): "chuyên viên".
func holderText(s *Step) string {
	switch s.Role {
	case "reception_clerk":
		return "công chức tiếp nhận"
	case "specialist":
		return "chuyên viên"
	case "unit_head":
		return "lãnh đạo phòng"
	case "director":
		return "lãnh đạo cơ quan"
	case "agency_liaison":
		return "cơ quan phối hợp"
	}
	return "cán bộ của đơn vị"
}

// stepBound are the actions done by the current step's holder.
var stepBound = map[Action]bool{ActForward: true, ActSendBack: true, ActRequestSupplement: true, ActRequestFee: true, ActApologize: true}

// OnBehalfRule says whether a may take act on d as asked: a superior acting
// on a step held by someone else must say so (in.OnBehalf) and give the
// reason, which the history records; the holder does not (and cannot claim
// to act on anyone's behalf). It returns a Forbidden error naming the step's
// holder, or a field error for the missing reason.
func OnBehalfRule(d *Dossier, act Action, a Actor, in Input) error {
	if !stepBound[act] {
		return nil
	}
	s := d.CurrentStep()
	switch HoldingOf(a, s) {
	case Superior:
		if !in.OnBehalf {
			return forbidden(fmt.Sprintf("Bước \"%s\" do %s giữ. Lãnh đạo làm thay phải chọn \"Làm thay người giữ bước\" và ghi rõ lý do.", s.Name, holderText(s)))
		}
		if strings.TrimSpace(in.Reason) == "" {
			return apperr.Field("reason", "Làm thay người giữ bước phải ghi rõ lý do.")
		}
	case Holder:
		if in.OnBehalf {
			return refuse("Bạn đang giữ bước này; không cần làm thay.")
		}
	}
	return nil
}

// Allowed lists the actions the actor may take on d now, for the buttons of
// the dossier page.
func Allowed(d *Dossier, a Actor, now time.Time) []Action {
	var out []Action
	for _, act := range Actions {
		if check(d, act, a, now) == nil {
			out = append(out, act)
		}
	}
	return out
}

// check says whether act is legal in d's state and allowed to a.
func check(d *Dossier, act Action, a Actor, now time.Time) error {
	st := d.Status
	in := func(ss ...Status) bool {
		for _, s := range ss {
			if st == s {
				return true
			}
		}
		return false
	}
	if d.Ended == EndTransferred {
		return refuse("Hồ sơ đã được chuyển giao cho cơ quan khác tiếp tục giải quyết.")
	}
	illegal := func() error {
		return refuse(fmt.Sprintf("Không thể thực hiện \"%s\" khi hồ sơ đang ở trạng thái \"%s\".", act.Label(), st.Name()))
	}
	switch act {
	case ActAccept, ActRefuse:
		if !in(Submitted) {
			return illegal()
		}
		if !isDesk(a) {
			return forbidden("Chỉ Bộ phận Một cửa được tiếp nhận hoặc từ chối hồ sơ.")
		}
	case ActRequestCompletion:
		if !in(Submitted) {
			return illegal()
		}
		if !isDesk(a) {
			return forbidden("Chỉ Bộ phận Một cửa được hướng dẫn bổ sung hồ sơ khi tiếp nhận.")
		}
		if d.Completion != nil {
			return refuse("Hồ sơ chỉ được yêu cầu bổ sung, hoàn thiện một lần khi tiếp nhận.")
		}
	case ActForward:
		if !in(Accepted, Processing) {
			return illegal()
		}
		if !holds(a, d.CurrentStep()) {
			return forbidden("Hồ sơ đang ở bước của đơn vị khác; bạn không thể chuyển bước này.")
		}
	case ActSendBack:
		if !in(Processing) || d.Current < 1 {
			return illegal()
		}
		if !holds(a, d.CurrentStep()) {
			return forbidden("Chỉ người giữ bước hiện tại được trả hồ sơ về bước trước.")
		}
	case ActRequestSupplement:
		if !in(Accepted, Processing) {
			return illegal()
		}
		if !holds(a, d.CurrentStep()) {
			return forbidden("Chỉ đơn vị đang giữ hồ sơ được yêu cầu bổ sung.")
		}
		if r := SupplementRuleAt(d.AcceptedAt); r.MaxRequests > 0 && len(d.Supplements) >= r.MaxRequests {
			return refuse("Hồ sơ chỉ được yêu cầu bổ sung, hoàn thiện một lần trong quá trình giải quyết (" + r.Basis +
				"); đơn vị phải giải quyết hoặc từ chối giải quyết hồ sơ.")
		}
	case ActReturnIncomplete:
		if !in(SupplementWaiting) {
			return illegal()
		}
		if !isDesk(a) {
			return forbidden("Chỉ Bộ phận Một cửa trả lại hồ sơ không được bổ sung.")
		}
		r := SupplementRuleAt(d.AcceptedAt)
		last := d.Supplements[len(d.Supplements)-1]
		day, ok := r.CloseDay(last.At)
		if !ok {
			return refuse("Quy định áp dụng cho hồ sơ này (" + r.Basis + ") không có việc trả lại hồ sơ khi quá hạn bổ sung.")
		}
		if calendar.DateOf(now).Before(day) {
			return refuse(fmt.Sprintf("Chỉ được trả lại hồ sơ khi quá %d ngày kể từ ngày yêu cầu bổ sung (từ ngày %s).", r.CloseAfterDays, day.FormatVN()))
		}
	case ActRefuseResolution:
		if !in(Accepted, Processing, SupplementWaiting, FeeWaiting) {
			return illegal()
		}
		if !holds(a, d.CurrentStep()) && a.Role != "unit_head" && a.Role != "director" {
			return forbidden("Chỉ đơn vị đang giữ hồ sơ hoặc lãnh đạo được từ chối giải quyết hồ sơ.")
		}
	case ActSupplement:
		if !in(SupplementWaiting) {
			return illegal()
		}
		if !isDesk(a) && !holds(a, d.CurrentStep()) && a.Role != "citizen" {
			return forbidden("Chỉ Bộ phận Một cửa hoặc đơn vị đang giữ hồ sơ được nhận hồ sơ bổ sung.")
		}
	case ActRequestFee:
		if !in(Processing) {
			return illegal()
		}
		if !holds(a, d.CurrentStep()) && !isDesk(a) {
			return forbidden("Chỉ đơn vị đang giữ hồ sơ được yêu cầu nộp phí.")
		}
	case ActPayFee:
		if !in(FeeWaiting) {
			return illegal()
		}
		if !isDesk(a) && a.Role != "citizen" && a.Role != "system" {
			return forbidden("Chỉ Bộ phận Một cửa xác nhận việc nộp phí.")
		}
	case ActWithdraw:
		if !in(Submitted, Accepted, Processing, SupplementWaiting, FeeWaiting) {
			return illegal()
		}
		if !isDesk(a) && a.Role != "citizen" {
			return forbidden("Rút hồ sơ theo yêu cầu của người nộp, do Bộ phận Một cửa thực hiện.")
		}
	case ActStop:
		if !in(Accepted, Processing, SupplementWaiting, FeeWaiting) {
			return illegal()
		}
		if a.Role != "unit_head" && a.Role != "director" {
			return forbidden("Chỉ lãnh đạo được quyết định dừng xử lý hồ sơ.")
		}
		if !holds(a, d.CurrentStep()) {
			return forbidden("Chỉ lãnh đạo đơn vị đang giữ hồ sơ (hoặc lãnh đạo Sở) được quyết định dừng xử lý hồ sơ.")
		}
	case ActApologize:
		if !in(Accepted, Processing, SupplementWaiting, FeeWaiting) {
			return illegal()
		}
		if d.Apology != nil {
			return refuse("Hồ sơ đã có văn bản xin lỗi, hẹn lại ngày trả; chỉ được hẹn lại một lần.")
		}
		if _, err := mayApologize(a, d.CurrentStep()); err != nil {
			return err
		}
	case ActReturn:
		if !in(ResultReady) {
			return illegal()
		}
		if !isDesk(a) {
			return forbidden("Chỉ Bộ phận Một cửa trả kết quả.")
		}
		if !FeeSettled(d) {
			return feeOwed(d)
		}
	case ActRate:
		if !in(Returned) {
			return illegal()
		}
		if d.Rating != nil {
			return refuse("Hồ sơ đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.")
		}
		if !isDesk(a) && a.Role != "citizen" {
			return forbidden("Đánh giá do người nộp hồ sơ thực hiện.")
		}
	default:
		return apperr.New(apperr.Invalid, "Thao tác không hợp lệ: "+string(act))
	}
	return nil
}

func needReason(in Input, what string) error {
	if strings.TrimSpace(in.Reason) == "" {
		return apperr.Field("reason", what+" phải ghi rõ lý do.")
	}
	if len([]rune(in.Reason)) > 2000 {
		return apperr.Field("reason", "Lý do không được dài quá 2.000 ký tự.")
	}
	return nil
}

// IsApproval reports whether d's current step is the leadership's approval:
// a step held by the director, with no unit.
func IsApproval(d *Dossier) bool {
	s := d.CurrentStep()
	return d.Status == Processing && s != nil && s.UnitCode == "" && s.Role == "director"
}

// ApprovalRule: the director's approval is a real approval. Forwarding the
// approval step needs the result it approves attached (the signed
// document the applicant receives); hasResult says whether one is.
func ApprovalRule(d *Dossier, act Action, hasResult bool) error {
	if act == ActForward && IsApproval(d) && !hasResult {
		return refuse("Phê duyệt cần có kết quả giải quyết (văn bản đã ký) đính kèm trước: chọn \"Đính kèm kết quả điện tử\", rồi phê duyệt.")
	}
	return nil
}

package petition

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
)

// Actor is the officer acting, for the audit log.
type Actor struct {
	ID, Name, IP string
	// SeesIdentity: the officer holds the permission of the person who
	// resolves denunciations (auth.ViewDenouncer).
	SeesIdentity bool
}

// Store is the storage the use cases need.
type Store interface {
	Petition(ctx context.Context, tenantID, id string) (Petition, error)
	PetitionByCode(ctx context.Context, tenantID, code string) (Petition, error)
	Petitions(ctx context.Context, tenantID string, f Filter) ([]Petition, error)
	// InPeriod returns every petition received in [from, to] or resolved,
	// forwarded or decided in it, or still open on from: the records the
	// figures of the period are computed from.
	InPeriod(ctx context.Context, tenantID string, from, to calendar.Date) ([]Petition, error)
	Events(ctx context.Context, tenantID, petitionID string) ([]Event, error)
	Visits(ctx context.Context, tenantID string, from, to calendar.Date) ([]Visit, error)
	Visit(ctx context.Context, tenantID, id string) (Visit, error)
	Schedule(ctx context.Context, tenantID string, from, to calendar.Date) ([]ScheduledDay, error)
	TransactPetitions(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction.
type Tx interface {
	Now() time.Time
	InsertPetition(ctx context.Context, tenantID string, p Petition) error
	UpdatePetition(ctx context.Context, tenantID string, p Petition) error
	// Identity is the denouncer's identity, kept apart.
	InsertIdentity(ctx context.Context, tenantID, petitionID, dupKey string, id Identity) error
	Identity(ctx context.Context, tenantID, petitionID string) (Identity, error)
	// Duplicate finds an earlier petition with the key, "" if none.
	Duplicate(ctx context.Context, tenantID, dupKey string) (string, error)
	NextNumber(ctx context.Context, tenantID, series string, year int) (int, error)
	InsertEvent(ctx context.Context, tenantID string, e Event) error
	InsertVisit(ctx context.Context, tenantID string, v Visit) error
	InsertScheduledDay(ctx context.Context, tenantID string, s ScheduledDay) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Filter selects petitions for the book's list.
type Filter struct {
	Kind      Kind
	Channel   Channel
	Status    Status
	From, To  *calendar.Date // received between, inclusive
	Query     string         // in the summary or code
	OwnerRef  string         // a citizen's own
	HandlerID string
	// Counted selects the records behind one figure of a period (the
	// drill-down), as Compute defines it; In is the period.
	Counted string
	In      [2]calendar.Date
	Limit   int
	Offset  int
}

// Service holds the register's use cases.
type Service struct {
	Store Store
	// Calendar is the tenant's calendar of working days.
	Calendar func(ctx context.Context, tenantID string) (WorkingDayer, error)
	Now      func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Today is the service's day in Vietnam.
func (s *Service) Today() calendar.Date { return calendar.DateOf(s.now()) }

// Cal is the tenant's calendar.
func (s *Service) Cal(ctx context.Context, tenantID string) (WorkingDayer, error) {
	if s.Calendar != nil {
		return s.Calendar(ctx, tenantID)
	}
	return calendar.New(calendar.DefaultRules())
}

func newID() string { return uuid.NewString() }

func clean(field, label, v string, max int, required bool) (string, error) {
	v = strings.Join(strings.Fields(v), " ")
	if required && v == "" {
		return "", apperr.Field(field, "Nhập "+label+".")
	}
	if utf8.RuneCountInString(v) > max {
		return "", apperr.Field(field, fmt.Sprintf("Trường %s dài quá %d ký tự.", label, max))
	}
	return v, nil
}

func (s *Service) audit(ctx context.Context, tx Tx, tenantID string, a Actor, action, object, detail string) error {
	return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: action, Object: object, Detail: detail})
}

func event(tx Tx, ctx context.Context, tenantID, id string, day calendar.Date, action, text string, public bool) error {
	return tx.InsertEvent(ctx, tenantID, Event{PetitionID: id, At: tx.Now(), Day: day, Action: action, Text: text, Public: public})
}

var series = map[Kind]string{KindComplaint: "KN", KindDenunciation: "TC", KindFeedback: "PA", KindMixed: "DT"}

// Intake is what a petition arrives with.
type Intake struct {
	Petition
	Identity    Identity // the denouncer (denunciations only)
	HasEvidence bool     // an anonymous denunciation with clear content and evidence (Law 25/2018 Art. 25(2))
}

// Receipt is what the citizen is given: the code, and a PIN for the portal's
// lookup (shown once, stored only as a hash).
type Receipt struct {
	Petition Petition
	PIN      string
	Warning  string // a duplicate, an anonymous denunciation…
}

func pin() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// HashPIN is the stored form of a PIN: bound to the petition's code.
func HashPIN(code, pin string) string {
	h := sha256.Sum256([]byte(code + "\x00" + strings.TrimSpace(pin)))
	return hex.EncodeToString(h[:])
}

// Receive records a petition from any channel: validates and classifies
// it, finds an earlier one of the same person and content (a duplicate is
// recorded and flagged, never refused), applies the rule on anonymous or
// forged-name denunciations, gives it a code and a PIN, and keeps a
// denouncer's identity apart.
func (s *Service) Receive(ctx context.Context, a Actor, tenantID string, in Intake) (Receipt, error) {
	p := in.Petition
	var errs apperr.FieldList
	if !p.Kind.Valid() {
		errs.Add("kind", "Chọn loại đơn: khiếu nại, tố cáo, kiến nghị phản ánh hoặc đơn nhiều nội dung.")
	}
	if !p.Channel.Valid() {
		errs.Add("channel", "Chọn nguồn đơn.")
	}
	if p.Field == "" {
		p.Field = "other"
	}
	if !p.Field.Valid() {
		errs.Add("field", "Lĩnh vực không hợp lệ.")
	}
	if p.ReceivedOn.IsZero() {
		errs.Add("received_on", "Nhập ngày tiếp nhận (dd/mm/yyyy).")
	} else if p.ReceivedOn.After(s.Today()) {
		errs.Add("received_on", "Ngày tiếp nhận không được sau hôm nay.")
	}
	var err error
	if p.Summary, err = clean("summary", "nội dung đơn", p.Summary, 4000, true); err != nil {
		errs.Merge(err)
	}
	who := p.Petitioner
	if p.Kind == KindDenunciation {
		who = in.Identity.Person
	}
	if who.FullName, err = clean("petitioner.full_name", "họ tên", who.FullName, 200, false); err != nil {
		errs.Merge(err)
	}
	if who.Address, err = clean("petitioner.address", "địa chỉ", who.Address, 400, false); err != nil {
		errs.Merge(err)
	}
	who.IDNumber = strings.TrimSpace(who.IDNumber)
	if who.IDNumber != "" && (len(who.IDNumber) != 12 && len(who.IDNumber) != 9 || strings.Trim(who.IDNumber, "0123456789") != "") {
		errs.Add("petitioner.id_number", "Số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số).")
	}
	if p.Channel == ChannelForwarded && strings.TrimSpace(p.ForwardedFrom) == "" {
		errs.Add("forwarded_from", "Nhập cơ quan chuyển đơn đến.")
	}
	if p.Kind == KindComplaint && p.Instance != 2 {
		p.Instance = 1
	}
	if p.Kind != KindComplaint {
		p.Instance = 0
	}
	if p.GroupSize < 0 || p.GroupSize > 100000 {
		errs.Add("group_size", "Số người không hợp lệ.")
	}
	if p.Kind != KindDenunciation && !p.Anonymous && who.FullName == "" {
		errs.Add("petitioner.full_name", "Nhập họ tên người gửi đơn (khiếu nại, kiến nghị phản ánh phải ghi rõ họ tên).")
	}
	if e := errs.Err(); e != nil {
		return Receipt{}, e
	}
	if who.FullName == "" && p.Kind == KindDenunciation {
		p.Anonymous = true
	}
	p.ID, p.Status = newID(), StatusReceived
	p.Decision, p.DecidedOn = "", nil
	rc := Receipt{PIN: pin()}
	dup := DupKey(p.Kind, who, p.Summary)
	if p.Kind == KindDenunciation {
		p.Petitioner = Person{}
	} else {
		p.Petitioner = who
	}
	err = s.Store.TransactPetitions(ctx, func(tx Tx) error {
		n, err := tx.NextNumber(ctx, tenantID, series[p.Kind], p.ReceivedOn.Year)
		if err != nil {
			return err
		}
		p.Code = fmt.Sprintf("%s-%d-%06d", series[p.Kind], p.ReceivedOn.Year, n)
		p.PINHash = HashPIN(p.Code, rc.PIN)
		if dup != "" {
			if p.DuplicateOf, err = tx.Duplicate(ctx, tenantID, dup); err != nil {
				return err
			}
		}
		if p.DuplicateOf != "" {
			rc.Warning = "Đơn trùng người gửi và nội dung với đơn đã tiếp nhận trước đó."
		}
		if p.Kind == KindDenunciation && (p.Anonymous || in.Identity.ForgedName) {
			p.Anonymous = true
			_, msg := AnonymousRule(in.HasEvidence)
			rc.Warning = strings.TrimSpace(rc.Warning + " " + msg)
			p.Note = strings.TrimSpace(p.Note + " " + msg)
		}
		pDup := dup
		if p.Kind == KindDenunciation {
			pDup = "" // the key derives from the identity: kept with it
		}
		if err := tx.InsertPetition(ctx, tenantID, withDup(p, pDup)); err != nil {
			return err
		}
		if p.Kind == KindDenunciation && !p.Anonymous {
			if err := tx.InsertIdentity(ctx, tenantID, p.ID, dup, Identity{Person: who, ForgedName: in.Identity.ForgedName}); err != nil {
				return err
			}
		}
		if err := event(tx, ctx, tenantID, p.ID, p.ReceivedOn, "received", "Tiếp nhận đơn ("+p.Channel.Name()+").", true); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "petition.receive", "petition:"+p.Code, p.Kind.Name()+", "+p.Channel.Name())
	})
	rc.Petition = p
	return rc, err
}

func withDup(p Petition, k string) Petition {
	p.dupKey = k
	return p
}

// Decision is a handling decision (xử lý đơn) with its official letter.
type Decision struct {
	Handling  Handling
	On        calendar.Date
	ForwardTo string
	Note      string
	// HandlerID and HandlerName: the officer assigned (accept).
	HandlerID, HandlerName string
}

// Decide records the handling decision of a received petition: accept
// (thụ lý: the case opens), forward to the competent agency within its
// limit, guide the citizen, or keep on file; a letter number is given.
func (s *Service) Decide(ctx context.Context, a Actor, tenantID, id string, d Decision) (Petition, error) {
	if !d.Handling.Valid() {
		return Petition{}, apperr.Field("handling", "Chọn cách xử lý đơn.")
	}
	if d.On.IsZero() {
		return Petition{}, apperr.Field("on", "Nhập ngày xử lý (dd/mm/yyyy).")
	}
	var err error
	if d.ForwardTo, err = clean("forward_to", "cơ quan nhận đơn chuyển", d.ForwardTo, 300, d.Handling == HandleForward); err != nil {
		return Petition{}, err
	}
	if d.Note, err = clean("note", "ghi chú", d.Note, 2000, false); err != nil {
		return Petition{}, err
	}
	var p Petition
	err = s.Store.TransactPetitions(ctx, func(tx Tx) error {
		if p, err = s.Store.Petition(ctx, tenantID, id); err != nil {
			return err
		}
		if p.Status != StatusReceived {
			return apperr.New(apperr.Conflict, "Đơn đã được xử lý ("+p.Status.Name()+").")
		}
		if d.On.Before(p.ReceivedOn) {
			return apperr.Field("on", "Ngày xử lý không được trước ngày tiếp nhận "+p.ReceivedOn.FormatVN()+".")
		}
		if d.Handling == HandleAccept && p.Kind == KindMixed {
			return apperr.Field("handling", "Đơn có nhiều nội dung: hướng dẫn công dân tách đơn theo từng nội dung, không thụ lý chung.")
		}
		if d.Handling == HandleAccept && p.Kind == KindDenunciation && p.Anonymous {
			return apperr.Field("handling", "Tố cáo nặc danh, mạo danh không được thụ lý giải quyết theo thủ tục tố cáo (khoản 2 Điều 25 Luật Tố cáo 25/2018/QH14).")
		}
		p.Decision, p.DecidedOn, p.ForwardTo = d.Handling, &d.On, d.ForwardTo
		if d.Note != "" {
			p.Note = strings.TrimSpace(p.Note + " " + d.Note)
		}
		n, err := tx.NextNumber(ctx, tenantID, "CV", d.On.Year)
		if err != nil {
			return err
		}
		p.LetterNo = fmt.Sprintf("%d/CV-XLĐ", n)
		text := ""
		switch d.Handling {
		case HandleAccept:
			p.Status, p.AcceptedOn = StatusAccepted, &d.On
			if p.Kind == KindFeedback {
				p.AcceptedOn = nil // feedback is answered, not "thụ lý"
			}
			p.HandlerID, p.HandlerName = d.HandlerID, d.HandlerName
			text = "Thụ lý giải quyết (" + p.LetterNo + ")."
		case HandleForward:
			p.Status = StatusForwarded
			text = "Chuyển đơn đến " + d.ForwardTo + " (" + p.LetterNo + ")."
		case HandleGuide:
			p.Status = StatusGuided
			text = "Hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền (" + p.LetterNo + ")."
		case HandleFile:
			p.Status = StatusFiled
			text = "Lưu đơn (" + p.LetterNo + ")."
		}
		if err := tx.UpdatePetition(ctx, tenantID, p); err != nil {
			return err
		}
		if err := event(tx, ctx, tenantID, p.ID, d.On, "decided", text, true); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "petition.decide", "petition:"+p.Code, d.Handling.Name())
	})
	return p, err
}

// Step is one act on an accepted case.
type Step struct {
	Action string // "complex", "suspend", "terminate", "resume", "dialogue", "resolve", "withdraw", "enforce", "assign"
	On     calendar.Date
	Text   string // reason, minutes, decision text, follow-up
	// complex
	Grounds []int
	// dialogue
	NoticeOn *calendar.Date
	// resolve
	Conclusion Conclusion
	DecisionNo string
	AmountVND  int64
	LandM2     int64
	// withdraw
	ViolationSigns bool
	// assign
	HandlerID, HandlerName string
}

// Act records one step of an accepted case, checking the law's rule for it.
func (s *Service) Act(ctx context.Context, a Actor, tenantID, id string, st Step) (Petition, string, error) {
	if st.On.IsZero() {
		return Petition{}, "", apperr.Field("on", "Nhập ngày (dd/mm/yyyy).")
	}
	if st.On.After(s.Today()) {
		return Petition{}, "", apperr.Field("on", "Ngày không được sau hôm nay.")
	}
	var err error
	if st.Text, err = clean("text", "nội dung", st.Text, 8000, false); err != nil {
		return Petition{}, "", err
	}
	cal, err := s.Cal(ctx, tenantID)
	if err != nil {
		return Petition{}, "", err
	}
	var p Petition
	var info string
	err = s.Store.TransactPetitions(ctx, func(tx Tx) error {
		if p, err = s.Store.Petition(ctx, tenantID, id); err != nil {
			return err
		}
		open := p.Status == StatusAccepted || p.Status == StatusSuspended
		if !open && st.Action != "enforce" {
			return apperr.New(apperr.Conflict, "Vụ việc không ở trạng thái đang giải quyết ("+p.Status.Name()+").")
		}
		if p.AcceptedOn != nil && st.On.Before(*p.AcceptedOn) {
			return apperr.Field("on", "Ngày không được trước ngày thụ lý "+p.AcceptedOn.FormatVN()+".")
		}
		public, text := true, ""
		switch st.Action {
		case "assign":
			if st.HandlerID == "" {
				return apperr.Field("handler", "Chọn cán bộ được giao xử lý.")
			}
			p.HandlerID, p.HandlerName = st.HandlerID, st.HandlerName
			public, text = false, "Giao cán bộ xử lý."
		case "complex":
			on := st.On
			if p.AcceptedOn != nil {
				on = *p.AcceptedOn
			}
			c, e, err := Complexity(p.Kind, st.Grounds, st.Text, on)
			if err != nil {
				return apperr.Field("text", err.Error())
			}
			if !c {
				return apperr.Field("grounds", "Chọn ít nhất một tiêu chí vụ việc phức tạp.")
			}
			p.Complex, p.EspeciallyComplex, p.ComplexGround = c, e, st.Text
			var names []string
			for _, g := range st.Grounds {
				names = append(names, ComplexCriteria[g])
			}
			if p.ComplexGround == "" {
				p.ComplexGround = strings.Join(names, "; ")
			}
			text = "Xác định vụ việc phức tạp: " + strings.Join(names, "; ") + "."
			if e {
				text = "Xác định vụ việc đặc biệt phức tạp: " + strings.Join(names, "; ") + "."
			}
		case "suspend", "terminate":
			if p.Kind != KindComplaint {
				return apperr.New(apperr.Invalid, "Tạm đình chỉ, đình chỉ theo bước này áp dụng cho khiếu nại.")
			}
			if st.Text == "" {
				return apperr.Field("text", "Nhập lý do.")
			}
			if st.Action == "suspend" {
				if p.Status == StatusSuspended {
					return apperr.New(apperr.Conflict, "Vụ việc đang tạm đình chỉ.")
				}
				p.Status, p.SuspendedOn, p.ResumedOn = StatusSuspended, &st.On, nil
				text = "Tạm đình chỉ giải quyết: " + st.Text
			} else {
				p.Status, p.TerminatedOn = StatusTerminated, &st.On
				text = "Đình chỉ giải quyết: " + st.Text
			}
			p.StopReason = st.Text
			if dl, err := Due(cal, KindComplaint, StageSendDecision, st.On, st.On, Flags{}); err == nil {
				info = "Gửi quyết định cho người khiếu nại chậm nhất ngày " + dl.Due.FormatVN() + " (" + dl.Basis + ")."
			}
		case "resume":
			if p.Status != StatusSuspended {
				return apperr.New(apperr.Conflict, "Vụ việc không bị tạm đình chỉ.")
			}
			p.Status, p.ResumedOn = StatusAccepted, &st.On
			text = "Tiếp tục giải quyết; thời hạn tiếp tục được tính từ ngày " + st.On.FormatVN() + "."
			if dl, err := Due(cal, KindComplaint, StageSendDecision, st.On, st.On, Flags{}); err == nil {
				info = "Gửi quyết định tiếp tục giải quyết chậm nhất ngày " + dl.Due.FormatVN() + " (" + dl.Basis + ")."
			}
		case "dialogue":
			if p.Kind != KindComplaint {
				return apperr.New(apperr.Invalid, "Đối thoại là bước của giải quyết khiếu nại.")
			}
			if st.Text == "" {
				return apperr.Field("text", "Nhập biên bản đối thoại (nội dung, kết quả).")
			}
			if st.NoticeOn != nil && DialogueNoticeShort(*st.NoticeOn, st.On) {
				return apperr.Field("notice_on", "Thông báo đối thoại phải gửi trước ngày đối thoại ít nhất 05 ngày (khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Nghị định 155/2026/NĐ-CP).")
			}
			p.DialogueOn, p.DialogueNoticeOn, p.DialogueMinutes = &st.On, st.NoticeOn, st.Text
			text = "Tổ chức đối thoại, lập biên bản."
		case "resolve":
			if p.Status == StatusSuspended {
				return apperr.New(apperr.Conflict, "Vụ việc đang tạm đình chỉ: ban hành quyết định tiếp tục giải quyết trước.")
			}
			if !st.Conclusion.Valid() {
				return apperr.Field("conclusion", "Chọn kết luận: đúng, sai hoặc đúng một phần.")
			}
			if p.Kind == KindFeedback {
				st.Conclusion = ConclusionAnswer
			} else if st.Conclusion == ConclusionAnswer {
				return apperr.Field("conclusion", "Chọn kết luận: đúng, sai hoặc đúng một phần.")
			}
			if msg := DialogueRule(p, st.On); msg != "" {
				return apperr.Field("conclusion", msg)
			}
			if st.Text == "" {
				return apperr.Field("text", "Nhập nội dung quyết định, kết luận hoặc văn bản trả lời gửi công dân.")
			}
			if st.AmountVND < 0 || st.LandM2 < 0 {
				return apperr.Field("amount_vnd", "Số tiền, diện tích không được âm.")
			}
			p.Status, p.ResolvedOn, p.Conclusion, p.DecisionNo, p.DecisionText = StatusResolved, &st.On, st.Conclusion, strings.TrimSpace(st.DecisionNo), st.Text
			p.AmountVND, p.LandM2 = st.AmountVND, st.LandM2
			text = "Ban hành " + map[Kind]string{KindComplaint: "quyết định giải quyết khiếu nại", KindDenunciation: "kết luận nội dung tố cáo",
				KindFeedback: "văn bản trả lời"}[p.Kind] + ": " + st.Conclusion.Name() + "."
			if p.Kind == KindComplaint && p.Instance == 1 {
				if dl, err := Due(cal, KindComplaint, StageAppeal, st.On, p.ReceivedOn, p.Flags()); err == nil {
					info = "Người khiếu nại có thể khiếu nại lần hai đến hết ngày " + dl.Due.FormatVN() + " (kể từ ngày nhận quyết định; " + dl.Basis + ") hoặc khởi kiện vụ án hành chính trong 01 năm."
				}
			}
		case "withdraw":
			if p.Kind != KindDenunciation {
				return apperr.New(apperr.Invalid, "Bước rút tố cáo chỉ áp dụng cho tố cáo.")
			}
			cont, basis := WithdrawOutcome(st.ViolationSigns, st.On)
			p.WithdrawnOn, p.ViolationSigns = &st.On, st.ViolationSigns
			if cont {
				text = "Người tố cáo rút tố cáo; có dấu hiệu vi phạm nên vẫn tiếp tục giải quyết (" + basis + ")."
				info = text
			} else {
				p.Status, p.TerminatedOn = StatusTerminated, &st.On
				text = "Người tố cáo rút toàn bộ tố cáo; đình chỉ giải quyết (" + basis + ")."
			}
		case "enforce":
			if p.Status != StatusResolved {
				return apperr.New(apperr.Conflict, "Chỉ theo dõi thi hành khi đã có quyết định, kết luận.")
			}
			if st.Text == "" {
				return apperr.Field("text", "Nhập kết quả thi hành.")
			}
			p.Enforcement = strings.TrimSpace(p.Enforcement + "\n" + st.On.FormatVN() + ": " + st.Text)
			public, text = false, "Theo dõi thi hành quyết định."
		default:
			return apperr.New(apperr.Invalid, "Bước không hợp lệ.")
		}
		if err := tx.UpdatePetition(ctx, tenantID, p); err != nil {
			return err
		}
		if err := event(tx, ctx, tenantID, p.ID, st.On, st.Action, text, public); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "petition."+st.Action, "petition:"+p.Code, "")
	})
	return p, info, err
}

// CanSeeIdentity reports whether the actor may see a denouncer's identity:
// the person who resolves denunciations (the permission) or the officer the
// case is assigned to.
func CanSeeIdentity(a Actor, p Petition) bool {
	return a.SeesIdentity || (a.ID != "" && a.ID == p.HandlerID)
}

// RevealIdentity returns a denouncer's identity to an officer allowed to see
// it. Every view, and every refused attempt, is logged (without the
// identity itself).
func (s *Service) RevealIdentity(ctx context.Context, a Actor, tenantID, id, reason string) (Identity, error) {
	var out Identity
	reason, rerr := clean("reason", "lý do xem", reason, 300, true)
	var refused bool
	err := s.Store.TransactPetitions(ctx, func(tx Tx) error {
		p, err := s.Store.Petition(ctx, tenantID, id)
		if err != nil {
			return err
		}
		if !CanSeeIdentity(a, p) {
			refused = true
			return s.audit(ctx, tx, tenantID, a, "petition.identity_refused", "petition:"+p.Code, reason)
		}
		if rerr != nil {
			return rerr
		}
		if p.Kind != KindDenunciation {
			return apperr.New(apperr.Invalid, "Chỉ tố cáo có thông tin người tố cáo được bảo vệ.")
		}
		if out, err = tx.Identity(ctx, tenantID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "petition.identity_view", "petition:"+p.Code, reason)
	})
	if err == nil && refused {
		return Identity{}, apperr.New(apperr.Forbidden, "Chỉ người giải quyết tố cáo hoặc cán bộ được giao xử lý mới được xem thông tin người tố cáo (Điều 47, 48 Luật Tố cáo 25/2018/QH14).")
	}
	return out, err
}

// Follow returns a petition to a citizen who gives its code and PIN.
func (s *Service) Follow(ctx context.Context, tenantID, code, pin string) (Petition, []Event, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	p, err := s.Store.PetitionByCode(ctx, tenantID, code)
	if err != nil || p.PINHash == "" || p.PINHash != HashPIN(code, pin) {
		return Petition{}, nil, apperr.New(apperr.NotFound, "Mã đơn hoặc mã PIN không đúng.")
	}
	evs, err := s.publicEvents(ctx, tenantID, p.ID)
	return p, evs, err
}

func (s *Service) publicEvents(ctx context.Context, tenantID, id string) ([]Event, error) {
	all, err := s.Store.Events(ctx, tenantID, id)
	var out []Event
	for _, e := range all {
		if e.Public {
			out = append(out, e)
		}
	}
	return out, err
}

// Mine returns one of the citizen's own petitions (owner ref), with its
// public steps.
func (s *Service) Mine(ctx context.Context, tenantID, ownerRef, code string) (Petition, []Event, error) {
	p, err := s.Store.PetitionByCode(ctx, tenantID, strings.ToUpper(code))
	if err != nil || ownerRef == "" || p.OwnerRef != ownerRef {
		return Petition{}, nil, apperr.New(apperr.NotFound, "Không tìm thấy đơn.")
	}
	evs, err := s.publicEvents(ctx, tenantID, p.ID)
	return p, evs, err
}

// OwnerRef is the stored reference of a citizen's e-ID subject.
func OwnerRef(subject string) string {
	if subject == "" {
		return ""
	}
	h := sha256.Sum256([]byte("petition-owner\x00" + subject))
	return hex.EncodeToString(h[:])
}

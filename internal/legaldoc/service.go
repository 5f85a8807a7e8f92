package legaldoc

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/catalog"
)

// Scope is where an officer keeps the register: the department's tenant
// (the province's law book).
type Scope struct {
	TenantID     string
	ProvinceCode string
}

// Actor is the officer acting, for the audit log.
type Actor struct{ ID, Name, IP string }

// DocFilter selects documents of the law book.
type DocFilter struct {
	// Query is searched in the number, title and full text, without
	// diacritics ("nghi quyet hoc phi" finds "Nghị quyết … học phí").
	Query       string
	Kind        Kind
	CommuneCode string // "-" for the province's own documents
	Field       string
	Counted     string // "issued": signed in In
	In          Period
	Limit       int
	Offset      int
	// ByID lists by id from After (exports walk the book with it).
	ByID  bool
	After string
}

// TaskFilter selects drafts.
type TaskFilter struct {
	Type    TaskType
	Open    bool // report not out yet
	Query   string
	Counted string // a key of Counted for drafts, with In
	In      Period
	Limit   int
	Offset  int
}

// CheckFilter selects checks.
type CheckFilter struct {
	Mode CheckMode
	// DocumentID keeps the checks of one document of the law book.
	DocumentID string
	Counted    string // "checked" or "unlawful", with In
	In         Period
	Limit      int
	Offset     int
}

// Store is the storage the register needs.
type Store interface {
	Document(ctx context.Context, tenantID, id string) (Document, error)
	Documents(ctx context.Context, tenantID string, f DocFilter) ([]Document, error)
	// Relations are those whose source or target is one of ids.
	Relations(ctx context.Context, tenantID string, ids []string) ([]Relation, error)
	// Book is the whole law book without full texts: for the figures and
	// the yearly lists.
	Book(ctx context.Context, tenantID string) ([]Document, []Relation, error)
	Task(ctx context.Context, tenantID, id string) (Task, error)
	Tasks(ctx context.Context, tenantID string, f TaskFilter) ([]Task, error)
	// TasksTouching are the drafts received by p.To whose report was not
	// out before p.From: every draft a figure of p may count.
	TasksTouching(ctx context.Context, tenantID string, p Period) ([]Task, error)
	Check(ctx context.Context, tenantID, id string) (Check, error)
	Checks(ctx context.Context, tenantID string, f CheckFilter) ([]Check, error)
	Review(ctx context.Context, tenantID, id string) (Review, error)
	Reviews(ctx context.Context, tenantID string) ([]Review, error)
	TransactLegalDoc(ctx context.Context, fn func(Tx) error) error
	// ReviewsOf lists the review rounds that gave a verdict on a document,
	// newest first, each with that document's items only.
	ReviewsOf(ctx context.Context, tenantID, documentID string) ([]Review, error)
}

// Tx is a write transaction.
type Tx interface {
	Now() time.Time
	// DocumentByNumber finds a document by its number and issuer (numbers
	// run per issuer), ErrNotFound if none.
	DocumentByNumber(ctx context.Context, tenantID, number, issuer string) (Document, error)
	InsertDocument(ctx context.Context, tenantID string, d Document) error
	UpdateDocument(ctx context.Context, tenantID string, d Document) error
	InsertRelation(ctx context.Context, tenantID string, r Relation) error
	DeleteRelation(ctx context.Context, tenantID, id string) error
	InsertTask(ctx context.Context, tenantID string, t Task) error
	UpdateTask(ctx context.Context, tenantID string, t Task) error
	InsertCheck(ctx context.Context, tenantID string, c Check) error
	UpdateCheck(ctx context.Context, tenantID string, c Check) error
	InsertReview(ctx context.Context, tenantID string, r Review) error
	UpdateReview(ctx context.Context, tenantID string, r Review) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Service holds the register's use cases.
type Service struct {
	Store Store
	// Rules replaces DefaultRules when set (a province's reading of the texts).
	Rules []Rules
	// Working tells working days (the tenant's calendar); weekdays if nil.
	Working IsWorkingDay
	// InProvince tells whether a commune code belongs to a province.
	InProvince func(commune, province string) bool
	Now        func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) today() time.Time {
	n := s.now().In(time.FixedZone("ICT", 7*3600))
	return day(n.Year(), n.Month(), n.Day())
}

// RulesOn is the version of the rules in force on a day.
func (s *Service) RulesOn(on time.Time) Rules { return RulesOn(s.Rules, on) }

func text(field, label, v string, max int, required bool) (string, error) {
	v = strings.TrimSpace(v)
	if required && v == "" {
		return "", apperr.Field(field, "Nhập "+label+".")
	}
	if utf8.RuneCountInString(v) > max {
		return "", apperr.Field(field, fmt.Sprintf("%s dài quá %d ký tự.", capitalise(label), max))
	}
	return v, nil
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

func (s *Service) audit(ctx context.Context, tx Tx, sc Scope, a Actor, action, object, detail string) error {
	return tx.Audit(ctx, audit.Entry{TenantID: sc.TenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP, Action: action, Object: object, Detail: detail})
}

func newID() string {
	if id, err := uuid.NewV7(); err == nil {
		return id.String()
	}
	return uuid.NewString()
}

// SearchText is what a document is searched by: its number, title and
// text folded (no diacritics, lower case, đ → d), so that "nghi quyet hoc
// phi" finds "Nghị quyết … học phí".
func SearchText(d Document) string {
	f := catalog.Fold(d.Number + " " + d.Kind.Title() + " " + d.Title + " " + d.Issuer + " " + d.Field + " " + d.Body)
	// Only words: "12/2024/nq-hdnd" becomes "12 2024 nq hdnd", so both
	// engines' tokenizers see the same words the query is split into.
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && unicode.IsLetter(r) {
			return r
		}
		return ' '
	}, f)
}

// Terms folds a query into its search words ("Học phí!" → [hoc phi]).
func Terms(q string) []string {
	f := catalog.Fold(q)
	out := strings.FieldsFunc(f, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && unicode.IsLetter(r))
	})
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}

// validDocument checks a document before it is written.
func (s *Service) validDocument(sc Scope, d *Document) error {
	var errs apperr.FieldList
	if !d.Kind.Valid() {
		errs.Add("kind", "Chọn loại văn bản.")
	}
	var err error
	if d.Number, err = text("number", "số, ký hiệu", d.Number, 60, true); err != nil {
		errs.Add("number", apperr.As(err).Message)
	}
	if d.Title, err = text("title", "trích yếu", d.Title, 1000, true); err != nil {
		errs.Add("title", apperr.As(err).Message)
	}
	if d.Issuer, err = text("issuer", "cơ quan ban hành", d.Issuer, 200, true); err != nil {
		errs.Add("issuer", apperr.As(err).Message)
	}
	if d.Gazette, err = text("gazette", "số công báo", d.Gazette, 200, false); err != nil {
		errs.Add("gazette", apperr.As(err).Message)
	}
	if d.Body, err = text("body", "toàn văn", d.Body, 400000, false); err != nil {
		errs.Add("body", apperr.As(err).Message)
	}
	d.Signer = strings.TrimSpace(d.Signer)
	d.Field = strings.TrimSpace(d.Field)
	d.File = strings.TrimSpace(d.File)
	if d.SignedOn.IsZero() {
		errs.Add("signed_on", "Nhập ngày ký ban hành.")
	}
	if d.InForceOn.IsZero() {
		errs.Add("in_force_on", "Nhập ngày có hiệu lực.")
	}
	if !d.SignedOn.IsZero() && !d.InForceOn.IsZero() && d.InForceOn.Before(d.SignedOn) {
		errs.Add("in_force_on", "Ngày có hiệu lực không được trước ngày ký ban hành.")
	}
	if d.PublishedOn != nil && !d.SignedOn.IsZero() && d.PublishedOn.Before(d.SignedOn) {
		errs.Add("published_on", "Ngày đăng công báo không được trước ngày ký ban hành.")
	}
	if d.EndsOn != nil && d.EndsOn.Before(d.InForceOn) {
		errs.Add("ends_on", "Ngày hết hiệu lực theo thời hạn không được trước ngày có hiệu lực.")
	}
	if !d.SignedOn.IsZero() && d.SignedOn.After(s.today()) {
		errs.Add("signed_on", "Ngày ký ban hành không được sau hôm nay.")
	}
	if since := kindSince(d.Kind); d.Kind.Valid() && !d.SignedOn.IsZero() && d.SignedOn.Before(since) {
		errs.Add("kind", fmt.Sprintf("%s là văn bản quy phạm pháp luật từ ngày %s (Luật 87/2025/QH15).", d.Kind.Name(), since.Format("02/01/2006")))
	}
	d.CommuneCode = strings.TrimSpace(d.CommuneCode)
	if d.Kind.Commune() {
		if d.CommuneCode == "" {
			errs.Add("commune_code", "Chọn xã, phường, đặc khu ban hành.")
		} else if s.InProvince != nil && !s.InProvince(d.CommuneCode, sc.ProvinceCode) {
			errs.Add("commune_code", "Xã, phường không thuộc tỉnh.")
		}
	} else {
		d.CommuneCode = ""
	}
	return errs.Err()
}

// SaveDocument adds a document to the law book, or corrects one (ID set).
// The number is unique in the province's book.
func (s *Service) SaveDocument(ctx context.Context, a Actor, sc Scope, d Document) (Document, error) {
	if err := s.validDocument(sc, &d); err != nil {
		return Document{}, err
	}
	err := s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		other, err := tx.DocumentByNumber(ctx, sc.TenantID, d.Number, d.Issuer)
		switch {
		case err == nil && other.ID != d.ID:
			return apperr.Field("number", "Văn bản số "+d.Number+" của "+d.Issuer+" đã có trong cơ sở dữ liệu.")
		case err != nil && apperr.CodeOf(err) != apperr.NotFound:
			return err
		}
		if d.ID == "" {
			d.ID = newID()
			if err := tx.InsertDocument(ctx, sc.TenantID, d); err != nil {
				return err
			}
			return s.audit(ctx, tx, sc, a, "legaldoc.document_add", "legal_document:"+d.ID, d.Number)
		}
		if err := tx.UpdateDocument(ctx, sc.TenantID, d); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.document_update", "legal_document:"+d.ID, d.Number)
	})
	return d, err
}

// Relate records that one document acts on another. The effective day
// defaults to the acting document's day in force.
func (s *Service) Relate(ctx context.Context, a Actor, sc Scope, r Relation) (Relation, error) {
	if !r.Kind.Valid() {
		return Relation{}, apperr.Field("kind", "Chọn loại tác động.")
	}
	if r.SourceID == r.TargetID {
		return Relation{}, apperr.Field("target", "Văn bản không thể tác động đến chính nó.")
	}
	src, err := s.Store.Document(ctx, sc.TenantID, r.SourceID)
	if err != nil {
		return Relation{}, apperr.Field("source", "Không tìm thấy văn bản tác động.")
	}
	tgt, err := s.Store.Document(ctx, sc.TenantID, r.TargetID)
	if err != nil {
		return Relation{}, apperr.Field("target", "Không tìm thấy văn bản bị tác động.")
	}
	var arts []string
	for _, x := range r.Articles {
		if x = strings.TrimSpace(x); x != "" {
			if utf8.RuneCountInString(x) > 80 {
				return Relation{}, apperr.Field("articles", "Mỗi điều, khoản dài tối đa 80 ký tự.")
			}
			arts = append(arts, x)
		}
	}
	r.Articles = arts
	if r.EffectiveOn.IsZero() {
		r.EffectiveOn = src.InForceOn
	}
	if r.EffectiveOn.Before(src.SignedOn) {
		return Relation{}, apperr.Field("effective_on", "Ngày tác động không được trước ngày ký văn bản tác động.")
	}
	if r.Note, err = text("note", "ghi chú", r.Note, 500, false); err != nil {
		return Relation{}, err
	}
	r.ID = newID()
	err = s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		if err := tx.InsertRelation(ctx, sc.TenantID, r); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.relate", "legal_document:"+tgt.ID, src.Number+" "+r.Kind.Name()+" "+tgt.Number)
	})
	return r, err
}

// Unrelate removes a relation entered by mistake.
func (s *Service) Unrelate(ctx context.Context, a Actor, sc Scope, docID, relID string) error {
	return s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		if err := tx.DeleteRelation(ctx, sc.TenantID, relID); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.unrelate", "legal_document:"+docID, relID)
	})
}

// Graph loads the documents around one: itself, those it acts on or is
// acted on by, and the chain of documents it details, so that ValidityOn
// can follow a guiding document to the one it details.
func (s *Service) Graph(ctx context.Context, sc Scope, ids ...string) (*Graph, error) {
	docs := map[string]Document{}
	var rels []Relation
	seenRel := map[string]bool{}
	frontier := ids
	for depth := 0; depth <= maxDepth && len(frontier) > 0; depth++ {
		rs, err := s.Store.Relations(ctx, sc.TenantID, frontier)
		if err != nil {
			return nil, err
		}
		for _, id := range frontier {
			if _, ok := docs[id]; !ok {
				docs[id] = Document{ID: id}
			}
		}
		var next []string
		for _, r := range rs {
			if seenRel[r.ID] {
				continue
			}
			seenRel[r.ID] = true
			rels = append(rels, r)
			for _, id := range []string{r.SourceID, r.TargetID} {
				if _, ok := docs[id]; !ok {
					docs[id] = Document{ID: id}
					if r.Kind == RelGuides && id == r.TargetID {
						next = append(next, id)
					}
				}
			}
		}
		frontier = next
	}
	list := make([]Document, 0, len(docs))
	for id := range docs {
		d, err := s.Store.Document(ctx, sc.TenantID, id)
		if err != nil {
			if apperr.CodeOf(err) == apperr.NotFound {
				continue
			}
			return nil, err
		}
		d.Body = ""
		list = append(list, d)
	}
	return NewGraph(list, rels), nil
}

// ---- Drafts: appraisal, proposals, opinions.

func (s *Service) validTask(t *Task) error {
	var errs apperr.FieldList
	if !t.Type.Valid() {
		errs.Add("type", "Chọn loại việc.")
	}
	if t.Type == TaskOpinion {
		if !t.Origin.Valid() {
			errs.Add("origin", "Chọn nguồn dự thảo.")
		}
		t.DraftKind = ""
	} else {
		t.Origin = ""
		if t.Type == TaskProposal {
			t.DraftKind = KindCouncilResolution
		}
		if !t.DraftKind.Valid() || t.DraftKind.Commune() {
			errs.Add("draft_kind", "Chọn loại văn bản của dự thảo (nghị quyết HĐND tỉnh, quyết định UBND tỉnh, quyết định của Chủ tịch UBND tỉnh).")
		}
	}
	var err error
	if t.Title, err = text("title", "tên dự thảo", t.Title, 1000, true); err != nil {
		errs.Add("title", apperr.As(err).Message)
	}
	if t.Agency, err = text("agency", "cơ quan chủ trì soạn thảo", t.Agency, 200, true); err != nil {
		errs.Add("agency", apperr.As(err).Message)
	}
	t.RequestNo = strings.TrimSpace(t.RequestNo)
	if t.ReceivedOn.IsZero() {
		errs.Add("received_on", "Nhập ngày nhận.")
	} else if t.ReceivedOn.After(s.today()) {
		errs.Add("received_on", "Ngày nhận không được sau hôm nay.")
	}
	if t.Type == TaskOpinion && t.DueOn == nil {
		errs.Add("due_on", "Nhập thời hạn góp ý theo văn bản đề nghị.")
	}
	if t.Type == TaskOpinion && t.DueOn != nil && t.DueOn.Before(t.ReceivedOn) {
		errs.Add("due_on", "Thời hạn góp ý không được trước ngày nhận.")
	}
	return errs.Err()
}

// Receive records a draft sent to the department.
func (s *Service) Receive(ctx context.Context, a Actor, sc Scope, t Task) (Task, error) {
	t.CompleteOn, t.ReportOn, t.RespondedOn = nil, nil, nil
	if t.Type != TaskOpinion {
		t.DueOn = nil
	}
	if err := s.validTask(&t); err != nil {
		return Task{}, err
	}
	t.ID = newID()
	err := s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		if err := tx.InsertTask(ctx, sc.TenantID, t); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.task_receive", "legal_task:"+t.ID, t.Type.Name())
	})
	return t, err
}

// period is the appraisal time limit of a draft completed on a day.
func (s *Service) period(t Task, on time.Time) (TimeLimit, bool) {
	r := s.RulesOn(on)
	if t.Type == TaskProposal {
		return r.Proposal, r.Proposal.Days > 0
	}
	p, ok := r.Appraisal[t.DraftKind]
	return p, ok
}

// DueFor is the due day of a draft whose file was complete on a day.
func (s *Service) DueFor(t Task, complete time.Time) (time.Time, TimeLimit, bool) {
	p, ok := s.period(t, complete)
	if !ok {
		return time.Time{}, p, false
	}
	return Due(p, complete, s.Working), p, true
}

// TaskStep is one step of a draft's journey.
type TaskStep struct {
	Action      string // "incomplete", "complete", "assign", "report", "response", "link"
	On          *time.Time
	Missing     string
	AssignedTo  string
	Council     bool
	CouncilNote string
	Findings    string
	Conclusion  string
	ReportNo    string
	Response    string
	DocumentID  string
}

// Advance moves a draft along: the file found incomplete or complete (the
// period starts), assignment and council, the report sent, the drafting
// agency's response, the issued document linked.
func (s *Service) Advance(ctx context.Context, a Actor, sc Scope, id string, st TaskStep) (Task, error) {
	var out Task
	err := s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		t, err := s.Store.Task(ctx, sc.TenantID, id)
		if err != nil {
			return err
		}
		on := s.today()
		if st.On != nil {
			on = dateOf(*st.On)
		}
		if on.After(s.today()) {
			return apperr.Field("on", "Ngày không được sau hôm nay.")
		}
		if on.Before(t.ReceivedOn) {
			return apperr.Field("on", "Ngày không được trước ngày nhận dự thảo.")
		}
		detail := ""
		switch st.Action {
		case "incomplete":
			if t.Type == TaskOpinion || t.CompleteOn != nil {
				return apperr.New(apperr.Invalid, "Hồ sơ đã được xác định là đầy đủ.")
			}
			if t.Missing, err = text("missing", "tài liệu cần bổ sung", st.Missing, 2000, true); err != nil {
				return err
			}
			detail = "đề nghị bổ sung hồ sơ"
		case "complete":
			if t.Type == TaskOpinion {
				return apperr.New(apperr.Invalid, "Góp ý không cần kiểm tra hồ sơ.")
			}
			if t.CompleteOn != nil {
				return apperr.New(apperr.Invalid, "Hồ sơ đã được xác định là đầy đủ.")
			}
			due, p, ok := s.DueFor(t, on)
			if !ok {
				return apperr.New(apperr.Invalid, "Chưa có thời hạn thẩm định cho loại dự thảo này.")
			}
			t.CompleteOn, t.DueOn = &on, &due
			detail = fmt.Sprintf("hồ sơ đầy đủ; hạn %s (%d %s, %s)", due.Format("02/01/2006"), p.Days, p.Unit, p.Source)
		case "assign":
			if t.AssignedTo, err = text("assigned_to", "chuyên viên thụ lý", st.AssignedTo, 120, true); err != nil {
				return err
			}
			t.Council = st.Council
			if t.CouncilNote, err = text("council_note", "thành phần hội đồng", st.CouncilNote, 1000, false); err != nil {
				return err
			}
			detail = "giao " + t.AssignedTo
		case "report":
			if t.ReportOn != nil {
				return apperr.New(apperr.Invalid, "Báo cáo đã được gửi.")
			}
			if t.Type != TaskOpinion && t.CompleteOn == nil {
				return apperr.New(apperr.Invalid, "Chưa xác định hồ sơ đầy đủ: không thể gửi báo cáo thẩm định.")
			}
			if t.Type != TaskOpinion && on.Before(*t.CompleteOn) {
				return apperr.Field("on", "Ngày gửi báo cáo không được trước ngày hồ sơ đầy đủ.")
			}
			if t.ReportNo, err = text("report_no", "số văn bản", st.ReportNo, 60, true); err != nil {
				return err
			}
			if t.Findings, err = text("findings", "nội dung", st.Findings, 20000, true); err != nil {
				return err
			}
			if t.Conclusion, err = text("conclusion", "kết luận", st.Conclusion, 1000, t.Type != TaskOpinion); err != nil {
				return err
			}
			t.ReportOn = &on
			detail = t.ReportNo
		case "response":
			if t.ReportOn == nil {
				return apperr.New(apperr.Invalid, "Chưa gửi báo cáo thẩm định.")
			}
			if on.Before(*t.ReportOn) {
				return apperr.Field("on", "Ngày tiếp thu, giải trình không được trước ngày gửi báo cáo.")
			}
			if t.Response, err = text("response", "nội dung tiếp thu, giải trình", st.Response, 20000, true); err != nil {
				return err
			}
			t.RespondedOn = &on
			detail = "tiếp thu, giải trình"
		case "link":
			if _, err := s.Store.Document(ctx, sc.TenantID, st.DocumentID); err != nil {
				return apperr.Field("document_id", "Không tìm thấy văn bản.")
			}
			t.DocumentID = st.DocumentID
			detail = "văn bản ban hành " + st.DocumentID
		default:
			return apperr.New(apperr.Invalid, "Thao tác không hợp lệ.")
		}
		if err := tx.UpdateTask(ctx, sc.TenantID, t); err != nil {
			return err
		}
		out = t
		return s.audit(ctx, tx, sc, a, "legaldoc.task_"+st.Action, "legal_task:"+t.ID, detail)
	})
	return out, err
}

// ---- Checking.

// OpenCheck records a document received for checking (or self-checked).
func (s *Service) OpenCheck(ctx context.Context, a Actor, sc Scope, c Check) (Check, error) {
	var errs apperr.FieldList
	if !c.Mode.Valid() {
		errs.Add("mode", "Chọn hình thức kiểm tra.")
	}
	if c.DocumentID != "" {
		d, err := s.Store.Document(ctx, sc.TenantID, c.DocumentID)
		if err != nil {
			errs.Add("document_id", "Không tìm thấy văn bản trong cơ sở dữ liệu.")
		} else {
			c.DocNumber, c.DocTitle, c.Issuer, c.CommuneCode = d.Number, d.Title, d.Issuer, d.CommuneCode
		}
	}
	var err error
	if c.DocNumber, err = text("doc_number", "số, ký hiệu văn bản", c.DocNumber, 60, true); err != nil {
		errs.Add("doc_number", apperr.As(err).Message)
	}
	if c.DocTitle, err = text("doc_title", "trích yếu", c.DocTitle, 1000, true); err != nil {
		errs.Add("doc_title", apperr.As(err).Message)
	}
	if c.Issuer, err = text("issuer", "cơ quan ban hành", c.Issuer, 200, true); err != nil {
		errs.Add("issuer", apperr.As(err).Message)
	}
	if c.ReceivedOn.IsZero() || c.ReceivedOn.After(s.today()) {
		errs.Add("received_on", "Nhập ngày nhận văn bản (không sau hôm nay).")
	}
	if err := errs.Err(); err != nil {
		return Check{}, err
	}
	c.ID, c.CheckedOn, c.ClosedOn, c.RespondedOn, c.Findings = newID(), nil, nil, nil, nil
	err = s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		if err := tx.InsertCheck(ctx, sc.TenantID, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.check_open", "legal_check:"+c.ID, c.DocNumber)
	})
	return c, err
}

// CheckStep records the result of a check, the issuer's response, or the
// outcome.
type CheckStep struct {
	Action   string // "result", "response", "close"
	On       *time.Time
	Findings []Finding
	Proposed string
	NoticeNo string
	Response string
	Outcome  string
}

// AdvanceCheck moves a check along.
func (s *Service) AdvanceCheck(ctx context.Context, a Actor, sc Scope, id string, st CheckStep) (Check, error) {
	var out Check
	err := s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		c, err := s.Store.Check(ctx, sc.TenantID, id)
		if err != nil {
			return err
		}
		on := s.today()
		if st.On != nil {
			on = dateOf(*st.On)
		}
		if on.After(s.today()) || on.Before(c.ReceivedOn) {
			return apperr.Field("on", "Ngày phải từ ngày nhận văn bản đến hôm nay.")
		}
		switch st.Action {
		case "result":
			if c.CheckedOn != nil {
				return apperr.New(apperr.Invalid, "Đã ghi kết quả kiểm tra.")
			}
			var fs []Finding
			for _, f := range st.Findings {
				f.Article, f.Content, f.Basis = strings.TrimSpace(f.Article), strings.TrimSpace(f.Content), strings.TrimSpace(f.Basis)
				if f.Article == "" && f.Content == "" {
					continue
				}
				if f.Article == "" || f.Content == "" {
					return apperr.Field("findings", "Mỗi nội dung trái pháp luật cần ghi điều, khoản và nội dung.")
				}
				fs = append(fs, f)
			}
			c.Findings = fs
			if len(fs) > 0 {
				if c.Proposed, err = text("proposed", "kiến nghị xử lý", st.Proposed, 2000, true); err != nil {
					return err
				}
				c.NoticeNo = strings.TrimSpace(st.NoticeNo)
			} else {
				c.ClosedOn = &on
			}
			c.CheckedOn = &on
		case "response":
			if c.CheckedOn == nil || !c.Unlawful() {
				return apperr.New(apperr.Invalid, "Chỉ ghi ý kiến của cơ quan ban hành khi kiểm tra phát hiện văn bản trái pháp luật.")
			}
			if c.Response, err = text("response", "ý kiến của cơ quan ban hành", st.Response, 4000, true); err != nil {
				return err
			}
			c.RespondedOn = &on
		case "close":
			if c.CheckedOn == nil || c.ClosedOn != nil {
				return apperr.New(apperr.Invalid, "Không thể kết thúc việc kiểm tra này.")
			}
			if c.Outcome, err = text("outcome", "kết quả xử lý", st.Outcome, 2000, true); err != nil {
				return err
			}
			c.ClosedOn = &on
		default:
			return apperr.New(apperr.Invalid, "Thao tác không hợp lệ.")
		}
		if err := tx.UpdateCheck(ctx, sc.TenantID, c); err != nil {
			return err
		}
		out = c
		return s.audit(ctx, tx, sc, a, "legaldoc.check_"+st.Action, "legal_check:"+c.ID, c.DocNumber)
	})
	return out, err
}

// ---- Review.

// SaveReview opens or updates a review round.
func (s *Service) SaveReview(ctx context.Context, a Actor, sc Scope, r Review) (Review, error) {
	var errs apperr.FieldList
	if !r.Kind.Valid() {
		errs.Add("kind", "Chọn hình thức rà soát.")
	}
	var err error
	if r.Title, err = text("title", "tên đợt rà soát", r.Title, 300, true); err != nil {
		errs.Add("title", apperr.As(err).Message)
	}
	if r.StartedOn.IsZero() {
		errs.Add("started_on", "Nhập ngày bắt đầu.")
	}
	if r.FinishedOn != nil && r.FinishedOn.Before(r.StartedOn) {
		errs.Add("finished_on", "Ngày kết thúc không được trước ngày bắt đầu.")
	}
	if r.Year == 0 {
		r.Year = r.StartedOn.Year()
	}
	if r.Kind == ReviewSystematise && r.CutOff == nil {
		_, _, c := Cycle(s.Rules, r.Year)
		r.CutOff = &c
	}
	for _, it := range r.Items {
		if !it.Verdict.Valid() {
			errs.Add("items", "Kết quả rà soát không hợp lệ.")
			break
		}
	}
	if err := errs.Err(); err != nil {
		return Review{}, err
	}
	err = s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		if r.ID == "" {
			r.ID = newID()
			if err := tx.InsertReview(ctx, sc.TenantID, r); err != nil {
				return err
			}
		} else if err := tx.UpdateReview(ctx, sc.TenantID, r); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.review_save", "legal_review:"+r.ID, fmt.Sprintf("%s: %d văn bản", r.Title, len(r.Items)))
	})
	return r, err
}

// ---- Figures.

// Report is the figures of a period with the book's yearly lists.
type Report struct {
	Figures
	Rules Rules
}

// Figures computes the register's figures for a period.
func (s *Service) Figures(ctx context.Context, sc Scope, p Period) (Report, error) {
	tasks, err := s.Store.TasksTouching(ctx, sc.TenantID, p)
	if err != nil {
		return Report{}, err
	}
	checks, err := s.Store.Checks(ctx, sc.TenantID, CheckFilter{Counted: "checked", In: p})
	if err != nil {
		return Report{}, err
	}
	reviews, err := s.Store.Reviews(ctx, sc.TenantID)
	if err != nil {
		return Report{}, err
	}
	for i, r := range reviews {
		if p.in(r.FinishedOn) {
			if reviews[i], err = s.Store.Review(ctx, sc.TenantID, r.ID); err != nil {
				return Report{}, err
			}
		}
	}
	docs, rels, err := s.Store.Book(ctx, sc.TenantID)
	if err != nil {
		return Report{}, err
	}
	return Report{Figures: Compute(p, tasks, checks, reviews, NewGraph(docs, rels)), Rules: s.RulesOn(p.To)}, nil
}

// Lists are the yearly lists of the book.
func (s *Service) Lists(ctx context.Context, sc Scope, year int) (expired, partly, suspended []Listed, err error) {
	docs, rels, err := s.Store.Book(ctx, sc.TenantID)
	if err != nil {
		return nil, nil, nil, err
	}
	e, p, su := YearlyLists(NewGraph(docs, rels), year)
	return e, p, su, nil
}

// RecordVerdict records the review's verdict on one document of the law
// book (Decree 79/2025/NĐ-CP: the review's result per document: still
// appropriate, to amend, replace or repeal, or a new document needed).
func (s *Service) RecordVerdict(ctx context.Context, a Actor, sc Scope, reviewID string, it ReviewItem) (Review, error) {
	var errs apperr.FieldList
	if !it.Verdict.Valid() {
		errs.Add("verdict", "Chọn kết quả rà soát.")
	}
	var err error
	if it.Note, err = text("note", "ghi chú", it.Note, 2000, false); err != nil {
		errs.Add("note", apperr.As(err).Message)
	}
	if it.DocumentID == "" {
		errs.Add("document", "Chọn văn bản được rà soát.")
	}
	if err := errs.Err(); err != nil {
		return Review{}, err
	}
	doc, err := s.Store.Document(ctx, sc.TenantID, it.DocumentID)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return Review{}, apperr.Field("document", "Không có văn bản này trong cơ sở dữ liệu.")
		}
		return Review{}, err
	}
	var r Review
	err = s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		if r, err = s.Store.Review(ctx, sc.TenantID, reviewID); err != nil {
			return err
		}
		r.Items = WithItem(r.Items, it)
		if err := tx.UpdateReview(ctx, sc.TenantID, r); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.review_verdict", "legal_review:"+r.ID, doc.Number+": "+it.Verdict.Name())
	})
	return r, err
}

package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web/kit"
)

// dossierActor is the signed-in officer as the dossier rules see him.
func dossierActor(r *http.Request) dossier.Actor {
	p := principalFrom(r.Context())
	return dossier.Actor{ID: p.OfficerID, Name: p.Username, Role: string(p.Role), UnitCode: p.UnitCode, IP: clientIP(r)}
}

// canSee says whether an officer may read a dossier: the desk, the
// leadership, auditors and statisticians read all of the tenant's dossiers;
// a unit's officers and an agency's liaison read those with a step in their
// unit (criminal-record and personal data are not for every officer).
func canSee(p *auth.Principal, d *dossier.Dossier) bool {
	if seesAll(p) {
		return true
	}
	for _, s := range d.Steps {
		if p.UnitCode != "" && s.UnitCode == p.UnitCode {
			return true
		}
	}
	return false
}

// seesAll says whether the officer reads every dossier of the tenant; the
// others read those with a step in their unit (sqlstore.DossierSearch's
// VisibleTo, and the queues' unit filter, apply the same rule in the query).
func seesAll(p *auth.Principal) bool {
	switch p.Role {
	case org.Clerk, org.Director, org.Auditor, org.Statistician:
		return true
	}
	return false
}

// loadDossier reads a dossier of the officer's tenant that the officer may
// see; anything else is "not found".
func (s *Server) loadDossier(r *http.Request, key string) (dossier.Dossier, []dossier.Event, error) {
	p := principalFrom(r.Context())
	d, evs, err := s.dossier.Get(r.Context(), p.TenantID, key)
	if err != nil {
		return d, nil, notFoundAs(err, "Không tìm thấy hồ sơ "+key+".")
	}
	if !canSee(p, &d) {
		return d, nil, apperr.New(apperr.NotFound, "Không tìm thấy hồ sơ "+key+".")
	}
	if !p.Can(auth.ViewPersonalData) {
		// Issue 12 §16: statisticians and auditors see the dossier
		// without the applicant's ID number, phone, e-mail and address.
		d.Applicant = d.Applicant.Minimal()
	}
	return d, evs, nil
}

// queueRow is a dossier in a work list with its urgency.
type queueRow struct {
	dossier.Dossier
	StepName string
	StepDue  *time.Time
	Urgency  string // "overdue", "soon", ""
}

type queuePage struct {
	Tab   string
	Tabs  []queueTab
	Rows  []queueRow
	Count map[dossier.Status]int
	Pager kit.Pager
	// The search tab: the form as typed, its error, and the choices.
	Search     searchForm
	Error      *apperr.Error
	Units      []org.Unit
	Procedures []catalog.Procedure
	Statuses   []dossier.Status
}

// queuePageSize is the rows of one page of a work queue: the most urgent
// first, as many as an officer reads at once.
const queuePageSize = 50

type queueTab struct {
	Key, Label string
}

func (*queuePage) title() string { return "Hồ sơ" }

// dossierQueue is "my work": the dossiers waiting for the officer's unit or
// role, by the due time of their current step, overdue and due-soon marked;
// and the search over all the dossiers the officer may see (tab "search").
// Visibility is part of each query: a unit's officer has only the "mine"
// tab, whose rows are the unit's own, and the search reads only dossiers
// with a step in the unit; so no row is dropped after a page is read.
func (s *Server) dossierQueue(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	tabs := queueTabs(p)
	q := r.URL.Query()
	tab := q.Get("tab")
	if !slices.ContainsFunc(tabs, func(t queueTab) bool { return t.Key == tab }) {
		tab = tabs[0].Key
	}
	pager := kit.PagerFrom("/admin/dossiers", q, queuePageSize, 200) // 10,000 dossiers; beyond that, filter the queue
	page := &queuePage{Tab: tab, Tabs: tabs}
	var list []dossier.Dossier
	var err error
	if tab == "search" {
		f, form, ferr := s.searchFilter(r)
		page.Search = form
		if ferr != nil {
			page.Error = apperr.As(ferr)
		} else {
			f.Limit, f.Offset = pager.Limit(), pager.Offset()
			if list, err = s.db.Dossiers().SearchDossiers(r.Context(), p.TenantID, f); err != nil {
				return err
			}
		}
	} else {
		f := sqlstore.QueueFilter{Statuses: []dossier.Status{dossier.Accepted, dossier.Processing, dossier.SupplementWaiting, dossier.FeeWaiting}}
		switch tab {
		case "mine":
			f.Units, f.Role = mineScope(p)
		case "incoming":
			f.Statuses = []dossier.Status{dossier.Submitted}
		case "ready":
			f.Statuses = []dossier.Status{dossier.ResultReady}
		case "all":
		}
		f.Limit, f.Offset = pager.Limit(), pager.Offset()
		// An officer of no unit who does not see everything has no work
		// list (step_unit '' would be the director's steps).
		if seesAll(p) || p.UnitCode != "" {
			if list, err = s.db.Dossiers().Queue(r.Context(), p.TenantID, f); err != nil {
				return err
			}
		}
	}
	book, err := s.book(r)
	if err != nil {
		return err
	}
	now := s.now()
	list = kit.Trim(&pager, list)
	page.Pager = pager
	for _, d := range list {
		row := queueRow{Dossier: d}
		if st := d.CurrentStep(); st != nil && d.Status.Open() {
			row.StepName, row.StepDue = st.Name, st.DueAt
		}
		// An online submission waits for the desk: accepted or queried
		// within 8 working hours (Decree 118/2025/NĐ-CP Art. 17(2)(c)).
		if d.Status == dossier.Submitted {
			a, ok, err := dossier.AcceptanceOf(&d, book.At(d.SubmittedAt), now)
			if err != nil {
				return err
			}
			if ok {
				row.StepName, row.StepDue = "Hạn tiếp nhận trực tuyến (8 giờ làm việc)", &a.Deadline
				if a.Late {
					row.Urgency = "overdue"
				}
			}
		}
		due := row.StepDue
		if due == nil {
			due = d.DueAt
		}
		// A dossier waiting for the applicant's supplement is within time
		// (dossier.StatDue).
		if due != nil && d.Status.Open() && !d.Waiting() {
			cal := book.At(now)
			switch {
			case now.After(*due):
				row.Urgency = "overdue"
			case cal.WorkingTimeBetween(now, *due) <= 4*time.Hour:
				row.Urgency = "soon"
			}
		}
		page.Rows = append(page.Rows, row)
	}
	if page.Count, err = s.db.Dossiers().DossierCounts(r.Context(), p.TenantID); err != nil {
		return err
	}
	if tab == "search" {
		if page.Units, err = s.db.Org().Units(r.Context(), p.TenantID); err != nil {
			return err
		}
		page.Procedures = s.catalog
		for st := dossier.Submitted; st <= dossier.Returned; st++ {
			page.Statuses = append(page.Statuses, st)
		}
	}
	status := http.StatusOK
	if page.Error != nil {
		status = http.StatusBadRequest
	}
	s.renderPage(w, r, status, "dossiers", page)
	return nil
}

// PageLink is the link to page n of the tab, with the search's filters.
func (p *queuePage) PageLink(n int) string {
	if p.Tab == "search" {
		return "/admin/dossiers?" + p.Search.Query() + "&page=" + strconv.Itoa(n)
	}
	return "/admin/dossiers?tab=" + url.QueryEscape(p.Tab) + "&page=" + strconv.Itoa(n)
}

// searchForm is the search box and filters as typed, shown back.
type searchForm struct {
	Q, Procedure, Status, Unit, RecFrom, RecTo, DueFrom, DueTo, Sort string
	Overdue                                                          bool
}

// Query is the form as a query string, for the pager.
func (f searchForm) Query() string {
	v := url.Values{"tab": {"search"}}
	for k, x := range map[string]string{"q": f.Q, "procedure": f.Procedure, "status": f.Status, "unit": f.Unit, "received_from": f.RecFrom,
		"received_to": f.RecTo, "due_from": f.DueFrom, "due_to": f.DueTo, "sort": f.Sort} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if f.Overdue {
		v.Set("overdue", "1")
	}
	return v.Encode()
}

var (
	idNumberRe    = regexp.MustCompile(`^[0-9]{9}$|^[0-9]{12}$`)
	dossierCodeRe = regexp.MustCompile(`^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$`)
)

// searchFilter reads the search form: q is a dossier code, an ID number
// or the start of the applicant's name; dates are dd/mm/yyyy or
// yyyy-mm-dd. All the form's errors are reported at once.
func (s *Server) searchFilter(r *http.Request) (sqlstore.DossierSearch, searchForm, error) {
	p := principalFrom(r.Context())
	q := r.URL.Query()
	form := searchForm{Q: strings.TrimSpace(q.Get("q")), Procedure: q.Get("procedure"), Status: q.Get("status"), Unit: q.Get("unit"),
		RecFrom: q.Get("received_from"), RecTo: q.Get("received_to"), DueFrom: q.Get("due_from"), DueTo: q.Get("due_to"),
		Sort: q.Get("sort"), Overdue: q.Get("overdue") != ""}
	f := sqlstore.DossierSearch{AllVisible: seesAll(p), VisibleTo: p.UnitCode, Procedure: form.Procedure, Unit: form.Unit,
		Overdue: form.Overdue, Now: s.now(), Sort: form.Sort}
	fields := map[string]string{}
	var msgs []string
	bad := func(field, msg string) { fields[field] = msg; msgs = append(msgs, msg) }
	switch up := strings.ToUpper(form.Q); {
	case len([]rune(form.Q)) > 100:
		bad("q", "Từ khóa tìm kiếm không được dài quá 100 ký tự.")
	case dossierCodeRe.MatchString(up):
		f.Code = up
	case idNumberRe.MatchString(form.Q):
		f.IDNumber = form.Q
	default:
		f.Name = form.Q
	}
	if len(form.Procedure) > 64 || len(form.Unit) > 64 {
		bad("procedure", "Thủ tục hoặc đơn vị không hợp lệ.")
	}
	if form.Status != "" {
		n, err := strconv.Atoi(form.Status)
		if err != nil || !dossier.Status(n).Valid() {
			bad("status", "Trạng thái không hợp lệ.")
		}
		f.Status = dossier.Status(n)
	}
	for _, d := range []struct {
		field, val, label string
		to                *calendar.Date
	}{{"received_from", form.RecFrom, "Nhận từ ngày", &f.ReceivedFrom}, {"received_to", form.RecTo, "Nhận đến ngày", &f.ReceivedTo},
		{"due_from", form.DueFrom, "Hẹn trả từ ngày", &f.DueFrom}, {"due_to", form.DueTo, "Hẹn trả đến ngày", &f.DueTo}} {
		if d.val == "" {
			continue
		}
		day, err := calendar.ParseDate(d.val)
		if err != nil {
			day, err = calendar.ParseDateVN(d.val)
		}
		if err != nil {
			bad(d.field, d.label+": ngày không hợp lệ (dd/mm/yyyy).")
			continue
		}
		*d.to = day
	}
	switch form.Sort {
	case "", "due", "received", "received_asc", "code":
	default:
		bad("sort", "Cách sắp xếp không hợp lệ.")
	}
	if len(msgs) > 0 {
		return f, form, &apperr.Error{Code: apperr.Invalid, Message: strings.Join(msgs, " "), Fields: fields}
	}
	return f, form, nil
}

func queueTabs(p *auth.Principal) []queueTab {
	var t []queueTab
	switch p.Role {
	case org.Clerk:
		t = []queueTab{{"mine", "Tại Bộ phận Một cửa"}, {"incoming", "Chờ tiếp nhận (trực tuyến)"}, {"ready", "Chờ trả kết quả"}, {"all", "Tất cả đang xử lý"}}
	case org.Director, org.Auditor, org.Statistician:
		t = []queueTab{{"all", "Tất cả đang xử lý"}, {"ready", "Chờ trả kết quả"}}
		if p.Role == org.Director {
			t = append([]queueTab{{"mine", "Chờ lãnh đạo Sở"}}, t...)
		}
	default:
		t = []queueTab{{"mine", "Việc của đơn vị"}}
	}
	return append(t, queueTab{"search", "Tìm kiếm hồ sơ"})
}

type dossierPage struct {
	D        dossier.Dossier
	Events   []dossier.Event
	Actions  []dossier.Action
	Outcome  dossier.Outcome
	Error    *apperr.Error
	Now      time.Time
	Overdue  bool
	DueText  string
	Statuses []dossier.Status
	// Forms are the slips the dossier's state has (Mẫu 01-06).
	Forms []formLink
	// Uploads are the files a citizen filed online (portal).
	Uploads []uploadRow
	// Results are the results issued electronically; CanAttach offers the
	// form that attaches one (portal on, state allows, officer may handle).
	Results   []resultRow
	CanAttach bool
	// Supplements are the files a citizen uploaded to answer a request
	// to supplement the dossier (portal).
	Supplements []uploadRow
	// Rule is the supplement rule of the dossier's day of acceptance
	// (Decree 61/2018 pause and resume, or Decree 118/2025 restart).
	Rule dossier.SupplementRule
	// Behalf: the officer is a superior of the current step's holder; the
	// step's actions are offered as "làm thay", with a reason.
	Behalf bool
	// Approval: the current step is the director's approval, which needs
	// the result attached (ApprovalRule).
	Approval bool
	// Delivery: the result by post and the message log (delivery.go).
	Delivery *deliveryPanel
	// Letters are the letters to the applicant signed off by a leader
	// (letters.go).
	Letters *letterSection
}

// stepActions are the actions bound to the current step (dossier.OnBehalfRule).
var stepActions = map[dossier.Action]bool{dossier.ActForward: true, dossier.ActSendBack: true, dossier.ActRequestSupplement: true,
	dossier.ActRequestFee: true, dossier.ActApologize: true}

// IsStepAction tells the template which actions take "làm thay".
func (p *dossierPage) IsStepAction(a dossier.Action) bool { return stepActions[a] }

// formLink is a printable slip of the dossier page.
type formLink struct{ Key, Name string }

func (p *dossierPage) title() string {
	if p.D.Code != "" {
		return "Hồ sơ " + p.D.Code
	}
	return "Hồ sơ chờ tiếp nhận"
}

// dossierShow is the dossier page: status, due time, applicant, the process
// control sheet, the history, and the actions the officer may take now.
func (s *Server) dossierShow(w http.ResponseWriter, r *http.Request) error {
	d, evs, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.showDossier(w, r, http.StatusOK, d, evs, nil)
}

func (s *Server) showDossier(w http.ResponseWriter, r *http.Request, code int, d dossier.Dossier, evs []dossier.Event, formErr *apperr.Error) (err error) {
	now := s.now()
	page := &dossierPage{D: d, Events: evs, Actions: dossier.Allowed(&d, dossierActor(r), now), Outcome: dossier.ResolvedOutcome(&d),
		Error: formErr, Now: now, Rule: dossier.SupplementRuleAt(d.AcceptedAt)}
	if !principalFrom(r.Context()).Can(auth.HandleDossier) {
		page.Actions = nil
	}
	for _, f := range slipForms {
		if f.has(&d) {
			page.Forms = append(page.Forms, formLink{Key: f.key, Name: f.name})
		}
	}
	if due := d.StatDue(); due != nil && d.Status.Open() && now.After(*due) {
		page.Overdue = true
	}
	page.Uploads = s.uploadsOf(r, &d)
	page.Supplements = s.supplementRows(r, &d)
	page.Results = s.resultsOf(r, &d)
	page.Behalf = dossier.HoldingOf(dossierActor(r), d.CurrentStep()) == dossier.Superior
	page.Approval = dossier.IsApproval(&d)
	if page.Delivery, err = s.deliveryOf(r, &d); err != nil {
		return err
	}
	page.Letters = s.lettersOf(r, &d)
	page.CanAttach = s.portalCfg != nil && s.portalCfg.Service != nil && principalFrom(r.Context()).Can(auth.HandleDossier) &&
		dossier.MayAttachResult(&d, dossierActor(r)) == nil
	s.renderPage(w, r, code, "dossier", page)
	return nil
}

var _ = calendar.Zone

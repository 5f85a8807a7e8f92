package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
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
	switch p.Role {
	case org.Clerk, org.Director, org.Auditor, org.Statistician:
		return true
	}
	for _, s := range d.Steps {
		if p.UnitCode != "" && s.UnitCode == p.UnitCode {
			return true
		}
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
	// Page is the 1-based page number; Prev and Next are 0 when absent.
	Page, Prev, Next int
}

// queuePageSize is the rows of one page of a work queue: the most urgent
// first, as many as an officer reads at once.
const queuePageSize = 50

type queueTab struct {
	Key, Label string
}

func (*queuePage) title() string { return "Hồ sơ" }

// dossierQueue is "my work": the dossiers waiting for the officer's unit or
// role, by the due time of their current step, overdue and due-soon marked.
func (s *Server) dossierQueue(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	tabs := queueTabs(p)
	tab := r.URL.Query().Get("tab")
	if !slices.ContainsFunc(tabs, func(t queueTab) bool { return t.Key == tab }) {
		tab = tabs[0].Key
	}
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
	pageNo, _ := strconv.Atoi(r.URL.Query().Get("page"))
	pageNo = min(max(pageNo, 1), 200) // 10,000 dossiers; beyond that, filter the queue
	f.Limit, f.Offset = queuePageSize+1, (pageNo-1)*queuePageSize
	list, err := s.db.Queue(r.Context(), p.TenantID, f)
	if err != nil {
		return err
	}
	book, err := s.book(r)
	if err != nil {
		return err
	}
	now := s.now()
	page := &queuePage{Tab: tab, Tabs: tabs, Page: pageNo}
	if pageNo > 1 {
		page.Prev = pageNo - 1
	}
	if len(list) > queuePageSize {
		page.Next, list = pageNo+1, list[:queuePageSize]
	}
	for _, d := range list {
		if !canSee(p, &d) {
			continue
		}
		row := queueRow{Dossier: d}
		if st := d.CurrentStep(); st != nil && d.Status.Open() {
			row.StepName, row.StepDue = st.Name, st.DueAt
		}
		due := row.StepDue
		if due == nil {
			due = d.DueAt
		}
		if due != nil && d.Status.Open() {
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
	if page.Count, err = s.db.DossierCounts(r.Context(), p.TenantID); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "dossiers", page)
	return nil
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
	return t
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
	// Behalf: the officer is a superior of the current step's holder; the
	// step's actions are offered as "làm thay", with a reason.
	Behalf bool
	// Approval: the current step is the director's approval, which needs
	// the result attached (ApprovalRule).
	Approval bool
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

func (s *Server) showDossier(w http.ResponseWriter, r *http.Request, code int, d dossier.Dossier, evs []dossier.Event, formErr *apperr.Error) error {
	now := s.now()
	page := &dossierPage{D: d, Events: evs, Actions: dossier.Allowed(&d, dossierActor(r), now), Outcome: dossier.ResolvedOutcome(&d),
		Error: formErr, Now: now}
	if !principalFrom(r.Context()).Can(auth.HandleDossier) {
		page.Actions = nil
	}
	for _, f := range slipForms {
		if f.has(&d) {
			page.Forms = append(page.Forms, formLink{Key: f.key, Name: f.name})
		}
	}
	if d.DueAt != nil && d.Status.Open() && now.After(*d.DueAt) {
		page.Overdue = true
	}
	page.Uploads = s.uploadsOf(r, &d)
	page.Supplements = s.supplementRows(r, &d)
	page.Results = s.resultsOf(r, &d)
	page.Behalf = dossier.HoldingOf(dossierActor(r), d.CurrentStep()) == dossier.Superior
	page.Approval = dossier.IsApproval(&d)
	page.CanAttach = s.portalCfg != nil && s.portalCfg.Service != nil && principalFrom(r.Context()).Can(auth.HandleDossier) &&
		dossier.MayAttachResult(&d, dossierActor(r)) == nil
	s.renderPage(w, r, code, "dossier", page)
	return nil
}

var _ = calendar.Zone

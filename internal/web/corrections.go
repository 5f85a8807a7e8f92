package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// The administrator's correction tools (issue 25, item 10), under the
// permission dossier.correct: an officer's work moved to another officer
// (/admin/officers/{id}/cong-viec), a dossier's due date reset and a
// dossier closed by mistake restored (/admin/dossiers/{code}/sua-sai).
// The rules are the dossier package's (correction.go); each correction is
// an event of the dossier's history and an entry of the audit chain.

func init() {
	flashes["work-moved"] = "Đã chuyển việc; mỗi hồ sơ ghi dòng “Chuyển xử lý” trong lịch sử xử lý và nhật ký hệ thống."
	flashes["due-reset"] = "Đã điều chỉnh hạn giải quyết; hạn theo quy định vẫn được giữ cho thống kê."
	actionLabels["officer.work_moved"] = "Chuyển việc của cán bộ"
	flashes["dossier-restored"] = "Đã khôi phục hồ sơ về trạng thái trước khi bị đóng nhầm."
}

// staffOf is the tenant's officers as the correction rules see them, and
// the officers by ID.
func (s *Server) staffOf(ctx context.Context, tenantID string) ([]dossier.Officer, map[string]org.Officer, error) {
	units, err := s.db.Org().Units(ctx, tenantID)
	if err != nil {
		return nil, nil, err
	}
	codes := map[string]string{}
	for _, u := range units {
		codes[u.ID] = u.Code
	}
	officers, err := s.db.Org().Officers(ctx, tenantID)
	if err != nil {
		return nil, nil, err
	}
	staff := make([]dossier.Officer, 0, len(officers))
	byID := map[string]org.Officer{}
	for _, o := range officers {
		staff = append(staff, correctionOfficer(o, codes[o.UnitID]))
		byID[o.ID] = o
	}
	return staff, byID, nil
}

func correctionOfficer(o org.Officer, unitCode string) dossier.Officer {
	name := o.FullName
	if name == "" {
		name = o.Username
	}
	return dossier.Officer{ID: o.ID, Username: o.Username, Name: name, Role: string(o.Role), UnitCode: unitCode, Active: o.Active}
}

// heldWork lists the dossiers whose current step o holds personally
// (dossier.HeldBy): those being worked on at a step of o's unit, or at a
// step naming no unit, read a page at a time.
func (s *Server) heldWork(ctx context.Context, tenantID string, o dossier.Officer, staff []dossier.Officer) ([]dossier.Dossier, error) {
	units := []string{""}
	if o.UnitCode != "" {
		units = append(units, o.UnitCode)
	}
	const page = 500
	var out []dossier.Dossier
	for off := 0; off < 50*page; off += page {
		ds, err := s.db.Dossiers().Queue(ctx, tenantID, sqlstore.QueueFilter{Units: units, Limit: page, Offset: off,
			Statuses: []dossier.Status{dossier.Accepted, dossier.Processing, dossier.SupplementWaiting, dossier.FeeWaiting}})
		if err != nil {
			return nil, err
		}
		for i := range ds {
			if dossier.HeldBy(&ds[i], o, staff) {
				out = append(out, ds[i])
			}
		}
		if len(ds) < page {
			break
		}
	}
	return out, nil
}

type workRow struct {
	Code, Procedure, Step, Status string
	StepDue                       *time.Time
}

type officerWorkPage struct {
	Officer  org.Officer
	UnitCode string
	Rows     []workRow
	Targets  []dossier.Officer
	Reason   string
	To       string
	Picked   map[string]bool
	Error    *apperr.Error
	// Deactivate: the page was reached by trying to deactivate the officer.
	Deactivate bool
}

func (p *officerWorkPage) title() string { return "Việc đang giữ: " + p.Officer.FullName }

// officerWork shows the dossiers an officer holds with the form to move
// them.
func (s *Server) officerWork(w http.ResponseWriter, r *http.Request) error {
	return s.showOfficerWork(w, r, http.StatusOK, nil, "", "", nil)
}

func (s *Server) showOfficerWork(w http.ResponseWriter, r *http.Request, code int, formErr *apperr.Error, to, reason string, picked map[string]bool) error {
	p := principalFrom(r.Context())
	staff, byID, err := s.staffOf(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	o, ok := byID[r.PathValue("id")]
	if !ok {
		return apperr.New(apperr.NotFound, "Không tìm thấy cán bộ.")
	}
	me := officerIn(staff, o.ID)
	held, err := s.heldWork(r.Context(), p.TenantID, me, staff)
	if err != nil {
		return err
	}
	page := &officerWorkPage{Officer: o, UnitCode: me.UnitCode, To: to, Reason: reason, Picked: picked, Error: formErr,
		Deactivate: r.URL.Query().Get("ngung") == "1"}
	for _, d := range held {
		st := d.CurrentStep()
		page.Rows = append(page.Rows, workRow{Code: d.Code, Procedure: d.ProcedureName, Step: st.Name, StepDue: st.DueAt, Status: d.Status.Name()})
	}
	// The officers offered are those who may take at least one of the
	// steps (MayTake checks each dossier again when moved).
	for _, x := range staff {
		for i := range held {
			if dossier.MayTake(held[i].CurrentStep(), me, x) == nil {
				page.Targets = append(page.Targets, x)
				break
			}
		}
	}
	if picked == nil {
		page.Picked = map[string]bool{}
		for _, row := range page.Rows {
			page.Picked[row.Code] = true // all, unless the administrator unticks some
		}
	}
	s.renderPage(w, r, code, "officer_work", page)
	return nil
}

func officerIn(staff []dossier.Officer, id string) dossier.Officer {
	for _, x := range staff {
		if x.ID == id {
			return x
		}
	}
	return dossier.Officer{}
}

// officerWorkMove moves the ticked dossiers to the officer chosen.
func (s *Server) officerWorkMove(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	codes := r.PostForm["codes"]
	to, reason := r.PostFormValue("to"), r.PostFormValue("reason")
	picked := map[string]bool{}
	for _, c := range codes {
		picked[c] = true
	}
	staff, byID, err := s.staffOf(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	if _, ok := byID[r.PathValue("id")]; !ok {
		return apperr.New(apperr.NotFound, "Không tìm thấy cán bộ.")
	}
	from := officerIn(staff, r.PathValue("id"))
	target := officerIn(staff, to)
	if target.ID == "" {
		err = apperr.Field("to", "Hãy chọn cán bộ nhận việc.")
	} else {
		_, _, err = s.dossier.Reassign(r.Context(), dossierActor(r), p.TenantID, from, target, staff, codes, reason)
	}
	if e := userError(err); e != nil {
		if e.Code == apperr.NotFound {
			e = apperr.New(apperr.Invalid, "Không tìm thấy một trong các hồ sơ đã chọn; hãy tải lại trang.")
		}
		return s.showOfficerWork(w, r, status(e.Code), e, to, reason, picked)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/officers/"+url.PathEscape(from.ID)+"/cong-viec", "work-moved")
}

// holdsWork is the check before an officer is deactivated: the number of
// dossiers the officer still holds.
func (s *Server) holdsWork(ctx context.Context, tenantID, officerID string) (int, error) {
	staff, _, err := s.staffOf(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	held, err := s.heldWork(ctx, tenantID, officerIn(staff, officerID), staff)
	return len(held), err
}

// refuseDeactivation refuses to deactivate an officer who still holds
// work, or to move him to another role or unit (which leaves it as
// orphaned), leading to the page that moves it.
func (s *Server) refuseDeactivation(r *http.Request, o org.Officer) error {
	cur, err := s.db.Org().Officer(r.Context(), o.TenantID, o.ID)
	if err != nil || !cur.Active {
		return nil // a missing officer is the update's "not found"
	}
	what := ""
	switch {
	case !o.Active:
		what = "vô hiệu hóa tài khoản"
	case o.Role != cur.Role:
		what = "đổi vai trò"
	case o.UnitID != cur.UnitID:
		what = "chuyển đơn vị"
	default:
		return nil
	}
	n, err := s.holdsWork(r.Context(), o.TenantID, o.ID)
	if err != nil || n == 0 {
		return err
	}
	return apperr.New(apperr.Conflict, "Cán bộ "+cur.FullName+" đang giữ "+strconv.Itoa(n)+
		" hồ sơ mà không ai khác trong đơn vị xử lý được. Hãy chuyển việc (mục “Việc đang giữ”) trước khi "+what+".")
}

type correctionPage struct {
	D         dossier.Dossier
	Events    []dossier.Event
	Step      *dossier.Step
	Corrected *time.Time
	// Closing is the event that closed the dossier when it may be
	// restored; RestoreErr says why it may not, for a closed one.
	Closing    *dossier.Event
	RestoreErr string
	Due        string
	Reason     string
	Form       string // which form the error belongs to: "due", "restore"
	Error      *apperr.Error
}

func (p *correctionPage) title() string { return "Sửa sai hồ sơ " + p.D.Code }

// correctionShow shows a dossier's correction page.
func (s *Server) correctionShow(w http.ResponseWriter, r *http.Request) error {
	return s.showCorrection(w, r, http.StatusOK, &correctionPage{})
}

func (s *Server) showCorrection(w http.ResponseWriter, r *http.Request, code int, page *correctionPage) error {
	p := principalFrom(r.Context())
	key := r.PathValue("code")
	d, evs, err := s.dossier.Get(r.Context(), p.TenantID, key)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy hồ sơ "+key+".")
	}
	d.Applicant = d.Applicant.Minimal() // the administrator corrects the record, not the applicant's data
	page.D, page.Events, page.Step, page.Corrected = d, evs, d.CurrentStep(), d.CorrectedDue()
	if !d.Status.Open() && d.Status != dossier.Submitted {
		if ev, err := dossier.RestoreRule(&d, evs); err == nil {
			page.Closing = &ev
		} else if e := userError(err); e != nil {
			page.RestoreErr = e.Message
		}
	}
	s.renderPage(w, r, code, "correction", page)
	return nil
}

// correctionDue resets a dossier's due date.
func (s *Server) correctionDue(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	due, reason := strings.TrimSpace(r.PostFormValue("due")), r.PostFormValue("reason")
	var err error
	if day, perr := calendar.ParseDateVN(due); perr != nil || due == "" {
		err = apperr.Field("due", "Hạn mới phải là một ngày theo định dạng ngày/tháng/năm, ví dụ 17/03/2026.")
	} else {
		_, err = s.dossier.ResetDue(r.Context(), dossierActor(r), p.TenantID, r.PathValue("code"), day, reason)
	}
	if e := userError(err); e != nil && e.Code != apperr.NotFound {
		return s.showCorrection(w, r, status(e.Code), &correctionPage{Due: due, Reason: reason, Form: "due", Error: e})
	}
	if err != nil {
		return notFoundAs(err, "Không tìm thấy hồ sơ "+r.PathValue("code")+".")
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(r.PathValue("code"))+"/sua-sai", "due-reset")
}

// correctionRestore restores a dossier closed by mistake.
func (s *Server) correctionRestore(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	reason := r.PostFormValue("reason")
	_, err := s.dossier.Restore(r.Context(), dossierActor(r), p.TenantID, r.PathValue("code"), reason)
	if e := userError(err); e != nil && e.Code != apperr.NotFound {
		return s.showCorrection(w, r, status(e.Code), &correctionPage{Reason: reason, Form: "restore", Error: e})
	}
	if err != nil {
		return notFoundAs(err, "Không tìm thấy hồ sơ "+r.PathValue("code")+".")
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(r.PathValue("code"))+"/sua-sai", "dossier-restored")
}

// correctionFind leads from a dossier code typed by the administrator to
// its correction page.
func (s *Server) correctionFind(w http.ResponseWriter, r *http.Request) error {
	code := strings.TrimSpace(r.URL.Query().Get("ma"))
	if code == "" {
		s.renderPage(w, r, http.StatusOK, "correction_find", &correctionFindPage{})
		return nil
	}
	p := principalFrom(r.Context())
	d, err := s.db.Dossiers().Dossier(r.Context(), p.TenantID, code)
	if err != nil {
		if e := userError(err); e != nil && e.Code == apperr.NotFound {
			s.renderPage(w, r, http.StatusNotFound, "correction_find", &correctionFindPage{Code: code,
				Error: apperr.Field("ma", "Không tìm thấy hồ sơ có mã "+code+".")})
			return nil
		}
		return err
	}
	key := d.Code
	if key == "" {
		key = d.ID
	}
	http.Redirect(w, r, "/admin/dossiers/"+url.PathEscape(key)+"/sua-sai", http.StatusSeeOther)
	return nil
}

type correctionFindPage struct {
	Code  string
	Error *apperr.Error
}

func (*correctionFindPage) title() string { return "Sửa sai hồ sơ" }

// correctionInput is the body of the correction API calls.
type correctionInput struct {
	Due    string `json:"due,omitempty"` // yyyy-mm-dd or dd/mm/yyyy
	Reason string `json:"reason"`
}

// correctedJSON is a dossier after a correction, as the administrator
// sees it: the applicant's name only.
func (s *Server) correctedJSON(w http.ResponseWriter, r *http.Request, d dossier.Dossier) error {
	d.Applicant = d.Applicant.Minimal()
	_, evs, err := s.dossier.Get(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, correctedDossierJSON{toJSON(d, evs, nil), d.DueResets})
}

// correctedDossierJSON is the API's dossier with its due-date corrections.
type correctedDossierJSON struct {
	dossierJSON
	DueResets []dossier.DueReset `json:"due_resets,omitempty"`
}

// apiCorrectionDue resets a dossier's due date (JSON).
func (s *Server) apiCorrectionDue(w http.ResponseWriter, r *http.Request) error {
	var in correctionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	day, err := calendar.ParseDateAny(strings.TrimSpace(in.Due))
	if err != nil || strings.TrimSpace(in.Due) == "" {
		return apperr.Field("due", "Hạn mới phải là một ngày (yyyy-mm-dd hoặc dd/mm/yyyy).")
	}
	d, err := s.dossier.ResetDue(r.Context(), dossierActor(r), principalFrom(r.Context()).TenantID, r.PathValue("code"), day, in.Reason)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy hồ sơ "+r.PathValue("code")+".")
	}
	return s.correctedJSON(w, r, d)
}

// apiCorrectionRestore restores a dossier closed by mistake (JSON).
func (s *Server) apiCorrectionRestore(w http.ResponseWriter, r *http.Request) error {
	var in correctionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := s.dossier.Restore(r.Context(), dossierActor(r), principalFrom(r.Context()).TenantID, r.PathValue("code"), in.Reason)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy hồ sơ "+r.PathValue("code")+".")
	}
	return s.correctedJSON(w, r, d)
}

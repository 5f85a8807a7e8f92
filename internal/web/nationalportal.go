package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/external/dvcqg"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
)

// NationalPortal is what the national public-service portal's screens need
// (package external/dvcqg).
type NationalPortal struct {
	Portal dvcqg.Portal
	// Simulator is the portal when no real connection is configured: its
	// received statuses are shown and a sample dossier can be filed on it.
	Simulator *dvcqg.Simulator
}

// EnableNationalPortal turns on /admin/dvcqg: the sync report, receiving
// online dossiers filed on the portal and importing its catalogue.
func (s *Server) EnableNationalPortal(np *NationalPortal) { s.dvcqg = np }

type dvcqgFailure struct {
	sqlstore.OutboxEntry
	Dossier string // code or ref
	Label   string
}

type dvcqgPush struct {
	At     time.Time
	Code   string
	Status string
	Action string
	Nat    string
}

type dvcqgPage struct {
	Simulated bool
	Totals    sqlstore.SyncTotals
	Failures  []dvcqgFailure
	Index     report.Indicator // 1.4 of this month
	Month     string
	Received  []dvcqg.Result
	Receiving bool
	Imported  *dvcqg.ImportReport
	Pushes    []dvcqgPush
	// Link says the officer opens any dossier of the tenant, so the codes
	// listed here are links; others see the codes alone (the dossier page
	// would refuse them).
	Link bool
}

// Pct, Pts and Dec format the indicator as the reports page does.
func (*dvcqgPage) Pct(r *float64) string { return report.FormatRate(r) }
func (*dvcqgPage) Pts(x *float64) string { return (&reportsPage{}).Pts(x) }
func (*dvcqgPage) Dec(x float64) string  { return report.FormatDecimal(x) }

func (*dvcqgPage) title() string { return "Đồng bộ Cổng Dịch vụ công quốc gia" }

func (s *Server) needDVCQG() error {
	if s.dvcqg == nil {
		return apperr.New(apperr.NotFound, "Chưa bật kết nối Cổng Dịch vụ công quốc gia.")
	}
	return nil
}

// dvcqgData fills the report part of the page.
func (s *Server) dvcqgData(r *http.Request, page *dvcqgPage) error {
	p := principalFrom(r.Context())
	page.Link = p.Can(auth.ViewDossiers) && seesAll(p)
	np := s.db.NationalPortal()
	var err error
	if page.Totals, err = np.SyncTotals(r.Context(), p.TenantID); err != nil {
		return err
	}
	fails, err := np.SyncFailures(r.Context(), p.TenantID, 200)
	if err != nil {
		return err
	}
	for _, f := range fails {
		var u dvcqg.StatusUpdate
		_ = json.Unmarshal([]byte(f.Body), &u) // a broken body shows without its code
		label := "Chờ gửi lại"
		if f.Status == "dead" {
			label = "Gửi thất bại"
		}
		f.Body, f.Subject = "", strings.TrimPrefix(f.Subject, u.Code+" · ")
		page.Failures = append(page.Failures, dvcqgFailure{OutboxEntry: f, Dossier: u.Code, Label: label})
	}
	today := calendar.DateOf(s.now())
	period := report.Period{From: calendar.Date{Year: today.Year, Month: today.Month, Day: 1}, To: today}
	page.Month = period.From.FormatVN() + " – " + period.To.FormatVN()
	c, err := s.db.Reports().IndexCounts(r.Context(), sqlstore.ReportScope{TenantID: p.TenantID}, period)
	if err == nil {
		err = s.db.Reports().IndexExtras(r.Context(), sqlstore.ReportScope{TenantID: p.TenantID}, period, &c)
	}
	if err != nil {
		return err
	}
	for _, in := range report.ComputeIndex(report.Report{From: period.From.String(), To: period.To.String()}, c).Indicators {
		if in.Code == "1.4" {
			page.Index = in
		}
	}
	if sim := s.dvcqg.Simulator; sim != nil {
		page.Simulated = true
		all := sim.PushesOf(p.TenantID)
		for i := len(all) - 1; i >= 0 && len(page.Pushes) < 30; i-- {
			u := all[i].Update
			page.Pushes = append(page.Pushes, dvcqgPush{At: all[i].ReceivedAt, Code: u.Code, Status: u.StatusName, Action: u.Action, Nat: u.NationalCode})
		}
	}
	return nil
}

func (s *Server) dvcqgShow(w http.ResponseWriter, r *http.Request) error {
	if err := s.needDVCQG(); err != nil {
		return err
	}
	page := &dvcqgPage{}
	if err := s.dvcqgData(r, page); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "dvcqg", page)
	return nil
}

// dvcqgReceive takes the dossiers filed on the portal.
func (s *Server) dvcqgReceive(w http.ResponseWriter, r *http.Request) error {
	if err := s.needDVCQG(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	res, err := dvcqg.Receive(r.Context(), s.dvcqg.Portal, s.db.NationalPortal(), s.dossier, dossierActor(r), p.TenantID, t.AgencyID)
	if err != nil {
		return err
	}
	if s.nudge != nil {
		s.nudge()
	}
	page := &dvcqgPage{Received: res, Receiving: true}
	if err := s.dvcqgData(r, page); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "dvcqg", page)
	return nil
}

// dvcqgImport imports the national catalogue into the tenant's.
func (s *Server) dvcqgImport(w http.ResponseWriter, r *http.Request) error {
	if err := s.needDVCQG(); err != nil {
		return err
	}
	if s.procs == nil {
		return apperr.New(apperr.NotFound, "Danh mục thủ tục của cơ quan chưa được bật.")
	}
	p := principalFrom(r.Context())
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	rep, err := dvcqg.Import(r.Context(), s.dvcqg.Portal, s.procs, actor(r), p.TenantID, t.AgencyID)
	if err != nil {
		return err
	}
	page := &dvcqgPage{Imported: &rep}
	if err := s.dvcqgData(r, page); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "dvcqg", page)
	return nil
}

// dvcqgSample files a sample dossier on the simulator (demo and tests).
func (s *Server) dvcqgSample(w http.ResponseWriter, r *http.Request) error {
	if err := s.needDVCQG(); err != nil {
		return err
	}
	if s.dvcqg.Simulator == nil {
		return apperr.New(apperr.NotFound, "Chỉ nộp thử được trên Cổng mô phỏng.")
	}
	code := "G22.99-" + s.now().In(calendar.Zone()).Format("060102-150405")
	t, err := s.db.Org().Tenant(r.Context(), principalFrom(r.Context()).TenantID)
	if err != nil {
		return err
	}
	o := dvcqg.SampleDossier(code, sampleProcedure(s, r))
	o.Agency = t.AgencyID
	s.dvcqg.Simulator.File(o)
	return s.redirectFlash(w, r, "/admin/dvcqg", "dvcqg-filed")
}

// sampleProcedure is the national code of a procedure of the tenant's
// catalogue open to online filing, for the sample dossier.
func sampleProcedure(s *Server, r *http.Request) string {
	if s.procs == nil {
		return "1.013859"
	}
	list, err := s.procs.Procedures(r.Context(), principalFrom(r.Context()).TenantID)
	if err != nil {
		return "1.013859"
	}
	for _, p := range list {
		if p.Code != "" && !p.Local && p.Allows(catalog.ChannelOnline) && len(p.Steps) > 0 {
			return p.Code
		}
	}
	return "1.013859"
}

// dvcqgRequeue puts a failed push back in the queue.
func (s *Server) dvcqgRequeue(w http.ResponseWriter, r *http.Request) error {
	if err := s.needDVCQG(); err != nil {
		return err
	}
	p := principalFrom(r.Context())
	id := r.PathValue("id")
	if len(id) > 64 {
		return apperr.New(apperr.NotFound, "Không tìm thấy bản ghi đồng bộ.")
	}
	if !p.Can(auth.ManageOrg) {
		return apperr.New(apperr.Forbidden, "Chỉ quản trị viên được gửi lại bản ghi đồng bộ.")
	}
	if err := s.db.Outbox().RequeueOutbox(r.Context(), actor(r), p.TenantID, id); err != nil {
		return err
	}
	if s.nudge != nil {
		s.nudge()
	}
	return s.redirectFlash(w, r, "/admin/dvcqg", "outbox-requeued")
}

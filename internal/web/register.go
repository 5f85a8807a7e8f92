package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/report"
)

// The dossier register (Mẫu 07, Sổ theo dõi hồ sơ): the dossiers accepted in
// a period, for the whole tenant or one reception desk, shown, printed
// (PDF) and exported (XLSX).

type registerPage struct {
	Period  report.Period
	Desk    string
	Desks   []org.Unit
	Sheet   render.Register
	Rows    []render.RegisterRow // the first registerPreview rows
	Total   int
	Query   template.URL
	Capped  bool
	Preview int
}

func (*registerPage) title() string { return "Sổ theo dõi hồ sơ" }

const (
	registerMax     = 20_000
	registerPreview = 30
)

// registerData reads the period and desk of the request and builds the
// register.
func (s *Server) registerData(r *http.Request) (*registerPage, error) {
	ctx := r.Context()
	tid := principalFrom(ctx).TenantID
	q := r.URL.Query()
	p := report.Month(calendar.DateOf(s.now()))
	if q.Get("from") != "" || q.Get("to") != "" {
		var err error
		if p, err = report.ParsePeriod(q.Get("from"), q.Get("to")); err != nil {
			return nil, err
		}
	}
	page := &registerPage{Period: p, Desk: strings.TrimSpace(q.Get("desk")), Preview: registerPreview}
	units, err := s.db.Org().Units(ctx, tid)
	if err != nil {
		return nil, err
	}
	deskName := ""
	for _, u := range units {
		if u.Kind == org.Reception {
			page.Desks = append(page.Desks, u)
			if u.Code == page.Desk {
				deskName = u.Name
			}
		}
	}
	if page.Desk != "" && deskName == "" {
		return nil, apperr.Field("desk", "Bộ phận tiếp nhận không có trong danh sách đơn vị của cơ quan.")
	}
	ds, err := s.db.Reports().RegisterDossiers(ctx, tid, p.From.String(), p.To.String(), registerMax+1)
	if err != nil {
		return nil, err
	}
	if len(ds) > registerMax {
		page.Capped, ds = true, ds[:registerMax]
	}
	t, err := s.db.Org().Tenant(ctx, tid)
	if err != nil {
		return nil, err
	}
	receivers, err := s.db.Org().Receivers(ctx, tid)
	if err != nil {
		return nil, err
	}
	names, err := s.slipNames(r, tid)
	if err != nil {
		return nil, err
	}
	a := slipAgencyFor(t, org.ReceiverAt(receivers, t, p.To))
	desk := a.Desk
	if a.Centre {
		desk = strings.ToUpper(a.Receiver)
	}
	page.Sheet = render.Register{Superior: a.Superior, Desk: desk,
		Lines: []string{"Từ ngày " + p.From.FormatVN() + " đến ngày " + p.To.FormatVN()}}
	if deskName != "" {
		page.Sheet.Lines = append(page.Sheet.Lines, "Nơi tiếp nhận: "+deskName)
	}
	pr := principalFrom(ctx)
	for i := range ds {
		d := &ds[i]
		if page.Desk != "" && (len(d.Steps) == 0 || d.Steps[0].UnitCode != page.Desk) {
			continue
		}
		// The officer's book holds the dossiers they may open, and the
		// applicant's contact only for those who may read personal data
		// (the dossier page's rules).
		if !canSee(pr, d) {
			continue
		}
		if !pr.Can(auth.ViewPersonalData) {
			d.Applicant = d.Applicant.Minimal()
		}
		page.Sheet.Rows = append(page.Sheet.Rows, registerRow(d, names, a.FullName))
	}
	page.Total = len(page.Sheet.Rows)
	page.Rows = page.Sheet.Rows[:min(len(page.Sheet.Rows), registerPreview)]
	v := url.Values{"from": {p.From.String()}, "to": {p.To.String()}}
	if page.Desk != "" {
		v.Set("desk", page.Desk)
	}
	page.Query = template.URL(v.Encode())
	return page, nil
}

// registerRow is one dossier in the register.
func registerRow(d *dossier.Dossier, names slipNameBook, agency string) render.RegisterRow {
	row := render.RegisterRow{Code: d.Code, Procedure: d.ProcedureName, Sets: 1, Applicant: d.Applicant.FullName, Resolver: agency}
	contact := d.Applicant.Address
	if d.Applicant.Phone != "" {
		if contact != "" {
			contact += "; "
		}
		contact += d.Applicant.Phone
	}
	row.Contact = contact
	if u := d.Unit(); u != "" {
		row.Resolver = names.unit(u)
	}
	row.Received, row.Due, row.Returned = vnTime(d.AcceptedAt), vnTime(d.DueAt), vnTime(d.ReturnedAt)
	if len(d.Steps) > 1 {
		row.SentOut = vnTime(d.Steps[0].FinishedAt)
	}
	if d.Ended == dossier.EndResult || d.Ended == dossier.EndRejected {
		row.ResultBack = vnTime(d.FinishedAt)
	}
	row.Note = d.Status.Name()
	if d.EndReason != "" {
		row.Note += ": " + d.EndReason
	}
	return row
}

// vnTime writes an optional instant as the register does ("09:00
// 02/03/2026"); "" when it has not happened.
func vnTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(calendar.Zone()).Format("15:04 02/01/2006")
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) error {
	page, err := s.registerData(r)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "register", page)
	return nil
}

// registerExport sends the register as PDF or XLSX.
func (s *Server) registerExport(w http.ResponseWriter, r *http.Request) error {
	format := r.PathValue("format")
	if format != "pdf" && format != "xlsx" {
		return apperr.New(apperr.NotFound, "Định dạng phải là pdf hoặc xlsx.")
	}
	page, err := s.registerData(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name := "so-theo-doi-ho-so-" + page.Period.From.String() + "-" + page.Period.To.String()
	if format == "pdf" {
		err = render.RegisterPDF(&buf, page.Sheet)
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="`+name+`.pdf"`)
	} else {
		err = render.RegisterXLSX(&buf, page.Sheet)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, err = w.Write(buf.Bytes())
	return err
}

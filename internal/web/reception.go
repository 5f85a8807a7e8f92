package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/web/kit"
)

type receptionPage struct {
	Query     string
	Results   []catalog.Procedure
	Procedure *catalog.Procedure
	Channels  []catalog.Channel
	Form      dossier.IntakeRequest
	Error     *apperr.Error
	// Sent is the refused form as it was sent, with each field's error;
	// empty on a fresh form (nothing ticked).
	Sent      kit.Form
	TimeLimit string
	FeeText   string
}

func (*receptionPage) title() string { return "Tiếp nhận hồ sơ" }

// Count is a document's number of originals or copies: as sent on a
// refused form, else the catalogue's.
func (p *receptionPage) Count(field string, i, def int) string {
	if v, ok := p.Sent.Values[field+strconv.Itoa(i)]; ok && len(v) > 0 {
		return v[0]
	}
	return strconv.Itoa(def)
}

// Ticked reports whether document i was ticked on the refused form.
func (p *receptionPage) Ticked(i int) bool { return p.Sent.Checked("doc"+strconv.Itoa(i), "1") }

// reception is the counter intake: find the procedure, then fill the
// applicant and tick the documents received.
func (s *Server) reception(w http.ResponseWriter, r *http.Request) error {
	page := &receptionPage{Query: r.URL.Query().Get("q"), Channels: []catalog.Channel{catalog.ChannelDirect, catalog.ChannelPostal}}
	today := calendar.DateOf(s.now())
	procs, err := s.procedures(r)
	if err != nil {
		return err
	}
	if id := r.URL.Query().Get("procedure"); id != "" {
		p, ok := catalog.Find(procs, id, today)
		if !ok {
			return apperr.New(apperr.NotFound, "Không tìm thấy thủ tục.")
		}
		page.Procedure = &p
		page.Form = dossier.IntakeRequest{Procedure: p.ID, Channel: catalog.ChannelDirect}
	} else {
		page.Results = catalog.Search(procs, page.Query, today)
	}
	return s.showReception(w, r, http.StatusOK, page)
}

func (s *Server) showReception(w http.ResponseWriter, r *http.Request, code int, page *receptionPage) error {
	if p := page.Procedure; p != nil {
		page.TimeLimit = p.TimeLimit.String()
		if fee := p.FeeFor(""); fee > 0 {
			page.FeeText = fmtInt(fee) + " đồng"
		} else {
			page.FeeText = "Không thu phí"
		}
	}
	s.renderPage(w, r, code, "reception", page)
	return nil
}

// receptionSubmit creates and accepts a dossier at the counter.
func (s *Server) receptionSubmit(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	req := dossier.IntakeRequest{
		Procedure: r.PostFormValue("procedure"), Channel: catalog.Channel(r.PostFormValue("channel")),
		Applicant: dossier.Applicant{FullName: r.PostFormValue("full_name"), IDNumber: r.PostFormValue("id_number"),
			Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"), Address: r.PostFormValue("address")},
		Delivery: r.PostFormValue("delivery"),
	}
	today := calendar.DateOf(s.now())
	procs, err := s.procedures(r)
	if err != nil {
		return err
	}
	proc, ok := catalog.Find(procs, req.Procedure, today)
	if !ok {
		return apperr.New(apperr.NotFound, "Không tìm thấy thủ tục.")
	}
	req.Documents = []dossier.Received{}
	for i, doc := range proc.Documents {
		if r.PostFormValue("doc"+strconv.Itoa(i)) == "" {
			continue
		}
		n := func(field string, def int) int {
			v, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(field + strconv.Itoa(i))))
			if err != nil {
				return def
			}
			return v
		}
		req.Documents = append(req.Documents, dossier.Received{Name: doc.Name, Originals: n("orig", doc.Originals), Copies: n("copy", doc.Copies)})
	}
	req.Applicant.Commune = strings.TrimSpace(r.PostFormValue("commune"))
	page := &receptionPage{Procedure: &proc, Form: req, Channels: []catalog.Channel{catalog.ChannelDirect, catalog.ChannelPostal}}
	err = s.pickCommune(r.Context(), p.TenantID, &req.Applicant)
	var d dossier.Dossier
	if err == nil {
		d, err = s.dossier.Intake(r.Context(), dossierActor(r), p.TenantID, req)
	}
	if e := userError(err); e != nil {
		// The required documents are dossier.Service's rule, the same for
		// the API; the form comes back as it was sent.
		page.Error, page.Sent = e, kit.FormOf(r.PostForm, e)
		return s.showReception(w, r, status(e.Code), page)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(d.Code), "dossier-received")
}

// pickCommune names the commune of the applicant's address from the list of
// administrative units: what the suggestions wrote, a code, or a name
// typed without diacritics (a plain text field works without script); the
// tenant's province decides between namesakes.
func (s *Server) pickCommune(ctx context.Context, tenantID string, a *dossier.Applicant) error {
	if a.Commune == "" {
		return nil
	}
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	t, err := s.db.Tenant(ctx, tenantID)
	if err != nil {
		return err
	}
	day := s.now()
	u, err := units.Pick(a.Commune, t.ProvinceCode, day)
	if err != nil && t.ProvinceCode != "" {
		u, err = units.Pick(a.Commune, "", day)
	}
	if err != nil {
		return err
	}
	a.CommuneCode, a.Commune = u.Code, u.FullName()+", "+units.NameOn(u.ProvinceCode, day)
	return nil
}

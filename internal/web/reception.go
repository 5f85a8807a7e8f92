package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

type receptionPage struct {
	Query     string
	Results   []catalog.Procedure
	Procedure *catalog.Procedure
	Channels  []catalog.Channel
	Form      dossier.IntakeRequest
	Error     *apperr.Error
	TimeLimit string
	FeeText   string
}

func (*receptionPage) title() string { return "Tiếp nhận hồ sơ" }

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
	var missing []string
	for i, doc := range proc.Documents {
		if doc.Required && r.PostFormValue("doc"+strconv.Itoa(i)) == "" {
			missing = append(missing, doc.Name)
		}
	}
	page := &receptionPage{Procedure: &proc, Form: req, Channels: []catalog.Channel{catalog.ChannelDirect, catalog.ChannelPostal}}
	if len(missing) > 0 {
		page.Error = apperr.New(apperr.Invalid, "Hồ sơ chưa đủ thành phần bắt buộc: "+strings.Join(missing, "; ")+
			". Hướng dẫn người nộp bổ sung (Mẫu 02) hoặc từ chối tiếp nhận (Mẫu 03) nếu không thuộc thẩm quyền.")
		return s.showReception(w, r, http.StatusBadRequest, page)
	}
	d, err := s.dossier.Intake(r.Context(), dossierActor(r), p.TenantID, req)
	if e := userError(err); e != nil {
		page.Error = e
		return s.showReception(w, r, status(e.Code), page)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(d.Code), "dossier-received")
}

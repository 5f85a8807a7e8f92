package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// portalProcedures are the procedures the portal lists: every procedure in
// force on day (the catalogue is public information; those another agency
// resolves, such as judicial records by the provincial police since
// 1/3/2025, say so and are not filed here). The catalogue is small (tens of entries) and held in memory, so search
// runs in memory with catalog.Fold, the same fold for the page and for
// GET /api/v1/procedures; no SQL search column is needed.
func (s *Server) portalProcedures(q, field string, day calendar.Date) []catalog.Procedure {
	var out []catalog.Procedure
	for _, p := range catalog.Search(s.catalog, q, day) {
		if field != "" && p.Field.Code != field {
			continue
		}
		out = append(out, p)
	}
	return out
}

type procedureListPage struct {
	Query  string
	Field  string
	Fields []catalog.Field
	Items  []catalog.Procedure
	Total  int
}

func (*procedureListPage) title() string { return "Thủ tục hành chính" }

// portalProcedureList is the public catalogue with its search.
func (s *Server) portalProcedureList(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > 200 {
		return apperr.Field("q", "Từ khóa tìm kiếm quá dài.")
	}
	field := r.URL.Query().Get("linh-vuc")
	if _, ok := catalog.FieldByCode(field); !ok {
		field = ""
	}
	day := calendar.DateOf(s.now())
	all := s.portalProcedures("", "", day)
	var fields []catalog.Field
	seen := map[string]bool{}
	for _, f := range catalog.Fields() {
		for _, p := range all {
			if p.Field.Code == f.Code && !seen[f.Code] {
				seen[f.Code] = true
				fields = append(fields, f)
			}
		}
	}
	items := s.portalProcedures(q, field, day)
	s.renderPortal(w, r, http.StatusOK, "procedures", &procedureListPage{Query: q, Field: field, Fields: fields, Items: items, Total: len(all)})
	return nil
}

type procedurePage struct {
	P         catalog.Procedure
	TimeLimit string
	Extended  string
	Channels  []string
	CanFile   bool
	// JROnline: a judicial-record procedure the portal's tenant issues
	// today, filed through its own form (/ly-lich-tu-phap).
	JROnline bool
	// Elsewhere: another kind of agency resolves the procedure.
	Elsewhere bool
}

func (p *procedurePage) title() string { return p.P.Name }

// findPortalProcedure finds an offered procedure by ID or national code.
func (s *Server) findPortalProcedure(key string) (catalog.Procedure, error) {
	p, ok := catalog.Find(s.catalog, key, calendar.DateOf(s.now()))
	if !ok {
		return p, apperr.New(apperr.NotFound, "Không tìm thấy thủ tục hành chính này, hoặc thủ tục không còn hiệu lực.")
	}
	return p, nil
}

// procedureShow is one procedure's public page.
func (s *Server) procedureShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.findPortalProcedure(r.PathValue("id"))
	if err != nil {
		return err
	}
	page := &procedurePage{P: p, TimeLimit: p.TimeLimit.String(),
		CanFile: s.fileable(p), Elsewhere: p.Agency != s.portalAgency()}
	if v, ok := s.jrOnline(); ok && p.ID == v.Procedure {
		page.JROnline = true
	}
	if p.ExtendedTimeLimit != (calendar.Duration{}) {
		page.Extended = p.ExtendedTimeLimit.String()
	}
	for _, c := range p.Channels {
		page.Channels = append(page.Channels, c.Label())
	}
	s.renderPortal(w, r, http.StatusOK, "procedure", page)
	return nil
}

// fileable reports whether the portal takes online dossiers of p through
// the generic filing form: a procedure of the portal's kind of agency (a
// Department of Justice unless configured), offered online, and not a
// judicial-record request (portal_jr.go files those with their form).
func (s *Server) fileable(p catalog.Procedure) bool {
	return p.Agency == s.portalAgency() && !isJRProcedure(p) && p.Allows(catalog.ChannelOnline) && p.OnlineLevel != catalog.OnlineNone
}

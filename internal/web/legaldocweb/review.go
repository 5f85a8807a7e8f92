package legaldocweb

import (
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/legaldoc"
	"tuphap/internal/web/kit"
)

// ---- A review round and its verdicts.

type verdictRow struct {
	Item legaldoc.ReviewItem
	Doc  legaldoc.Document
	Has  bool // the document is still in the book
}

type verdictCount struct {
	Verdict legaldoc.Verdict
	N       int
}

type reviewPage struct {
	Review   legaldoc.Review
	Rows     []verdictRow
	Counts   []verdictCount
	Verdicts []legaldoc.Verdict
	CanKeep  bool
	Form     kit.Form
}

func (p *reviewPage) Title() string { return "Rà soát: " + p.Review.Title }

// Review is GET /admin/van-ban/ra-soat/{id}: the round with each
// document's verdict.
func (s *Screens) Review(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	rv, err := s.cfg.Service.Store.Review(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy đợt rà soát.")
	}
	return s.showReview(w, r, http.StatusOK, sc, rv, kit.Form{})
}

func (s *Screens) showReview(w http.ResponseWriter, r *http.Request, code int, sc legaldoc.Scope, rv legaldoc.Review, form kit.Form) error {
	page := &reviewPage{Review: rv, Verdicts: legaldoc.Verdicts, CanKeep: canKeep(r), Form: form}
	for _, it := range rv.Items {
		d, err := s.cfg.Service.Store.Document(r.Context(), sc.TenantID, it.DocumentID)
		switch {
		case err == nil:
			page.Rows = append(page.Rows, verdictRow{Item: it, Doc: d, Has: true})
		case apperr.CodeOf(err) == apperr.NotFound:
			page.Rows = append(page.Rows, verdictRow{Item: it})
		default:
			return err
		}
	}
	counts := legaldoc.VerdictCounts(rv.Items)
	for _, v := range legaldoc.Verdicts {
		page.Counts = append(page.Counts, verdictCount{v, counts[v]})
	}
	s.k.Page(w, r, code, "ld_review", page)
	return nil
}

// findByNumber finds the one document of the book with this number
// ("15/2025/NQ-HĐND"), ignoring case and spaces.
func (s *Screens) findByNumber(r *http.Request, sc legaldoc.Scope, number string) (legaldoc.Document, error) {
	number = strings.TrimSpace(number)
	if number == "" {
		return legaldoc.Document{}, apperr.Field("doc_number", "Nhập số, ký hiệu văn bản được rà soát.")
	}
	if len([]rune(number)) > 100 {
		return legaldoc.Document{}, apperr.Field("doc_number", "Số, ký hiệu dài quá 100 ký tự.")
	}
	ds, err := s.cfg.Service.Store.Documents(r.Context(), sc.TenantID, legaldoc.DocFilter{Query: number, Limit: 50})
	if err != nil {
		return legaldoc.Document{}, err
	}
	norm := func(v string) string { return strings.ToLower(strings.Join(strings.Fields(v), "")) }
	for _, d := range ds {
		if norm(d.Number) == norm(number) {
			return d, nil
		}
	}
	return legaldoc.Document{}, apperr.Field("doc_number", "Không có văn bản số "+number+" trong cơ sở dữ liệu.")
}

// RecordVerdict is POST /admin/van-ban/ra-soat/{id}/van-ban: the verdict on
// one document of the book.
func (s *Screens) RecordVerdict(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	rv, err := s.cfg.Service.Store.Review(r.Context(), sc.TenantID, r.PathValue("id"))
	if err != nil {
		return kit.NotFoundAs(err, "Không tìm thấy đợt rà soát.")
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không hợp lệ.")
	}
	f := r.PostForm
	d, err := s.findByNumber(r, sc, f.Get("doc_number"))
	if err == nil {
		_, err = s.cfg.Service.RecordVerdict(r.Context(), s.actor(r), sc, rv.ID, legaldoc.ReviewItem{DocumentID: d.ID, Verdict: legaldoc.Verdict(f.Get("verdict")), Note: f.Get("note")})
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showReview(w, r, http.StatusUnprocessableEntity, sc, rv, kit.FormOf(r.PostForm, err))
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, "/admin/van-ban/ra-soat/"+rv.ID, "legaldoc-saved")
}

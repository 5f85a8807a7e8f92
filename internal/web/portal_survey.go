package web

import (
	"net/http"
	"strconv"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/survey"
	"tuphap/internal/web/kit"
)

// The citizens' satisfaction survey on the portal: after the result is
// returned, the applicant answers the department's questionnaire, signed
// in (their own dossier) or with the dossier code and PIN of the receipt.

type portalSurveyPage struct {
	Action string // where the form posts
	Code   string // the dossier code (code + PIN route)
	PIN    string // kept in a hidden field between the two steps, never in a URL
	Ask    bool   // asking for code and PIN
	Done   bool   // answered now
	Before bool   // answered before
	Error  string
	F      surveyForm
}

func (*portalSurveyPage) title() string { return "Khảo sát mức độ hài lòng" }

func citizenAuditActor(r *http.Request) audit.Actor {
	a := portalActor(r)
	return audit.Actor{ID: a.ID, Name: a.Name, IP: a.IP}
}

// surveyPageFor fills the page for a dossier: already answered, not yet
// returned, or the questionnaire to answer.
func (s *Server) surveyPageFor(r *http.Request, tenantID, dossierID string, page *portalSurveyPage, form kit.Form) error {
	svc := s.surveys()
	if _, err := svc.Store.Answer(r.Context(), tenantID, dossierID); err == nil {
		page.Before = true
		return nil
	} else if apperr.CodeOf(err) != apperr.NotFound {
		return err
	}
	q, err := svc.Current(r.Context(), tenantID)
	if err != nil {
		return err
	}
	page.F = surveyForm{Q: q, Form: form, Scale: survey.Scale}
	return nil
}

// mySurvey is GET /ho-so-cua-toi/{ref}/khao-sat.
func (s *Server) mySurvey(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	page := &portalSurveyPage{Action: "/ho-so-cua-toi/" + dossierRef(&d) + "/khao-sat", Done: r.URL.Query().Has("xong")}
	if err := survey.Eligible(&d); err != nil && !page.Done {
		return err
	}
	if err := s.surveyPageFor(r, c.TenantID, d.ID, page, kit.Form{}); err != nil {
		return err
	}
	s.renderPortal(w, r, http.StatusOK, "survey", page)
	return nil
}

// mySurveySubmit is POST /ho-so-cua-toi/{ref}/khao-sat.
func (s *Server) mySurveySubmit(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	page := &portalSurveyPage{Action: "/ho-so-cua-toi/" + dossierRef(&d) + "/khao-sat"}
	if err := s.answerSurvey(r, c.TenantID, d.ID, citizenAuditActor(r), page); err != nil {
		return err
	}
	if page.Error != "" {
		return s.renderSurveyRefusal(w, r, page)
	}
	http.Redirect(w, r, page.Action+"?xong=1", http.StatusSeeOther)
	return nil
}

// answerSurvey submits the form's answers for a dossier; a refusal the
// citizen can correct is put on the page (Error and the form as sent).
func (s *Server) answerSurvey(r *http.Request, tenantID, dossierID string, by audit.Actor, page *portalSurveyPage) error {
	svc := s.surveys()
	q, err := svc.Current(r.Context(), tenantID)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	scores, err := scoresFrom(r.PostForm, q)
	if err == nil {
		_, err = svc.Submit(r.Context(), by, tenantID, dossierID, survey.Portal, version, scores, r.PostFormValue("comment"))
	}
	if e := userError(err); e != nil && e.Code != apperr.NotFound {
		page.Error = e.Message
		page.F = surveyForm{Q: q, Form: kit.FormOf(r.PostForm, err), Scale: survey.Scale}
		if e.Code == apperr.Conflict {
			// Answered already, or the questionnaire changed: show the
			// page afresh with the message.
			page.F.Form = kit.Form{Message: e.Message}
			if _, aerr := svc.Store.Answer(r.Context(), tenantID, dossierID); aerr == nil {
				page.Before = true
			}
		}
		return nil
	}
	return err
}

func (s *Server) renderSurveyRefusal(w http.ResponseWriter, r *http.Request, page *portalSurveyPage) error {
	code := http.StatusUnprocessableEntity
	if page.Before || strings.Contains(page.Error, "cập nhật") {
		code = http.StatusConflict
	}
	s.renderPortal(w, r, code, "survey", page)
	return nil
}

// surveyByCode is GET /khao-sat: the code and PIN form (the code may come
// from ?ma=, the PIN never).
func (s *Server) surveyByCode(w http.ResponseWriter, r *http.Request) error {
	page := &portalSurveyPage{Action: "/khao-sat", Ask: true, Code: r.URL.Query().Get("ma"), Done: r.URL.Query().Has("xong")}
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.renderPortal(w, r, http.StatusOK, "survey", page)
	return nil
}

// surveyByCodeSubmit is POST /khao-sat: with code and PIN only, it shows
// the questionnaire; with the answers (step=answer), it records them.
// Every step checks the code and PIN again, rate limited like the look-up.
func (s *Server) surveyByCodeSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu khảo sát không hợp lệ.")
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	page := &portalSurveyPage{Action: "/khao-sat", Code: strings.TrimSpace(r.PostForm.Get("ma"))}
	res, err := s.lookup(r, page.Code, r.PostForm.Get("pin"))
	if err != nil {
		e := apperr.As(err)
		if e.Code != apperr.NotFound && e.Code != apperr.TooMany {
			return err
		}
		page.Ask, page.Error = true, e.Message
		st := http.StatusNotFound
		if e.Code == apperr.TooMany {
			st = http.StatusTooManyRequests
			retryAfter(w, lookupRetry)
		}
		s.renderPortal(w, r, st, "survey", page)
		return nil
	}
	ten, err := s.portalTenant(r.Context())
	if err != nil {
		return err
	}
	d, err := s.dossier.Store.Dossier(r.Context(), ten.ID, res.Code)
	if err != nil {
		return err
	}
	page.Code, page.PIN = d.Code, r.PostForm.Get("pin")
	if err := survey.Eligible(&d); err != nil {
		page.Ask, page.Error = true, apperr.As(err).Message
		s.renderPortal(w, r, http.StatusConflict, "survey", page)
		return nil
	}
	if r.PostForm.Get("step") != "answer" {
		if err := s.surveyPageFor(r, ten.ID, d.ID, page, kit.Form{}); err != nil {
			return err
		}
		s.renderPortal(w, r, http.StatusOK, "survey", page)
		return nil
	}
	by := audit.Actor{Name: "Người nộp hồ sơ (mã tra cứu)", IP: clientIP(r)}
	if err := s.answerSurvey(r, ten.ID, d.ID, by, page); err != nil {
		return err
	}
	if page.Error != "" {
		return s.renderSurveyRefusal(w, r, page)
	}
	http.Redirect(w, r, "/khao-sat?xong=1", http.StatusSeeOther)
	return nil
}

package web

import (
	"net/http"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

// dossierJSON is a dossier as the API shows it.
type dossierJSON struct {
	Code          string               `json:"code"`
	ID            string               `json:"id"`
	Status        int                  `json:"status"`
	StatusName    string               `json:"status_name"`
	ProcedureID   string               `json:"procedure_id"`
	ProcedureCode string               `json:"procedure_code"`
	ProcedureName string               `json:"procedure_name"`
	Channel       catalog.Channel      `json:"channel"`
	Applicant     dossier.Applicant    `json:"applicant"`
	Documents     []dossier.Received   `json:"documents"`
	TimeLimit     string               `json:"time_limit"`
	SubmittedAt   time.Time            `json:"submitted_at"`
	AcceptedAt    *time.Time           `json:"accepted_at,omitempty"`
	DueAt         *time.Time           `json:"due_at,omitempty"`
	FinishedAt    *time.Time           `json:"finished_at,omitempty"`
	ReturnedAt    *time.Time           `json:"returned_at,omitempty"`
	Outcome       dossier.Outcome      `json:"outcome,omitempty"`
	LateUnit      string               `json:"late_unit,omitempty"`
	CurrentStep   int                  `json:"current_step"`
	Steps         []dossier.Step       `json:"steps"`
	Supplements   []dossier.Supplement `json:"supplements,omitempty"`
	Apology       *dossier.Apology     `json:"apology,omitempty"`
	Rating        *dossier.Rating      `json:"rating,omitempty"`
	Events        []dossier.Event      `json:"events,omitempty"`
	Actions       []dossier.Action     `json:"actions"`
}

func toJSON(d dossier.Dossier, evs []dossier.Event, actions []dossier.Action) dossierJSON {
	zone := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		v := t.In(calendar.Zone())
		return &v
	}
	if actions == nil {
		actions = []dossier.Action{}
	}
	docs := d.Documents
	if docs == nil {
		docs = []dossier.Received{}
	}
	return dossierJSON{Code: d.Code, ID: d.ID, Status: int(d.Status), StatusName: d.Status.Name(), ProcedureID: d.ProcedureID,
		ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName, Channel: d.Channel, Applicant: d.Applicant, Documents: docs,
		TimeLimit: d.TimeLimit.String(), SubmittedAt: d.SubmittedAt.In(calendar.Zone()), AcceptedAt: zone(d.AcceptedAt),
		DueAt: zone(d.DueAt), FinishedAt: zone(d.FinishedAt), ReturnedAt: zone(d.ReturnedAt), Outcome: dossier.ResolvedOutcome(&d),
		LateUnit: d.LateUnit, CurrentStep: d.Current, Steps: d.Steps, Supplements: d.Supplements, Apology: d.Apology,
		Rating: d.Rating, Events: evs, Actions: actions}
}

// apiDossierCreate is an officer's intake at the counter or by post (or an
// online submission relayed by an officer).
func (s *Server) apiDossierCreate(w http.ResponseWriter, r *http.Request) error {
	var req dossier.IntakeRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	d, err := s.dossier.Intake(r.Context(), dossierActor(r), principalFrom(r.Context()).TenantID, req)
	if err != nil {
		return err
	}
	ref := d.Code
	if ref == "" {
		ref = d.ID
	}
	w.Header().Set("Location", "/api/v1/dossiers/"+ref)
	return writeJSON(w, http.StatusCreated, toJSON(d, nil, dossier.Allowed(&d, dossierActor(r), s.now())))
}

// apiDossierGet returns a dossier with its steps and events.
func (s *Server) apiDossierGet(w http.ResponseWriter, r *http.Request) error {
	d, evs, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toJSON(d, evs, dossier.Allowed(&d, dossierActor(r), s.now())))
}

// apiDossierAct performs a transition.
func (s *Server) apiDossierAct(w http.ResponseWriter, r *http.Request) error {
	act, ok := dossier.ParseAction(r.PathValue("action"))
	if !ok {
		return apperr.New(apperr.NotFound, "Thao tác không tồn tại. Các thao tác: accept, refuse, request_completion, forward, send_back, request_supplement, supplement, request_fee, pay_fee, withdraw, stop, apologize, return, rate, return_incomplete, refuse_resolution.")
	}
	cur, _, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	var in dossier.Input
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
	}
	if err := s.workflowRules(r, &cur, act, in); err != nil {
		return err
	}
	// A leader's action that sends a letter signs it as it goes, as on the
	// dossier page (letters.go).
	if sent, err := s.actByLetter(r, &cur, act, in); err != nil {
		return err
	} else if sent {
		return writeJSON(w, http.StatusOK, toJSON(cur, nil, dossier.Allowed(&cur, dossierActor(r), s.now())))
	}
	d, err := s.dossier.Act(r.Context(), dossierActor(r), principalFrom(r.Context()).TenantID, r.PathValue("code"), act, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toJSON(d, nil, dossier.Allowed(&d, dossierActor(r), s.now())))
}

type procedureJSON struct {
	catalog.Procedure
	TimeLimitText string `json:"time_limit_text"`
	// FileOnline says whether the portal takes online dossiers of it.
	FileOnline bool   `json:"file_online"`
	PageURL    string `json:"page_url"`
}

// apiProcedures lists the procedures in force, searched without regard to
// diacritics or case (?q=ly lich tu phap), as the portal's catalogue page
// (the same fold and filter; ?field=judicial_record narrows to a field).
func (s *Server) apiProcedures(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	if utf8.RuneCountInString(q) > 200 {
		return apperr.Field("q", "Từ khóa tìm kiếm quá dài.")
	}
	list := s.portalProcedures(q, r.URL.Query().Get("field"), calendar.DateOf(s.now()))
	out := make([]procedureJSON, 0, len(list))
	jr, jrOK := s.jrOnline()
	for _, p := range list {
		online := s.fileable(p) || (jrOK && p.ID == jr.Procedure)
		out = append(out, procedureJSON{Procedure: p, TimeLimitText: p.TimeLimit.String(), FileOnline: online, PageURL: "/thu-tuc/" + p.ID})
	}
	return writeJSON(w, http.StatusOK, listResponse[procedureJSON]{Items: out})
}

package survey

import (
	"context"
	"errors"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
)

// Store keeps questionnaires and answers (sqlstore.SurveyStore).
type Store interface {
	// Questionnaires lists a tenant's saved versions, oldest first.
	Questionnaires(ctx context.Context, tenantID string) ([]Questionnaire, error)
	// SaveQuestionnaire stores a new version with its audit entry
	// (apperr.ErrConflict when the version exists).
	SaveQuestionnaire(ctx context.Context, by audit.Actor, tenantID string, q Questionnaire) error
	// InsertAnswer stores an answer, and the questionnaire it was
	// answered with if that version is not saved yet (the default), with
	// its audit entry; apperr.ErrConflict when the dossier has an answer.
	InsertAnswer(ctx context.Context, by audit.Actor, a Answer, q Questionnaire) error
	// Answer is a dossier's answer (apperr.ErrNotFound when none).
	Answer(ctx context.Context, tenantID, dossierID string) (Answer, error)
	// Answers are the answers given on the days [from, to].
	Answers(ctx context.Context, tenantID string, from, to calendar.Date) ([]Answer, error)
}

// Dossiers reads the dossier a survey is about (dossier.Store).
type Dossiers interface {
	Dossier(ctx context.Context, tenantID, idOrCode string) (dossier.Dossier, error)
}

// Service holds the survey's use cases.
type Service struct {
	Store    Store
	Dossiers Dossiers
	Now      func() time.Time
}

// Current is the tenant's questionnaire in force: its latest version, or
// the default one until it edits it.
func (s *Service) Current(ctx context.Context, tenantID string) (Questionnaire, error) {
	qs, err := s.Store.Questionnaires(ctx, tenantID)
	if err != nil || len(qs) == 0 {
		return Default(), err
	}
	return qs[len(qs)-1], nil
}

// Versions are every version by number, the default one included.
func (s *Service) Versions(ctx context.Context, tenantID string) (map[int]Questionnaire, error) {
	qs, err := s.Store.Questionnaires(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	m := map[int]Questionnaire{1: Default()}
	for _, q := range qs {
		m[q.Version] = q
	}
	return m, nil
}

// Edit saves a new version of the questionnaire from the department's form.
func (s *Service) Edit(ctx context.Context, by audit.Actor, tenantID, title string, names, lines map[GroupCode]string) (Questionnaire, error) {
	cur, err := s.Current(ctx, tenantID)
	if err != nil {
		return Questionnaire{}, err
	}
	q, err := Edit(cur, title, names, lines, by.Name, s.Now().UTC())
	if err != nil {
		return q, err
	}
	if cur.Version == 1 && cur.CreatedAt.IsZero() {
		// Keep the default that answers may already point at.
		if qs, err := s.Store.Questionnaires(ctx, tenantID); err == nil && len(qs) == 0 {
			def := Default()
			def.CreatedBy, def.CreatedAt = "system", q.CreatedAt
			if err := s.Store.SaveQuestionnaire(ctx, by, tenantID, def); err != nil && !errors.Is(err, apperr.ErrConflict) {
				return q, err
			}
		}
	}
	if err := s.Store.SaveQuestionnaire(ctx, by, tenantID, q); err != nil {
		if errors.Is(err, apperr.ErrConflict) {
			return q, apperr.New(apperr.Conflict, "Phiếu khảo sát vừa được người khác sửa. Vui lòng tải lại trang và sửa lại.")
		}
		return q, err
	}
	return q, nil
}

// Eligible says whether a dossier may be surveyed: its result has been
// returned (status 10), or it ended otherwise after acceptance (the
// applicant was served). Refused-at-intake dossiers are not.
func Eligible(d *dossier.Dossier) error {
	if d.Status != dossier.Returned {
		return apperr.New(apperr.Conflict, "Chỉ khảo sát hồ sơ đã trả kết quả.")
	}
	return nil
}

// Submit records a dossier's answer with the current questionnaire: by the
// applicant on the portal, or by the desk from a paper survey (channel
// Counter, by the officer). One answer per dossier.
func (s *Service) Submit(ctx context.Context, by audit.Actor, tenantID, dossierRef string, ch Channel, version int, scores map[string]int, comment string) (Answer, error) {
	if ch != Portal && ch != Counter {
		return Answer{}, apperr.Field("channel", "Hình thức khảo sát không hợp lệ.")
	}
	d, err := s.Dossiers.Dossier(ctx, tenantID, dossierRef)
	if err != nil {
		return Answer{}, err
	}
	if err := Eligible(&d); err != nil {
		return Answer{}, err
	}
	if _, err := s.Store.Answer(ctx, tenantID, d.ID); err == nil {
		return Answer{}, apperr.New(apperr.Conflict, "Hồ sơ đã có phiếu khảo sát; mỗi hồ sơ chỉ khảo sát một lần.")
	} else if !errors.Is(err, apperr.ErrNotFound) {
		return Answer{}, err
	}
	q, err := s.Current(ctx, tenantID)
	if err != nil {
		return Answer{}, err
	}
	if version != 0 && version != q.Version {
		return Answer{}, apperr.New(apperr.Conflict, "Phiếu khảo sát vừa được cập nhật. Vui lòng tải lại trang và trả lời theo phiếu mới.")
	}
	comment = strings.TrimSpace(comment)
	if err := q.Check(scores, comment); err != nil {
		return Answer{}, err
	}
	now := s.Now().UTC()
	a := Answer{TenantID: tenantID, DossierID: d.ID, DossierCode: d.Code, Unit: d.Unit(), Field: d.FieldCode, Version: q.Version,
		Channel: ch, Scores: map[string]int{}, Comment: comment, At: now, ResolvedDay: calendar.DateOf(now).String()}
	for k, v := range scores {
		if v > 0 {
			a.Scores[k] = v
		}
	}
	if d.FinishedAt != nil {
		a.ResolvedDay = calendar.DateOf(*d.FinishedAt).String()
	}
	if ch == Counter {
		a.By = by.Name
	}
	if err := s.Store.InsertAnswer(ctx, by, a, q); err != nil {
		if errors.Is(err, apperr.ErrConflict) {
			return a, apperr.New(apperr.Conflict, "Hồ sơ đã có phiếu khảo sát; mỗi hồ sơ chỉ khảo sát một lần.")
		}
		return a, err
	}
	return a, nil
}

// Results are a quarter's results per unit.
func (s *Service) Results(ctx context.Context, tenantID string, q Quarter) (Results, error) {
	vs, err := s.Versions(ctx, tenantID)
	if err != nil {
		return Results{}, err
	}
	as, err := s.Store.Answers(ctx, tenantID, q.From(), q.To())
	if err != nil {
		return Results{}, err
	}
	return Compute(q, vs, as), nil
}

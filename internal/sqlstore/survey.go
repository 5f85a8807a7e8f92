package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/report"
	"tuphap/internal/survey"
)

// SurveyStore implements survey.Store on survey_questionnaires and
// survey_answers (migration 00030).
type SurveyStore struct{ *DB }

var _ survey.Store = SurveyStore{}

// Surveys returns the satisfaction surveys' store.
func (db *DB) Surveys() SurveyStore { return SurveyStore{db} }

// Questionnaires lists a tenant's saved versions, oldest first.
func (s SurveyStore) Questionnaires(ctx context.Context, tenantID string) ([]survey.Questionnaire, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT version, body, created_by, created_at FROM survey_questionnaires
		WHERE tenant_id = $1 ORDER BY version`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []survey.Questionnaire
	for rows.Next() {
		var q survey.Questionnaire
		var v int
		var body, by string
		var at time.Time
		if err := rows.Scan(&v, &body, &by, &at); err != nil {
			return nil, mapErr(err)
		}
		if err := json.Unmarshal([]byte(body), &q); err != nil {
			return nil, fmt.Errorf("sqlstore: questionnaire %d: %w", v, err)
		}
		q.Version, q.CreatedBy, q.CreatedAt = v, by, at.UTC()
		out = append(out, q)
	}
	return out, mapErr(rows.Err())
}

func saveQuestionnaire(ctx context.Context, tx *Tx, tenantID string, q survey.Questionnaire, ignoreDup bool) (bool, error) {
	body, err := json.Marshal(q)
	if err != nil {
		return false, err
	}
	at := q.CreatedAt
	if at.IsZero() {
		at = tx.Now()
	}
	by := q.CreatedBy
	if by == "" {
		by = "system"
	}
	tail := ""
	if ignoreDup {
		tail = ` ON CONFLICT (tenant_id, version) DO NOTHING`
	}
	res, err := tx.exec(ctx, `INSERT INTO survey_questionnaires (tenant_id, version, body, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5)`+tail, tenantID, q.Version, string(body), by, ts(at))
	if err != nil {
		return false, mapErr(err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// SaveQuestionnaire stores a new version with its audit entry.
func (s SurveyStore) SaveQuestionnaire(ctx context.Context, by audit.Actor, tenantID string, q survey.Questionnaire) error {
	return s.Transact(ctx, func(tx *Tx) error {
		if _, err := saveQuestionnaire(ctx, tx, tenantID, q, false); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(tenantID, "survey.questionnaire", fmt.Sprintf("survey:v%d", q.Version), q.Title))
	})
}

// InsertAnswer stores an answer (and the questionnaire version it was
// answered with, if not saved yet) with its audit entry.
func (s SurveyStore) InsertAnswer(ctx context.Context, by audit.Actor, a survey.Answer, q survey.Questionnaire) error {
	scores, err := json.Marshal(a.Scores)
	if err != nil {
		return err
	}
	fb := q.Tallies(a.Scores)[survey.Feedback]
	dis := 0
	if survey.Dissatisfied(a.Scores) {
		dis = 1
	}
	return s.Transact(ctx, func(tx *Tx) error {
		if _, err := saveQuestionnaire(ctx, tx, a.TenantID, q, true); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO survey_answers (tenant_id, dossier_id, dossier_code, unit_code, field_code, version, channel,
			scores, comment, dissatisfied, feedback_answered, feedback_satisfied, resolved_day, answered_day, answered_at, officer)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			a.TenantID, a.DossierID, a.DossierCode, a.Unit, a.Field, a.Version, string(a.Channel), string(scores), a.Comment, dis,
			fb.Answered, fb.Satisfied, a.ResolvedDay, calendar.DateOf(a.At).String(), ts(a.At), a.By); err != nil {
			return mapErr(err)
		}
		detail := fmt.Sprintf("phiếu khảo sát mức độ hài lòng (phiên bản %d, %s)", a.Version, a.Channel.Label())
		return tx.Audit(ctx, by.Entry(a.TenantID, "survey.answer", "dossier:"+a.DossierCode, detail))
	})
}

const answerCols = `dossier_id, dossier_code, unit_code, field_code, version, channel, scores, comment, resolved_day, answered_at, officer`

func scanAnswer(tenantID string, row interface{ Scan(...any) error }) (survey.Answer, error) {
	a := survey.Answer{TenantID: tenantID}
	var ch, scores string
	if err := row.Scan(&a.DossierID, &a.DossierCode, &a.Unit, &a.Field, &a.Version, &ch, &scores, &a.Comment, &a.ResolvedDay, &a.At, &a.By); err != nil {
		return a, mapErr(err)
	}
	a.Channel, a.At = survey.Channel(ch), a.At.UTC()
	if err := json.Unmarshal([]byte(scores), &a.Scores); err != nil {
		return a, fmt.Errorf("sqlstore: survey answer %s: %w", a.DossierCode, err)
	}
	return a, nil
}

// Answer is a dossier's answer.
func (s SurveyStore) Answer(ctx context.Context, tenantID, dossierID string) (survey.Answer, error) {
	return scanAnswer(tenantID, s.r.QueryRowContext(ctx, `SELECT `+answerCols+` FROM survey_answers
		WHERE tenant_id = $1 AND dossier_id = $2`, tenantID, dossierID))
}

// Answers are the answers given on the days [from, to] (a quarter: one
// range of survey_answers_answered).
func (s SurveyStore) Answers(ctx context.Context, tenantID string, from, to calendar.Date) ([]survey.Answer, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+answerCols+` FROM survey_answers
		WHERE tenant_id = $1 AND answered_day >= $2 AND answered_day <= $3`, tenantID, from.String(), to.String())
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []survey.Answer
	for rows.Next() {
		a, err := scanAnswer(tenantID, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

// surveyCounts gives the index its survey counts over the answers whose
// dossier was resolved in [from, to], in the scope: the answers not
// satisfied overall whose dossier is not also rated "not satisfied" (5.4
// counts a dossier once) and the feedback group's tallies (5.3). on is
// false for a tenant that has no answer at all.
func (db *DB) surveyCounts(ctx context.Context, s ReportScope, from, to string) (disliked, fbAnswered, fbSatisfied int64, on bool, err error) {
	q, qargs := `SELECT EXISTS (SELECT 1 FROM survey_answers)`, []any{}
	if s.TenantID != "" {
		q, qargs = `SELECT EXISTS (SELECT 1 FROM survey_answers WHERE tenant_id = $1)`, []any{s.TenantID}
	}
	if err = db.r.QueryRowContext(ctx, q, qargs...).Scan(&on); err != nil || !on {
		return 0, 0, 0, on, mapErr(err)
	}
	cond, args := s.where([]any{from, to})
	err = db.r.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN dissatisfied = 1 AND NOT EXISTS (SELECT 1 FROM dossiers d
			WHERE d.tenant_id = survey_answers.tenant_id AND d.id = survey_answers.dossier_id AND d.rating < 0) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(feedback_answered), 0), COALESCE(SUM(feedback_satisfied), 0)
		FROM survey_answers WHERE resolved_day >= $1 AND resolved_day <= $2`+strings.ReplaceAll(cond, " tenant_id", " survey_answers.tenant_id"), args...).
		Scan(&disliked, &fbAnswered, &fbSatisfied)
	return disliked, fbAnswered, fbSatisfied, true, mapErr(err)
}

// procPaidOnline counts the procedures with a dossier received in [from,
// to] and paid online (indicator 3.4), from the daily roll-up's counter.
func (db *DB) procPaidOnline(ctx context.Context, s ReportScope, from, to string) (int64, error) {
	cond, args := s.where([]any{from, to})
	var n int64
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT procedure_code) FROM report_daily
		WHERE day >= $1 AND day <= $2 AND paid_online > 0`+cond, args...).Scan(&n)
	return n, mapErr(err)
}

// SurveyIndex adds to c what the satisfaction surveys, the daily
// roll-up's online payments and the resolved dossiers' durations give the
// service-quality index (2.2, 3.4, 5.3, 5.4).
func (db ReportStore) SurveyIndex(ctx context.Context, s ReportScope, p report.Period, c *report.IndexCounts) error {
	var err error
	from, to := p.From.String(), p.To.String()
	if c.ProcPaidOnline, err = db.procPaidOnline(ctx, s, from, to); err != nil {
		return err
	}
	c.SurveyDisliked, c.FeedbackAnswered, c.FeedbackSatisfied, c.SurveyOn, err = db.surveyCounts(ctx, s, from, to)
	if err != nil {
		return err
	}
	c.ResolvedDays, c.ResolvedN, err = db.resolvedDays(ctx, s, from, to)
	c.ResolvedDaysOn = err == nil
	return err
}

// resolvedDays sums the calendar days from acceptance to the end of the
// dossiers resolved in [from, to] (indicator 2.2), through the index
// dossiers_finished (tenant, finished_day).
func (db *DB) resolvedDays(ctx context.Context, s ReportScope, from, to string) (days, n int64, err error) {
	diff := `CAST(julianday(finished_day) - julianday(accepted_day) AS INTEGER)`
	if db.Engine() == Postgres {
		diff = `(CAST(finished_day AS DATE) - CAST(accepted_day AS DATE))`
	}
	cond, args := s.where([]any{from, to})
	err = db.r.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN finished_day > accepted_day THEN `+diff+` ELSE 0 END), 0), COUNT(*)
		FROM dossiers WHERE finished_day >= $1 AND finished_day <= $2 AND accepted_day <> '' AND ended <> '' AND ended <> 'refused'`+cond, args...).
		Scan(&days, &n)
	return days, n, mapErr(err)
}

// SurveyableDossiers lists up to limit dossiers of a tenant returned
// (status 10) and not surveyed yet, newest first: the demo's answers.
func (s SurveyStore) SurveyableDossiers(ctx context.Context, tenantID string, limit int) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT code FROM dossiers WHERE tenant_id = $1 AND status = 10 AND code <> ''
		AND NOT EXISTS (SELECT 1 FROM survey_answers a WHERE a.tenant_id = dossiers.tenant_id AND a.dossier_id = dossiers.id)
		ORDER BY finished_day DESC LIMIT $2`, tenantID, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/contest"
)

// ContestStore implements contest.Store: online legal-knowledge contests.
type ContestStore struct{ *DB }

type contestTx struct{ tx *Tx }

var (
	_ contest.Store = ContestStore{}
	_ contest.Tx    = contestTx{}
)

// Contests returns the contests' store.
func (db *DB) Contests() ContestStore { return ContestStore{db} }

// TransactContest runs fn in a write transaction (group-committed on
// SQLite: an answer is acknowledged only after its COMMIT).
func (s ContestStore) TransactContest(ctx context.Context, fn func(contest.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(contestTx{tx}) })
}

func (t contestTx) Now() time.Time                                 { return t.tx.Now() }
func (t contestTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func (t contestTx) InsertContest(ctx context.Context, tenantID string, c contest.Contest) error {
	_, err := t.tx.exec(ctx, `INSERT INTO contests (tenant_id, id, code, title, legal_basis, organiser, min_age, province_code, units, prizes, rules, secret, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		tenantID, c.ID, c.Code, c.Title, c.LegalBasis, c.Organiser, c.MinAge, c.ProvinceCode, mustJSON(orEmpty(c.Units)), mustJSON(orEmpty(c.Prizes)),
		c.Rules, hex.EncodeToString(c.Secret), c.Status, ts(c.CreatedAt))
	return err
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (t contestTx) InsertRound(ctx context.Context, tenantID string, r contest.Round) error {
	chain := make([]string, len(r.Chain))
	for i, k := range r.Chain {
		chain[i] = string(k)
	}
	_, err := t.tx.exec(ctx, `INSERT INTO contest_rounds (tenant_id, id, contest_id, no, title, mode, opens_at, closes_at, time_limit_s, questions, points, attempts, counts, chain, prediction, min_spq)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		tenantID, r.ID, r.ContestID, r.No, r.Title, string(r.Mode), ts(r.OpensAt), ts(r.ClosesAt), int64(r.TimeLimit/time.Second),
		r.Questions, r.Points, r.Attempts, string(r.Counts), strings.Join(chain, ","), string(r.Prediction), r.MinSecondsPerQuestion)
	return err
}

func (t contestTx) InsertQuestions(ctx context.Context, tenantID string, qs []contest.Question) error {
	const cols = 10
	for len(qs) > 0 {
		n := min(100, len(qs))
		args := make([]any, 0, n*cols)
		for _, q := range qs[:n] {
			args = append(args, tenantID, q.ID, q.ContestID, q.Stem, mustJSON(q.Options), q.Correct, q.Difficulty, q.Document, q.Article, q.Explain)
		}
		if _, err := t.tx.exec(ctx, `INSERT INTO contest_questions (tenant_id, id, contest_id, stem, options, correct, difficulty, document, article, explain) VALUES `+
			t.tx.db.valuesList(n, cols), args...); err != nil {
			return err
		}
		qs = qs[n:]
	}
	return nil
}

func (t contestTx) InsertParticipant(ctx context.Context, tenantID string, p contest.Participant) error {
	_, err := t.tx.exec(ctx, `INSERT INTO contest_participants (tenant_id, id, contest_id, phone, full_name, name_key, birth_date, unit_code, id_hash, pass_hash, registered_at, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		tenantID, p.ID, p.ContestID, p.Phone, p.FullName, contest.NormaliseName(p.FullName), isoDay(p.BirthDate), p.UnitCode, p.IDHash, p.PassHash, ts(p.RegisteredAt), p.IP)
	return err
}

// InsertParticipants stores many participants at once (the bench, imports).
func (s ContestStore) InsertParticipants(ctx context.Context, tenantID string, ps []contest.Participant) error {
	const cols = 12
	return s.Transact(ctx, func(tx *Tx) error {
		for len(ps) > 0 {
			n := min(80, len(ps))
			args := make([]any, 0, n*cols)
			for _, p := range ps[:n] {
				args = append(args, tenantID, p.ID, p.ContestID, p.Phone, p.FullName, contest.NormaliseName(p.FullName), isoDay(p.BirthDate),
					p.UnitCode, p.IDHash, p.PassHash, ts(p.RegisteredAt), p.IP)
			}
			if _, err := tx.exec(ctx, `INSERT INTO contest_participants (tenant_id, id, contest_id, phone, full_name, name_key, birth_date, unit_code, id_hash, pass_hash, registered_at, ip) VALUES `+
				s.valuesList(n, cols), args...); err != nil {
				return err
			}
			ps = ps[n:]
		}
		return nil
	})
}

func (t contestTx) InsertAttempt(ctx context.Context, tenantID string, a contest.Attempt) error {
	_, err := t.tx.exec(ctx, `INSERT INTO contest_attempts (tenant_id, id, round_id, participant_id, unit_code, no, layout, started_at, deadline, state, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		tenantID, a.ID, a.RoundID, a.ParticipantID, a.UnitCode, a.No, mustJSON(a.Layout), ts(a.StartedAt), ts(a.Deadline), string(a.State), a.IP)
	return err
}

// InsertAttempts stores finished attempts at once (the bench's national
// round: a million attempts to rank).
func (s ContestStore) InsertAttempts(ctx context.Context, tenantID string, as []contest.Attempt) error {
	const cols = 15
	return s.Transact(ctx, func(tx *Tx) error {
		for len(as) > 0 {
			n := min(60, len(as))
			args := make([]any, 0, n*cols)
			for _, a := range as[:n] {
				var pred any
				if a.Prediction != nil {
					pred = *a.Prediction
				}
				args = append(args, tenantID, a.ID, a.RoundID, a.ParticipantID, a.UnitCode, a.No, "[]", ts(a.StartedAt), ts(a.Deadline),
					string(a.State), nullTS(a.SubmittedAt), a.Correct, a.Score, pred, a.IP)
			}
			if _, err := tx.exec(ctx, `INSERT INTO contest_attempts (tenant_id, id, round_id, participant_id, unit_code, no, layout, started_at, deadline, state, submitted_at, correct, score, prediction, ip) VALUES `+
				s.valuesList(n, cols), args...); err != nil {
				return err
			}
			as = as[n:]
		}
		return nil
	})
}

const attemptCols = `id, round_id, participant_id, unit_code, no, layout, started_at, deadline, state, submitted_at, correct, score, prediction, voided, ip`

func scanAttempt(sc interface{ Scan(...any) error }) (contest.Attempt, error) {
	var a contest.Attempt
	var layout, state string
	var sub sql.NullTime
	var pred sql.NullInt64
	err := sc.Scan(&a.ID, &a.RoundID, &a.ParticipantID, &a.UnitCode, &a.No, &layout, &a.StartedAt, &a.Deadline, &state, &sub,
		&a.Correct, &a.Score, &pred, &a.Voided, &a.IP)
	if err != nil {
		return a, mapErr(err)
	}
	a.State = contest.State(state)
	a.StartedAt, a.Deadline = a.StartedAt.UTC(), a.Deadline.UTC()
	a.SubmittedAt = fromNull(sub)
	if pred.Valid {
		v := pred.Int64
		a.Prediction = &v
	}
	if err := json.Unmarshal([]byte(layout), &a.Layout); err != nil {
		return a, err
	}
	return a, nil
}

func (t contestTx) Attempt(ctx context.Context, tenantID, id string) (contest.Attempt, error) {
	return scanAttempt(t.tx.queryRow(ctx, `SELECT `+attemptCols+` FROM contest_attempts WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (s ContestStore) Attempt(ctx context.Context, tenantID, id string) (contest.Attempt, error) {
	return scanAttempt(s.r.QueryRowContext(ctx, `SELECT `+attemptCols+` FROM contest_attempts WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (s ContestStore) AttemptsOf(ctx context.Context, tenantID, roundID, participantID string) ([]contest.Attempt, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+attemptCols+` FROM contest_attempts
		WHERE tenant_id = $1 AND round_id = $2 AND participant_id = $3 ORDER BY no`, tenantID, roundID, participantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

func answersFrom(rows *sql.Rows, err error) (map[int]int, error) {
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var pos, ch int
		if err := rows.Scan(&pos, &ch); err != nil {
			return nil, mapErr(err)
		}
		out[pos] = ch
	}
	return out, mapErr(rows.Err())
}

const answersQ = `SELECT pos, choice FROM contest_answers WHERE tenant_id = $1 AND attempt_id = $2`

func (t contestTx) Answers(ctx context.Context, tenantID, attemptID string) (map[int]int, error) {
	return answersFrom(t.tx.tx.QueryContext(ctx, answersQ, tenantID, attemptID))
}

func (s ContestStore) Answers(ctx context.Context, tenantID, attemptID string) (map[int]int, error) {
	return answersFrom(s.r.QueryContext(ctx, answersQ, tenantID, attemptID))
}

// SaveAnswer is the hot path: one conditional upsert, taken only when the
// attempt is the person's, open, not past its deadline and has the place;
// acknowledged after the (group) commit.
func (s ContestStore) SaveAnswer(ctx context.Context, tenantID, participantID string, a contest.Answer) (bool, error) {
	var n int64
	err := s.Transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO contest_answers (tenant_id, attempt_id, pos, choice, answered_at)
			SELECT tenant_id, id, CAST($3 AS BIGINT), CAST($4 AS BIGINT), $5 FROM contest_attempts
			WHERE tenant_id = $1 AND id = $2 AND participant_id = $6 AND state = 'open' AND deadline >= $5
			  AND CAST($3 AS BIGINT) < `+s.jsonLen("layout")+`
			ON CONFLICT (tenant_id, attempt_id, pos) DO UPDATE SET choice = excluded.choice, answered_at = excluded.answered_at,
			  revisions = contest_answers.revisions + 1`,
			tenantID, a.AttemptID, a.Pos, a.Choice, ts(a.AnsweredAt), participantID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n == 1, err
}

// jsonLen is the length of a JSON array column.
func (db *DB) jsonLen(col string) string {
	if db.engine == SQLite {
		return "json_array_length(" + col + ")"
	}
	return "json_array_length(" + col + "::json)"
}

func (t contestTx) Finish(ctx context.Context, tenantID string, a contest.Attempt) (bool, error) {
	var pred any
	if a.Prediction != nil {
		pred = *a.Prediction
	}
	res, err := t.tx.exec(ctx, `UPDATE contest_attempts SET state = $3, submitted_at = $4, correct = $5, score = $6, prediction = $7
		WHERE tenant_id = $1 AND id = $2 AND state = 'open'`,
		tenantID, a.ID, string(a.State), nullTS(a.SubmittedAt), a.Correct, a.Score, pred)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (t contestTx) OpenAttempts(ctx context.Context, tenantID, roundID string, before time.Time) ([]contest.Attempt, error) {
	rows, err := t.tx.tx.QueryContext(ctx, `SELECT `+attemptCols+` FROM contest_attempts
		WHERE tenant_id = $1 AND round_id = $2 AND state = 'open' AND deadline < $3 ORDER BY deadline LIMIT 500`, tenantID, roundID, ts(before))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}

func (t contestTx) Void(ctx context.Context, tenantID, attemptID, reason string) error {
	return affectOne(t.tx.exec(ctx, `UPDATE contest_attempts SET voided = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, attemptID, reason))
}

func (t contestTx) Event(ctx context.Context, tenantID, attemptID, kind, ip, detail string) error {
	_, err := t.tx.exec(ctx, `INSERT INTO contest_events (tenant_id, attempt_id, seq, kind, at, ip, detail)
		SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6 FROM contest_events WHERE tenant_id = $1 AND attempt_id = $2`,
		tenantID, attemptID, kind, ts(t.tx.now), ip, detail)
	return err
}

// ReplaceRanks writes a round's ranking and marks the round ranked. The
// rows go in as one JSON array per statement (rankBatch rows, three bound
// parameters whatever the size) expanded by the engine (json_each on
// SQLite, json_array_elements on PostgreSQL): binding twelve parameters a
// row through database/sql cost more than the ranking itself.
func (t contestTx) ReplaceRanks(ctx context.Context, tenantID string, r contest.Round, rows []contest.RankRow) error {
	if _, err := t.tx.exec(ctx, `DELETE FROM contest_ranks WHERE tenant_id = $1 AND round_id = $2`, tenantID, r.ID); err != nil {
		return err
	}
	src := `json_each($3)`
	if db := t.tx.db; db.engine == SQLite && len(rows) > rankBatch {
		// The person index takes its rows in random order: a large page
		// cache for the time of the write keeps it from spilling (as
		// BulkInsertDossiers); the writer's own size comes back after.
		if _, err := t.tx.tx.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return mapErr(err)
		}
		defer t.tx.tx.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -`+itoa(db.cacheKiB))
	} else if db.engine != SQLite {
		src = `json_array_elements($3::json) AS j(value)`
	}
	q := `INSERT INTO contest_ranks (tenant_id, round_id, place, rank, attempt_id, participant_id, unit_code, score, correct, distance, duration_ms, prize)
		SELECT $1, $2, CAST(value->>0 AS BIGINT), CAST(value->>1 AS BIGINT), value->>2, value->>3, value->>4, CAST(value->>5 AS BIGINT),
		  CAST(value->>6 AS BIGINT), CAST(value->>7 AS BIGINT), CAST(value->>8 AS BIGINT), value->>9 FROM ` + src
	var buf []byte
	for len(rows) > 0 {
		n := min(rankBatch, len(rows))
		buf = append(buf[:0], '[')
		for i, x := range rows[:n] {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = strconv.AppendInt(buf, int64(x.Place), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(x.Rank), 10)
			for _, s := range []string{x.AttemptID, x.ParticipantID, x.UnitCode} {
				buf = append(buf, ',')
				buf = appendJSONString(buf, s)
			}
			for _, v := range []int64{int64(x.Score), int64(x.Correct), x.Distance, x.DurationMS} {
				buf = append(buf, ',')
				buf = strconv.AppendInt(buf, v, 10)
			}
			buf = append(buf, ',')
			buf = appendJSONString(buf, x.Prize)
			buf = append(buf, ']')
		}
		buf = append(buf, ']')
		if _, err := t.tx.exec(ctx, q, tenantID, r.ID, string(buf)); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return affectOne(t.tx.exec(ctx, `UPDATE contest_rounds SET ranked_at = $3, actual = $4 WHERE tenant_id = $1 AND id = $2`,
		tenantID, r.ID, nullTS(r.RankedAt), r.Actual))
}

// rankBatch is how many ranking rows one statement carries (about 2 MB of
// JSON).
const rankBatch = 10000

// appendJSONString appends s as a JSON string.
func appendJSONString(buf []byte, s string) []byte {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return append(buf, b...)
}

const contestCols = `tenant_id, id, code, title, legal_basis, organiser, min_age, province_code, units, prizes, rules, secret, status, created_at`

func scanContest(sc interface{ Scan(...any) error }) (contest.Contest, string, error) {
	var c contest.Contest
	var tenant, units, prizes, secret string
	err := sc.Scan(&tenant, &c.ID, &c.Code, &c.Title, &c.LegalBasis, &c.Organiser, &c.MinAge, &c.ProvinceCode, &units, &prizes, &c.Rules, &secret, &c.Status, &c.CreatedAt)
	if err != nil {
		return c, "", mapErr(err)
	}
	if err := json.Unmarshal([]byte(units), &c.Units); err != nil {
		return c, "", err
	}
	if err := json.Unmarshal([]byte(prizes), &c.Prizes); err != nil {
		return c, "", err
	}
	c.Secret, err = hex.DecodeString(secret)
	return c, tenant, err
}

func (s ContestStore) ContestByCode(ctx context.Context, code string) (contest.Contest, string, error) {
	return scanContest(s.r.QueryRowContext(ctx, `SELECT `+contestCols+` FROM contests WHERE code = $1`, code))
}

func (s ContestStore) Contest(ctx context.Context, tenantID, id string) (contest.Contest, error) {
	c, _, err := scanContest(s.r.QueryRowContext(ctx, `SELECT `+contestCols+` FROM contests WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	return c, err
}

func (s ContestStore) Contests(ctx context.Context, tenantID string) ([]contest.Contest, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+contestCols+` FROM contests WHERE tenant_id = $1 ORDER BY created_at DESC, id`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.Contest
	for rows.Next() {
		c, _, err := scanContest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

const roundCols = `id, contest_id, no, title, mode, opens_at, closes_at, time_limit_s, questions, points, attempts, counts, chain, prediction, min_spq, ranked_at, actual`

func scanRound(sc interface{ Scan(...any) error }) (contest.Round, error) {
	var r contest.Round
	var mode, counts, chain, pred string
	var limit int64
	var ranked sql.NullTime
	err := sc.Scan(&r.ID, &r.ContestID, &r.No, &r.Title, &mode, &r.OpensAt, &r.ClosesAt, &limit, &r.Questions, &r.Points, &r.Attempts,
		&counts, &chain, &pred, &r.MinSecondsPerQuestion, &ranked, &r.Actual)
	if err != nil {
		return r, mapErr(err)
	}
	r.Mode, r.Counts, r.Prediction = contest.Mode(mode), contest.Counts(counts), contest.PredictionOf(pred)
	r.OpensAt, r.ClosesAt = r.OpensAt.UTC(), r.ClosesAt.UTC()
	r.TimeLimit = time.Duration(limit) * time.Second
	for _, k := range strings.Split(chain, ",") {
		if k != "" {
			r.Chain = append(r.Chain, contest.TieKey(k))
		}
	}
	r.RankedAt = fromNull(ranked)
	return r, nil
}

func (s ContestStore) Round(ctx context.Context, tenantID, id string) (contest.Round, error) {
	return scanRound(s.r.QueryRowContext(ctx, `SELECT `+roundCols+` FROM contest_rounds WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (s ContestStore) Rounds(ctx context.Context, tenantID, contestID string) ([]contest.Round, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+roundCols+` FROM contest_rounds WHERE tenant_id = $1 AND contest_id = $2 ORDER BY no`, tenantID, contestID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

func (s ContestStore) Questions(ctx context.Context, tenantID, contestID string) ([]contest.Question, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, contest_id, stem, options, correct, difficulty, document, article, explain
		FROM contest_questions WHERE tenant_id = $1 AND contest_id = $2 ORDER BY id`, tenantID, contestID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.Question
	for rows.Next() {
		var q contest.Question
		var opts string
		if err := rows.Scan(&q.ID, &q.ContestID, &q.Stem, &opts, &q.Correct, &q.Difficulty, &q.Document, &q.Article, &q.Explain); err != nil {
			return nil, mapErr(err)
		}
		if err := json.Unmarshal([]byte(opts), &q.Options); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, mapErr(rows.Err())
}

const participantCols = `id, contest_id, phone, full_name, birth_date, unit_code, id_hash, pass_hash, registered_at, ip`

func scanParticipant(sc interface{ Scan(...any) error }) (contest.Participant, error) {
	var p contest.Participant
	var birth string
	err := sc.Scan(&p.ID, &p.ContestID, &p.Phone, &p.FullName, &birth, &p.UnitCode, &p.IDHash, &p.PassHash, &p.RegisteredAt, &p.IP)
	if err != nil {
		return p, mapErr(err)
	}
	p.BirthDate, _ = time.Parse("2006-01-02", birth)
	return p, nil
}

func (s ContestStore) Participant(ctx context.Context, tenantID, id string) (contest.Participant, error) {
	return scanParticipant(s.r.QueryRowContext(ctx, `SELECT `+participantCols+` FROM contest_participants WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (s ContestStore) ParticipantByPhone(ctx context.Context, tenantID, contestID, phone string) (contest.Participant, error) {
	return scanParticipant(s.r.QueryRowContext(ctx, `SELECT `+participantCols+` FROM contest_participants
		WHERE tenant_id = $1 AND contest_id = $2 AND phone = $3`, tenantID, contestID, phone))
}

// Entries streams a round's submitted valid attempts (the close's input).
func (s ContestStore) Entries(ctx context.Context, tenantID, roundID string, questions int, each func(contest.Entry) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT id, participant_id, unit_code, score, correct, prediction, started_at, submitted_at
		FROM contest_attempts WHERE tenant_id = $1 AND round_id = $2 AND state IN ('submitted', 'expired') AND voided = ''`, tenantID, roundID)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e contest.Entry
		var pred sql.NullInt64
		var sub sql.NullTime
		if err := rows.Scan(&e.AttemptID, &e.ParticipantID, &e.UnitCode, &e.Score, &e.Correct, &pred, &e.StartedAt, &sub); err != nil {
			return mapErr(err)
		}
		if pred.Valid {
			v := pred.Int64
			e.Prediction = &v
		}
		e.SubmittedAt = sub.Time.UTC()
		e.StartedAt = e.StartedAt.UTC()
		e.Duration = e.SubmittedAt.Sub(e.StartedAt)
		e.Questions = questions
		if err := each(e); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

const rankCols = `k.place, k.rank, k.attempt_id, k.participant_id, k.unit_code, k.score, k.correct, k.distance, k.duration_ms, k.prize, p.full_name, p.phone`

func scanRank(sc interface{ Scan(...any) error }) (contest.RankRow, error) {
	var x contest.RankRow
	err := sc.Scan(&x.Place, &x.Rank, &x.AttemptID, &x.ParticipantID, &x.UnitCode, &x.Score, &x.Correct, &x.Distance, &x.DurationMS, &x.Prize, &x.FullName, &x.Phone)
	return x, mapErr(err)
}

func (s ContestStore) Ranks(ctx context.Context, tenantID, roundID string, offset, limit int) ([]contest.RankRow, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+rankCols+` FROM contest_ranks k
		JOIN contest_participants p ON p.tenant_id = k.tenant_id AND p.id = k.participant_id
		WHERE k.tenant_id = $1 AND k.round_id = $2 AND k.place > $3 ORDER BY k.place LIMIT $4`, tenantID, roundID, offset, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.RankRow
	for rows.Next() {
		x, err := scanRank(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, mapErr(rows.Err())
}

func (s ContestStore) RankOf(ctx context.Context, tenantID, roundID, participantID string) (contest.RankRow, error) {
	return scanRank(s.r.QueryRowContext(ctx, `SELECT `+rankCols+` FROM contest_ranks k
		JOIN contest_participants p ON p.tenant_id = k.tenant_id AND p.id = k.participant_id
		WHERE k.tenant_id = $1 AND k.round_id = $2 AND k.participant_id = $3`, tenantID, roundID, participantID))
}

// DuplicatePeople lists groups of participants with the same folded name
// and date of birth under different phone numbers (flagged for review,
// never blocked).
func (s ContestStore) DuplicatePeople(ctx context.Context, tenantID, contestID string) ([][]contest.Participant, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT p.`+strings.ReplaceAll(participantCols, ", ", ", p.")+`, p.name_key FROM contest_participants p
		JOIN (SELECT name_key, birth_date FROM contest_participants WHERE tenant_id = $1 AND contest_id = $2
		      GROUP BY name_key, birth_date HAVING COUNT(*) > 1) d ON d.name_key = p.name_key AND d.birth_date = p.birth_date
		WHERE p.tenant_id = $1 AND p.contest_id = $2 ORDER BY p.name_key, p.birth_date, p.registered_at`, tenantID, contestID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out [][]contest.Participant
	last := ""
	for rows.Next() {
		var p contest.Participant
		var birth, key string
		if err := rows.Scan(&p.ID, &p.ContestID, &p.Phone, &p.FullName, &birth, &p.UnitCode, &p.IDHash, &p.PassHash, &p.RegisteredAt, &p.IP, &key); err != nil {
			return nil, mapErr(err)
		}
		p.BirthDate, _ = time.Parse("2006-01-02", birth)
		p.PassHash = ""
		if k := key + "|" + birth; k != last || len(out) == 0 {
			out = append(out, nil)
			last = k
		}
		out[len(out)-1] = append(out[len(out)-1], p)
	}
	return out, mapErr(rows.Err())
}

// Stats counts a round's attempts by state, correct answers and unit.
func (s ContestStore) Stats(ctx context.Context, tenantID, roundID string) (contest.RoundStats, error) {
	st := contest.RoundStats{Histogram: map[int]int{}, ByUnit: map[string]int{}}
	rows, err := s.r.QueryContext(ctx, `SELECT state, voided <> '', correct, unit_code, COUNT(*), COUNT(DISTINCT participant_id)
		FROM contest_attempts WHERE tenant_id = $1 AND round_id = $2 GROUP BY state, voided <> '', correct, unit_code`, tenantID, roundID)
	if err != nil {
		return st, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var state, unit string
		var voided bool
		var correct, n, people int
		if err := rows.Scan(&state, &voided, &correct, &unit, &n, &people); err != nil {
			return st, mapErr(err)
		}
		st.Attempts += n
		switch {
		case voided:
			st.Voided += n
		case state == string(contest.Open):
			st.Open += n
		default:
			st.Submitted += n
			st.Histogram[correct] += n
		}
		st.ByUnit[unit] += n
	}
	if err := rows.Err(); err != nil {
		return st, mapErr(err)
	}
	err = s.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT participant_id) FROM contest_attempts WHERE tenant_id = $1 AND round_id = $2`,
		tenantID, roundID).Scan(&st.Participants)
	return st, mapErr(err)
}

// EntriesIn counts, per contest, the valid attempts submitted (or closed
// at their deadline) in [from, to) and the distinct people behind them.
func (s ContestStore) EntriesIn(ctx context.Context, tenantID string, from, to time.Time) ([]contest.PeriodEntries, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.contest_id, COUNT(*), COUNT(DISTINCT a.participant_id)
		FROM contest_attempts a JOIN contest_rounds r ON r.tenant_id = a.tenant_id AND r.id = a.round_id
		WHERE a.tenant_id = $1 AND a.state IN ('submitted', 'expired') AND a.voided = '' AND a.submitted_at >= $2 AND a.submitted_at < $3
		GROUP BY r.contest_id ORDER BY r.contest_id`, tenantID, ts(from), ts(to))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.PeriodEntries
	for rows.Next() {
		var e contest.PeriodEntries
		if err := rows.Scan(&e.ContestID, &e.Entries, &e.Participants); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// ContestAnswerCount counts the stored answers of a round (the bench's
// check that no acknowledged answer was lost).
func (s ContestStore) ContestAnswerCount(ctx context.Context, tenantID, roundID string) (int64, error) {
	var n int64
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM contest_answers a JOIN contest_attempts t ON t.tenant_id = a.tenant_id AND t.id = a.attempt_id
		WHERE t.tenant_id = $1 AND t.round_id = $2`, tenantID, roundID).Scan(&n)
	return n, mapErr(err)
}

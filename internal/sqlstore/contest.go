package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

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

// ReplaceRanks writes a round's ranking and unit tallies and marks the
// round ranked. A national round ranks a million attempts, so the rows go
// in as JSON arrays of rankBatch rows (three bound parameters a statement
// whatever its size, expanded by json_each on SQLite and
// json_array_elements on PostgreSQL), and each table is written in its own
// key order: contest_ranks by place as ranked, contest_rank_people sorted
// by person. Neither index then takes its rows in random order, which cost
// more than the ranking itself. On SQLite the inserts are OR FAIL: with
// the default ABORT a statement writing many rows keeps a statement
// journal (a copy of every page it touches) to undo itself alone; here a
// failure rolls the whole close back anyway.
func (t contestTx) ReplaceRanks(ctx context.Context, tenantID string, r contest.Round, k contest.Ranking) error {
	rows := k.Rows
	for _, table := range []string{"contest_ranks", "contest_rank_people", "contest_rank_units"} {
		if _, err := t.tx.exec(ctx, `DELETE FROM `+table+` WHERE tenant_id = $1 AND round_id = $2`, tenantID, r.ID); err != nil {
			return err
		}
	}
	db := t.tx.db
	insert, src := `INSERT OR FAIL INTO `, `json_each($3)`
	if db.engine != SQLite {
		insert, src = `INSERT INTO `, `json_array_elements($3::json) AS j(value)`
	} else if len(rows) > int(rankBatch.Load()) {
		// A large page cache for the time of the write (as
		// BulkInsertDossiers); the writer's own size comes back after.
		if _, err := t.tx.tx.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return mapErr(err)
		}
		defer t.tx.tx.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -`+itoa(db.cacheKiB))
	}
	err := t.jsonRows(ctx, insert+`contest_ranks (tenant_id, round_id, place, rank, attempt_id, participant_id, prize)
		SELECT $1, $2, CAST(value->>0 AS BIGINT), CAST(value->>1 AS BIGINT), value->>2, value->>3, value->>4 FROM `+src,
		tenantID, r.ID, len(rows), func(buf []byte, i int) []byte {
			x := rows[i]
			buf = strconv.AppendInt(buf, int64(x.Place), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(x.Rank), 10)
			for _, s := range []string{x.AttemptID, x.ParticipantID, x.Prize} {
				buf = append(buf, ',')
				buf = appendJSONString(buf, s)
			}
			return buf
		})
	if err != nil {
		return err
	}
	people := make([]int, len(rows))
	for i := range people {
		people[i] = i
	}
	slices.SortFunc(people, func(a, b int) int { return strings.Compare(rows[a].ParticipantID, rows[b].ParticipantID) })
	err = t.jsonRows(ctx, insert+`contest_rank_people (tenant_id, round_id, participant_id, place)
		SELECT $1, $2, value->>0, CAST(value->>1 AS BIGINT) FROM `+src,
		tenantID, r.ID, len(people), func(buf []byte, i int) []byte {
			x := rows[people[i]]
			buf = appendJSONString(buf, x.ParticipantID)
			buf = append(buf, ',')
			return strconv.AppendInt(buf, int64(x.Place), 10)
		})
	if err != nil {
		return err
	}
	for _, u := range k.Units {
		if _, err := t.tx.exec(ctx, `INSERT INTO contest_rank_units (tenant_id, round_id, unit_code, participants, attempts, winners)
			VALUES ($1, $2, $3, $4, $5, $6)`, tenantID, r.ID, u.UnitCode, u.Participants, u.Attempts, u.Winners); err != nil {
			return err
		}
	}
	return affectOne(t.tx.exec(ctx, `UPDATE contest_rounds SET ranked_at = $3, actual = $4, histogram = $5 WHERE tenant_id = $1 AND id = $2`,
		tenantID, r.ID, nullTS(r.RankedAt), r.Actual, mustJSON(orEmptyMap(k.Histogram))))
}

func orEmptyMap(m map[int]int) map[int]int {
	if m == nil {
		return map[int]int{}
	}
	return m
}

// jsonRows runs q (bound to a, b and a JSON array) once per rankBatch of
// the n rows; row appends row i's values to buf (the brackets around it and
// the commas between rows are added here).
func (t contestTx) jsonRows(ctx context.Context, q, a, b string, n int, row func(buf []byte, i int) []byte) error {
	var buf []byte
	batch := int(rankBatch.Load())
	for from := 0; from < n; from += batch {
		buf = append(buf[:0], '[')
		for i := from; i < min(from+batch, n); i++ {
			if i > from {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = row(buf, i)
			buf = append(buf, ']')
		}
		buf = append(buf, ']')
		if _, err := t.tx.exec(ctx, q, a, b, string(buf)); err != nil {
			return err
		}
	}
	return nil
}

// rankBatch is how many ranking rows one statement carries (about 1 MB of
// JSON); a test lowers it to cross batch boundaries with few rows.
var rankBatch atomic.Int64

func init() { rankBatch.Store(10000) }

// appendJSONString appends s as a JSON string: as it is between quotes
// when nothing in it needs escaping (identifiers, codes, prize names), by
// encoding/json otherwise.
func appendJSONString(buf []byte, s string) []byte {
	plain := utf8.ValidString(s)
	for i := 0; plain && i < len(s); i++ {
		plain = s[i] >= 0x20 && s[i] != '"' && s[i] != '\\'
	}
	if plain {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
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

// ParticipantByIDHash finds a contest's participant by the hash of their
// national ID number (a person signing in with the e-ID); the partial
// unique index serves it.
func (s ContestStore) ParticipantByIDHash(ctx context.Context, tenantID, contestID, idHash string) (contest.Participant, error) {
	return scanParticipant(s.r.QueryRowContext(ctx, `SELECT `+participantCols+` FROM contest_participants
		WHERE tenant_id = $1 AND contest_id = $2 AND id_hash = $3 AND id_hash <> ''`, tenantID, contestID, idHash))
}

// Entries streams a round's submitted valid attempts (the close's input).
func (s ContestStore) Entries(ctx context.Context, tenantID, roundID string, questions int, each func(contest.Entry) error) error {
	q := `SELECT id, participant_id, unit_code, score, correct, prediction, started_at, submitted_at
		FROM contest_attempts WHERE tenant_id = $1 AND round_id = $2 AND state IN ('submitted', 'expired') AND voided = ''`
	if s.engine == SQLite {
		// The index gives the round's rows in (state, deadline) order,
		// scattered over the table: fetched in that order a million rows
		// read their pages many times over. Their rowids, taken from the
		// index and sorted, fetch each page once (PostgreSQL's bitmap
		// heap scan does this by itself).
		q = `SELECT id, participant_id, unit_code, score, correct, prediction, started_at, submitted_at
		FROM contest_attempts WHERE rowid IN (SELECT rowid FROM contest_attempts
			WHERE tenant_id = $1 AND round_id = $2 AND state IN ('submitted', 'expired')) AND voided = ''`
	}
	rows, err := s.r.QueryContext(ctx, q, tenantID, roundID)
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

// rankFrom reads a ranking line: the rank row, the counted attempt's
// figures and the person's name, by join (contest_ranks keeps only the
// place, the attempt and the prize).
const rankFrom = `SELECT k.place, k.rank, k.attempt_id, k.participant_id, a.unit_code, a.score, a.correct, a.prediction, a.started_at,
		a.submitted_at, r.actual, k.prize, p.full_name, p.phone
	FROM contest_ranks k
	JOIN contest_attempts a ON a.tenant_id = k.tenant_id AND a.id = k.attempt_id
	JOIN contest_rounds r ON r.tenant_id = k.tenant_id AND r.id = k.round_id
	JOIN contest_participants p ON p.tenant_id = k.tenant_id AND p.id = k.participant_id`

// scanRank reads a rankFrom line; the prediction's distance is
// contest.Distance of the round's published actual number, as at close.
func scanRank(sc interface{ Scan(...any) error }) (contest.RankRow, error) {
	var x contest.RankRow
	var pred sql.NullInt64
	var started time.Time
	var sub sql.NullTime
	var actual int
	err := sc.Scan(&x.Place, &x.Rank, &x.AttemptID, &x.ParticipantID, &x.UnitCode, &x.Score, &x.Correct, &pred, &started, &sub, &actual,
		&x.Prize, &x.FullName, &x.Phone)
	if err != nil {
		return x, mapErr(err)
	}
	x.Distance = -1
	if pred.Valid {
		x.Distance = contest.Distance(&pred.Int64, actual)
	}
	x.DurationMS = sub.Time.UTC().Sub(started.UTC()).Milliseconds()
	return x, nil
}

func (s ContestStore) Ranks(ctx context.Context, tenantID, roundID string, offset, limit int) ([]contest.RankRow, error) {
	rows, err := s.r.QueryContext(ctx, rankFrom+`
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
	return scanRank(s.r.QueryRowContext(ctx, rankFrom+`
		JOIN contest_rank_people q ON q.tenant_id = k.tenant_id AND q.round_id = k.round_id AND q.place = k.place
		WHERE q.tenant_id = $1 AND q.round_id = $2 AND q.participant_id = $3`, tenantID, roundID, participantID))
}

// RankUnits reads a ranked round's unit tallies, by unit code.
func (s ContestStore) RankUnits(ctx context.Context, tenantID, roundID string) ([]contest.UnitTally, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT unit_code, participants, attempts, winners FROM contest_rank_units
		WHERE tenant_id = $1 AND round_id = $2 ORDER BY unit_code`, tenantID, roundID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []contest.UnitTally
	for rows.Next() {
		var u contest.UnitTally
		if err := rows.Scan(&u.UnitCode, &u.Participants, &u.Attempts, &u.Winners); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, u)
	}
	return out, mapErr(rows.Err())
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

// RoundCounts counts a round's people and attempts by state from indexes
// alone (the person index, the state index and the partial index of voided
// attempts), so a contest page listing national rounds does not read each
// round's million rows.
func (s ContestStore) RoundCounts(ctx context.Context, tenantID, roundID string) (contest.RoundStats, error) {
	var st contest.RoundStats
	byState := func(q string, each func(state string, n int)) error {
		rows, err := s.r.QueryContext(ctx, q, tenantID, roundID)
		if err != nil {
			return mapErr(err)
		}
		defer rows.Close()
		for rows.Next() {
			var state string
			var n int
			if err := rows.Scan(&state, &n); err != nil {
				return mapErr(err)
			}
			each(state, n)
		}
		return mapErr(rows.Err())
	}
	err := byState(`SELECT state, COUNT(*) FROM contest_attempts WHERE tenant_id = $1 AND round_id = $2 GROUP BY state`, func(state string, n int) {
		st.Attempts += n
		if state == string(contest.Open) {
			st.Open += n
		} else {
			st.Submitted += n
		}
	})
	if err != nil {
		return st, err
	}
	err = byState(`SELECT state, COUNT(*) FROM contest_attempts WHERE tenant_id = $1 AND round_id = $2 AND voided <> '' GROUP BY state`, func(state string, n int) {
		st.Voided += n
		if state == string(contest.Open) {
			st.Open -= n
		} else {
			st.Submitted -= n
		}
	})
	if err != nil {
		return st, err
	}
	err = s.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT participant_id) FROM contest_attempts WHERE tenant_id = $1 AND round_id = $2`,
		tenantID, roundID).Scan(&st.Participants)
	return st, mapErr(err)
}

// Stats is RoundCounts with the histogram of correct answers over the
// valid submitted attempts (the round's rows read, in table order on
// SQLite as in Entries).
func (s ContestStore) Stats(ctx context.Context, tenantID, roundID string) (contest.RoundStats, error) {
	st, err := s.RoundCounts(ctx, tenantID, roundID)
	if err != nil {
		return st, err
	}
	st.Histogram = map[int]int{}
	// A ranked round's histogram was written by its close (again after a
	// voiding), and nothing is submitted after the close.
	var hist string
	if err := s.r.QueryRowContext(ctx, `SELECT histogram FROM contest_rounds WHERE tenant_id = $1 AND id = $2 AND ranked_at IS NOT NULL`,
		tenantID, roundID).Scan(&hist); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, mapErr(err)
	}
	if hist != "" {
		return st, json.Unmarshal([]byte(hist), &st.Histogram)
	}
	q := `SELECT correct, COUNT(*) FROM contest_attempts
		WHERE tenant_id = $1 AND round_id = $2 AND state <> 'open' AND voided = '' GROUP BY correct`
	if s.engine == SQLite {
		q = `SELECT correct, COUNT(*) FROM contest_attempts WHERE rowid IN (SELECT rowid FROM contest_attempts
			WHERE tenant_id = $1 AND round_id = $2 AND state IN ('submitted', 'expired')) AND voided = '' GROUP BY correct`
	}
	rows, err := s.r.QueryContext(ctx, q, tenantID, roundID)
	if err != nil {
		return st, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var correct, n int
		if err := rows.Scan(&correct, &n); err != nil {
			return st, mapErr(err)
		}
		st.Histogram[correct] = n
	}
	return st, mapErr(rows.Err())
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

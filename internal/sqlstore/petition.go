package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/petition"
)

// PetitionStore implements petition.Store: citizen reception and petitions,
// in the tenant's own partition.
type PetitionStore struct{ *DB }

// petitionTx is the register's write transaction.
type petitionTx struct{ tx *Tx }

var (
	_ petition.Store = PetitionStore{}
	_ petition.Tx    = petitionTx{}
)

// Petitions returns the petition register's store.
func (db *DB) Petitions() PetitionStore { return PetitionStore{db} }

// TransactPetitions runs fn in a write transaction.
func (s PetitionStore) TransactPetitions(ctx context.Context, fn func(petition.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(petitionTx{tx}) })
}

func (t petitionTx) Now() time.Time { return t.tx.Now() }

func (t petitionTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

// closedOn is the day a petition left the agency's hands, "" while open.
func closedOn(p petition.Petition) string {
	switch {
	case p.Status == petition.StatusResolved && p.ResolvedOn != nil:
		return p.ResolvedOn.String()
	case p.Status == petition.StatusTerminated && p.TerminatedOn != nil:
		return p.TerminatedOn.String()
	case (p.Status == petition.StatusForwarded || p.Status == petition.StatusGuided || p.Status == petition.StatusFiled) && p.DecidedOn != nil:
		return p.DecidedOn.String()
	}
	return ""
}

func (t petitionTx) InsertPetition(ctx context.Context, tenantID string, p petition.Petition) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = t.tx.exec(ctx, `INSERT INTO petitions (tenant_id, id, code, kind, channel, status, received_on, closed_on, owner_ref,
		dup_key, handler_id, summary, doc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
		tenantID, p.ID, p.Code, string(p.Kind), string(p.Channel), string(p.Status), p.ReceivedOn.String(), closedOn(p), p.OwnerRef,
		p.DupKey(), p.HandlerID, p.Summary, string(doc), t.tx.now)
	return err
}

func (t petitionTx) UpdatePetition(ctx context.Context, tenantID string, p petition.Petition) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return affectOne(t.tx.exec(ctx, `UPDATE petitions SET status = $3, closed_on = $4, handler_id = $5, summary = $6, doc = $7, updated_at = $8
		WHERE tenant_id = $1 AND id = $2`, tenantID, p.ID, string(p.Status), closedOn(p), p.HandlerID, p.Summary, string(doc), t.tx.now))
}

func (t petitionTx) InsertIdentity(ctx context.Context, tenantID, petitionID, dupKey string, id petition.Identity) error {
	_, err := t.tx.exec(ctx, `INSERT INTO petition_denouncers (tenant_id, petition_id, dup_key, full_name, id_number, address, phone, forged_name)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, tenantID, petitionID, dupKey, id.FullName, id.IDNumber, id.Address, id.Phone, id.ForgedName)
	return err
}

func (t petitionTx) Identity(ctx context.Context, tenantID, petitionID string) (petition.Identity, error) {
	var id petition.Identity
	err := t.tx.queryRow(ctx, `SELECT full_name, id_number, address, phone, forged_name FROM petition_denouncers
		WHERE tenant_id = $1 AND petition_id = $2`, tenantID, petitionID).Scan(&id.FullName, &id.IDNumber, &id.Address, &id.Phone, &id.ForgedName)
	return id, mapErr(err)
}

func (t petitionTx) Duplicate(ctx context.Context, tenantID, dupKey string) (string, error) {
	var id string
	err := t.tx.queryRow(ctx, `SELECT id FROM petitions WHERE tenant_id = $1 AND dup_key = $2
		UNION ALL SELECT petition_id FROM petition_denouncers WHERE tenant_id = $1 AND dup_key = $2 LIMIT 1`, tenantID, dupKey).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, mapErr(err)
}

func (t petitionTx) NextNumber(ctx context.Context, tenantID, series string, year int) (int, error) {
	var n int
	err := t.tx.queryRow(ctx, `SELECT n FROM petition_counters WHERE tenant_id = $1 AND series = $2 AND year = $3`, tenantID, series, year).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = t.tx.exec(ctx, `INSERT INTO petition_counters (tenant_id, series, year, n) VALUES ($1, $2, $3, 1)`, tenantID, series, year)
		return 1, err
	}
	if err != nil {
		return 0, mapErr(err)
	}
	_, err = t.tx.exec(ctx, `UPDATE petition_counters SET n = n + 1 WHERE tenant_id = $1 AND series = $2 AND year = $3`, tenantID, series, year)
	return n + 1, err
}

func (t petitionTx) InsertEvent(ctx context.Context, tenantID string, e petition.Event) error {
	_, err := t.tx.exec(ctx, `INSERT INTO petition_events (tenant_id, petition_id, seq, at, day, action, text, public)
		SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6, $7 FROM petition_events WHERE tenant_id = $1 AND petition_id = $2`,
		tenantID, e.PetitionID, e.At, e.Day.String(), e.Action, e.Text, e.Public)
	return err
}

func (t petitionTx) InsertVisit(ctx context.Context, tenantID string, v petition.Visit) error {
	doc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = t.tx.exec(ctx, `INSERT INTO petition_visits (tenant_id, id, day, kind, doc, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		tenantID, v.ID, v.Day.String(), string(v.Kind), string(doc), t.tx.now)
	return err
}

func (t petitionTx) InsertScheduledDay(ctx context.Context, tenantID string, d petition.ScheduledDay) error {
	_, err := t.tx.exec(ctx, `INSERT INTO petition_schedule (tenant_id, id, day, kind, host, unit, place) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		tenantID, d.ID, d.Day.String(), string(d.Kind), d.Host, d.Unit, d.Place)
	return err
}

func scanPetition(sc interface{ Scan(...any) error }) (petition.Petition, error) {
	var p petition.Petition
	var doc string
	if err := sc.Scan(&doc); err != nil {
		return p, mapErr(err)
	}
	err := json.Unmarshal([]byte(doc), &p)
	return p, err
}

// Petition returns one petition.
func (s PetitionStore) Petition(ctx context.Context, tenantID, id string) (petition.Petition, error) {
	return scanPetition(s.r.QueryRowContext(ctx, `SELECT doc FROM petitions WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// PetitionByCode returns one petition by its public code.
func (s PetitionStore) PetitionByCode(ctx context.Context, tenantID, code string) (petition.Petition, error) {
	return scanPetition(s.r.QueryRowContext(ctx, `SELECT doc FROM petitions WHERE tenant_id = $1 AND code = $2`, tenantID, code))
}

func (s PetitionStore) list(ctx context.Context, q string, args ...any) ([]petition.Petition, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []petition.Petition
	for rows.Next() {
		p, err := scanPetition(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// Petitions lists the book, newest received first, a page at a time.
func (s PetitionStore) Petitions(ctx context.Context, tenantID string, f petition.Filter) ([]petition.Petition, error) {
	var w strings.Builder
	args := []any{tenantID}
	w.WriteString(`SELECT doc FROM petitions WHERE tenant_id = $1`)
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	if f.OwnerRef != "" {
		add("owner_ref = ?", f.OwnerRef)
	}
	if f.Kind != "" {
		add("kind = ?", string(f.Kind))
	}
	if f.Channel != "" {
		add("channel = ?", string(f.Channel))
	}
	if f.Status != "" {
		add("status = ?", string(f.Status))
	}
	if f.HandlerID != "" {
		add("handler_id = ?", f.HandlerID)
	}
	if f.From != nil {
		add("received_on >= ?", f.From.String())
	}
	if f.To != nil {
		add("received_on <= ?", f.To.String())
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, contains(strings.ToLower(q)), strings.ToUpper(strings.TrimSpace(q)))
		n := itoa(len(args) - 1)
		w.WriteString(" AND (LOWER(summary) LIKE $" + n + likeEscape + " OR code = $" + itoa(len(args)) + ")")
	}
	w.WriteString(" ORDER BY received_on DESC, id DESC")
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000 // a page, never the department's whole book
	}
	w.WriteString(" LIMIT " + itoa(limit) + " OFFSET " + itoa(max(0, f.Offset)))
	return s.list(ctx, w.String(), args...)
}

// InPeriod returns the petitions the figures of [from, to] are computed
// from: received by to, and received in the period, still open, or closed
// in or after it.
func (s PetitionStore) InPeriod(ctx context.Context, tenantID string, from, to calendar.Date) ([]petition.Petition, error) {
	return s.list(ctx, `SELECT doc FROM petitions WHERE tenant_id = $1 AND received_on >= $2 AND received_on <= $3
		UNION ALL SELECT doc FROM petitions WHERE tenant_id = $1 AND closed_on = '' AND received_on < $2
		UNION ALL SELECT doc FROM petitions WHERE tenant_id = $1 AND closed_on >= $2 AND received_on < $2`,
		tenantID, from.String(), to.String())
}

// Events lists a petition's steps in order.
func (s PetitionStore) Events(ctx context.Context, tenantID, petitionID string) ([]petition.Event, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT at, day, action, text, public FROM petition_events
		WHERE tenant_id = $1 AND petition_id = $2 ORDER BY seq`, tenantID, petitionID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []petition.Event
	for rows.Next() {
		e := petition.Event{PetitionID: petitionID}
		var day string
		if err := rows.Scan(&e.At, &day, &e.Action, &e.Text, &e.Public); err != nil {
			return nil, mapErr(err)
		}
		if e.Day, err = calendar.ParseDate(day); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// Visits lists the reception book of [from, to], oldest first.
func (s PetitionStore) Visits(ctx context.Context, tenantID string, from, to calendar.Date) ([]petition.Visit, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT doc FROM petition_visits WHERE tenant_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, id`,
		tenantID, from.String(), to.String())
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []petition.Visit
	for rows.Next() {
		var doc string
		var v petition.Visit
		if err := rows.Scan(&doc); err != nil {
			return nil, mapErr(err)
		}
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

// Visit returns one entry of the reception book.
func (s PetitionStore) Visit(ctx context.Context, tenantID, id string) (petition.Visit, error) {
	var doc string
	var v petition.Visit
	if err := s.r.QueryRowContext(ctx, `SELECT doc FROM petition_visits WHERE tenant_id = $1 AND id = $2`, tenantID, id).Scan(&doc); err != nil {
		return v, mapErr(err)
	}
	err := json.Unmarshal([]byte(doc), &v)
	return v, err
}

// Schedule lists the reception days of [from, to].
func (s PetitionStore) Schedule(ctx context.Context, tenantID string, from, to calendar.Date) ([]petition.ScheduledDay, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, day, kind, host, unit, place FROM petition_schedule
		WHERE tenant_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, id`, tenantID, from.String(), to.String())
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []petition.ScheduledDay
	for rows.Next() {
		var d petition.ScheduledDay
		var day, kind string
		if err := rows.Scan(&d.ID, &day, &kind, &d.Host, &d.Unit, &d.Place); err != nil {
			return nil, mapErr(err)
		}
		if d.Day, err = calendar.ParseDate(day); err != nil {
			return nil, err
		}
		d.Kind = petition.VisitKind(kind)
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

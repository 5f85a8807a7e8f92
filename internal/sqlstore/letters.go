package sqlstore

import (
	"context"
	"encoding/json"
	"time"

	"tuphap/internal/dossier"
)

// The outgoing letters signed off by a leader (issue 25 item 4), migration
// 00028: a letter's fields and history are JSON; the signed PDF is kept
// with it once approved.

var (
	_ dossier.LetterReader = DossierStore{}
	_ dossier.LetterTx     = DossierTx{}
)

const letterCols = `id, dossier_id, state, data_json, created_at, updated_at`

func scanLetter(row interface{ Scan(...any) error }, tenantID string) (dossier.Letter, error) {
	var l dossier.Letter
	var state, data string
	var created, updated time.Time
	if err := row.Scan(&l.ID, &l.DossierID, &state, &data, &created, &updated); err != nil {
		return l, mapErr(err)
	}
	if err := json.Unmarshal([]byte(data), &l); err != nil {
		return l, err
	}
	l.TenantID, l.State, l.CreatedAt, l.UpdatedAt = tenantID, dossier.LetterState(state), created.UTC(), updated.UTC()
	return l, nil
}

func scanLetters(ctx context.Context, q querier, tenantID, query string, args ...any) ([]dossier.Letter, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dossier.Letter
	for rows.Next() {
		l, err := scanLetter(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, mapErr(rows.Err())
}

// Letter reads one letter of the tenant.
func (s DossierStore) Letter(ctx context.Context, tenantID, id string) (dossier.Letter, error) {
	return scanLetter(s.r.QueryRowContext(ctx, `SELECT `+letterCols+` FROM outgoing_letters WHERE tenant_id = $1 AND id = $2`,
		tenantID, id), tenantID)
}

// DossierLetters lists a dossier's letters, oldest first.
func (s DossierStore) DossierLetters(ctx context.Context, tenantID, dossierID string) ([]dossier.Letter, error) {
	return scanLetters(ctx, s.r, tenantID, `SELECT `+letterCols+` FROM outgoing_letters
		WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY created_at, id`, tenantID, dossierID)
}

// SubmittedLetters lists the letters waiting for a leader, oldest first.
func (s DossierStore) SubmittedLetters(ctx context.Context, tenantID string) ([]dossier.Letter, error) {
	return scanLetters(ctx, s.r, tenantID, `SELECT `+letterCols+` FROM outgoing_letters
		WHERE tenant_id = $1 AND state = $2 ORDER BY created_at, id LIMIT 500`, tenantID, string(dossier.LetterSubmitted))
}

// LetterPDF is an approved letter's signed PDF.
func (s DossierStore) LetterPDF(ctx context.Context, tenantID, id string) ([]byte, error) {
	var b []byte
	err := s.r.QueryRowContext(ctx, `SELECT pdf FROM outgoing_letters WHERE tenant_id = $1 AND id = $2 AND pdf IS NOT NULL`,
		tenantID, id).Scan(&b)
	return b, mapErr(err)
}

// InsertLetter stores a new letter.
func (tx DossierTx) InsertLetter(ctx context.Context, l *dossier.Letter) error {
	data, err := json.Marshal(l)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO outgoing_letters (tenant_id, id, dossier_id, kind, state, unit_code, data_json, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, l.TenantID, l.ID, l.DossierID, string(l.Kind), string(l.State), l.UnitCode,
		string(data), ts(l.CreatedAt), ts(l.UpdatedAt))
	return err
}

// LockLetter reads a letter for update.
func (tx DossierTx) LockLetter(ctx context.Context, tenantID, id string) (dossier.Letter, error) {
	q := `SELECT ` + letterCols + ` FROM outgoing_letters WHERE tenant_id = $1 AND id = $2`
	if tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	return scanLetter(tx.queryRow(ctx, q, tenantID, id), tenantID)
}

// PendingLetters lists the tenant's letters not yet sent, for update
// (index outgoing_letters_state).
func (tx DossierTx) PendingLetters(ctx context.Context, tenantID string) ([]dossier.Letter, error) {
	q := `SELECT ` + letterCols + ` FROM outgoing_letters WHERE tenant_id = $1 AND state IN ('draft', 'submitted', 'sent_back') ORDER BY created_at, id`
	if tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	return scanLetters(ctx, tx.base().tx, tenantID, q, tenantID)
}

// SaveLetter writes a letter's state and fields, and its signed PDF when
// pdf is not nil.
func (tx DossierTx) SaveLetter(ctx context.Context, l *dossier.Letter, pdf []byte) error {
	data, err := json.Marshal(l)
	if err != nil {
		return err
	}
	if pdf != nil {
		_, err = tx.exec(ctx, `UPDATE outgoing_letters SET state = $3, data_json = $4, updated_at = $5, pdf = $6
			WHERE tenant_id = $1 AND id = $2`, l.TenantID, l.ID, string(l.State), string(data), ts(l.UpdatedAt), pdf)
		return err
	}
	_, err = tx.exec(ctx, `UPDATE outgoing_letters SET state = $3, data_json = $4, updated_at = $5
		WHERE tenant_id = $1 AND id = $2`, l.TenantID, l.ID, string(l.State), string(data), ts(l.UpdatedAt))
	return err
}

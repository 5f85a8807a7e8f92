package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"
	"tuphap/internal/report"

	"tuphap/internal/dossier"
	"tuphap/internal/external/dvcqg"
)

// NationalPortalStore keeps what the national public-service portal's
// connection needs (migration 00024): the dossiers filed on the portal,
// the sync log, and the sync report over the outbox's "dvcqg" rows.
type NationalPortalStore struct{ *DB }

// nationalPortalTx is the link writer of a dossier transaction.
type nationalPortalTx struct{ tx *Tx }

var _ dvcqg.Links = NationalPortalStore{}

// NationalPortal returns the national portal's store.
func (db *DB) NationalPortal() NationalPortalStore { return NationalPortalStore{db} }

// Known returns the ID of the dossier filed for a national dossier code.
func (s NationalPortalStore) Known(ctx context.Context, tenantID, nationalCode string) (string, bool, error) {
	var id string
	err := s.r.QueryRowContext(ctx, `SELECT dossier_id FROM national_portal_links WHERE tenant_id = $1 AND national_code = $2`,
		tenantID, nationalCode).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, mapErr(err)
	}
	return id, true, nil
}

// Within is the link writer of a dossier transaction of this store.
func (NationalPortalStore) Within(tx dossier.Tx) (dvcqg.LinkTx, bool) {
	t, ok := txOf(tx)
	if !ok {
		return nil, false
	}
	return nationalPortalTx{t}, true
}

// InsertLink records that the dossier was filed on the portal.
func (t nationalPortalTx) InsertLink(ctx context.Context, tenantID, nationalCode, dossierID string) error {
	_, err := t.tx.exec(ctx, `INSERT INTO national_portal_links (tenant_id, national_code, dossier_id, received_at) VALUES ($1, $2, $3, $4)`,
		tenantID, nationalCode, dossierID, ts(t.tx.Now()))
	return err
}

// MarkSynced records a status the portal acknowledged. The last status
// moves only forward in the dossier's history (a retried older push
// arriving late does not overwrite a newer one).
func (s NationalPortalStore) MarkSynced(ctx context.Context, tenantID string, u dvcqg.StatusUpdate, at time.Time) error {
	received := u.Status >= int(dossier.Accepted) && u.Status != int(dossier.Refused)
	_, err := s.w.ExecContext(ctx, `INSERT INTO national_portal_sync (tenant_id, dossier_id, last_status, last_seq, received_synced, first_synced_at, last_synced_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6)
		ON CONFLICT (tenant_id, dossier_id) DO UPDATE SET
			last_status = CASE WHEN excluded.last_seq > national_portal_sync.last_seq THEN excluded.last_status ELSE national_portal_sync.last_status END,
			last_seq = CASE WHEN excluded.last_seq > national_portal_sync.last_seq THEN excluded.last_seq ELSE national_portal_sync.last_seq END,
			received_synced = (national_portal_sync.received_synced OR excluded.received_synced),
			last_synced_at = excluded.last_synced_at`,
		tenantID, u.DossierID, u.Status, u.Seq, received, ts(at))
	return mapErr(err)
}

// SyncState is what the sync log holds for a dossier.
type SyncState struct {
	LastStatus     dossier.Status
	ReceivedSynced bool
	LastSyncedAt   time.Time
	NationalCode   string // when filed on the portal
}

// SyncState returns a dossier's sync state; ok is false when nothing has
// reached the portal yet.
func (s NationalPortalStore) SyncState(ctx context.Context, tenantID, dossierID string) (SyncState, bool, error) {
	var st SyncState
	var status int
	var at time.Time
	err := s.r.QueryRowContext(ctx, `SELECT last_status, received_synced, last_synced_at FROM national_portal_sync
		WHERE tenant_id = $1 AND dossier_id = $2`, tenantID, dossierID).Scan(&status, &st.ReceivedSynced, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return st, false, nil
	}
	if err != nil {
		return st, false, mapErr(err)
	}
	st.LastStatus, st.LastSyncedAt = dossier.Status(status), at.UTC()
	return st, true, nil
}

// SyncTotals counts the tenant's portal pushes by outbox status.
type SyncTotals struct {
	Done, Pending, Failing, Dead int64
}

// SyncTotals counts the tenant's pushes to the portal: delivered, waiting,
// waiting after a failed try, and given up.
func (s NationalPortalStore) SyncTotals(ctx context.Context, tenantID string) (SyncTotals, error) {
	var t SyncTotals
	err := s.r.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status IN ('pending', 'leased') AND last_error = '' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status IN ('pending', 'leased') AND last_error <> '' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END), 0)
		FROM outbox WHERE tenant_id = $1 AND channel = $2`, tenantID, string(dvcqg.Channel)).Scan(&t.Done, &t.Pending, &t.Failing, &t.Dead)
	return t, mapErr(err)
}

// SyncFailures lists the tenant's pushes that failed (given up, or
// waiting for a retry after an error), newest first: the sync report.
func (s NationalPortalStore) SyncFailures(ctx context.Context, tenantID string, limit int) ([]OutboxEntry, error) {
	if limit <= 0 || limit > 500 {
		limit = 200
	}
	var out []OutboxEntry
	for _, st := range []string{"dead", "pending", "leased"} {
		rows, err := s.r.QueryContext(ctx, `SELECT id, subject, body, msg_key, status, attempts, last_error, next_attempt_at, created_at
			FROM outbox WHERE tenant_id = $1 AND channel = $2 AND status = $3 AND last_error <> ''
			ORDER BY created_at DESC LIMIT $4`, tenantID, string(dvcqg.Channel), st, limit)
		if err != nil {
			return nil, mapErr(err)
		}
		for rows.Next() {
			e := OutboxEntry{Channel: string(dvcqg.Channel), To: dvcqg.Recipient}
			if err := rows.Scan(&e.ID, &e.Subject, &e.Body, &e.Key, &e.Status, &e.Attempts, &e.LastError, &e.NextAttemptAt, &e.CreatedAt); err != nil {
				rows.Close()
				return nil, mapErr(err)
			}
			e.NextAttemptAt, e.CreatedAt = e.NextAttemptAt.UTC(), e.CreatedAt.UTC()
			out = append(out, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, mapErr(err)
		}
	}
	return out, nil
}

// syncCounts counts, for Decision 766 indicator 1.4, the dossiers received
// in the period (accepted, not refused) and those of them whose receipt
// reached the national portal; on is false when the tenant has never
// synchronised a dossier (the connection is not in use: 1.4 is then
// described, not scored).
//
// The received dossiers come from the roll-up's accepted counters (a
// refusal happens before acceptance, so an accepted dossier is never
// refused), not from the period's dossiers; the synced ones are counted
// from the sync log's confirmed receipts, each looked up by its key
// (issue 17: the page read every dossier of the period, with a probe of
// the log for each).
func (db ReportStore) syncCounts(ctx context.Context, s ReportScope, p report.Period) (received, synced int64, on bool, err error) {
	q := `SELECT EXISTS (SELECT 1 FROM national_portal_sync)`
	qargs := []any{}
	if s.TenantID != "" {
		q = `SELECT EXISTS (SELECT 1 FROM national_portal_sync WHERE tenant_id = $1)`
		qargs = append(qargs, s.TenantID)
	}
	if err = db.r.QueryRowContext(ctx, q, qargs...).Scan(&on); err != nil || !on {
		// Not connected: nothing to count (the indicator is described).
		return 0, 0, false, mapErr(err)
	}
	sums, err := db.prefixSums(ctx, s, p, []string{"accepted"})
	if err != nil {
		return 0, 0, false, err
	}
	received = sums[1][0] - sums[0][0]
	cond, args := s.where([]any{p.From.String(), p.To.String()})
	outer := ""
	if s.TenantID != "" {
		args = append(args, s.TenantID)
		outer = ` AND n.tenant_id = $` + itoa(len(args))
	}
	err = db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM national_portal_sync n WHERE n.received_synced = TRUE`+outer+`
		AND EXISTS (SELECT 1 FROM dossiers WHERE dossiers.tenant_id = n.tenant_id AND dossiers.id = n.dossier_id
			AND accepted_day >= $1 AND accepted_day <= $2 AND accepted_day <> '' AND ended <> 'refused'`+cond+`)`, args...).Scan(&synced)
	if err != nil {
		return 0, 0, false, mapErr(err)
	}
	return received, synced, true, nil
}

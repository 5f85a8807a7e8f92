package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/notify"
)

// Outbox implements notify.Queue on the outbox table (migrations 00003 and
// 00005). The contract's names map onto the table's columns as follows:
// to_addr = recipient, idem_key = msg_key, leased_by = worker; a delivered
// message also gets sent_at.
type Outbox struct{ *DB }

var _ notify.Queue = Outbox{}

// Outbox returns the notification outbox: the worker's queue and the
// administrators' list.
func (db *DB) Outbox() Outbox { return Outbox{db} }

const outboxReturning = ` RETURNING o.tenant_id, o.id, o.channel, o.recipient, o.subject, o.body, o.msg_key, o.attempts, o.created_at`

// Claim leases up to limit due messages of any tenant to worker; see the
// contract in package notify. On PostgreSQL the candidates are locked with
// FOR UPDATE SKIP LOCKED, so concurrent claimers take disjoint sets; on
// SQLite the single writer connection serialises the statements.
func (o Outbox) Claim(ctx context.Context, worker string, limit int, lease time.Duration) ([]notify.Message, error) {
	if limit <= 0 {
		return nil, nil
	}
	now := ts(o.Now())
	var q string
	if o.engine == Postgres {
		q = `UPDATE outbox o SET status = 'leased', worker = $1, lease_until = $2, attempts = o.attempts + 1, updated_at = $3
			FROM (SELECT tenant_id, id FROM outbox
			      WHERE (status = 'pending' AND next_attempt_at <= $3) OR (status = 'leased' AND lease_until <= $3)
			      ORDER BY next_attempt_at LIMIT $4
			      FOR UPDATE SKIP LOCKED) c
			WHERE o.tenant_id = c.tenant_id AND o.id = c.id` + outboxReturning
	} else {
		// SQLite's RETURNING takes no table alias.
		q = `UPDATE outbox SET status = 'leased', worker = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
			WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM outbox
			      WHERE (status = 'pending' AND next_attempt_at <= $3) OR (status = 'leased' AND lease_until <= $3)
			      ORDER BY next_attempt_at LIMIT $4)
			RETURNING tenant_id, id, channel, recipient, subject, body, msg_key, attempts, created_at`
	}
	rows, err := o.w.QueryContext(ctx, q, worker, now.Add(lease), now, limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []notify.Message
	for rows.Next() {
		var m notify.Message
		var ch string
		if err := rows.Scan(&m.TenantID, &m.ID, &ch, &m.To, &m.Subject, &m.Body, &m.Key, &m.Attempts, &m.CreatedAt); err != nil {
			return nil, mapErr(err)
		}
		m.Channel, m.CreatedAt = notify.Channel(ch), m.CreatedAt.UTC()
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	// RETURNING gives no order; hand the batch out oldest first.
	slices.SortFunc(out, func(a, b notify.Message) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// settle changes a leased row only while the caller's lease holds: the
// attempts count is the fencing token.
func (o Outbox) settle(ctx context.Context, m notify.Message, set string, args ...any) error {
	args = append([]any{m.TenantID, m.ID, m.Attempts, ts(o.Now())}, args...)
	res, err := o.w.ExecContext(ctx, `UPDATE outbox SET `+set+`, updated_at = $4
		WHERE tenant_id = $1 AND id = $2 AND status = 'leased' AND attempts = $3`, args...)
	if err != nil {
		return mapErr(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return notify.ErrLeaseLost
	}
	return nil
}

// Done marks a message delivered.
func (o Outbox) Done(ctx context.Context, m notify.Message) error {
	return o.settle(ctx, m, `status = 'done', lease_until = NULL, sent_at = $4, last_error = ''`)
}

// Retry puts a message back for another try at next.
func (o Outbox) Retry(ctx context.Context, m notify.Message, lastErr string, next time.Time) error {
	return o.settle(ctx, m, `status = 'pending', lease_until = NULL, next_attempt_at = $5, last_error = $6`, ts(next), lastErr)
}

// Dead gives a message up; it stays listed for administrators.
func (o Outbox) Dead(ctx context.Context, m notify.Message, lastErr string) error {
	return o.settle(ctx, m, `status = 'dead', lease_until = NULL, last_error = $5`, lastErr)
}

// OutboxEntry is an outbox row as the administrators' screen shows it.
type OutboxEntry struct {
	ID            string
	Channel       string
	To            string
	Subject       string
	Body          string
	Key           string
	Status        string // pending, leased, done, dead
	Attempts      int
	LastError     string
	NextAttemptAt time.Time
	CreatedAt     time.Time
	SentAt        *time.Time
}

// OutboxFilter selects outbox rows for the admin list.
type OutboxFilter struct {
	Status string // empty: any
	Limit  int    // default 100, at most 500
}

// OutboxList returns a tenant's most recent outbox messages, newest first.
func (db Outbox) OutboxList(ctx context.Context, tenantID string, f OutboxFilter) ([]OutboxEntry, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q := `SELECT id, channel, recipient, subject, body, msg_key, status, attempts, last_error, next_attempt_at, created_at, sent_at
		FROM outbox WHERE tenant_id = $1`
	args := []any{tenantID}
	if f.Status != "" {
		q += ` AND status = $2`
		args = append(args, f.Status)
	}
	args = append(args, f.Limit)
	q += fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args))
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var sent sql.NullTime
		if err := rows.Scan(&e.ID, &e.Channel, &e.To, &e.Subject, &e.Body, &e.Key, &e.Status, &e.Attempts, &e.LastError,
			&e.NextAttemptAt, &e.CreatedAt, &sent); err != nil {
			return nil, mapErr(err)
		}
		e.NextAttemptAt, e.CreatedAt, e.SentAt = e.NextAttemptAt.UTC(), e.CreatedAt.UTC(), fromNull(sent)
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// OutboxCounts counts a tenant's outbox rows by status.
func (db Outbox) OutboxCounts(ctx context.Context, tenantID string) (map[string]int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT status, COUNT(*) FROM outbox WHERE tenant_id = $1 GROUP BY status`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, mapErr(err)
		}
		out[s] = n
	}
	return out, mapErr(rows.Err())
}

// RequeueOutbox puts a dead message of the tenant back in the queue
// (attempts 0, due now) and records who did it in the audit log, in one
// transaction. Only dead messages can be requeued.
func (db Outbox) RequeueOutbox(ctx context.Context, a audit.Actor, tenantID, id string) error {
	return db.Transact(ctx, func(tx *Tx) error {
		var ch string
		err := tx.tx.QueryRowContext(ctx, `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $3,
			lease_until = NULL, updated_at = $3
			WHERE tenant_id = $1 AND id = $2 AND status = 'dead' RETURNING channel`, tenantID, id, ts(tx.now)).Scan(&ch)
		if err != nil {
			if err = mapErr(err); errors.Is(err, apperr.ErrNotFound) {
				return apperr.New(apperr.Conflict, "Chỉ gửi lại được thông báo đã thất bại (không tìm thấy thông báo thất bại này).")
			}
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
			Action: "outbox.requeue", Object: "outbox:" + id, Detail: "Kênh: " + ch})
	})
}

// PurgeOutbox blanks the recipient, subject and body of delivered and dead
// messages last changed before before: they hold personal data, and only
// the fact of the notification (kind in the key, time, status) is worth
// keeping. It returns the number of rows purged.
func (db Outbox) PurgeOutbox(ctx context.Context, before time.Time) (int64, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE outbox SET recipient = '', subject = '', body = '', updated_at = $2
		WHERE status IN ('done', 'dead') AND COALESCE(updated_at, created_at) < $1 AND (body <> '' OR recipient <> '')`,
		ts(before), ts(db.Now()))
	if err != nil {
		return 0, mapErr(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return n, mapErr(err)
	}
	// The dossiers' message log holds the same personal data: its settled
	// messages and the replies lose recipient and text after the same time.
	_, err = db.w.ExecContext(ctx, `UPDATE dossier_messages SET party = '', body = '', updated_at = $2
		WHERE status IN ('sent', 'failed', 'received') AND updated_at < $1 AND (body <> '' OR party <> '')`, ts(before), ts(db.Now()))
	return n, mapErr(err)
}

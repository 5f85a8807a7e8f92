package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
)

// MessageLog is the per-dossier log of the messages sent to the applicant
// (e-mail, SMS, Zalo) and of the replies received (migration 00029). A
// message's row is opened with its outbox row (DossierTx.Enqueue) and
// updated by the notify worker (Record); replies come from the providers'
// webhooks (Reply).
type MessageLog struct{ *DB }

var _ notify.Journal = MessageLog{}

// Messages returns the dossiers' message log.
func (db *DB) Messages() MessageLog { return MessageLog{db} }

// Message is one row of a dossier's message log.
type Message struct {
	ID          string
	DossierID   string
	Direction   string // "out" to the applicant, "in" from him
	Channel     string
	Party       string // recipient or sender: e-mail address or phone number
	Body        string
	Status      string // out: pending, sent, retrying, failed; in: received
	ProviderRef string
	Error       string
	Attempts    int
	CreatedAt   time.Time
	UpdatedAt   time.Time
	SentAt      *time.Time
}

// logMessage opens the log row of an enqueued dossier message.
func (tx DossierTx) logMessage(ctx context.Context, m dossier.Outgoing, outboxID string) error {
	body := m.Body
	if m.Subject != "" && m.Channel == string(notify.Email) {
		body = m.Subject + "\n\n" + m.Body
	}
	_, err := tx.exec(ctx, `INSERT INTO dossier_messages (tenant_id, id, dossier_id, direction, channel, party, body, status, outbox_id,
			created_at, updated_at)
		VALUES ($1, $2, $3, 'out', $4, $5, $6, 'pending', $7, $8, $8)`,
		m.TenantID, uuid.Must(uuid.NewV7()).String(), m.DossierID, m.Channel, m.To, body, outboxID, ts(tx.now))
	return err
}

// Record implements notify.Journal: the outcome of a try of the outbox
// message m, on its log row (messages of no dossier have none).
func (l MessageLog) Record(ctx context.Context, m notify.Message, o notify.Outcome) error {
	var sent any
	if o.Status == notify.OutSent {
		sent = ts(o.At)
	}
	_, err := l.w.ExecContext(ctx, `UPDATE dossier_messages SET status = $3, provider_ref = CASE WHEN $4 = '' THEN provider_ref ELSE $4 END,
			last_error = $5, attempts = $6, sent_at = COALESCE($7, sent_at), updated_at = $8
		WHERE tenant_id = $1 AND outbox_id = $2 AND outbox_id <> ''`,
		m.TenantID, m.ID, o.Status, o.Ref, o.Error, m.Attempts, sent, ts(o.At))
	return mapErr(err)
}

// Reply is a citizen's answer a provider's webhook delivers.
type Reply struct {
	Channel string // notify.SMS or notify.Zalo
	From    string // the citizen's phone number
	Text    string
	// InReplyTo is the provider's reference of the message answered; ID
	// is the provider's reference of the reply (a webhook retried by the
	// provider is logged once).
	InReplyTo, ID string
	At            time.Time
}

// LogReply logs a reply on the dossier of the message it answers. It
// returns the dossier's ID; apperr.ErrNotFound when the tenant sent no
// message with that reference on that channel. A reply already logged
// (same provider ID) is not logged twice and gives the same dossier.
func (l MessageLog) LogReply(ctx context.Context, tenantID string, r Reply) (string, error) {
	var dossierID string
	err := l.r.QueryRowContext(ctx, `SELECT dossier_id FROM dossier_messages
		WHERE tenant_id = $1 AND channel = $2 AND direction = 'out' AND provider_ref = $3 AND provider_ref <> ''`,
		tenantID, r.Channel, r.InReplyTo).Scan(&dossierID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.New(apperr.NotFound, "Không tìm thấy tin nhắn được trả lời.")
	}
	if err != nil {
		return "", mapErr(err)
	}
	now := l.Now()
	if r.At.IsZero() {
		r.At = now
	}
	_, err = l.w.ExecContext(ctx, `INSERT INTO dossier_messages (tenant_id, id, dossier_id, direction, channel, party, body, status,
			provider_ref, created_at, updated_at, sent_at)
		VALUES ($1, $2, $3, 'in', $4, $5, $6, 'received', $7, $8, $9, $8)
		ON CONFLICT (tenant_id, channel, direction, provider_ref) WHERE provider_ref <> '' DO NOTHING`,
		tenantID, uuid.Must(uuid.NewV7()).String(), dossierID, r.Channel, r.From, r.Text, r.ID, ts(r.At), ts(now))
	return dossierID, mapErr(err)
}

// OfDossier returns a dossier's messages and replies, oldest first.
func (l MessageLog) OfDossier(ctx context.Context, tenantID, dossierID string) ([]Message, error) {
	rows, err := l.r.QueryContext(ctx, `SELECT id, dossier_id, direction, channel, party, body, status, provider_ref, last_error, attempts,
			created_at, updated_at, sent_at
		FROM dossier_messages WHERE tenant_id = $1 AND dossier_id = $2 ORDER BY created_at, id LIMIT 500`, tenantID, dossierID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var sent sql.NullTime
		if err := rows.Scan(&m.ID, &m.DossierID, &m.Direction, &m.Channel, &m.Party, &m.Body, &m.Status, &m.ProviderRef, &m.Error,
			&m.Attempts, &m.CreatedAt, &m.UpdatedAt, &sent); err != nil {
			return nil, mapErr(err)
		}
		m.CreatedAt, m.UpdatedAt, m.SentAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC(), fromNull(sent)
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

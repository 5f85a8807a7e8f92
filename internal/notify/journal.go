package notify

import (
	"context"
	"time"
)

// Zalo is the channel of Zalo OA template messages (ZNS; package
// external/zalo).
const Zalo Channel = "zalo"

// RefSender is a Sender that also reports the provider's reference of a
// delivered message (the gateway's message ID), kept in the message log.
type RefSender interface {
	SendRef(ctx context.Context, m Message) (ref string, err error)
}

// Outcome is what became of one try to send a message.
type Outcome struct {
	Status string // OutSent, OutRetrying, OutFailed
	Ref    string // the provider's reference, when sent
	Error  string // why it failed (short, recipient redacted)
	At     time.Time
}

// The statuses of an Outcome, as the dossier's message log shows them.
const (
	OutSent     = "sent"
	OutRetrying = "retrying"
	OutFailed   = "failed"
)

// Journal keeps the per-dossier log of the messages the worker handles
// (sqlstore.MessageLog). Record is called after each outcome is settled in
// the queue; it must ignore messages it does not log (a portal push). Its
// errors are logged, never retried: the outbox row stays the source of
// truth of the delivery.
type Journal interface {
	Record(ctx context.Context, m Message, o Outcome) error
}

// send delivers m through s, with the provider's reference when s gives one.
func send(ctx context.Context, s Sender, m Message) (string, error) {
	if rs, ok := s.(RefSender); ok {
		return rs.SendRef(ctx, m)
	}
	return "", s.Send(ctx, m)
}

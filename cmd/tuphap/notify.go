package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strconv"
	"time"

	"tuphap/internal/dossier"
	"tuphap/internal/notify"
	"tuphap/internal/sqlstore"
)

// nudgingStore wakes the notification worker after every committed dossier
// transaction, so messages leave at once instead of at the next poll.
type nudgingStore struct {
	dossier.Store
	wake chan struct{}
}

func (s nudgingStore) Transact(ctx context.Context, fn func(dossier.Tx) error) error {
	err := s.Store.Transact(ctx, fn)
	if err == nil {
		notify.Nudge(s.wake)
	}
	return err
}

// mailConfig is the SMTP relay of serve (flags and TUPHAP_SMTP_*).
type mailConfig struct {
	addr, from         string
	startTLS           bool
	username, password string
}

// mailFlags declares the SMTP flags; the password is read from the
// environment only, so that it never shows in the process list.
func mailFlags(fs *flag.FlagSet, e *env) *mailConfig {
	c := &mailConfig{username: e.getenv("TUPHAP_SMTP_USER"), password: e.getenv("TUPHAP_SMTP_PASSWORD")}
	fs.StringVar(&c.addr, "smtp-addr", e.getenv("TUPHAP_SMTP_ADDR"), "máy chủ thư host:port để gửi thông báo; trống: không gửi thư điện tử (TUPHAP_SMTP_ADDR)")
	fs.StringVar(&c.from, "smtp-from", e.getenv("TUPHAP_SMTP_FROM"), "địa chỉ người gửi thư, vd. \"Sở Tư pháp <motcua@stp.gov.vn>\" (TUPHAP_SMTP_FROM)")
	tls, _ := strconv.ParseBool(envOr(e, "TUPHAP_SMTP_STARTTLS", "true"))
	fs.BoolVar(&c.startTLS, "smtp-starttls", tls, "bắt buộc STARTTLS với máy chủ thư (TUPHAP_SMTP_STARTTLS)")
	return c
}

// emailDisabled is the e-mail sender when no relay is configured: messages
// become dead at once with a reason an administrator understands, and can
// be requeued from /admin/outbox once the relay is set.
type emailDisabled struct{}

func (emailDisabled) Send(context.Context, notify.Message) error {
	return notify.Permanent(errors.New("chưa cấu hình gửi thư điện tử (TUPHAP_SMTP_ADDR, TUPHAP_SMTP_FROM): thư không được gửi"))
}

// senders builds the channel adapters: SMTP when configured, and the SMS
// simulator (the default gateway; no real provider is wired yet).
func (c *mailConfig) senders(sms *notify.SMSSimulator) (map[notify.Channel]notify.Sender, error) {
	out := map[notify.Channel]notify.Sender{
		notify.SMS:   &notify.SMSSender{Gateway: sms, Unaccented: true},
		notify.Email: emailDisabled{},
	}
	if c.addr == "" {
		return out, nil
	}
	if _, _, err := net.SplitHostPort(c.addr); err != nil {
		return nil, usageError(fmt.Sprintf("--smtp-addr phải có dạng host:port (%q)", c.addr))
	}
	if _, err := mail.ParseAddress(c.from); err != nil {
		return nil, usageError("--smtp-from (TUPHAP_SMTP_FROM) phải là một địa chỉ thư hợp lệ khi đã đặt --smtp-addr")
	}
	out[notify.Email] = &notify.SMTPSender{Addr: c.addr, From: c.from, StartTLS: c.startTLS, Username: c.username, Password: c.password}
	return out, nil
}

// newWorker builds the in-process outbox worker of serve.
func newWorker(a *app, senders map[notify.Channel]notify.Sender, log *slog.Logger) *notify.Worker {
	return &notify.Worker{Queue: sqlstore.Outbox{DB: a.db}, Senders: senders, Wake: a.wake, Log: log, Journal: a.db.Messages()}
}

// outboxRetention is how long delivered and dead notifications keep their
// recipient and text.
const outboxRetention = 90 * 24 * time.Hour

// sweepOutbox purges old notifications' personal data once a day.
func sweepOutbox(ctx context.Context, a *app, log *slog.Logger) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		if n, err := a.db.Outbox().PurgeOutbox(ctx, time.Now().Add(-outboxRetention)); err != nil && ctx.Err() == nil {
			log.Warn("outbox purge", "error", err)
		} else if n > 0 {
			log.Info("outbox purged", "messages", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

package notify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"
)

// SMTPSender delivers e-mail through an SMTP relay (the department's or the
// province's mail server) with net/smtp.
type SMTPSender struct {
	Addr string // host:port of the relay
	From string // envelope and header sender: "Sở Tư pháp <motcua@stp.example.gov.vn>"
	// StartTLS requires the STARTTLS extension and upgrades the connection
	// before anything else is sent; without it the message goes in clear
	// (acceptable only to a relay on the same host or closed network).
	StartTLS bool
	// TLSConfig is used for STARTTLS; nil verifies the relay's certificate
	// against the system roots with the host of Addr as server name.
	TLSConfig *tls.Config
	// Username and Password, if set, authenticate with PLAIN (only over
	// TLS or to localhost: net/smtp refuses otherwise).
	Username, Password string
	// Hello is the name sent in EHLO; default "localhost".
	Hello string
	// Timeout bounds one delivery when ctx has no earlier deadline;
	// default 30 s.
	Timeout time.Duration
}

// Send delivers m. A malformed address or a 5xx answer of the relay is
// Permanent; connection failures and 4xx answers are retried.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return fmt.Errorf("smtp: địa chỉ gửi (TUPHAP_SMTP_FROM) không hợp lệ: %w", err)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return Permanent(errors.New("smtp: địa chỉ thư điện tử người nhận không hợp lệ"))
	}
	msg, err := s.Compose(m, from, to)
	if err != nil {
		return Permanent(err)
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("smtp: địa chỉ máy chủ thư không hợp lệ %q: %w", s.Addr, err)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("smtp: kết nối máy chủ thư: %w", err)
	}
	// net/smtp has no contexts: a deadline on the connection bounds every
	// exchange, and cancellation closes the connection.
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return classify("chào máy chủ", err)
	}
	defer c.Close()
	hello := s.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		return classify("EHLO", err)
	}
	if s.StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("smtp: máy chủ thư không hỗ trợ STARTTLS mà cấu hình yêu cầu")
		}
		cfg := s.TLSConfig
		if cfg == nil {
			cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return classify("STARTTLS", err)
		}
	}
	if s.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, host)); err != nil {
			return classify("xác thực", err)
		}
	}
	if err := c.Mail(from.Address); err != nil {
		return classify("MAIL FROM", err)
	}
	if err := c.Rcpt(to.Address); err != nil {
		return classify("RCPT TO", err)
	}
	wc, err := c.Data()
	if err != nil {
		return classify("DATA", err)
	}
	if _, err := wc.Write(msg); err != nil {
		return classify("gửi nội dung", err)
	}
	if err := wc.Close(); err != nil {
		return classify("kết thúc DATA", err)
	}
	if err := c.Quit(); err != nil {
		// The relay accepted the message at the end of DATA; a failed QUIT
		// does not undo that.
		return nil
	}
	return nil
}

// classify marks 5xx replies Permanent; anything else is retried.
func classify(step string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return Permanent(fmt.Errorf("smtp %s: %d %s", step, te.Code, te.Msg))
	}
	return fmt.Errorf("smtp %s: %w", step, err)
}

// MessageID derives the Message-ID from the tenant and the outbox message
// ID, so that a message delivered twice (at least once) carries the same
// ID and mail clients fold the copies.
func MessageID(tenantID, id, domain string) string {
	sum := sha256.Sum256([]byte(tenantID + "\x00" + id))
	if domain == "" {
		domain = "tuphap.invalid"
	}
	return "<" + hex.EncodeToString(sum[:16]) + "@" + domain + ">"
}

// Compose writes m as an RFC 5322 message: UTF-8 text in quoted-printable,
// the subject and display names encoded per RFC 2047, the Date of the
// message's creation and a deterministic Message-ID. The same message gives
// the same bytes.
func (s *SMTPSender) Compose(m Message, from, to *mail.Address) ([]byte, error) {
	subject := strings.Join(strings.Fields(m.Subject), " ") // no CR/LF: no header injection
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	date := m.CreatedAt
	if date.IsZero() {
		date = time.Now()
	}
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", from.String())
	h("To", to.String())
	h("Subject", mime.QEncoding.Encode("utf-8", subject))
	h("Date", date.In(vietnam).Format(time.RFC1123Z))
	h("Message-ID", MessageID(m.TenantID, m.ID, domain))
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	b.WriteString("\r\n")
	return b.Bytes(), nil
}

// vietnam is UTC+7 without daylight saving.
var vietnam = time.FixedZone("ICT", 7*3600)

package notify

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"
	"tuphap/internal/dossier"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TextMessage is one SMS handed to a gateway.
type TextMessage struct {
	TenantID string
	To       string // normalised: 0xxxxxxxxx
	Text     string
	// Key is the outbox message ID, for providers that accept an
	// idempotency key.
	Key string
}

// SMSGateway is a provider of text messages (a telecom's brandname SMS
// API). The SMSSimulator is the default; a real provider's adapter
// implements this interface and should mark refusals that retrying cannot
// fix (unknown number, blocked brandname) with Permanent.
type SMSGateway interface {
	SendSMS(ctx context.Context, s TextMessage) error
}

// SMSSender is the Sender of the SMS channel: it checks and normalises the
// phone number, optionally removes diacritics (an unaccented message fits
// 160 GSM-7 characters per segment, an accented one only 70 UCS-2
// characters), and hands the text to the gateway.
type SMSSender struct {
	Gateway    SMSGateway
	Unaccented bool
	// MaxSegments bounds the length: longer texts are refused as Permanent.
	// Default 3.
	MaxSegments int
}

// NormalizePhone turns "+84 912.345.678" into "0912345678"; ok is false
// when the result is not a Vietnamese number.
func NormalizePhone(s string) (string, bool) {
	s = strings.NewReplacer(" ", "", ".", "", "-", "", "(", "", ")", "").Replace(strings.TrimSpace(s))
	if strings.HasPrefix(s, "+84") {
		s = "0" + s[3:]
	} else if strings.HasPrefix(s, "84") && len(s) == 11 {
		s = "0" + s[2:]
	}
	return s, dossier.ValidPhone(s)
}

// Send implements Sender.
func (s *SMSSender) Send(ctx context.Context, m Message) error {
	_, err := s.SendRef(ctx, m)
	return err
}

// SendRef implements RefSender: the reference is the gateway's message ID
// when it gives one (SMSRefGateway).
func (s *SMSSender) SendRef(ctx context.Context, m Message) (string, error) {
	if s.Gateway == nil {
		return "", errors.New("sms: chưa cấu hình cổng gửi tin nhắn")
	}
	to, ok := NormalizePhone(m.To)
	if !ok {
		return "", Permanent(errors.New("sms: số điện thoại người nhận không hợp lệ"))
	}
	text := strings.TrimSpace(m.Body)
	if s.Unaccented {
		text = Unaccent(text)
	}
	max := s.MaxSegments
	if max <= 0 {
		max = 3
	}
	if n := Segments(text); n > max {
		return "", Permanent(errors.New("sms: nội dung quá dài"))
	}
	t := TextMessage{TenantID: m.TenantID, To: to, Text: text, Key: m.ID}
	if rg, ok := s.Gateway.(SMSRefGateway); ok {
		return rg.SendSMSRef(ctx, t)
	}
	return "", s.Gateway.SendSMS(ctx, t)
}

// SMSRefGateway is an SMSGateway that returns the provider's message ID
// (a brandname gateway's), kept in the dossier's message log so that a
// citizen's reply can be matched to the message it answers.
type SMSRefGateway interface {
	SendSMSRef(ctx context.Context, s TextMessage) (string, error)
}

// SendSMSRef implements SMSRefGateway: the simulator's message ID is
// "sms-" and the outbox message's ID.
func (g *SMSSimulator) SendSMSRef(ctx context.Context, s TextMessage) (string, error) {
	if err := g.SendSMS(ctx, s); err != nil {
		return "", err
	}
	return "sms-" + s.Key, nil
}

// Unaccent removes Vietnamese diacritics: "Hồ sơ đã được tiếp nhận" →
// "Ho so da duoc tiep nhan".
func Unaccent(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// Segments is the number of SMS segments text needs: 160 characters in one
// segment (153 per segment when concatenated) if every character is
// printable ASCII (a subset of GSM-7), else 70 (67).
func Segments(text string) int {
	n, single, multi := 0, 160, 153
	for _, r := range text {
		n++
		if r > 126 || (r < 32 && r != '\n' && r != '\r') {
			single, multi = 70, 67
		}
	}
	if n <= single {
		return 1
	}
	return (n + multi - 1) / multi
}

// SMSSimulator is the default SMS gateway: it sends nothing, keeps the last
// messages in memory for the administrators' screen (the demo's "phone"),
// and logs each one with the number masked. It is safe for concurrent use.
type SMSSimulator struct {
	Size int          // messages kept; default 200
	Log  *slog.Logger // default slog.Default()
	Now  func() time.Time

	mu   sync.Mutex
	ring []SimulatedSMS
	next int
	full bool
}

// SimulatedSMS is a message the simulator received.
type SimulatedSMS struct {
	TextMessage
	At time.Time
}

// SendSMS implements SMSGateway.
func (g *SMSSimulator) SendSMS(ctx context.Context, s TextMessage) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := time.Now
	if g.Now != nil {
		now = g.Now
	}
	log := g.Log
	if log == nil {
		log = slog.Default()
	}
	g.mu.Lock()
	size := g.Size
	if size <= 0 {
		size = 200
	}
	if g.ring == nil {
		g.ring = make([]SimulatedSMS, size)
	}
	g.ring[g.next] = SimulatedSMS{TextMessage: s, At: now().UTC()}
	g.next = (g.next + 1) % len(g.ring)
	if g.next == 0 {
		g.full = true
	}
	g.mu.Unlock()
	log.Info("sms simulator: message received", "tenant", s.TenantID, "to", MaskPhone(s.To), "chars", len([]rune(s.Text)))
	return nil
}

// Inbox returns the kept messages of one tenant, newest first.
func (g *SMSSimulator) Inbox(tenantID string) []SimulatedSMS {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []SimulatedSMS
	n := g.next
	if g.full {
		n = len(g.ring)
	}
	for i := 1; i <= n; i++ {
		m := g.ring[(g.next-i+len(g.ring))%len(g.ring)]
		if m.TenantID == tenantID {
			out = append(out, m)
		}
	}
	return out
}

// MaskPhone keeps the first three and last three digits: "091****678".
func MaskPhone(p string) string {
	r := []rune(p)
	if len(r) <= 6 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-6) + string(r[len(r)-3:])
}

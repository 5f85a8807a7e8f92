// Package zalo sends the applicant's notices as Zalo OA template messages
// (ZNS, Zalo Notification Service) and reads the citizens' replies that
// Zalo's webhook delivers (issue 25 item 7).
//
// ZNS sends a template approved beforehand by Zalo to a phone number: the
// agency's Official Account calls POST /message/template with the phone
// in international form (84…), the template's ID, its parameters and a
// tracking ID of its own, and gets Zalo's message ID back. Client is that
// call; Simulator stands in for it in the tests and the demo (no account,
// no token). Sender is the notify worker's adapter of channel "zalo".
package zalo

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"tuphap/internal/notify"
)

// TemplateMessage is one ZNS message.
type TemplateMessage struct {
	TenantID   string            `json:"-"`
	Phone      string            `json:"phone"` // 84xxxxxxxxx
	TemplateID string            `json:"template_id"`
	Data       map[string]string `json:"template_data"`
	TrackingID string            `json:"tracking_id"` // ours: the outbox message's ID
}

// ZNS sends template messages. An error wrapped with notify.Permanent
// means retrying cannot help (no Zalo account on that number, template
// refused); others are retried.
type ZNS interface {
	SendTemplate(ctx context.Context, m TemplateMessage) (msgID string, err error)
}

// Sender is the notify.Sender of channel "zalo": the notice's text is the
// "noi_dung" parameter of the agency's template, the dossier's code its
// "ma_ho_so" (Message.Subject).
type Sender struct {
	ZNS        ZNS
	TemplateID string // default "tuphap-thong-bao-ho-so"
}

// Send implements notify.Sender.
func (s *Sender) Send(ctx context.Context, m notify.Message) error {
	_, err := s.SendRef(ctx, m)
	return err
}

// SendRef implements notify.RefSender: the reference is Zalo's message ID.
func (s *Sender) SendRef(ctx context.Context, m notify.Message) (string, error) {
	to, ok := notify.NormalizePhone(m.To)
	if !ok {
		return "", notify.Permanent(errors.New("zalo: số điện thoại người nhận không hợp lệ"))
	}
	tpl := s.TemplateID
	if tpl == "" {
		tpl = "tuphap-thong-bao-ho-so"
	}
	text := strings.TrimSpace(m.Body)
	if len([]rune(text)) > 400 {
		return "", notify.Permanent(errors.New("zalo: nội dung quá dài cho mẫu tin"))
	}
	return s.ZNS.SendTemplate(ctx, TemplateMessage{TenantID: m.TenantID, Phone: "84" + to[1:], TemplateID: tpl,
		Data: map[string]string{"ma_ho_so": m.Subject, "noi_dung": text}, TrackingID: m.ID})
}

// Client is the ZNS API over HTTP.
type Client struct {
	BaseURL     string // default https://business.openapi.zalo.me
	AccessToken string // the Official Account's token
	HTTP        *http.Client
}

// SendTemplate implements ZNS.
func (c *Client) SendTemplate(ctx context.Context, m TemplateMessage) (string, error) {
	base := c.BaseURL
	if base == "" {
		base = "https://business.openapi.zalo.me"
	}
	status, raw, err := notify.PostJSON(ctx, c.HTTP, strings.TrimRight(base, "/")+"/message/template", m,
		func(h http.Header) { h.Set("access_token", c.AccessToken) })
	if err != nil {
		return "", err
	}
	if status >= 500 {
		return "", fmt.Errorf("zalo: HTTP %d", status)
	}
	var out struct {
		Error   int    `json:"error"`
		Message string `json:"message"`
		Data    struct {
			MsgID string `json:"msg_id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("zalo: unreadable answer (HTTP %d)", status)
	}
	if out.Error != 0 {
		err := fmt.Errorf("zalo: error %d: %s", out.Error, out.Message)
		if Retryable(out.Error) {
			return "", err
		}
		return "", notify.Permanent(err)
	}
	if out.Data.MsgID == "" {
		return "", errors.New("zalo: answer without msg_id")
	}
	return out.Data.MsgID, nil
}

// Retryable says which ZNS error codes may succeed later: an expired or
// refreshed token (-124), quota or rate limits (-1, -32, -1200s), the
// service busy. The others (no Zalo account, template not approved, bad
// parameters) are permanent.
func Retryable(code int) bool {
	switch code {
	case -1, -32, -124, -1204, -1227:
		return true
	}
	return false
}

// Reply is a citizen's answer as the webhook posts it: the user's phone,
// the text, Zalo's ID of the message answered and of the reply.
type Reply struct {
	Tenant    string    `json:"tenant"` // the agency's code (one webhook per Official Account)
	Phone     string    `json:"phone"`
	Text      string    `json:"text"`
	InReplyTo string    `json:"reply_to_msg_id"`
	MsgID     string    `json:"msg_id"`
	At        time.Time `json:"timestamp"`
}

// Sign is the webhook's signature: hex HMAC-SHA256 of the body with the
// shared secret, sent in the X-Signature header.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify checks a webhook's signature in constant time.
func Verify(secret, body []byte, sig string) bool {
	want, err := hex.DecodeString(strings.TrimSpace(sig))
	if err != nil || len(secret) == 0 {
		return false
	}
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return hmac.Equal(m.Sum(nil), want)
}

// Package smsbrand sends text messages through a telecom's brandname SMS
// API (issue 25 item 7): the agency's registered brandname (e.g.
// "STP-TINH") as the sender, the message's outbox ID as the request ID so
// that a retried call is not charged twice, and the provider's message ID
// kept in the dossier's message log. It implements notify.SMSRefGateway;
// notify.SMSSimulator is the simulator used by the tests and the demo.
//
// The providers (VNPT, Viettel, MobiFone and resellers) differ in details;
// this adapter speaks the common JSON form: POST {base}/sms/send with
// {"brandname","phone","message","request_id"} under HTTP basic
// authentication, answered {"code":"00","message_id":"…"} on success.
package smsbrand

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"tuphap/internal/notify"
)

// Gateway is a brandname SMS provider.
type Gateway struct {
	BaseURL    string
	Brandname  string
	User, Pass string
	HTTP       *http.Client
}

var _ notify.SMSRefGateway = (*Gateway)(nil)

// SendSMS implements notify.SMSGateway.
func (g *Gateway) SendSMS(ctx context.Context, s notify.TextMessage) error {
	_, err := g.SendSMSRef(ctx, s)
	return err
}

// SendSMSRef implements notify.SMSRefGateway.
func (g *Gateway) SendSMSRef(ctx context.Context, s notify.TextMessage) (string, error) {
	if g.BaseURL == "" || g.Brandname == "" {
		return "", errors.New("smsbrand: gateway not configured")
	}
	status, raw, err := notify.PostJSON(ctx, g.HTTP, strings.TrimRight(g.BaseURL, "/")+"/sms/send",
		map[string]string{"brandname": g.Brandname, "phone": s.To, "message": s.Text, "request_id": s.Key},
		func(h http.Header) { h.Set("Authorization", basicAuth(g.User, g.Pass)) })
	if err != nil {
		return "", err
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return "", notify.Permanent(fmt.Errorf("smsbrand: HTTP %d: credentials refused", status))
	case status >= 500 || status == http.StatusTooManyRequests:
		return "", fmt.Errorf("smsbrand: HTTP %d", status)
	}
	var out struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		MessageID string `json:"message_id"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("smsbrand: unreadable answer (HTTP %d)", status)
	}
	switch out.Code {
	case "00":
		if out.MessageID == "" {
			return "", errors.New("smsbrand: answer without message_id")
		}
		return out.MessageID, nil
	case "99":
		return "", fmt.Errorf("smsbrand: provider busy: %s", out.Message)
	default:
		return "", notify.Permanent(fmt.Errorf("smsbrand: refused (code %s): %s", out.Code, out.Message))
	}
}

// basicAuth is the Authorization header of HTTP basic authentication.
func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

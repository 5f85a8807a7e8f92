package zalo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"tuphap/internal/notify"
)

// Simulator is ZNS in memory. Zalo's message ID is "zns-" and the tracking
// ID, so a retried send gets the same ID; a number ending in "000" has no
// Zalo account (ZNS error -108, permanent); FailNext injects outages. It
// also plays the citizen: Reply builds the signed webhook call of an
// answer. Safe for concurrent use.
type Simulator struct {
	Now func() time.Time

	mu       sync.Mutex
	sent     []Sent
	byID     map[string]int
	failNext int
	replies  int
}

// Sent is a message the simulator delivered.
type Sent struct {
	TemplateMessage
	MsgID string
	At    time.Time
}

func (s *Simulator) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// FailNext makes the next n sends fail as an outage.
func (s *Simulator) FailNext(n int) {
	s.mu.Lock()
	s.failNext = n
	s.mu.Unlock()
}

// SendTemplate implements ZNS.
func (s *Simulator) SendTemplate(ctx context.Context, m TemplateMessage) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failNext > 0 {
		s.failNext--
		return "", errors.New("zalo simulator: service unavailable")
	}
	if strings.HasSuffix(m.Phone, "000") {
		return "", notify.Permanent(fmt.Errorf("zalo: error -108: phone number has no Zalo account"))
	}
	if m.TrackingID == "" || m.TemplateID == "" {
		return "", notify.Permanent(errors.New("zalo: error -1: missing template or tracking ID"))
	}
	id := "zns-" + m.TrackingID
	if s.byID == nil {
		s.byID = map[string]int{}
	}
	if _, ok := s.byID[id]; ok {
		return id, nil
	}
	s.byID[id] = len(s.sent)
	s.sent = append(s.sent, Sent{TemplateMessage: m, MsgID: id, At: s.now().UTC()})
	if len(s.sent) > 500 {
		s.sent = s.sent[1:]
		for k := range s.byID {
			s.byID[k]--
		}
	}
	return id, nil
}

// Inbox returns a tenant's delivered messages, newest first.
func (s *Simulator) Inbox(tenantID string) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sent
	for i := len(s.sent) - 1; i >= 0; i-- {
		if s.sent[i].TenantID == tenantID {
			out = append(out, s.sent[i])
		}
	}
	return out
}

// Reply is the webhook call Zalo would make when the citizen who got
// message msgID answers text: the JSON body and its signature.
func (s *Simulator) Reply(secret []byte, tenantCode, msgID, text string) (body []byte, sig string, err error) {
	s.mu.Lock()
	i, ok := s.byID[msgID]
	var phone string
	if ok {
		phone = s.sent[i].Phone
	}
	s.replies++
	n := s.replies
	s.mu.Unlock()
	if !ok {
		return nil, "", fmt.Errorf("zalo simulator: unknown message %s", msgID)
	}
	body, err = json.Marshal(Reply{Tenant: tenantCode, Phone: phone, Text: text, InReplyTo: msgID,
		MsgID: fmt.Sprintf("zns-reply-%s-%d", strings.TrimPrefix(msgID, "zns-"), n), At: s.now().UTC()})
	return body, Sign(secret, body), err
}

package web

import (
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/notify"
	"tuphap/internal/sqlstore"
)

// outboxStatuses are the outbox states in display order, with their names.
var outboxStatuses = []struct{ Key, Label string }{
	{"pending", "Chờ gửi"}, {"leased", "Đang gửi"}, {"done", "Đã gửi"}, {"dead", "Gửi thất bại"},
}

func outboxLabel(st string) string {
	for _, s := range outboxStatuses {
		if s.Key == st {
			return s.Label
		}
	}
	return st
}

type outboxRow struct {
	sqlstore.OutboxEntry
	Recipient string // masked
	Label     string
}

type outboxPage struct {
	Status   string
	Statuses []struct{ Key, Label string }
	Counts   map[string]int
	Rows     []outboxRow
	Inbox    []notify.SimulatedSMS
	HasSMS   bool
}

func (*outboxPage) title() string { return "Thông báo gửi đi" }

// outboxList shows the tenant's recent notifications with their delivery
// state, the last error of failed ones (requeue button for dead ones), and
// the inbox of the SMS simulator.
func (s *Server) outboxList(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	st := r.URL.Query().Get("status")
	if outboxLabel(st) == st {
		st = ""
	}
	list, err := s.db.OutboxList(r.Context(), p.TenantID, sqlstore.OutboxFilter{Status: st, Limit: 200})
	if err != nil {
		return err
	}
	page := &outboxPage{Status: st, Statuses: outboxStatuses, HasSMS: s.sms != nil}
	if page.Counts, err = s.db.OutboxCounts(r.Context(), p.TenantID); err != nil {
		return err
	}
	for _, e := range list {
		page.Rows = append(page.Rows, outboxRow{OutboxEntry: e, Recipient: maskRecipient(e.To), Label: outboxLabel(e.Status)})
	}
	if s.sms != nil {
		page.Inbox = s.sms.Inbox(p.TenantID)
		for i := range page.Inbox {
			page.Inbox[i].To = notify.MaskPhone(page.Inbox[i].To)
		}
	}
	s.renderPage(w, r, http.StatusOK, "outbox", page)
	return nil
}

// outboxRequeue puts a dead notification back in the queue.
func (s *Server) outboxRequeue(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	id := r.PathValue("id")
	if len(id) > 64 {
		return apperr.New(apperr.NotFound, "Không tìm thấy thông báo.")
	}
	if err := s.db.RequeueOutbox(r.Context(), actor(r), p.TenantID, id); err != nil {
		return err
	}
	if s.nudge != nil {
		s.nudge()
	}
	return s.redirectFlash(w, r, "/admin/outbox", "outbox-requeued")
}

// maskRecipient hides most of a phone number or of an e-mail's local part:
// the list is for checking delivery, not for reading contact data.
func maskRecipient(to string) string {
	if local, domain, ok := strings.Cut(to, "@"); ok {
		r := []rune(local)
		if len(r) > 2 {
			local = string(r[:2]) + strings.Repeat("*", len(r)-2)
		}
		return local + "@" + domain
	}
	return notify.MaskPhone(to)
}

package web

import (
	"net/http"
	"regexp"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
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
	// Content: the officer may read message bodies, which hold look-up
	// PINs and applicants' names (only roles that may view dossiers).
	Content  bool
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
	list, err := s.db.Outbox().OutboxList(r.Context(), p.TenantID, sqlstore.OutboxFilter{Status: st, Limit: 200})
	if err != nil {
		return err
	}
	page := &outboxPage{Status: st, Statuses: outboxStatuses, HasSMS: s.sms != nil, Content: p.Can(auth.ViewDossiers)}
	if page.Counts, err = s.db.Outbox().OutboxCounts(r.Context(), p.TenantID); err != nil {
		return err
	}
	for _, e := range list {
		if !page.Content {
			// Issue 12 §10: the administrator runs the queue without
			// reading PINs or personal data.
			e.Body, e.LastError = "", maskPersonal(e.LastError)
		}
		page.Rows = append(page.Rows, outboxRow{OutboxEntry: e, Recipient: maskRecipient(e.To), Label: outboxLabel(e.Status)})
	}
	if s.sms != nil {
		page.Inbox = s.sms.Inbox(p.TenantID)
		for i := range page.Inbox {
			page.Inbox[i].To = notify.MaskPhone(page.Inbox[i].To)
			if !page.Content {
				page.Inbox[i].Text = ""
			}
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
	if err := s.db.Outbox().RequeueOutbox(r.Context(), actor(r), p.TenantID, id); err != nil {
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

var (
	digitRunRe = regexp.MustCompile(`[0-9][0-9 .]{4,}[0-9]`)
	emailRe    = regexp.MustCompile(`[^\s<>@]+@[^\s<>@]+`)
)

// maskPersonal hides numbers of six digits or more (PINs, ID numbers,
// phone numbers) and e-mail addresses in a delivery error.
func maskPersonal(s string) string {
	s = emailRe.ReplaceAllString(s, "***@***")
	return digitRunRe.ReplaceAllStringFunc(s, func(m string) string {
		n := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		if n < 6 {
			return m
		}
		return "******"
	})
}

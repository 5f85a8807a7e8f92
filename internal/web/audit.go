package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

type auditPage struct {
	// The filters as typed, their error, and the officers to pick from.
	Actor, Object, From, To string
	Error                   string
	Officers                []org.Officer
	Entries                 []audit.Entry
	Checked                 int64
	Intact                  bool
	Problem                 string
	NextSeq                 int64
	Verified                bool
}

func (*auditPage) title() string { return "Nhật ký hệ thống" }

const auditPageSize = 50

// auditList shows the audit log, newest first, and verifies the chain on
// request.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	page := &auditPage{Actor: strings.TrimSpace(q.Get("actor")), Object: strings.TrimSpace(q.Get("object")), From: q.Get("from"), To: q.Get("to")}
	f := sqlstore.AuditFilter{Actor: page.Actor, Object: page.Object}
	var msgs []string
	if len(page.Actor) > 64 || len(page.Object) > 200 {
		msgs = append(msgs, "Người thực hiện hoặc đối tượng quá dài.")
	}
	for _, d := range []struct {
		val, label string
		to         *calendar.Date
	}{{page.From, "Từ ngày", &f.From}, {page.To, "Đến ngày", &f.To}} {
		if d.val == "" {
			continue
		}
		day, err := calendar.ParseDate(d.val)
		if err != nil {
			day, err = calendar.ParseDateVN(d.val)
		}
		if err != nil {
			msgs = append(msgs, d.label+": ngày không hợp lệ (dd/mm/yyyy).")
			continue
		}
		*d.to = day
	}
	var err error
	if page.Officers, err = s.db.Org().Officers(r.Context(), p.TenantID); err != nil {
		return err
	}
	status := http.StatusOK
	if len(msgs) > 0 {
		page.Error, status = strings.Join(msgs, " "), http.StatusBadRequest
	} else {
		if page.Entries, err = s.db.Audit().AuditSearch(r.Context(), p.TenantID, f, before, auditPageSize); err != nil {
			return err
		}
		if len(page.Entries) == auditPageSize {
			page.NextSeq = page.Entries[len(page.Entries)-1].Seq
		}
	}
	if r.URL.Query().Get("verify") == "1" {
		page.Verified = true
		page.Checked, err = s.db.Audit().VerifyAudit(r.Context(), p.TenantID)
		if err != nil {
			if be, ok := err.(*audit.BrokenError); ok {
				page.Problem = be.Error()
			} else {
				return err
			}
		} else {
			page.Intact = true
		}
	}
	s.renderPage(w, r, status, "audit", page)
	return nil
}

// NextLink is the next page with the same filters.
func (p *auditPage) NextLink() string {
	v := url.Values{"before": {strconv.FormatInt(p.NextSeq, 10)}}
	for k, x := range map[string]string{"actor": p.Actor, "object": p.Object, "from": p.From, "to": p.To} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return "/admin/audit?" + v.Encode()
}

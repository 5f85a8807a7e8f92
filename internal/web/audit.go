package web

import (
	"net/http"
	"strconv"

	"tuphap/internal/audit"
)

type auditPage struct {
	Entries  []audit.Entry
	Checked  int64
	Intact   bool
	Problem  string
	NextSeq  int64
	Verified bool
}

func (*auditPage) title() string { return "Nhật ký hệ thống" }

const auditPageSize = 50

// auditList shows the audit log, newest first, and verifies the chain on
// request.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	entries, err := s.db.AuditLog(r.Context(), p.TenantID, before, auditPageSize)
	if err != nil {
		return err
	}
	page := &auditPage{Entries: entries}
	if len(entries) == auditPageSize {
		page.NextSeq = entries[len(entries)-1].Seq
	}
	if r.URL.Query().Get("verify") == "1" {
		page.Verified = true
		page.Checked, err = s.db.VerifyAudit(r.Context(), p.TenantID)
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
	s.renderPage(w, r, http.StatusOK, "audit", page)
	return nil
}

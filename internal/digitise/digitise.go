// Package digitise keeps the digitised copies of a dossier's papers and its
// electronic results, and offers them for reuse (Decree 45/2020/NĐ-CP on
// administrative procedures by electronic means; Decree 107/2021/NĐ-CP
// amending Decree 61/2018/NĐ-CP: papers received at the desk are
// digitised, results are issued electronically, and digitised papers still
// valid are reused instead of asking the citizen again). The copies of an
// applicant are also what the citizen's electronic data store (kho dữ liệu
// điện tử của tổ chức, cá nhân) on the national portal receives; tuphap
// keeps them itself (the store's push is simulated by the record).
//
// Plain Go: types, rules and the indicators of Decision 766 group 4; SQL is
// in sqlstore (DigitisedStore).
package digitise

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
)

// Kind says what a copy is.
type Kind string

const (
	Component Kind = "component" // a paper of the dossier, digitised at the desk
	Result    Kind = "result"    // the electronic result
)

// Copy is one digitised document.
type Copy struct {
	TenantID  string
	ID        string
	DossierID string
	// OwnerID is the applicant's ID number: a returning applicant's
	// copies are found by it.
	OwnerID   string
	Kind      Kind
	Component string // the component's name ("Căn cước công dân")
	// DocCode is the document code: "<dossier code>-TP<n>" for a
	// component, "<dossier code>-KQ<n>" for a result.
	DocCode    string
	SHA256     string
	MediaType  string
	Size       int64
	ValidUntil calendar.Date // zero: no expiry
	Officer    string        // who digitised it
	// ReusedFrom is the copy this one reuses ("" for a fresh copy); a
	// reused copy has no content of its own.
	ReusedFrom string
	CreatedAt  time.Time
}

// MaxSize bounds a scanned file.
const MaxSize = 10 << 20

// Validate checks a new copy: all mistakes at once.
func (c Copy) Validate(data []byte) error {
	var bad apperr.FieldList
	if strings.TrimSpace(c.Component) == "" || utf8.RuneCountInString(c.Component) > 300 {
		bad.Add("component", "Cần ghi tên thành phần hồ sơ (tối đa 300 ký tự).")
	}
	if c.Kind != Component && c.Kind != Result {
		bad.Add("kind", "Loại bản số hóa không hợp lệ.")
	}
	if c.ReusedFrom == "" {
		switch {
		case len(data) == 0:
			bad.Add("file", "Cần tải lên bản quét hoặc tệp của giấy tờ.")
		case len(data) > MaxSize:
			bad.Add("file", "Tệp quá lớn (tối đa 10 MB).")
		case c.MediaType != "application/pdf" && c.MediaType != "image/jpeg" && c.MediaType != "image/png":
			bad.Add("file", "Chỉ nhận tệp PDF, JPEG hoặc PNG.")
		}
	}
	if strings.TrimSpace(c.OwnerID) == "" {
		bad.Add("owner", "Hồ sơ chưa có số định danh của người nộp: không lưu được vào kho dữ liệu của người nộp.")
	}
	return bad.Err()
}

// Sum is the SHA-256 of a file, hex.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// DocCode numbers the n-th copy of its kind for a dossier.
func DocCode(dossierRef string, k Kind, n int) string {
	p := "TP"
	if k == Result {
		p = "KQ"
	}
	return fmt.Sprintf("%s-%s%d", dossierRef, p, n)
}

// Reusable picks, from an applicant's earlier copies, those that may be
// reused for a new dossier on day on: fresh (not themselves reuses),
// components or results, still valid, not of the same dossier; the newest
// copy per component name.
func Reusable(earlier []Copy, dossierID string, on calendar.Date) []Copy {
	seen := map[string]bool{}
	var out []Copy
	for _, c := range earlier { // newest first
		key := strings.ToLower(strings.TrimSpace(c.Component))
		switch {
		case c.DossierID == dossierID, c.ReusedFrom != "", seen[key]:
			continue
		case !c.ValidUntil.IsZero() && c.ValidUntil.Before(on):
			continue
		}
		seen[key] = true
		out = append(out, c)
	}
	return out
}

// Reuse is the copy a new dossier makes of an earlier one.
func Reuse(from Copy, dossierID, docCode, officer string, at time.Time) Copy {
	return Copy{TenantID: from.TenantID, DossierID: dossierID, OwnerID: from.OwnerID, Kind: Component, Component: from.Component,
		DocCode: docCode, SHA256: from.SHA256, MediaType: from.MediaType, Size: from.Size, ValidUntil: from.ValidUntil,
		Officer: officer, ReusedFrom: from.ID, CreatedAt: at}
}

// Store keeps the copies.
type Store interface {
	// InsertCopy numbers the copy's document code from ref (the
	// dossier's code) in its transaction, stores it with its content and
	// the audit entry, and returns it.
	InsertCopy(ctx context.Context, c Copy, ref string, data []byte, by audit.Actor) (Copy, error)
	OwnerCopies(ctx context.Context, tenantID, ownerID string) ([]Copy, error)
	DossierCopies(ctx context.Context, tenantID, dossierID string) ([]Copy, error)
}

// Service holds the use cases.
type Service struct {
	Store Store
	Now   func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Digitise stores a scanned paper or an electronic result of a dossier.
func (s *Service) Digitise(ctx context.Context, by audit.Actor, c Copy, ref string, data []byte) (Copy, error) {
	c.SHA256, c.Size, c.Officer, c.CreatedAt, c.ReusedFrom = Sum(data), int64(len(data)), by.Name, s.now(), ""
	if err := c.Validate(data); err != nil {
		return Copy{}, err
	}
	return s.Store.InsertCopy(ctx, c, ref, data, by)
}

// Offer lists an applicant's copies that a new dossier may reuse.
func (s *Service) Offer(ctx context.Context, tenantID, ownerID, dossierID string) ([]Copy, error) {
	if strings.TrimSpace(ownerID) == "" {
		return nil, nil
	}
	all, err := s.Store.OwnerCopies(ctx, tenantID, ownerID)
	if err != nil {
		return nil, err
	}
	return Reusable(all, dossierID, calendar.DateOf(s.now())), nil
}

// ReuseFor records that the dossier reuses an earlier copy of the same
// applicant instead of a new paper.
func (s *Service) ReuseFor(ctx context.Context, by audit.Actor, tenantID, fromID, dossierID, ownerID, ref string) (Copy, error) {
	offer, err := s.Offer(ctx, tenantID, ownerID, dossierID)
	if err != nil {
		return Copy{}, err
	}
	for _, c := range offer {
		if c.ID == fromID {
			return s.Store.InsertCopy(ctx, Reuse(c, dossierID, "", by.Name, s.now()), ref, nil, by)
		}
	}
	return Copy{}, apperr.New(apperr.Conflict, "Bản số hóa này không dùng lại được cho hồ sơ (không phải của người nộp, đã hết hiệu lực hoặc đã dùng).")
}

package practitioner

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"strings"

	"tuphap/internal/apperr"
)

// The organisations' own reporting: the department issues each practising
// organisation a reporting code (its account on the portal); with its
// registration number and that code the organisation files its periodic
// figures itself. Only the code's hash is kept; issuing a new code
// replaces the old one.

func hashKey(code string) string {
	sum := sha256.Sum256([]byte(strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), "-", ""))))
	return hex.EncodeToString(sum[:])
}

// IssueFilingKey makes a new reporting code for an organisation and returns
// it (shown once to the officer, who hands it to the organisation).
func (s *Service) IssueFilingKey(ctx context.Context, a Actor, sc Scope, orgID string) (string, error) {
	o, err := s.Store.Org(ctx, sc.TenantID, orgID)
	if err != nil {
		return "", err
	}
	if o.Status.Ended() {
		return "", apperr.New(apperr.Conflict, "Tổ chức không còn hoạt động.")
	}
	if o.RegNo == "" {
		return "", apperr.New(apperr.Invalid, "Tổ chức chưa có số giấy đăng ký hoạt động để đăng nhập báo cáo.")
	}
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	raw := base32.StdEncoding.EncodeToString(b) // 16 characters, 80 bits
	code := raw[:4] + "-" + raw[4:8] + "-" + raw[8:12] + "-" + raw[12:]
	err = s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		if err := tx.SetFilingKey(ctx, sc.TenantID, orgID, hashKey(code)); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.filing_key", "practitioner_org:"+orgID, "cấp mã báo cáo")
	})
	return code, err
}

// SignInOrg finds the organisation a registration number and reporting
// code belong to; a wrong pair is one message, whichever part is wrong.
func (s *Service) SignInOrg(ctx context.Context, sc Scope, regNo, code string) (Organisation, error) {
	wrong := apperr.Field("code", "Số giấy đăng ký hoạt động hoặc mã báo cáo không đúng.")
	regNo = strings.TrimSpace(regNo)
	if regNo == "" || strings.TrimSpace(code) == "" {
		return Organisation{}, wrong
	}
	o, key, err := s.Store.FilingKey(ctx, sc.TenantID, regNo)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			hashKey(code) // the same work either way
			return Organisation{}, wrong
		}
		return Organisation{}, err
	}
	if key == "" || subtle.ConstantTimeCompare([]byte(key), []byte(hashKey(code))) != 1 {
		return Organisation{}, wrong
	}
	return o, nil
}

// FileAsOrg is an organisation filing its own report with its reporting code.
func (s *Service) FileAsOrg(ctx context.Context, sc Scope, regNo, code string, prof Profession, year int, p ReportPeriod, figs map[string]int64, note string) (Filing, Organisation, error) {
	o, err := s.SignInOrg(ctx, sc, regNo, code)
	if err != nil {
		return Filing{}, o, err
	}
	if prof != "" && o.Profession != prof {
		// Refused before anything is stored: the figures were typed in
		// another profession's form.
		return Filing{}, o, apperr.Field("linh-vuc", "Biểu đã chọn không phải của lĩnh vực hành nghề của tổ chức.")
	}
	f, err := s.File(ctx, Actor{ID: "org:" + o.ID, Name: o.Name}, sc, o.ID, year, p, figs, note)
	return f, o, err
}

package judicialrecord

import (
	"context"
	"errors"
	"strings"

	"tuphap/internal/apperr"
)

// Reading criminal-record data (issue 12 §14): the officer chooses the legal
// ground of the read, writes what the read is for in words of real length,
// and names the request (dossier code) it serves where there is one. The
// audit entry keeps all three.

// ReadReason is why an officer reads criminal-record data.
type ReadReason struct {
	Ground      string // a ReadGrounds key
	Text        string // what for, in the officer's words
	RequestCode string // the dossier (request) the read serves, if any
}

// ReadGround is a legal ground for reading criminal-record data.
type ReadGround struct {
	Key, Label string
	// Source cites the provision; Unverified marks a citation not checked
	// against the published text.
	Source     string
	Unverified bool
	// NeedsRequest: a read on this ground serves a request, whose code is
	// required.
	NeedsRequest bool
}

// ReadGrounds are the grounds an officer may choose (data: the articles are
// the Law on Judicial Records 28/2009/QH12 as summarised in
// research/domain.md; not checked against the text, hence Unverified).
var ReadGrounds = []ReadGround{
	{Key: "certificate_request", Label: "Giải quyết yêu cầu cấp Phiếu lý lịch tư pháp", NeedsRequest: true,
		Source: "Luật Lý lịch tư pháp 2009, Điều 44-48 (thủ tục cấp Phiếu)", Unverified: true},
	{Key: "proceedings", Label: "Cung cấp thông tin theo yêu cầu của cơ quan tiến hành tố tụng",
		Source: "Luật Lý lịch tư pháp 2009, Điều 7 khoản 1, Điều 45 (Phiếu số 2 cho cơ quan tiến hành tố tụng)", Unverified: true},
	{Key: "register_update", Label: "Cập nhật, đối chiếu thông tin lý lịch tư pháp về án tích (kể cả xóa án tích)",
		Source: "Luật Lý lịch tư pháp 2009, Chương III (cập nhật, xử lý thông tin)", Unverified: true},
	{Key: "inspection", Label: "Thanh tra, kiểm tra theo quyết định của cơ quan có thẩm quyền",
		Source: "Luật Lý lịch tư pháp 2009, Điều 8 (quản lý nhà nước, thanh tra, kiểm tra)", Unverified: true},
}

// MinReasonText is the shortest account of a read accepted: a word or two
// ("Tò mò", "Kiểm tra") is not a reason.
const MinReasonText = 20

func groundOf(key string) (ReadGround, bool) {
	for _, g := range ReadGrounds {
		if g.Key == key {
			return g, true
		}
	}
	return ReadGround{}, false
}

// checkReason validates why and returns the audit text. tiedCode is the
// request the read is about by its nature (a request's declared
// convictions, a certificate's dossier), "" otherwise.
func (s *Service) checkReason(ctx context.Context, tenantID string, why ReadReason, tiedCode string) (string, error) {
	g, ok := groundOf(strings.TrimSpace(why.Ground))
	if !ok {
		return "", apperr.Field("ground", "Cần chọn căn cứ pháp lý của việc xem thông tin án tích.")
	}
	text := clean(why.Text)
	switch n := len([]rune(text)); {
	case n < MinReasonText:
		return "", apperr.Field("reason", "Cần ghi rõ lý do xem thông tin án tích (ít nhất 20 ký tự).")
	case n > 500:
		return "", apperr.Field("reason", "Lý do không được dài quá 500 ký tự.")
	}
	code := strings.ToUpper(strings.TrimSpace(why.RequestCode))
	if tiedCode != "" {
		code = tiedCode
	} else if code != "" {
		d, err := s.Dossiers.Store.Dossier(ctx, tenantID, code)
		if errors.Is(err, apperr.ErrNotFound) || (err == nil && d.Code != code) {
			return "", apperr.Field("request_code", "Không tìm thấy hồ sơ yêu cầu "+code+" của cơ quan.")
		}
		if err != nil {
			return "", err
		}
	}
	if g.NeedsRequest && code == "" {
		return "", apperr.Field("request_code", "Căn cứ “"+g.Label+"” cần mã hồ sơ yêu cầu cấp Phiếu.")
	}
	out := "Căn cứ: " + g.Label + "; lý do: " + text
	if code != "" {
		out += "; hồ sơ " + code
	}
	return out, nil
}

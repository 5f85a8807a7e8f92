package dossier

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
)

// Fee exemptions (issue 14 item 5): Law on Fees and Charges 2015 Art. 10
// leaves the exempt payers to each fee's regulation, so the desk records
// the ground from the list (Circular 244/2016/TT-BTC, 281/2016/TT-BTC,
// Decree 114/2016/NĐ-CP) or, for another case, names the document; an
// exempt dossier owes nothing and gets its result without a receipt.
func TestRecordExemption(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	acc := now.Add(-time.Hour)
	clerk := Actor{ID: "o1", Name: "motcua", Role: "reception_clerk"}
	base := func() Dossier {
		return Dossier{Fee: 3_000_000, Status: Processing, AcceptedAt: &acc}
	}
	tests := []struct {
		name          string
		mod           func(*Dossier)
		a             Actor
		ground, basis string
		code          apperr.Code
		msg           string
	}{
		{"stateless person in hardship (TT 281/2016)", nil, clerk, "stateless_hardship", "", "", ""},
		{"other ground, document named", nil, clerk, GroundOther, "Nghị định 114/2016/NĐ-CP, Điều 6", "", ""},
		{"other ground without the document", nil, clerk, GroundOther, "có", apperr.Invalid, "văn bản quy phạm"},
		{"unknown ground", nil, clerk, "friend", "", apperr.Invalid, "Cần chọn căn cứ"},
		{"not the desk", nil, Actor{Role: "specialist"}, "child", "", apperr.Forbidden, "Bộ phận Một cửa"},
		{"no fee due", func(d *Dossier) { d.Fee = 0 }, clerk, "child", "", apperr.Conflict, "không phải nộp"},
		{"already paid", func(d *Dossier) { d.FeeReceipt = &FeeReceipt{Number: "1"} }, clerk, "child", "", apperr.Conflict, "đã được nộp"},
		{"paid online", func(d *Dossier) { d.PaidOnline = true }, clerk, "child", "", apperr.Conflict, "đã được nộp"},
		{"already exempt", func(d *Dossier) { d.FeeExemption = &FeeExemption{} }, clerk, "child", "", apperr.Conflict, "đã được ghi nhận"},
		{"not accepted", func(d *Dossier) { d.AcceptedAt = nil }, clerk, "child", "", apperr.Conflict, "đã tiếp nhận"},
		{"withdrawn", func(d *Dossier) { d.Ended = EndWithdrawn }, clerk, "child", "", apperr.Conflict, "chưa kết thúc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			if tt.mod != nil {
				tt.mod(&d)
			}
			ev, err := RecordExemption(&d, tt.ground, tt.basis, "", tt.a, now)
			if tt.code != "" {
				if apperr.CodeOf(err) != tt.code || !strings.Contains(apperr.As(err).Error(), tt.msg) && !fieldsContain(err, tt.msg) {
					t.Fatalf("err = %v, want %s containing %q", err, tt.code, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.FeeExemption == nil || d.FeeExemption.Amount != 3_000_000 || d.FeeExemption.Basis == "" || !FeeSettled(&d) ||
				ev.Action != ActExemptFee || !strings.Contains(ev.Detail, "3.000.000") {
				t.Fatalf("exemption %+v event %+v", d.FeeExemption, ev)
			}
		})
	}
	// A dossier waiting for its fee resumes processing; the fee can no
	// longer be collected.
	d := base()
	d.Status = FeeWaiting
	ev, err := RecordExemption(&d, "child", "", "", clerk, now)
	if err != nil || d.Status != Processing || ev.From != FeeWaiting || ev.To != Processing {
		t.Fatalf("fee waiting: %v %d", err, d.Status)
	}
	if err := mayCollectFee(&d, clerk); apperr.CodeOf(err) != apperr.Conflict || !strings.Contains(err.Error(), "miễn") {
		t.Fatalf("collect after exemption: %v", err)
	}
}

func fieldsContain(err error, s string) bool {
	for _, m := range apperr.As(err).Fields {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

package dossier

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
)

// TestFeeBeforeResult (issue 14 item 5): no result is returned while a due
// fee is unpaid; a dossier with no fee (or exempt: fee 0), paid online, or
// paid at the desk against a receipt carrying the receipt's form, series
// and number (Decree 123/2020/NĐ-CP Art. 32; Circular 78/2021/TT-BTC) is.
func TestFeeBeforeResult(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	desk := Actor{Name: "motcua", Role: "reception_clerk", UnitCode: "MOTCUA"}
	ready := func(fee int64) *Dossier {
		return &Dossier{ID: "d1", Status: ResultReady, Ended: EndResult, AcceptedAt: &now, FinishedAt: &now, Fee: fee,
			ProcedureName: "Bổ nhiệm công chứng viên", Applicant: Applicant{FullName: "Lê Hoàng Phúc", IDNumber: "082092007788"}}
	}
	rc := FeeReceipt{Form: "01BLP0-001", Series: "BL-26E", Number: "0000001", Amount: 3_500_000}
	for _, c := range []struct {
		name string
		d    func() *Dossier
		want apperr.Code
	}{
		{"fee unpaid", func() *Dossier { return ready(3_500_000) }, apperr.Conflict},
		{"no fee, or exempt", func() *Dossier { return ready(0) }, ""},
		{"paid online", func() *Dossier { d := ready(3_500_000); d.PaidOnline = true; return d }, ""},
		{"paid at the desk", func() *Dossier {
			d := ready(3_500_000)
			if _, err := RecordFee(d, rc, desk, now); err != nil {
				t.Fatal(err)
			}
			return d
		}, ""},
	} {
		_, err := Apply(c.d(), ActReturn, desk, Input{}, Env{Now: now})
		if apperr.CodeOf(err) != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if c.want != "" && !strings.Contains(err.Error(), "3.500.000 đồng") {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// The receipt must be whole and of the dossier's fee; once only; by the desk.
	d := ready(3_500_000)
	for _, bad := range []FeeReceipt{{Form: "01BLP0-001", Series: "BL-26E", Number: "1", Amount: 100}, {Series: "BL-26E", Number: "1", Amount: 3_500_000}} {
		if _, err := RecordFee(d, bad, desk, now); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("bad receipt %+v: %v", bad, err)
		}
	}
	if _, err := RecordFee(d, rc, Actor{Name: "cv", Role: "specialist", UnitCode: "HCTP"}, now); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("a specialist collects: %v", err)
	}
	if _, err := RecordFee(d, rc, desk, now); err != nil || d.FeeReceipt.By != "motcua" {
		t.Fatal(err)
	}
	if _, err := RecordFee(d, rc, desk, now); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("a second receipt: %v", err)
	}
	if r := FeeRequestFor(&Dossier{ID: "x", Fee: 5, ProcedureName: "P", Applicant: Applicant{FullName: "A", Organisation: "Công ty B", TaxCode: "0101234567"}}, "Sở"); r.Payer != "Công ty B" || r.PayerTax != "0101234567" || r.Ref != "x" {
		t.Errorf("an organisation pays: %+v", r)
	}
}

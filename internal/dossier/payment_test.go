package dossier

import (
	"testing"
	"time"
)

// A fee paid online is recorded on the dossier (Decision 766/QĐ-TTg,
// indicator 3.6 counts dossiers paid online); a dossier waiting for its fee
// (status 6) resumes processing.
func TestPayOnline(t *testing.T) {
	now := time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)
	gw := Actor{ID: "gateway:sim", Name: "Cổng thanh toán", Role: "system"}
	tests := []struct {
		name     string
		status   Status
		paid     bool
		amount   int64
		wantErr  bool
		wantStat Status
	}{
		{"at submission", Submitted, false, 50000, false, Submitted},
		{"while processing", Processing, false, 50000, false, Processing},
		{"fee requested", FeeWaiting, false, 50000, false, Processing},
		{"wrong amount", Submitted, false, 5000, true, Submitted},
		{"zero", Submitted, false, 0, true, Submitted},
		{"already paid", Accepted, true, 50000, true, Accepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Dossier{Status: tt.status, Fee: 50000, PaidOnline: tt.paid}
			ev, err := PayOnline(&d, tt.amount, "GW-1", gw, now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if d.Status != tt.wantStat {
				t.Errorf("status %d, want %d", d.Status, tt.wantStat)
			}
			if tt.wantErr {
				if d.PaidOnline != tt.paid {
					t.Error("a refused payment changed the dossier")
				}
				return
			}
			if !d.PaidOnline || ev.Action != ActPayFee || ev.From != tt.status || ev.To != tt.wantStat || ev.Detail != "Thanh toán trực tuyến 50.000 đồng; mã giao dịch GW-1" {
				t.Errorf("dossier %+v, event %+v", d.PaidOnline, ev)
			}
		})
	}
}

package report

import (
	"strconv"
	"testing"
)

// TestIndexSync: indicator 1.4 of Decision 766/QĐ-TTg (research/onestop.md
// §4) is "synced dossiers with a receipt date in the period ÷ dossiers
// received in the period", 6 points × rate; it is scored only once the
// tenant synchronises with the national portal.
func TestIndexSync(t *testing.T) {
	r := Report{From: "2026-01-01", To: "2026-03-31"}
	r.Total = Figures{Received: Received{Online: 4, DirectPostal: 6}}
	r.Total.Finish()
	tests := []struct {
		name        string
		c           IndexCounts
		available   bool
		rate, point string
	}{
		{"not connected", IndexCounts{}, false, "", ""},
		{"connected, 8 of 10 synced", IndexCounts{SyncOn: true, SyncReceived: 10, Synced: 8}, true, "80.0", "4.80"},
		{"connected, all synced", IndexCounts{SyncOn: true, SyncReceived: 10, Synced: 10}, true, "100.0", "6.00"},
		{"connected, nothing received", IndexCounts{SyncOn: true}, true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in Indicator
			for _, x := range ComputeIndex(r, tt.c).Indicators {
				if x.Code == "1.4" {
					in = x
				}
			}
			if in.Available != tt.available {
				t.Fatalf("available = %v, want %v (%+v)", in.Available, tt.available, in)
			}
			if !tt.available {
				if in.Missing == "" || in.Points != nil {
					t.Errorf("1.4 unavailable must say why and score nothing: %+v", in)
				}
				return
			}
			if tt.rate == "" {
				if in.Rate != nil || in.Points != nil {
					t.Errorf("no dossier received: rate and points undefined, got %v %v", in.Rate, in.Points)
				}
				return
			}
			if in.Rate == nil || ftoa1(*in.Rate) != tt.rate || in.Points == nil || strconv.FormatFloat(*in.Points, 'f', 2, 64) != tt.point {
				t.Errorf("1.4 = rate %v points %v; want %s %s", in.Rate, in.Points, tt.rate, tt.point)
			}
		})
	}
}

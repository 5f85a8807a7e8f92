package gen

import (
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

// TestOnlineAnswerDue: a generated online dossier submitted once the
// 8-working-hour answer rule is in force (Decree 118/2025 Art. 17(2)(c),
// from 1/7/2025) carries its answer due time, as Intake stores it; one
// submitted before carries none. Without it the acceptance report reads
// every generated online dossier on each request (issue 17's --demo soak).
func TestOnlineAnswerDue(t *testing.T) {
	procs := []Procedure{{code: "1.001", name: "Cấp Phiếu lý lịch tư pháp", field: "judicial_record", unit: "HCTP", limit: 10, weight: 1}}
	cfg := Config{TenantID: "t", AgencyID: "STP", IDPrefix: "g", From: calendar.NewDate(2025, time.June, 16), To: calendar.NewDate(2025, time.July, 15),
		Today: calendar.NewDate(2025, time.December, 31), Count: 400, Seed: 7}
	var before, after int
	err := Dossiers(cfg, procs, func(d *dossier.Dossier) error {
		if d.Channel != catalog.ChannelOnline {
			if d.AnswerDueAt != nil {
				t.Errorf("%s: an answer due on a %s dossier", d.Code, d.Channel)
			}
			return nil
		}
		inForce := !d.SubmittedAt.Before(time.Date(2025, time.July, 1, 0, 0, 0, 0, calendar.Zone()))
		switch {
		case inForce && d.AnswerDueAt == nil:
			t.Errorf("%s submitted %s: no answer due", d.Code, d.SubmittedAt)
		case !inForce && d.AnswerDueAt != nil:
			t.Errorf("%s submitted %s: an answer due before the rule", d.Code, d.SubmittedAt)
		case inForce:
			after++
			if !d.AnswerDueAt.After(d.SubmittedAt) || d.AnswerDueAt.Sub(d.SubmittedAt) > 4*24*time.Hour {
				t.Errorf("%s: answer due %s for a submission at %s", d.Code, d.AnswerDueAt, d.SubmittedAt)
			}
			if a := d.Answered(); a == nil || a.After(*d.AnswerDueAt) {
				t.Errorf("%s: the generated desk answers late or never", d.Code)
			}
		default:
			before++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if before == 0 || after == 0 {
		t.Fatalf("the period must straddle 1/7/2025: %d before, %d after", before, after)
	}
}

package handover

import (
	"testing"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// The receiver of a hand-over must be an agency of the kind competent for
// the function on the day: judicial record certificates passed from the
// Departments of Justice to the provincial police on 1/3/2025
// (research/catalog.md §2; judicialrecord.Versions).
func TestCompetentKind(t *testing.T) {
	procs, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		proc string
		day  calendar.Date
		want catalog.Agency
		ok   bool
	}{
		{"judicial_record.certificate_department", calendar.NewDate(2025, 2, 28), catalog.AgencyDepartment, true},
		{"judicial_record.certificate_department", calendar.NewDate(2025, 3, 1), catalog.AgencyProvincialPolice, true},
		{"judicial_record.certificate_police", calendar.NewDate(2026, 12, 1), catalog.AgencyProvincialPolice, true},
		{"no.such_procedure", calendar.NewDate(2026, 12, 1), "", false},
	} {
		got, err := CompetentKind(procs, c.proc, c.day)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%s on %s: %q, %v; want %q", c.proc, c.day, got, err, c.want)
		}
	}
}

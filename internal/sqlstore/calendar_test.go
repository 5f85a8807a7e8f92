package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func TestCalendarScheduleAndRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ten := mustTenant(t, newService(db), "STP-A", "000.00.00.H82")
		adm := &calendar.Admin{Store: sqlstore.CalendarStore{DB: db}}
		by := audit.Actor{Name: "admin"}
		// A province moves the 2027 Tết days off by decision: load them as
		// the official 2027 schedule (Labour Code 2019 Art. 112(3)).
		s := calendar.Schedule{Year: 2027, Status: calendar.Official, LegalBasis: "Thông báo số 1/TB-BNV (thử nghiệm)",
			Days: []calendar.Day{{Date: calendar.NewDate(2027, time.March, 3), Kind: calendar.Holiday, Name: "Ngày nghỉ thử"}}}
		if err := adm.LoadSchedule(ctx, by, ten.ID, s); err != nil {
			t.Fatal(err)
		}
		bad := s
		bad.Days = []calendar.Day{{Date: calendar.NewDate(2026, time.March, 3), Kind: calendar.Holiday, Name: "Sai năm"}}
		if err := adm.LoadSchedule(ctx, by, ten.ID, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("schedule with a day of another year: %v, want invalid", err)
		}
		book, err := adm.Book(ctx, ten.ID, ten.Hours)
		if err != nil {
			t.Fatal(err)
		}
		cal := book.At(time.Date(2027, 3, 1, 8, 0, 0, 0, calendar.Zone()))
		if cal.IsWorkingDay(calendar.NewDate(2027, time.March, 3)) {
			t.Fatal("loaded holiday 3/3/2027 is a working day")
		}
		if got := cal.Holidays(2027).Status; got != calendar.Official {
			t.Fatalf("2027 status = %q, want official", got)
		}
		// A new version of the clock rules from 1/7/2027: opening at 07:30.
		r := calendar.DefaultRules()
		r.EffectiveFrom = calendar.NewDate(2027, time.July, 1)
		r.Hours.MorningStart = calendar.Clock(7, 30)
		r.LegalBasis = "Quyết định thử nghiệm"
		if err := adm.AddRules(ctx, by, ten.ID, r); err != nil {
			t.Fatal(err)
		}
		book, err = adm.Book(ctx, ten.ID, ten.Hours)
		if err != nil {
			t.Fatal(err)
		}
		if got := book.At(time.Date(2027, 7, 5, 8, 0, 0, 0, calendar.Zone())).Rules().Hours.MorningStart; got != calendar.Clock(7, 30) {
			t.Fatalf("rules after 1/7/2027 open at %v", got)
		}
		if got := book.At(time.Date(2027, 6, 30, 8, 0, 0, 0, calendar.Zone())).Rules().Hours.MorningStart; got != calendar.Clock(7, 0) {
			t.Fatalf("rules before 1/7/2027 open at %v, want the initial 07:00", got)
		}
		if n, err := db.Audit().VerifyAudit(ctx, ten.ID); err != nil || n != 3 {
			t.Fatalf("audit after calendar changes: %d %v", n, err)
		}
		if err := adm.RemoveSchedule(ctx, by, ten.ID, 2027); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Calendar().Schedules(ctx, ten.ID); len(got) != 0 {
			t.Fatalf("schedule not removed: %v", got)
		}
	})
}

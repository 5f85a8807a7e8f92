package dossier

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

var (
	deskClerk = Actor{ID: "c", Name: "motcua", Role: "reception_clerk", UnitCode: "MOTCUA"}
	appraiser = Actor{ID: "s", Name: "chuyenvien", Role: "specialist", UnitCode: "BTTP"}
)

func vnAt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Zone())
}

// accepted10 is a 10-working-day dossier accepted at the desk at t and
// forwarded to the appraising specialist.
func accepted10(t *testing.T, cal *calendar.Calendar, at time.Time) *Dossier {
	t.Helper()
	d := &Dossier{ID: "d1", Status: Submitted, Current: -1, TimeLimit: calendar.Duration{Amount: 10, Unit: calendar.WorkingDays},
		Steps: []Step{
			{Name: "Tiếp nhận", Role: "reception_clerk", UnitCode: "MOTCUA", Allotted: calendar.Duration{Amount: 4, Unit: calendar.WorkingHours}},
			{Name: "Thẩm định", Role: "specialist", UnitCode: "BTTP", Allotted: calendar.Duration{Amount: 8, Unit: calendar.WorkingDays}},
			{Name: "Trả kết quả", Role: "reception_clerk", UnitCode: "MOTCUA", Allotted: calendar.Duration{Amount: 4, Unit: calendar.WorkingHours}},
		}}
	if _, err := Accept(d, "X", "000000", deskClerk, Env{Now: at, Cal: cal}); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(d, ActForward, deskClerk, Input{}, Env{Now: at.Add(time.Hour), Cal: cal}); err != nil {
		t.Fatal(err)
	}
	return d
}

func defaultCal(t *testing.T) *calendar.Calendar {
	t.Helper()
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// Decree 118/2025/NĐ-CP took effect on 1/7/2025 (Art. 19(5)); dossiers
// accepted before keep Decree 61/2018/NĐ-CP's pause and resume.
func TestSupplementRuleAt(t *testing.T) {
	for _, c := range []struct {
		at      *time.Time
		restart bool
		basis   string
	}{
		{nil, false, "61/2018"},
		{ptr(vnAt(2025, time.June, 30, 23, 59)), false, "61/2018"},
		{ptr(time.Date(2025, time.June, 30, 17, 0, 0, 0, time.UTC)), true, "118/2025"}, // 00:00 on 1/7 in Vietnam
		{ptr(vnAt(2025, time.July, 1, 0, 0)), true, "118/2025"},
		{ptr(vnAt(2026, time.March, 2, 9, 0)), true, "118/2025"},
	} {
		r := SupplementRuleAt(c.at)
		if r.Restart != c.restart || !strings.Contains(r.Basis, c.basis) {
			t.Errorf("accepted %v: restart %v basis %q, want %v %s", c.at, r.Restart, r.Basis, c.restart, c.basis)
		}
	}
}

// Decree 118/2025/NĐ-CP Art. 19(5): "thời hạn giải quyết được tính lại từ đầu
// sau khi nhận đủ hồ sơ". The issue's worked example: 10 working days,
// accepted Mon 2/3/2026 09:00, asked on 4/3, supplemented Mon 9/3 09:00: due
// 23/3/2026 (pause and resume would give 19/3). A dossier accepted before
// 1/7/2025 keeps pause and resume (Decree 61/2018/NĐ-CP Art. 19).
func TestSupplementRestartOrResume(t *testing.T) {
	cal := defaultCal(t)
	for _, c := range []struct {
		name                string
		accepted, asked, in time.Time
		want                time.Time
	}{
		{"Decree 118: restarts from zero", vnAt(2026, 3, 2, 9, 0), vnAt(2026, 3, 4, 9, 0), vnAt(2026, 3, 9, 9, 0), vnAt(2026, 3, 23, 9, 0)},
		{"Decree 118: restart after the afternoon opening", vnAt(2026, 3, 2, 9, 0), vnAt(2026, 3, 3, 14, 0), vnAt(2026, 3, 10, 15, 0), vnAt(2026, 3, 24, 15, 0)},
		{"Decree 61: pause and resume", vnAt(2025, 6, 2, 9, 0), vnAt(2025, 6, 4, 9, 0), vnAt(2025, 6, 9, 9, 0), vnAt(2025, 6, 19, 9, 0)},
	} {
		d := accepted10(t, cal, c.accepted)
		if _, err := Apply(d, ActRequestSupplement, appraiser, Input{Reason: "Thiếu giấy tờ"}, Env{Now: c.asked, Cal: cal}); err != nil {
			t.Fatalf("%s: request: %v", c.name, err)
		}
		if _, err := Apply(d, ActSupplement, deskClerk, Input{}, Env{Now: c.in, Cal: cal}); err != nil {
			t.Fatalf("%s: supplement: %v", c.name, err)
		}
		if !d.DueAt.Equal(c.want) {
			t.Errorf("%s: due %v, want %v", c.name, d.DueAt.In(calendar.Zone()), c.want)
		}
		if s := d.CurrentStep(); s.DueAt.Before(c.in) {
			t.Errorf("%s: the current step's due %v is before the supplement", c.name, s.DueAt)
		}
	}
}

// Decree 118/2025/NĐ-CP Art. 19(5), 11(2)(c), 16(3): one request, within 3
// working days of acceptance; Decree 61/2018 set neither bound.
func TestSupplementRequestOnceWithinThreeWorkingDays(t *testing.T) {
	cal := defaultCal(t)
	mon := vnAt(2026, 3, 2, 9, 0)
	for _, c := range []struct {
		name     string
		accepted time.Time
		asked    time.Time
		second   bool
		ok       bool
	}{
		{"on the third working day, before the hour of acceptance", mon, vnAt(2026, 3, 5, 8, 59), false, true},
		{"at the end of the third working day", mon, vnAt(2026, 3, 5, 9, 0), false, true},
		{"after 3 working days", mon, vnAt(2026, 3, 5, 9, 1), false, false},
		{"a week later", mon, vnAt(2026, 3, 9, 9, 0), false, false},
		{"a second request", mon, vnAt(2026, 3, 3, 9, 0), true, false},
		{"Decree 61: a late request", vnAt(2025, 6, 2, 9, 0), vnAt(2025, 6, 20, 9, 0), false, true},
		{"Decree 61: a second request", vnAt(2025, 6, 2, 9, 0), vnAt(2025, 6, 3, 9, 0), true, true},
	} {
		d := accepted10(t, cal, c.accepted)
		if c.second {
			if _, err := Apply(d, ActRequestSupplement, appraiser, Input{Reason: "Lần 1"}, Env{Now: c.asked, Cal: cal}); err != nil {
				t.Fatal(err)
			}
			if _, err := Apply(d, ActSupplement, deskClerk, Input{}, Env{Now: c.asked.Add(time.Hour), Cal: cal}); err != nil {
				t.Fatal(err)
			}
		}
		_, err := Apply(d, ActRequestSupplement, appraiser, Input{Reason: "Thiếu giấy tờ"}, Env{Now: c.asked.Add(2 * time.Hour * boolInt(c.second)), Cal: cal})
		switch {
		case c.ok && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case !c.ok && apperr.CodeOf(err) != apperr.Conflict:
			t.Errorf("%s: %v, want a conflict", c.name, err)
		case !c.ok && !strings.Contains(msgOf(err), "từ chối giải quyết"):
			t.Errorf("%s: the message should tell the officer to resolve or refuse: %q", c.name, msgOf(err))
		}
	}
}

func boolInt(b bool) time.Duration {
	if b {
		return 1
	}
	return 0
}

// Decree 118/2025/NĐ-CP Art. 19(5): after 15 days without the supplement the
// desk returns the dossier; it counts on time (Biểu 06: "trả lại").
func TestReturnIncomplete(t *testing.T) {
	cal := defaultCal(t)
	d := accepted10(t, cal, vnAt(2026, 3, 2, 9, 0))
	if _, err := Apply(d, ActRequestSupplement, appraiser, Input{Reason: "Thiếu giấy tờ"}, Env{Now: vnAt(2026, 3, 4, 9, 0), Cal: cal}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		who  Actor
		at   time.Time
		code apperr.Code
	}{
		{"day 14", deskClerk, vnAt(2026, 3, 18, 16, 0), apperr.Conflict},
		{"not the desk", appraiser, vnAt(2026, 3, 19, 8, 0), apperr.Forbidden},
	} {
		if _, err := Apply(d, ActReturnIncomplete, c.who, Input{}, Env{Now: c.at, Cal: cal}); apperr.CodeOf(err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	if _, err := Apply(d, ActReturnIncomplete, deskClerk, Input{}, Env{Now: vnAt(2026, 3, 19, 8, 0), Cal: cal}); err != nil {
		t.Fatal(err)
	}
	if d.Status != Stopped || d.Ended != EndIncomplete || d.ReturnedAt == nil || ResolvedOutcome(d) != OnTime {
		t.Fatalf("returned: status %d ended %q outcome %q", d.Status, d.Ended, ResolvedOutcome(d))
	}
	if noticeOf(ActReturnIncomplete, d.Status) == "" {
		t.Error("the applicant must be notified")
	}
	old := accepted10(t, cal, vnAt(2025, 6, 2, 9, 0))
	if _, err := Apply(old, ActRequestSupplement, appraiser, Input{Reason: "x"}, Env{Now: vnAt(2025, 6, 3, 9, 0), Cal: cal}); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(old, ActReturnIncomplete, deskClerk, Input{}, Env{Now: vnAt(2025, 8, 3, 9, 0), Cal: cal}); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("Decree 61 had no return for want of a supplement: %v", err)
	}
}

// While a dossier waits for the applicant the statistics read no due date:
// it is within time whatever its original due date.
func TestStatDueWhileWaiting(t *testing.T) {
	cal := defaultCal(t)
	d := accepted10(t, cal, vnAt(2026, 3, 2, 9, 0))
	if d.StatDue() == nil {
		t.Fatal("an open dossier has a due date")
	}
	if _, err := Apply(d, ActRequestSupplement, appraiser, Input{Reason: "x"}, Env{Now: vnAt(2026, 3, 4, 9, 0), Cal: cal}); err != nil {
		t.Fatal(err)
	}
	if d.StatDue() != nil || d.DueAt == nil {
		t.Fatalf("waiting: stat due %v (want none), due %v (kept for display)", d.StatDue(), d.DueAt)
	}
}

// Decree 118/2025/NĐ-CP Art. 19(3): a written refusal after appraisal, with
// its reason, resolves the dossier: on time inside the limit, late after.
func TestRefuseResolution(t *testing.T) {
	cal := defaultCal(t)
	for _, c := range []struct {
		name string
		at   time.Time
		want Outcome
	}{
		{"early", vnAt(2026, 3, 10, 9, 0), Early},
		{"on the due day", vnAt(2026, 3, 16, 16, 0), OnTime},
		{"after the due day", vnAt(2026, 3, 17, 9, 0), Late},
	} {
		d := accepted10(t, cal, vnAt(2026, 3, 2, 9, 0))
		if _, err := Apply(d, ActRefuseResolution, appraiser, Input{}, Env{Now: c.at, Cal: cal}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("%s: a refusal without a reason: %v", c.name, err)
		}
		if _, err := Apply(d, ActRefuseResolution, Actor{Name: "x", Role: "specialist", UnitCode: "HCTP"}, Input{Reason: "x"}, Env{Now: c.at, Cal: cal}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("%s: another unit refused: %v", c.name, err)
		}
		ev, err := Apply(d, ActRefuseResolution, appraiser, Input{Reason: "Không đủ điều kiện theo Điều 8"}, Env{Now: c.at, Cal: cal})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Status != ResultReady || d.Ended != EndRejected || d.EndReason == "" || ev.To != ResultReady {
			t.Fatalf("%s: status %d ended %q reason %q", c.name, d.Status, d.Ended, d.EndReason)
		}
		if got := ResolvedOutcome(d); got != c.want {
			t.Errorf("%s: outcome %q, want %q", c.name, got, c.want)
		}
		if _, err := Apply(d, ActReturn, deskClerk, Input{}, Env{Now: c.at.Add(time.Hour), Cal: cal}); err != nil {
			t.Errorf("%s: the desk returns the refusal: %v", c.name, err)
		}
	}
}

func msgOf(err error) string {
	if err == nil {
		return ""
	}
	return apperr.As(err).Message
}

package dossier

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
)

func at(d, h, m int) time.Time { return time.Date(2026, time.March, d, h, m, 0, 0, calendar.Zone()) }

func ptr(t time.Time) *time.Time { return &t }

// Biểu 06/VPCP/KSTT: early, on time and late are decided by dates in
// Vietnam; withdrawn and stopped dossiers count as on time.
func TestResolvedOutcome(t *testing.T) {
	for _, c := range []struct {
		name          string
		finished, due time.Time
		ended         Ended
		want          Outcome
	}{
		{"a day early", at(9, 16, 0), at(10, 9, 0), EndResult, Early},
		{"same day, after the due hour", at(10, 16, 0), at(10, 9, 0), EndResult, OnTime},
		{"next day", at(11, 7, 0), at(10, 17, 0), EndResult, Late},
		{"midnight in Vietnam, not UTC", time.Date(2026, 3, 10, 17, 30, 0, 0, time.UTC), at(10, 17, 0), EndResult, Late},
		{"withdrawn after the due date", at(12, 9, 0), at(10, 9, 0), EndWithdrawn, OnTime},
		{"stopped after the due date", at(12, 9, 0), at(10, 9, 0), EndStopped, OnTime},
	} {
		d := &Dossier{FinishedAt: ptr(c.finished), DueAt: ptr(c.due), Ended: c.ended}
		if got := ResolvedOutcome(d); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if ResolvedOutcome(&Dossier{}) != "" {
		t.Error("an open dossier has no outcome")
	}
}

// Circular 03/2025/TT-VPCP Mẫu 06: a step is late when it leaves after its
// due instant.
func TestStepOutcome(t *testing.T) {
	due := at(10, 10, 0)
	for _, c := range []struct {
		f    time.Time
		want Outcome
	}{{at(9, 17, 0), Early}, {at(10, 9, 59), OnTime}, {at(10, 10, 0), OnTime}, {at(10, 10, 1), Late}} {
		if got := StepOutcome(c.f, due); got != c.want {
			t.Errorf("StepOutcome(%v) = %q, want %q", c.f, got, c.want)
		}
	}
}

// Decree 61/2018/NĐ-CP Art. 19 (continued by Decree 118/2025/NĐ-CP): the unit
// whose step overran is at fault; the largest overrun wins.
func TestAttributeLateness(t *testing.T) {
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	step := func(unit string, start, due, end time.Time) Step {
		return Step{UnitCode: unit, StartedAt: ptr(start), DueAt: ptr(due), FinishedAt: ptr(end)}
	}
	d := &Dossier{DueAt: ptr(at(13, 17, 0)), Steps: []Step{
		step("MOTCUA", at(9, 8, 0), at(9, 12, 0), at(9, 11, 0)),
		step("HCTP", at(9, 11, 0), at(10, 11, 0), at(10, 15, 0)),    // 2h over
		step("CA_TINH", at(10, 15, 0), at(11, 15, 0), at(13, 9, 0)), // 1.5 days over
		step("", at(13, 9, 0), at(13, 17, 0), at(16, 9, 0)),
	}}
	d.Steps[3].Role = "director"
	if got := AttributeLateness(d, cal); got != "CA_TINH" {
		t.Fatalf("unit at fault %q, want CA_TINH", got)
	}
	// No finished step overran: the step holding the dossier at its due time.
	d2 := &Dossier{DueAt: ptr(at(10, 17, 0)), Steps: []Step{
		step("MOTCUA", at(9, 8, 0), at(9, 12, 0), at(9, 11, 0)),
		{UnitCode: "TAND", StartedAt: ptr(at(9, 11, 0)), DueAt: ptr(at(12, 11, 0))},
	}}
	if got := AttributeLateness(d2, cal); got != "TAND" {
		t.Fatalf("holder at the due time %q, want TAND", got)
	}
	if (Step{Role: "director"}).Holder() != "role:director" {
		t.Fatal("a role step is held by its role")
	}
}

func TestRecordValidate(t *testing.T) {
	ok := `{"code":"000.00.00.H82-250301-0007","procedure_code":"1.013859","procedure_name":"X","field":"F","channel":"online","submitted_at":"2025-03-01T08:00:00+07:00","accepted_at":"2025-03-01T09:00:00+07:00","due_at":"2025-03-08T09:00:00+07:00","finished_at":"2025-03-05T10:00:00+07:00","returned_at":"2025-03-06T10:00:00+07:00","ended":"result","unit":"BTTP","late_unit":""}`
	for _, c := range []struct {
		name, from, to, says string
	}{
		{"bad code", `"000.00.00.H82-250301-0007"`, `"X-1"`, "mã hồ sơ"},
		{"bad channel", `"online"`, `"fax"`, "channel"},
		{"bad ended", `"result"`, `"done"`, "ended"},
		{"returned before finished", `"returned_at":"2025-03-06T10:00:00+07:00"`, `"returned_at":"2025-03-04T10:00:00+07:00"`, "thứ tự"},
		{"open with finished_at", `"ended":"result"`, `"ended":null`, "chưa kết thúc"},
		{"unknown field", `"late_unit":""`, `"late_unit":"","extra":1`, "JSON"},
		{"two objects", `"late_unit":""}`, `"late_unit":""} {}`, "một đối tượng"},
	} {
		line := strings.Replace(ok, c.from, c.to, 1)
		err := ReadRecords(strings.NewReader("\n"+line+"\n"), func(int, Record) error { return nil })
		if err == nil || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "dòng 2") {
			t.Errorf("%s: %v, want an error on line 2 about %q", c.name, err, c.says)
		}
	}
	var got []Record
	if err := ReadRecords(strings.NewReader(ok), func(_ int, r Record) error { got = append(got, r); return nil }); err != nil || len(got) != 1 {
		t.Fatalf("valid line: %v", err)
	}
	d := FromRecord("t", "id", "p", got[0])
	if d.Status != Returned || d.Unit() != "BTTP" || ResolvedOutcome(&d) != Early {
		t.Fatalf("FromRecord: status %d unit %q outcome %q", d.Status, d.Unit(), ResolvedOutcome(&d))
	}
	back := ToRecord(&d)
	if back.Code != got[0].Code || *back.Ended != "result" || !back.DueAt.Equal(*got[0].DueAt) {
		t.Fatalf("ToRecord: %+v", back)
	}
}

func TestAllowedByRoleAndState(t *testing.T) {
	d := &Dossier{Status: Processing, Current: 1, Steps: []Step{{UnitCode: "MOTCUA"}, {UnitCode: "BTTP", Role: "specialist"}}}
	now := at(10, 9, 0)
	has := func(acts []Action, a Action) bool {
		for _, x := range acts {
			if x == a {
				return true
			}
		}
		return false
	}
	spec := Allowed(d, Actor{Role: "specialist", UnitCode: "BTTP"}, now)
	if !has(spec, ActForward) || !has(spec, ActRequestSupplement) || has(spec, ActReturn) || has(spec, ActStop) {
		t.Fatalf("specialist of the step's unit: %v", spec)
	}
	if got := Allowed(d, Actor{Role: "specialist", UnitCode: "HCTP"}, now); has(got, ActForward) {
		t.Fatalf("specialist of another unit may forward: %v", got)
	}
	if got := Allowed(d, Actor{Role: "unit_head", UnitCode: "BTTP"}, now); !has(got, ActStop) {
		t.Fatalf("unit head may stop: %v", got)
	}
	// Issue 12 §4: stopping (Mẫu 05) follows the rule of every action: the
	// head of another unit does not hold the step; the director does.
	if got := Allowed(d, Actor{Role: "unit_head", UnitCode: "HCTP"}, now); has(got, ActStop) {
		t.Fatalf("the head of another unit may stop: %v", got)
	}
	if got := Allowed(d, Actor{Role: "director"}, now); !has(got, ActStop) {
		t.Fatalf("the director may stop: %v", got)
	}
	d.Status = Returned
	if got := Allowed(d, Actor{Role: "reception_clerk", UnitCode: "MOTCUA"}, now); len(got) != 1 || got[0] != ActRate {
		t.Fatalf("after return only rating: %v", got)
	}
}

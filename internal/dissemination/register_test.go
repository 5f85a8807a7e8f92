package dissemination

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
)

// Law 14/2012/QH13 Art. 35: a legal lecturer is recognised by the
// provincial Chairman (no commune); Art. 37: a legal communicator by the
// commune's Chairman (a commune is required).
func TestValidatePerson(t *testing.T) {
	today := d(2026, 11, 20)
	for _, tc := range []struct {
		name  string
		p     Person
		field string // "" when valid
	}{
		{"lecturer of the province", Person{Role: Lecturer, FullName: "Trần Thị Hoa", Sex: "F", DecisionNo: "1/QĐ-UBND", DecisionOn: d(2025, 1, 2)}, ""},
		{"lecturer of a commune (Art. 35)", Person{Role: Lecturer, CommuneCode: "29905", FullName: "A", Sex: "M", DecisionNo: "1", DecisionOn: d(2025, 1, 2)}, "commune_code"},
		{"communicator of a commune", Person{Role: Communicator, CommuneCode: "29905", FullName: "Lê Văn Sơn", Sex: "M", DecisionNo: "2/QĐ-UBND", DecisionOn: d(2025, 1, 2)}, ""},
		{"communicator without commune (Art. 37)", Person{Role: Communicator, FullName: "B", Sex: "M", DecisionNo: "2", DecisionOn: d(2025, 1, 2)}, "commune_code"},
		{"no decision", Person{Role: Lecturer, FullName: "C", Sex: "F", DecisionOn: d(2025, 1, 2)}, "decision_no"},
		{"decision in the future", Person{Role: Lecturer, FullName: "C", Sex: "F", DecisionNo: "3", DecisionOn: d(2026, 12, 1)}, "decision_on"},
		{"ended before recognised", Person{Role: Lecturer, FullName: "C", Sex: "F", DecisionNo: "3", DecisionOn: d(2025, 1, 2), EndedOn: ptr(d(2024, 1, 1))}, "ended_on"},
		{"unknown role", Person{Role: "x", FullName: "C", Sex: "F", DecisionNo: "3", DecisionOn: d(2025, 1, 2)}, "role"},
	} {
		err := ValidatePerson(&tc.p, today)
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && (err == nil || apperr.As(err).Fields[tc.field] == ""):
			t.Errorf("%s: want a message for %s, got %v", tc.name, tc.field, err)
		}
	}
}

func ptr(t time.Time) *time.Time { return &t }

// A person counts from the decision's day until the day they stop.
func TestCountStaff(t *testing.T) {
	people := []Person{
		{Role: Lecturer, Sex: "F", DecisionOn: d(2025, 1, 1)},
		{Role: Lecturer, Sex: "M", DecisionOn: d(2025, 1, 1), EndedOn: ptr(d(2026, 6, 1))},
		{Role: Communicator, Sex: "F", DecisionOn: d(2026, 7, 1)},
	}
	if st := CountStaff(people, d(2026, 5, 31)); st != (Staff{Lecturers: 2, LecturerWomen: 1}) {
		t.Errorf("31/5/2026: %+v", st)
	}
	if st := CountStaff(people, d(2026, 7, 1)); st != (Staff{Lecturers: 1, LecturerWomen: 1, Communicators: 1, CommunicatorWomen: 1}) {
		t.Errorf("1/7/2026: %+v", st)
	}
}

// The year's assessment is scored by the rule in force on its last day;
// no rule before Decision 25/2021/QĐ-TTg took effect (1/10/2021).
func TestRuleFor(t *testing.T) {
	if r, ok := RuleFor(2025); !ok || r.Version != "QĐ 25/2021" {
		t.Errorf("2025: %+v %v", r, ok)
	}
	if _, ok := RuleFor(2020); ok {
		t.Error("a rule for 2020")
	}
}

// Import lines round-trip through their JSON form; a bad line is named.
func TestReadRecords(t *testing.T) {
	a := Activity{CommuneCode: "29905", HeldOn: d(2026, 11, 9), Theme: "Ngày Pháp luật", Audience: "Nhân dân", Channel: InPerson,
		Participants: 100, Women: 40, LawDay: true, Handouts: []Handout{{Material: "Tờ gấp", Kind: "leaflet", Copies: 200}}}
	r := RecordOf(a)
	got, err := r.Activity()
	if err != nil || got.HeldOn != a.HeldOn || got.Handouts[0].Copies != 200 || got.CommuneCode != "29905" || !got.LawDay {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	in := `{"held_on":"2026-03-01","theme":"A","audience":"B","channel":"online","participants":0}` + "\n\n" +
		`{"held_on":"01/03/2026","theme":"A","audience":"B","channel":"online"}` + "\n"
	if _, err := ReadRecords(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "Dòng 3") {
		t.Errorf("bad day on line 3: %v", err)
	}
	if _, err := ReadRecords(strings.NewReader(`{"held_on":"2026-03-01","colour":"x"}`)); err == nil || !strings.Contains(err.Error(), "Dòng 1") {
		t.Errorf("unknown field: %v", err)
	}
	acts, err := ReadRecords(strings.NewReader(in[:strings.Index(in, "\n")]))
	if err != nil || len(acts) != 1 || acts[0].Channel != Online {
		t.Errorf("one line: %+v %v", acts, err)
	}
}

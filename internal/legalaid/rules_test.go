package legalaid

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
)

func codesOn(day time.Time) []string {
	var out []string
	for _, g := range GroupsOn(day) {
		out = append(out, g.Code)
	}
	return out
}

// Law 11/2017 Art. 7 as amended by Law 53/2024 Art. 61 (from 1/7/2025) and
// Law 59/2024 Art. 177(6) (from 1/1/2026): research/registers-law.md §4.
func TestGroupsByDate(t *testing.T) {
	all := []string{"K1", "K2", "K3", "K4", "K5", "K6", "K7a", "K7b", "K7c", "K7d", "K7dd", "K7e", "K7g", "K7h"}
	mid := []string{"K1", "K2", "K3", "K4", "K5", "K6", "K6a", "K7a", "K7b", "K7c", "K7d", "K7dd", "K7e", "K7h"}
	now := []string{"K1", "K2", "K3", "K4", "K5", "K6", "K6a", "K7a", "K7b", "K7c", "K7d", "K7e", "K7h"}
	for _, tc := range []struct {
		name string
		day  time.Time
		want []string
	}{
		{"in force 1/1/2018: K1–K7, K7 = a–h", d(2018, 1, 1), all},
		{"30/6/2025: last day of 7(g)", d(2025, 6, 30), all},
		{"1/7/2025: K6a added, 7(g) repealed (Law 53/2024 Art. 61)", d(2025, 7, 1), mid},
		{"2/7/2025", d(2025, 7, 2), mid},
		{"31/12/2025: last day of old K5 and 7(đ)", d(2025, 12, 31), mid},
		{"1/1/2026: new K5, 7(đ) repealed (Law 59/2024 Art. 177(6))", d(2026, 1, 1), now},
		{"before the law", d(2017, 12, 31), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := codesOn(tc.day); !slices.Equal(got, tc.want) {
				t.Fatalf("groups on %s = %v, want %v", tc.day.Format("02/01/2006"), got, tc.want)
			}
		})
	}
}

// The same trafficking victim with financial difficulty asks on 30/6/2025
// and again on 2/7/2025: the first request relies on 7(g), the second on
// 6a (and 7(g) is refused with the reason and its source).
func TestSamePersonAcrossLaw53(t *testing.T) {
	before, after := d(2025, 6, 30), d(2025, 7, 2)
	if msg := CheckGroup("K7g", before); msg != "" {
		t.Fatalf("K7g on 30/6/2025 refused: %s", msg)
	}
	if msg := CheckGroup("K6a", before); !strings.Contains(msg, "01/07/2025") {
		t.Fatalf("K6a on 30/6/2025: %q, want 'from 01/07/2025'", msg)
	}
	if msg := CheckGroup("K7g", after); !strings.Contains(msg, "hết hiệu lực từ ngày 01/07/2025") || !strings.Contains(msg, "53/2024") {
		t.Fatalf("K7g on 2/7/2025: %q", msg)
	}
	if msg := CheckGroup("K6a", after); msg != "" {
		t.Fatalf("K6a on 2/7/2025 refused: %s", msg)
	}
}

// K5 changes its wording on 1/1/2026 (Law 59/2024 Art. 177(6)(a)): the
// version in force on the request date decides.
func TestK5Versions(t *testing.T) {
	old, _ := GroupOn("K5", d(2025, 12, 31))
	nw, _ := GroupOn("K5", d(2026, 1, 1))
	if !strings.HasPrefix(old.Name, "Người bị buộc tội") || !strings.Contains(nw.Name, "bị hại") {
		t.Fatalf("K5 old %q new %q", old.Name, nw.Name)
	}
	if len(nw.Proofs) == 0 {
		t.Fatal("K5 new has no proof documents")
	}
	if CheckGroup("K7dd", d(2026, 1, 2)) == "" {
		t.Fatal("7(đ) accepted after its repeal on 1/1/2026")
	}
	if CheckGroup("K9", d(2026, 1, 2)) == "" {
		t.Fatal("unknown group accepted")
	}
}

// Circular 12/2018/TT-BTP Art. 11(1): <unit>.<form>.<sequence>.<year>.
func TestFileCode(t *testing.T) {
	for _, tc := range []struct {
		unit      string
		form      Form
		seq, year int
		want      string
	}{
		{"TT", FormAdvice, 1, 2018, "TT.TV.01.2018"},
		{"CN1", FormProceedings, 1, 2018, "CN1.TGTT.01.2018"},
		{"TT", FormRepresentation, 123, 2026, "TT.DDNTT.123.2026"},
	} {
		got := FileCode(tc.unit, tc.form, tc.seq, tc.year)
		if got != tc.want {
			t.Errorf("FileCode = %s, want %s", got, tc.want)
		}
		u, f, s, y, ok := ParseFileCode(got)
		if !ok || u != tc.unit || f != tc.form || s != tc.seq || y != tc.year {
			t.Errorf("ParseFileCode(%s) = %s %s %d %d %v", got, u, f, s, y, ok)
		}
	}
	for _, bad := range []string{"", "TT.XX.01.2026", "tt.TV.01.2026", "TT.TV.1.2026", "TT.TV.00.2026", "TT.TV.01.26"} {
		if _, _, _, _, ok := ParseFileCode(bad); ok {
			t.Errorf("ParseFileCode(%q) accepted", bad)
		}
	}
}

// Circular 12/2018 Art. 6(2)(a): 5 working days from acceptance, 10 in an
// especially difficult area or under force majeure; counted over the
// working-day calendar (2026: 30/4 and 1/5 are holidays).
func TestProofDue(t *testing.T) {
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		accepted time.Time
		extended bool
		want     time.Time
	}{
		{"Monday, 5 working days", d(2026, 3, 2), false, d(2026, 3, 9)},
		{"Friday, over the weekend", d(2026, 3, 6), false, d(2026, 3, 13)},
		{"over 27/4 (Hùng Kings, compensatory), 30/4 and 1/5", d(2026, 4, 24), false, d(2026, 5, 6)},
		{"difficult area: 10 working days", d(2026, 3, 2), true, d(2026, 3, 16)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ProofDue(tc.accepted, tc.extended, cal.IsWorkingDay); !got.Equal(tc.want) {
				t.Fatalf("ProofDue = %s, want %s", got.Format("02/01/2006"), tc.want.Format("02/01/2006"))
			}
		})
	}
	due := d(2026, 3, 9)
	c := Case{Urgent: UrgentProcedural, ProofDue: &due, Status: StatusInProgress}
	if m, o := ProofMissing(c, d(2026, 3, 9)); !m || o {
		t.Fatalf("on the due day: missing %v overdue %v", m, o)
	}
	if m, o := ProofMissing(c, d(2026, 3, 10)); !m || !o {
		t.Fatalf("the day after: missing %v overdue %v", m, o)
	}
	c.ProofOK = true
	if m, _ := ProofMissing(c, d(2026, 3, 10)); m {
		t.Fatal("proof received still flagged")
	}
}

// Law 11/2017 Art. 25(2)(a): not for the opposing party in the same matter.
func TestConflict(t *testing.T) {
	p := Provider{ID: "p1", FullName: "Lê Văn Luật"}
	a := Person{FullName: "Nguyễn Văn A", IDNumber: "087090000001"}
	b := Person{FullName: "Trần Thị B", IDNumber: "087090000002"}
	other := Case{ID: "c0", Code: "TT.TGTT.01.2026", ProviderID: "p1", Requester: b, OtherParty: a}
	for _, tc := range []struct {
		name   string
		c      Case
		others []Case
		agreed bool
		bad    bool
	}{
		{"assists B against A: cannot help A", Case{ID: "c1", Requester: a, OtherParty: b, Form: FormProceedings, Field: FieldCivil}, []Case{other}, false, true},
		{"same by name when no ID", Case{ID: "c1", Requester: Person{FullName: "nguyễn  văn a"}, OtherParty: Person{FullName: "Trần Thị B"}}, []Case{{ID: "c0", ProviderID: "p1", Requester: Person{FullName: "Trần Thị B"}}}, false, true},
		{"another provider's case", Case{ID: "c1", Requester: a, OtherParty: b}, []Case{{ID: "c0", ProviderID: "p2", Requester: b}}, false, false},
		{"unrelated parties", Case{ID: "c1", Requester: Person{FullName: "Phạm D"}, OtherParty: Person{FullName: "Phạm C"}}, []Case{other}, false, false},
		{"civil advice, parties agreed", Case{ID: "c1", Requester: a, OtherParty: b, Form: FormAdvice, Field: FieldCivil}, []Case{other}, true, false},
		{"agreement does not cover proceedings", Case{ID: "c1", Requester: a, OtherParty: b, Form: FormProceedings, Field: FieldCivil}, []Case{other}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := Conflict(tc.c, p, tc.others, tc.agreed)
			if (msg != "") != tc.bad {
				t.Fatalf("Conflict = %q, want conflict %v", msg, tc.bad)
			}
			if tc.bad && !strings.Contains(msg, "Điều 25") {
				t.Fatalf("message does not cite its article: %q", msg)
			}
		})
	}
}

// Law 11/2017 Art. 15–17, 19: a provider acts within their dates.
func TestCanAssign(t *testing.T) {
	to := d(2026, 6, 30)
	p := Provider{FullName: "Luật sư X", From: d(2026, 1, 15), To: &to}
	for _, tc := range []struct {
		day time.Time
		ok  bool
	}{{d(2026, 1, 14), false}, {d(2026, 1, 15), true}, {d(2026, 6, 30), true}, {d(2026, 7, 1), false}} {
		if msg := CanAssign(p, tc.day); (msg == "") != tc.ok {
			t.Errorf("CanAssign on %s = %q, want ok %v", tc.day.Format("02/01/2006"), msg, tc.ok)
		}
	}
}

func TestPaymentAllowed(t *testing.T) {
	lawyer := Provider{Kind: ProviderContracted}
	c := Case{Status: StatusInProgress}
	if PaymentAllowed(c, lawyer) == "" {
		t.Fatal("paid before closing")
	}
	c.Status = StatusClosed
	if PaymentAllowed(c, lawyer) == "" {
		t.Fatal("paid before assessment")
	}
	c.Assessment.Rating = "meets"
	if msg := PaymentAllowed(c, lawyer); msg != "" {
		t.Fatal(msg)
	}
	if PaymentAllowed(c, Provider{Kind: ProviderOfficer}) == "" {
		t.Fatal("salaried officer paid per case")
	}
}

package dossier

import (
	"testing"

	"tuphap/internal/apperr"
)

// TestMayAttachResult: who may attach the electronic result, by state
// (Decree 118/2025/NĐ-CP, Art. 25-26: the resolving unit's result, returned
// by the desk).
func TestMayAttachResult(t *testing.T) {
	d := func(st Status) *Dossier {
		return &Dossier{Status: st, Current: 1, Steps: []Step{
			{Name: "Tiếp nhận", UnitCode: "MOTCUA", Role: "reception_clerk"},
			{Name: "Thẩm định", UnitCode: "BTTP", Role: "specialist"},
		}}
	}
	specBTTP := Actor{Role: "specialist", UnitCode: "BTTP"}
	specHCTP := Actor{Role: "specialist", UnitCode: "HCTP"}
	clerk := Actor{Role: "reception_clerk", UnitCode: "MOTCUA"}
	director := Actor{Role: "director"}
	for _, c := range []struct {
		name string
		st   Status
		a    Actor
		want apperr.Code
	}{
		{"processing: the step's holder", Processing, specBTTP, ""},
		{"processing: another unit", Processing, specHCTP, apperr.Forbidden},
		{"processing: the desk does not hold the step", Processing, clerk, apperr.Forbidden},
		{"processing: the director", Processing, director, ""},
		{"result ready: the handling unit", ResultReady, specBTTP, ""},
		{"result ready: the desk", ResultReady, clerk, ""},
		{"returned: another unit", Returned, specHCTP, apperr.Forbidden},
		{"accepted: too early", Accepted, specBTTP, apperr.Conflict},
		{"withdrawn: nothing to attach", Withdrawn, director, apperr.Conflict},
	} {
		err := MayAttachResult(d(c.st), c.a)
		if got := apperr.CodeOf(err); got != c.want {
			t.Errorf("%s: %v (%q), want %q", c.name, err, got, c.want)
		}
	}
}

// TestSignedResultRule: Decree 45/2020/NĐ-CP Art. 25(1) — an electronic
// result has legal value when signed; the tenant's mark on a procedure
// makes the signature a condition of the return.
func TestSignedResultRule(t *testing.T) {
	ready := &Dossier{Status: ResultReady, Ended: EndResult}
	refusedEnd := &Dossier{Status: ResultReady, Ended: EndRefused}
	cases := []struct {
		name string
		d    *Dossier
		act  Action
		must bool
		rs   ResultSignature
		ok   bool
	}{
		{"not marked: returned without a result", ready, ActReturn, false, ResultSignature{}, true},
		{"marked, no result", ready, ActReturn, true, ResultSignature{}, false},
		{"marked, unsigned result", ready, ActReturn, true, ResultSignature{Attached: true}, false},
		{"marked, signed result", ready, ActReturn, true, ResultSignature{Attached: true, Signed: true}, true},
		{"marked, signed by an untrusted certificate", ready, ActReturn, true, ResultSignature{Attached: true, Signed: true, Untrusted: true}, false},
		{"not marked, untrusted signature", ready, ActReturn, false, ResultSignature{Attached: true, Signed: true, Untrusted: true}, true},
		{"marked, refusal returned: no result to sign", refusedEnd, ActReturn, true, ResultSignature{}, true},
		{"marked, other action", ready, ActRate, true, ResultSignature{}, true},
	}
	for _, c := range cases {
		err := SignedResultRule(c.d, c.act, c.must, c.rs)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

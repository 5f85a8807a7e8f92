package audit

import (
	"strings"
	"testing"
	"time"
)

func chain(n int) []Entry {
	var out []Entry
	seq, hash := int64(0), ""
	for i := range n {
		e := Seal(Entry{TenantID: "t1", At: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC), Actor: "admin", Action: "unit.create", Object: "unit:X"}, seq, hash)
		seq, hash = e.Seq, e.Hash
		out = append(out, e)
	}
	return out
}

func verify(entries []Entry, headSeq int64, headHash string) error {
	var v Verifier
	for _, e := range entries {
		v.Add(e)
	}
	return v.Finish(headSeq, headHash)
}

func TestChain(t *testing.T) {
	c := chain(4)
	head := c[3]
	if err := verify(c, head.Seq, head.Hash); err != nil {
		t.Fatalf("clean chain: %v", err)
	}
	edited := append([]Entry(nil), c...)
	edited[1].Detail = "đã sửa"
	removed := append(append([]Entry(nil), c[:1]...), c[2:]...)
	reordered := []Entry{c[0], c[2], c[1], c[3]}
	for name, tc := range map[string]struct {
		entries []Entry
		seq     int64
		hash    string
	}{
		"edited row":      {edited, head.Seq, head.Hash},
		"removed row":     {removed, head.Seq, head.Hash},
		"reordered":       {reordered, head.Seq, head.Hash},
		"truncated tail":  {c[:3], head.Seq, head.Hash},
		"wrong head hash": {c, head.Seq, c[2].Hash},
	} {
		if err := verify(tc.entries, tc.seq, tc.hash); err == nil {
			t.Errorf("%s: not detected", name)
		}
	}
	if err := verify(nil, 0, ""); err != nil {
		t.Errorf("empty chain: %v", err)
	}
}

func TestHashCoversEveryField(t *testing.T) {
	base := chain(1)[0]
	mutations := []func(*Entry){
		func(e *Entry) { e.TenantID = "t2" }, func(e *Entry) { e.Seq = 2 }, func(e *Entry) { e.At = e.At.Add(time.Microsecond) },
		func(e *Entry) { e.ActorID = "x" }, func(e *Entry) { e.Actor = "x" }, func(e *Entry) { e.UnitID = "x" },
		func(e *Entry) { e.Action = "x" }, func(e *Entry) { e.Object = "x" }, func(e *Entry) { e.Detail = "x" },
		func(e *Entry) { e.IP = "x" }, func(e *Entry) { e.PrevHash = "x" },
		// Moving text between adjacent fields must change the hash too.
		func(e *Entry) { e.Action, e.Object = "unit.createunit:X", "" },
	}
	for i, m := range mutations {
		e := base
		m(&e)
		if ComputeHash(e) == base.Hash {
			t.Errorf("mutation %d does not change the hash", i)
		}
	}
}

// Issue 12 §5: an anchor kept outside the database catches a chain cut at
// its tail with the head rewound, and a chain rewritten from the anchored
// entry on.
func TestAnchors(t *testing.T) {
	var chain []Entry
	seq, hash := int64(0), ""
	for i := 0; i < 3; i++ {
		e := Seal(Entry{TenantID: "t", Actor: "a", Action: "x", At: time.Date(2026, 12, 6, 1, i, 0, 0, time.UTC)}, seq, hash)
		chain = append(chain, e)
		seq, hash = e.Seq, e.Hash
	}
	an := Anchor{TenantID: "t", TenantCode: "STP", Seq: 3, Hash: chain[2].Hash, At: time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC)}
	parsed, err := ParseAnchors("# mốc neo\n" + an.String() + "\n\n")
	if err != nil || len(parsed) != 1 || parsed[0] != an {
		t.Fatalf("round trip: %v %+v", err, parsed)
	}
	verify := func(entries []Entry, headSeq int64, headHash string) error {
		v := Verifier{Anchors: parsed}
		for _, e := range entries {
			v.Add(e)
		}
		return v.Finish(headSeq, headHash)
	}
	if err := verify(chain, 3, chain[2].Hash); err != nil {
		t.Fatal(err)
	}
	if err := verify(chain[:2], 2, chain[1].Hash); err == nil || !strings.Contains(err.Error(), "các dòng cuối đã bị cắt") {
		t.Fatalf("tail cut, head rewound: %v", err)
	}
	forged := Seal(Entry{TenantID: "t", Actor: "b", Action: "y", At: chain[2].At}, 2, chain[1].Hash)
	if err := verify([]Entry{chain[0], chain[1], forged}, 3, forged.Hash); err == nil || !strings.Contains(err.Error(), "mốc neo") {
		t.Fatalf("rewritten tail: %v", err)
	}
	for _, bad := range []string{"x y z", "tuphap-audit-anchor/1 t STP -1 h 2026-12-06T02:00:00Z", "tuphap-audit-anchor/1 t STP 1 h hôm-qua"} {
		if _, err := ParseAnchors(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

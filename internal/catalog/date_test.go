package catalog

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	d, err := ParseDate("2025-02-28")
	if err != nil {
		t.Fatal(err)
	}
	if d != NewDate(2025, time.February, 28) || d.String() != "2025-02-28" || d.Label() != "28/02/2025" {
		t.Errorf("ParseDate = %v (%s)", d, d.Label())
	}
	if NewDate(2025, 2, 29) != NewDate(2025, 3, 1) {
		t.Error("NewDate does not normalise")
	}
	for _, bad := range []string{"28/02/2025", "2025-02-30", "2025-2-1", "x"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if !NewDate(2025, 2, 28).Before(NewDate(2025, 3, 1)) || !NewDate(2025, 3, 1).After(NewDate(2025, 2, 28)) ||
		NewDate(2025, 3, 1).Compare(NewDate(2025, 3, 1)) != 0 || NewDate(2024, 12, 31).Compare(NewDate(2025, 1, 1)) != -1 {
		t.Error("comparison is wrong")
	}
}

// TestDateOf: the day that counts is the day in Viet Nam (UTC+7). A request
// at 23:30 UTC on 28/02/2025 arrives at 06:30 on 01/3/2025, the day the
// police took over judicial records.
func TestDateOf(t *testing.T) {
	at := time.Date(2025, 2, 28, 23, 30, 0, 0, time.UTC)
	if got := DateOf(at); got != NewDate(2025, 3, 1) {
		t.Errorf("DateOf(%v) = %v, want 2025-03-01", at, got)
	}
	if got := DateOf(time.Date(2025, 2, 28, 16, 59, 0, 0, time.UTC)); got != NewDate(2025, 2, 28) {
		t.Errorf("DateOf(16:59 UTC) = %v, want 2025-02-28", got)
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		From Date `json:"from"`
		To   Date `json:"to,omitzero"`
	}
	b, err := json.Marshal(doc{From: NewDate(2025, 7, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"from":"2025-07-01"}` {
		t.Errorf("Marshal = %s", b)
	}
	var back doc
	if err := json.Unmarshal([]byte(`{"from":"2010-07-01","to":"2025-02-28"}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.From != NewDate(2010, 7, 1) || back.To != NewDate(2025, 2, 28) {
		t.Errorf("Unmarshal = %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"from":"01/07/2010"}`), &back); err == nil {
		t.Error("Unmarshal accepted a bad date")
	}
}

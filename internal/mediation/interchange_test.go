package mediation

import (
	"errors"
	"strings"
	"testing"
)

func inDongThap(c string) bool { return strings.HasPrefix(c, "2") }

func TestReadRecords(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"commune_code":"28261","team":"Tổ hòa giải ấp 3","received_on":"2026-03-02","kind":"land","outcome":"successful","ended_on":"2026-03-20"}

{"commune_code":"29905","team":"Tổ hòa giải khóm 1","received_on":"2026-04-01","kind":"family","outcome":"in_progress","ended_on":null}
`
	got, err := ReadRecords(strings.NewReader(in), inDongThap, d(2026, 12, 6))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Line != 1 || got[1].Line != 3 {
		t.Fatalf("got %+v", got)
	}
	c := got[0].Case
	if c.CommuneCode != "28261" || c.Kind != KindLand || c.Outcome != OutcomeSuccessful || c.EndedOn == nil || !c.EndedOn.Equal(d(2026, 3, 20)) || got[0].TeamName != "Tổ hòa giải ấp 3" {
		t.Errorf("case = %+v", c)
	}
	if got[1].Case.EndedOn != nil || got[1].Case.Outcome != OutcomeInProgress {
		t.Errorf("in progress = %+v", got[1].Case)
	}
}

func TestReadRecordsRefusesWithLineNumbers(t *testing.T) {
	ok := `{"commune_code":"28261","team":"T","received_on":"2026-03-02","kind":"land","outcome":"in_progress","ended_on":null}`
	tests := []struct {
		name, line, want string
	}{
		{"commune outside the province", `{"commune_code":"00004","team":"T","received_on":"2026-03-02","kind":"land","outcome":"in_progress","ended_on":null}`, "không thuộc tỉnh"},
		{"unknown kind", `{"commune_code":"28261","team":"T","received_on":"2026-03-02","kind":"dat","outcome":"in_progress","ended_on":null}`, "loại vụ việc"},
		{"unknown outcome", `{"commune_code":"28261","team":"T","received_on":"2026-03-02","kind":"land","outcome":"ok","ended_on":null}`, "kết quả"},
		{"ended without end date", `{"commune_code":"28261","team":"T","received_on":"2026-03-02","kind":"land","outcome":"successful","ended_on":null}`, "phải có ngày kết thúc"},
		{"in progress with end date", `{"commune_code":"28261","team":"T","received_on":"2026-03-02","kind":"land","outcome":"in_progress","ended_on":"2026-03-05"}`, "null"},
		{"ends before received", `{"commune_code":"28261","team":"T","received_on":"2026-03-02","kind":"land","outcome":"stopped","ended_on":"2026-03-01"}`, "trước ngày tiếp nhận"},
		{"future", `{"commune_code":"28261","team":"T","received_on":"2027-03-02","kind":"land","outcome":"in_progress","ended_on":null}`, "tương lai"},
		{"bad date", `{"commune_code":"28261","team":"T","received_on":"02/03/2026","kind":"land","outcome":"in_progress","ended_on":null}`, "YYYY-MM-DD"},
		{"no team", `{"commune_code":"28261","received_on":"2026-03-02","kind":"land","outcome":"in_progress","ended_on":null}`, "team"},
		{"unknown field is not dropped silently", `{"commune_code":"28261","team":"T","received_on":"2026-03-02","kind":"land","outcome":"in_progress","ended_on":null,"parties":"x"}`, "không được hỗ trợ"},
		{"not JSON", `commune_code=28261`, "JSON"},
	}
	for _, tt := range tests {
		_, err := ReadRecords(strings.NewReader(ok+"\n"+ok+"\n"+tt.line+"\n"), inDongThap, d(2026, 12, 6))
		var le *LineError
		if !errors.As(err, &le) || le.Line != 3 || !strings.Contains(le.Message, tt.want) {
			t.Errorf("%s: err = %v, want line 3 containing %q", tt.name, err, tt.want)
		}
		if le != nil && !strings.HasPrefix(le.Error(), "Dòng 3: ") {
			t.Errorf("%s: %q", tt.name, le.Error())
		}
	}
}

func TestRecordRoundTrip(t *testing.T) {
	in := `{"commune_code":"28261","team":"Tổ hòa giải ấp 3","received_on":"2026-03-02","kind":"neighbours","outcome":"unsuccessful","ended_on":"2026-03-20","origin":"referred","assigned_on":"2026-03-03","started_on":"2026-03-04","summary":"Tranh chấp lối đi"}`
	got, err := ReadRecords(strings.NewReader(in), inDongThap, d(2026, 12, 6))
	if err != nil {
		t.Fatal(err)
	}
	rec := RecordOf(got[0].Case, got[0].TeamName)
	again, err := rec.Validate(inDongThap, d(2026, 12, 6))
	if err != nil || !equalRecords(RecordOf(again.Case, again.TeamName), rec) {
		t.Fatalf("round trip: %v %+v", err, rec)
	}
}

func equalRecords(a, b Record) bool {
	s := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	return a.CommuneCode == b.CommuneCode && a.Team == b.Team && a.ReceivedOn == b.ReceivedOn && a.Kind == b.Kind &&
		a.Outcome == b.Outcome && s(a.EndedOn) == s(b.EndedOn) && a.Origin == b.Origin && s(a.AssignedOn) == s(b.AssignedOn) &&
		s(a.StartedOn) == s(b.StartedOn) && a.Summary == b.Summary
}

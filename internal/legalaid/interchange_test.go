package legalaid

import (
	"strings"
	"testing"
)

func TestParseRecords(t *testing.T) {
	good := `{"code":"TT.TGTT.01.2026","unit":"TT","channel":"court","requested_on":"2026-01-05","requester":{"full_name":"Nguyễn Văn A"},"group":"K5","proof_ok":true,"form":"TGTT","field":"criminal","accepted_on":"2026-01-05","status":"closed","closed_on":"2026-03-01","result":"favourable","assessment":{"method":"result","rating":"good","on":"2026-03-10"}}
{"unit":"CN1","requested_on":"2025-06-30","requester":{"full_name":"Trần Thị B"},"group":"K7g","form":"TV","field":"civil","status":"requested"}
`
	recs, err := ParseRecords(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Case.Seq != 1 || recs[0].Case.EndedOn == nil || recs[1].Case.Channel != ChannelCentre {
		t.Fatalf("records: %+v", recs)
	}
	for _, tc := range []struct{ name, line, want string }{
		{"7(g) after its repeal", `{"unit":"TT","requested_on":"2025-07-02","requester":{"full_name":"X"},"group":"K7g","form":"TV","field":"civil","status":"requested"}`, "hết hiệu lực"},
		{"code of another form", `{"code":"TT.TV.01.2026","unit":"TT","requested_on":"2026-01-05","requester":{"full_name":"X"},"group":"K1","form":"TGTT","field":"civil","accepted_on":"2026-01-05","status":"in_progress"}`, "Điều 11"},
		{"refusal without reason", `{"unit":"TT","requested_on":"2026-01-05","requester":{"full_name":"X"},"group":"K1","form":"TV","field":"civil","status":"refused","refused_on":"2026-01-06"}`, "Điều 30"},
		{"unknown key", `{"unit":"TT","nonsense":1}`, "JSON"},
	} {
		_, err := ParseRecords(strings.NewReader(good + tc.line + "\n"))
		if err == nil || !strings.Contains(err.Error(), "Dòng 3") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

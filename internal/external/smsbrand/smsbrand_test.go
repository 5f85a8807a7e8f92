package smsbrand

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"tuphap/internal/notify"
)

func TestGateway(t *testing.T) {
	var got map[string]string
	status, answer := http.StatusOK, `{"code":"00","message_id":"vt-1"}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "stp" || p != "secret" || r.URL.Path != "/sms/send" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		json.NewDecoder(r.Body).Decode(&got)
		w.WriteHeader(status)
		w.Write([]byte(answer))
	}))
	defer srv.Close()
	g := &Gateway{BaseURL: srv.URL, Brandname: "STP-DONGTHAP", User: "stp", Pass: "secret"}
	s := &notify.SMSSender{Gateway: g, Unaccented: true}
	m := notify.Message{TenantID: "t1", ID: "m1", Channel: notify.SMS, To: "+84 912 345 678", Body: "Hồ sơ đã có kết quả."}
	ref, err := s.SendRef(context.Background(), m)
	if err != nil || ref != "vt-1" || got["phone"] != "0912345678" || got["brandname"] != "STP-DONGTHAP" || got["request_id"] != "m1" ||
		got["message"] != "Ho so da co ket qua." {
		t.Fatalf("send: %q %v %v", ref, err, got)
	}
	for _, c := range []struct {
		status    int
		answer    string
		permanent bool
	}{
		{http.StatusOK, `{"code":"99","message":"busy"}`, false},
		{http.StatusBadGateway, ``, false},
		{http.StatusOK, `{"code":"13","message":"brandname not registered"}`, true},
		{http.StatusOK, `{"code":"00"}`, false},
	} {
		status, answer = c.status, c.answer
		if _, err := s.SendRef(context.Background(), m); err == nil || notify.IsPermanent(err) != c.permanent {
			t.Errorf("%d %s: %v, permanent %v", c.status, c.answer, err, c.permanent)
		}
	}
	g.Pass = "wrong"
	if _, err := s.SendRef(context.Background(), m); !notify.IsPermanent(err) {
		t.Fatalf("refused credentials: %v", err)
	}
}

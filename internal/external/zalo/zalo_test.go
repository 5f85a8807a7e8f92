package zalo

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"tuphap/internal/notify"
)

// The ZNS call as Zalo documents it: POST /message/template with the
// access_token header and phone, template_id, template_data, tracking_id.
func TestClient(t *testing.T) {
	var got TemplateMessage
	answer := `{"error":0,"message":"Success","data":{"msg_id":"a1b2"}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/message/template" || r.Header.Get("access_token") != "tok" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		b, _ := io.ReadAll(r.Body)
		json.Unmarshal(b, &got)
		io.WriteString(w, answer)
	}))
	defer srv.Close()
	c := &Client{BaseURL: srv.URL, AccessToken: "tok"}
	s := &Sender{ZNS: c}
	m := notify.Message{TenantID: "t1", ID: "m1", Channel: notify.Zalo, To: "0912 345 678", Subject: "000.00.00.H82-261123-0001", Body: "Hồ sơ đã có kết quả."}
	ref, err := s.SendRef(context.Background(), m)
	if err != nil || ref != "a1b2" || got.Phone != "84912345678" || got.TrackingID != "m1" || got.TemplateID != "tuphap-thong-bao-ho-so" ||
		got.Data["ma_ho_so"] != m.Subject || got.Data["noi_dung"] != m.Body {
		t.Fatalf("send: %q %v %+v", ref, err, got)
	}
	answer = `{"error":-108,"message":"Phone number invalid"}`
	if _, err := s.SendRef(context.Background(), m); !notify.IsPermanent(err) {
		t.Fatalf("no Zalo account: %v", err)
	}
	answer = `{"error":-124,"message":"Access token invalid"}`
	if _, err := s.SendRef(context.Background(), m); err == nil || notify.IsPermanent(err) {
		t.Fatalf("expired token must be retried: %v", err)
	}
	m.To = "12345"
	if _, err := s.SendRef(context.Background(), m); !notify.IsPermanent(err) {
		t.Fatalf("bad number: %v", err)
	}
}

func TestSimulatorAndReply(t *testing.T) {
	sim := &Simulator{}
	s := &Sender{ZNS: sim}
	ctx := context.Background()
	m := notify.Message{TenantID: "t1", ID: "m1", To: "0912345678", Subject: "HS-1", Body: "Hồ sơ đã được tiếp nhận."}
	ref, err := s.SendRef(ctx, m)
	if err != nil || ref != "zns-m1" {
		t.Fatalf("send: %q %v", ref, err)
	}
	if again, _ := s.SendRef(ctx, m); again != ref || len(sim.Inbox("t1")) != 1 || len(sim.Inbox("t2")) != 0 {
		t.Fatal("a retried send was delivered twice, or to another tenant")
	}
	m.ID, m.To = "m2", "0912345000"
	if _, err := s.SendRef(ctx, m); !notify.IsPermanent(err) {
		t.Fatalf("no Zalo account: %v", err)
	}
	sim.FailNext(1)
	m.To = "0912345678"
	if _, err := s.SendRef(ctx, m); err == nil || notify.IsPermanent(err) {
		t.Fatalf("outage: %v", err)
	}
	secret := []byte("k")
	body, sig, err := sim.Reply(secret, "STP", ref, "Cảm ơn.")
	if err != nil || !Verify(secret, body, sig) || Verify([]byte("other"), body, sig) || Verify(secret, append(body, ' '), sig) {
		t.Fatalf("reply signature: %v", err)
	}
	var rep Reply
	if err := json.Unmarshal(body, &rep); err != nil || rep.InReplyTo != ref || rep.Phone != "84912345678" || rep.Tenant != "STP" || rep.Text != "Cảm ơn." || rep.MsgID == "" {
		t.Fatalf("reply %+v %v", rep, err)
	}
	if _, _, err := sim.Reply(secret, "STP", "zns-unknown", "x"); err == nil {
		t.Fatal("a reply to an unknown message")
	}
	if Verify(secret, body, "not hex") || Sign(secret, body) != sig {
		t.Fatal("signature helpers")
	}
}

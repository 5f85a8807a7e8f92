package main

import (
	"context"
	"strings"
	"testing"

	"tuphap/internal/notify"
)

func TestMailConfigSenders(t *testing.T) {
	sim := &notify.SMSSimulator{}
	s, err := (&mailConfig{}).senders(sim)
	if err != nil {
		t.Fatal(err)
	}
	// No relay: e-mails die at once with a reason naming the settings.
	err = s[notify.Email].Send(context.Background(), notify.Message{To: "a@b.vn"})
	if !notify.IsPermanent(err) || !strings.Contains(err.Error(), "TUPHAP_SMTP_ADDR") {
		t.Errorf("disabled e-mail: %v", err)
	}
	if _, ok := s[notify.SMS].(*notify.SMSSender); !ok {
		t.Errorf("SMS sender = %T", s[notify.SMS])
	}
	for _, c := range []mailConfig{{addr: "mail.example.vn"}, {addr: "mail.example.vn:587"}, {addr: "mail.example.vn:587", from: "không phải địa chỉ"}} {
		if _, err := c.senders(sim); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	s, err = (&mailConfig{addr: "mail.example.vn:587", from: "Sở Tư pháp <motcua@stp.example.gov.vn>", startTLS: true}).senders(sim)
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := s[notify.Email].(*notify.SMTPSender); !ok || !m.StartTLS || m.Addr != "mail.example.vn:587" {
		t.Errorf("SMTP sender = %+v", s[notify.Email])
	}
}

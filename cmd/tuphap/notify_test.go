package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func TestMailConfigSenders(t *testing.T) {
	t.Parallel()
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

// TestWiringNotifiesAndUsesTenantCatalogue: the wired dossier service
// enqueues the applicant's notifications and nudges the worker after the
// commit, and finds procedures in the tenant's own catalogue.
func TestWiringNotifiesAndUsesTenantCatalogue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := storetest.DSN(t, sqlstore.SQLite)
	a, err := open(ctx, func(string) string { return "" }, dsn, filepath.Join(t.TempDir(), "k.key"), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ten, err := a.org.CreateTenant(ctx, audit.System, org.Tenant{Code: "STP-W", Name: "Sở Tư pháp tỉnh Đồng Tháp", AgencyID: "000.00.00.H18", ProvinceCode: "87"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := a.procs.Entry(ctx, ten.ID, "notary.appointment")
	if err != nil {
		t.Fatal(err)
	}
	p := e.Procedure
	p.Channels = []catalog.Channel{catalog.ChannelDirect} // no online, no post
	p.ChannelRules, p.OnlineLevel = nil, catalog.OnlineNone
	if _, err := a.procs.Save(ctx, audit.System, ten.ID, p, true, 0); err != nil {
		t.Fatal(err)
	}
	clerk := dossier.Actor{ID: "c", Name: "clerk", Role: "reception_clerk", UnitCode: "MOTCUA"}
	req := dossier.IntakeRequest{Procedure: "notary.appointment", Channel: catalog.ChannelPostal,
		Applicant: dossier.Applicant{FullName: "Trần Văn An", IDNumber: "082190001235", Phone: "0912345678"}}
	if _, err := a.dossiers.Intake(ctx, clerk, ten.ID, req); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("postal intake of a procedure the tenant takes only in person: %v", err)
	}
	req.Channel = catalog.ChannelDirect
	d, err := a.dossiers.Intake(ctx, clerk, ten.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-a.wake:
	default:
		t.Error("the worker was not nudged after the intake committed")
	}
	list, err := a.db.Outbox().OutboxList(ctx, ten.ID, sqlstore.OutboxFilter{})
	if err != nil || len(list) != 1 || list[0].Channel != "sms" || !strings.Contains(list[0].Body, d.Code) {
		t.Fatalf("outbox after intake: %+v %v", list, err)
	}
}

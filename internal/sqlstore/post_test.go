package sqlstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/external/vnpost"
	"tuphap/internal/external/zalo"
	"tuphap/internal/notify"
	"tuphap/internal/postal"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// refusingMail is an e-mail sender whose relay refuses every recipient.
type refusingMail struct{}

func (refusingMail) Send(context.Context, notify.Message) error {
	return notify.Permanent(errors.New("550 mailbox unavailable"))
}

// A dossier whose applicant chose delivery by post and notices on Zalo:
// its result is ready, the desk orders the consignment (once), the worker
// hands it to the carrier (after an outage) and records the tracking
// code, the poll follows it to delivery; every SMS, Zalo message and
// e-mail is in the dossier's message log with its outcome and the
// provider's reference, and a citizen's reply is logged once.
func TestPostAndMessageLog(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		e.svc.Notify = notify.Messages
		post := e.db.Post()
		code := nationalCode(t, "notary.card_issue")
		a := applicant
		a.Address = "Số 5 đường Lý Thường Kiệt, Phường 1, Đồng Tháp"
		d, err := e.svc.Intake(ctx, clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: code, Channel: catalog.ChannelDirect, Applicant: a,
			Delivery: postal.Delivery, Adjust: func(d *dossier.Dossier, _ catalog.Procedure) { d.Extra = map[string]string{notify.ExtraZalo: "1"} }})
		if err != nil {
			t.Fatal(err)
		}
		order := postal.Order{Recipient: a.FullName, Phone: "0912345678", Address: a.Address, COD: 25000}
		if _, err := vnpost.Ship(ctx, e.svc.Store, post, "Bưu điện", clerk, e.tenant.ID, d.ID, order); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("ordered before the result is ready: %v", err)
		}
		d = e.act(t, clerk, d, dossier.ActForward, dossier.Input{})
		d = e.act(t, specialist, d, dossier.ActForward, dossier.Input{})
		d = e.act(t, head, d, dossier.ActForward, dossier.Input{})
		d = e.act(t, director, d, dossier.ActForward, dossier.Input{})
		if d.Status != dossier.ResultReady {
			t.Fatalf("status %v", d.Status)
		}
		bad := order
		bad.Address = "ngắn"
		if _, err := vnpost.Ship(ctx, e.svc.Store, post, "Bưu điện", clerk, e.tenant.ID, d.ID, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a short address: %v", err)
		}
		c, err := vnpost.Ship(ctx, e.svc.Store, post, "Bưu điện", clerk, e.tenant.ID, d.Code, order)
		if err != nil || c.Status != postal.Requested {
			t.Fatalf("ship: %+v %v", c, err)
		}
		if _, err := vnpost.Ship(ctx, e.svc.Store, post, "Bưu điện", clerk, e.tenant.ID, d.ID, order); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("ordered twice: %v", err)
		}

		carrier := &vnpost.Simulator{Now: e.clock.Now}
		carrier.FailNext(1)
		sms, zns := &notify.SMSSimulator{Now: e.clock.Now}, &zalo.Simulator{Now: e.clock.Now}
		w := &notify.Worker{Queue: sqlstore.Outbox{DB: e.db}, Concurrency: 1, Now: e.clock.Now, Journal: e.db.Messages(),
			Backoff: func(int) time.Duration { return 0 },
			Senders: map[notify.Channel]notify.Sender{notify.SMS: &notify.SMSSender{Gateway: sms, Unaccented: true},
				notify.Zalo: &zalo.Sender{ZNS: zns}, notify.Email: refusingMail{},
				vnpost.Channel: &vnpost.Sender{Carrier: carrier, Store: post}}}
		drain(t, w)
		c, err = post.Consignment(ctx, e.tenant.ID, d.ID)
		if err != nil || c.Status != postal.Accepted || c.TrackingCode != vnpost.TrackingCode(e.tenant.ID, d.ID) || c.COD != 25000 ||
			c.Address != a.Address || c.Officer != clerk.Name {
			t.Fatalf("consignment after the worker: %+v %v", c, err)
		}
		if note, err := postal.ReturnRule(&d, &c); err != nil || !strings.Contains(note, c.TrackingCode) {
			t.Fatalf("return note %q %v", note, err)
		}

		// The poll follows it: in transit after 4 hours, delivered after 36.
		e.clock.Add(5 * time.Hour)
		if n, err := vnpost.Poll(ctx, carrier, post, 10); err != nil || n != 1 {
			t.Fatalf("poll: %d %v", n, err)
		}
		if n, err := vnpost.Poll(ctx, carrier, post, 10); err != nil || n != 0 {
			t.Fatalf("poll without change: %d %v", n, err)
		}
		e.clock.Add(40 * time.Hour)
		if n, err := vnpost.Poll(ctx, carrier, post, 10); err != nil || n != 1 {
			t.Fatalf("poll: %d %v", n, err)
		}
		c, err = post.Consignment(ctx, e.tenant.ID, d.ID)
		if err != nil || c.Status != postal.Delivered || c.DeliveredAt == nil || !c.DeliveredAt.Equal(c.CreatedAt.Add(36*time.Hour)) {
			t.Fatalf("delivered: %+v %v", c, err)
		}
		if open, err := post.OpenConsignments(ctx, 10); err != nil || len(open) != 0 {
			t.Fatalf("open after delivery: %+v %v", open, err)
		}
		// A stale answer cannot move it back.
		if ok, err := post.Track(ctx, e.tenant.ID, d.ID, vnpost.Tracking{Status: postal.InTransit}); err != nil || ok {
			t.Fatalf("moved back: %v %v", ok, err)
		}

		// The message log: accepted and result-ready notices on three channels.
		msgs, err := e.db.Messages().OfDossier(ctx, e.tenant.ID, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		var zref string
		for _, m := range msgs {
			count[m.Channel+":"+m.Status]++
			switch m.Channel {
			case "sms":
				if !strings.HasPrefix(m.ProviderRef, "sms-") || m.SentAt == nil || m.Party != "0912345678" {
					t.Errorf("sms row %+v", m)
				}
			case "zalo":
				if !strings.HasPrefix(m.ProviderRef, "zns-") || !strings.Contains(m.Body, "Hồ sơ") {
					t.Errorf("zalo row %+v", m)
				}
				zref = m.ProviderRef
			case "email":
				if m.ProviderRef != "" || !strings.Contains(m.Error, "550") || m.SentAt != nil {
					t.Errorf("email row %+v", m)
				}
			}
		}
		if count["sms:sent"] != 2 || count["zalo:sent"] != 2 || count["email:failed"] != 2 || len(msgs) != 6 {
			t.Fatalf("message log %v (%d rows)", count, len(msgs))
		}
		// The ZNS simulator holds them with the dossier's code.
		if in := zns.Inbox(e.tenant.ID); len(in) != 2 || in[0].Data["ma_ho_so"] != d.Code || in[0].Phone != "84912345678" {
			t.Fatalf("zalo inbox %+v", in)
		}

		rep := sqlstore.Reply{Channel: "zalo", From: "84912345678", Text: "Tôi đã nhận được thông báo.", InReplyTo: zref, ID: "r-1"}
		for range 2 {
			if id, err := e.db.Messages().LogReply(ctx, e.tenant.ID, rep); err != nil || id != d.ID {
				t.Fatalf("reply: %q %v", id, err)
			}
		}
		if _, err := e.db.Messages().LogReply(ctx, e.tenant.ID, sqlstore.Reply{Channel: "sms", InReplyTo: zref, ID: "r-2", Text: "x"}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("a reply to a reference of another channel: %v", err)
		}
		msgs, _ = e.db.Messages().OfDossier(ctx, e.tenant.ID, d.ID)
		if n := len(msgs); n != 7 || msgs[n-1].Direction != "in" || msgs[n-1].Body != rep.Text || msgs[n-1].Status != "received" {
			t.Fatalf("after the reply: %d rows, last %+v", n, msgs[n-1])
		}

		// Returned: the step records the consignment.
		if d, err = e.svc.CollectFee(ctx, clerk, e.tenant.ID, d.Code, "Sở Tư pháp", (&ereceipt.Simulator{Now: e.clock.Now}).Issue); err != nil {
			t.Fatal(err)
		}
		note, err := postal.ReturnRule(&d, &c)
		if err != nil {
			t.Fatal(err)
		}
		e.act(t, clerk, d, dossier.ActReturn, dossier.Input{Note: note})
		_, evs, err := e.svc.Get(ctx, e.tenant.ID, d.ID)
		if err != nil || evs[len(evs)-1].Action != dossier.ActReturn || !strings.Contains(evs[len(evs)-1].Detail, c.TrackingCode) {
			t.Fatalf("returned event %+v %v", evs[len(evs)-1], err)
		}

		// Retention: after 90 days the log keeps the facts, not the texts.
		drain(t, w)
		e.clock.Add(91 * 24 * time.Hour)
		if _, err := e.db.Outbox().PurgeOutbox(ctx, e.clock.Now().Add(-90*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		msgs, _ = e.db.Messages().OfDossier(ctx, e.tenant.ID, d.ID)
		for _, m := range msgs {
			if m.Body != "" || m.Party != "" || m.Status == "" {
				t.Errorf("kept after 90 days: %+v", m)
			}
		}
	})
}

// An order the carrier refuses is recorded as failed with its reason, and
// the desk may order again with a better address.
func TestPostRefused(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		post := e.db.Post()
		code := nationalCode(t, "notary.card_issue")
		d, err := e.svc.Intake(ctx, clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: code, Channel: catalog.ChannelDirect, Applicant: applicant,
			Delivery: postal.Delivery})
		if err != nil {
			t.Fatal(err)
		}
		for _, who := range []dossier.Actor{clerk, specialist, head, director} {
			d = e.act(t, who, d, dossier.ActForward, dossier.Input{})
		}
		order := postal.Order{Recipient: "Nguyễn Thị Hồng Nhung", Address: "Số 5 đường Lý Thường Kiệt Phường 1"}
		if _, err := vnpost.Ship(ctx, e.svc.Store, post, "Bưu điện", clerk, e.tenant.ID, d.ID, order); err != nil {
			t.Fatal(err)
		}
		carrier := &vnpost.Simulator{Now: e.clock.Now}
		w := &notify.Worker{Queue: sqlstore.Outbox{DB: e.db}, Concurrency: 1, Now: e.clock.Now,
			Senders: map[notify.Channel]notify.Sender{vnpost.Channel: &vnpost.Sender{Carrier: carrier, Store: post}, "sms": &notify.SMSSender{Gateway: &notify.SMSSimulator{}}}}
		drain(t, w)
		c, err := post.Consignment(ctx, e.tenant.ID, d.ID)
		if err != nil || c.Status != postal.Failed || !strings.Contains(c.Note, "xã/phường") || c.TrackingCode != "" {
			t.Fatalf("refused: %+v %v", c, err)
		}
		if _, err := postal.ReturnRule(&d, &c); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("returned without a consignment: %v", err)
		}
		order.Address = "Số 5 đường Lý Thường Kiệt, Phường 1, Đồng Tháp"
		if _, err := vnpost.Ship(ctx, e.svc.Store, post, "Bưu điện", clerk, e.tenant.ID, d.ID, order); err != nil {
			t.Fatalf("ordered again: %v", err)
		}
		drain(t, w)
		if c, err = post.Consignment(ctx, e.tenant.ID, d.ID); err != nil || c.Status != postal.Accepted || c.Note != "" || c.Address != order.Address {
			t.Fatalf("second order: %+v %v", c, err)
		}
	})
}

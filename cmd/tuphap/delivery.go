package main

import (
	"context"
	"crypto/rand"
	"flag"
	"log/slog"
	"time"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/smsbrand"
	"tuphap/internal/external/vnpost"
	"tuphap/internal/external/zalo"
	"tuphap/internal/notify"
	"tuphap/internal/postal"
	"tuphap/internal/web"
)

// delivery wires result delivery by post and the messages' providers
// (issue 25 items 6 and 7): the carrier (its simulator only, for now: a
// real carrier needs the agency's contract), Zalo ZNS (the simulator, or
// the API with TUPHAP_ZALO_TOKEN), the brandname SMS gateway (with
// TUPHAP_SMS_URL; else the SMS simulator) and the replies' webhook secret.
type delivery struct {
	carrier vnpost.Carrier // nil: no postal delivery
	zns     zalo.ZNS
	zaloSim *zalo.Simulator // when zns is the simulator
	secret  []byte
	sms     notify.SMSGateway // nil: the SMS simulator
}

type deliveryConfig struct {
	postSim  *bool
	zaloTok  string
	smsURL   string
	smsBrand string
	smsUser  string
	smsPass  string
	secret   string
}

// deliveryFlags declares --post-simulator and reads the providers'
// settings (secrets from the environment only).
func deliveryFlags(fs *flag.FlagSet, e *env) *deliveryConfig {
	return &deliveryConfig{
		postSim: fs.Bool("post-simulator", envOr(e, "TUPHAP_POST_SIMULATOR", "") == "1",
			"trả kết quả qua bưu chính với đơn vị bưu chính mô phỏng (chỉ để thử nghiệm; --demo cũng bật) (TUPHAP_POST_SIMULATOR=1)"),
		zaloTok: e.getenv("TUPHAP_ZALO_TOKEN"), smsURL: e.getenv("TUPHAP_SMS_URL"), smsBrand: e.getenv("TUPHAP_SMS_BRANDNAME"),
		smsUser: e.getenv("TUPHAP_SMS_USER"), smsPass: e.getenv("TUPHAP_SMS_PASSWORD"), secret: e.getenv("TUPHAP_MESSAGE_HOOK_SECRET"),
	}
}

// build makes the connections; withDemo turns the carrier's simulator on
// and, without a configured secret, makes one for the demo's replies.
func (c *deliveryConfig) build(withDemo bool) (*delivery, error) {
	d := &delivery{secret: []byte(c.secret)}
	if *c.postSim || withDemo {
		d.carrier = &vnpost.Simulator{}
	}
	if c.zaloTok != "" {
		d.zns = &zalo.Client{AccessToken: c.zaloTok}
	} else {
		d.zaloSim = &zalo.Simulator{}
		d.zns = d.zaloSim
	}
	if c.smsURL != "" {
		if c.smsBrand == "" {
			return nil, usageError("TUPHAP_SMS_BRANDNAME là bắt buộc khi đặt TUPHAP_SMS_URL")
		}
		d.sms = &smsbrand.Gateway{BaseURL: c.smsURL, Brandname: c.smsBrand, User: c.smsUser, Pass: c.smsPass}
	}
	if len(d.secret) == 0 && withDemo {
		d.secret = make([]byte, 32)
		rand.Read(d.secret)
	}
	return d, nil
}

// addSenders adds the channels of post and Zalo, and the brandname SMS
// gateway when configured, to the worker's senders.
func (d *delivery) addSenders(a *app, senders map[notify.Channel]notify.Sender) {
	senders[notify.Zalo] = &zalo.Sender{ZNS: d.zns}
	if d.sms != nil {
		senders[notify.SMS] = &notify.SMSSender{Gateway: d.sms, Unaccented: true}
	}
	if d.carrier != nil {
		senders[vnpost.Channel] = &vnpost.Sender{Carrier: d.carrier, Store: a.db.Post()}
	}
}

// enableWeb turns on the dossier page's postal orders and the webhook.
func (d *delivery) enableWeb(srv *web.Server) {
	if d.carrier != nil {
		srv.EnablePost(&web.PostDelivery{Carrier: d.carrier})
	}
	srv.EnableMessaging(&web.Messaging{Secret: d.secret, Zalo: d.zaloSim})
}

// pollEvery is how often the consignments' statuses are asked.
const pollEvery = 5 * time.Minute

// pollPost asks the carrier for the consignments on their way until ctx
// is done.
func (d *delivery) pollPost(ctx context.Context, a *app, log *slog.Logger) {
	if d.carrier == nil {
		return
	}
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		if n, err := vnpost.Poll(ctx, d.carrier, a.db.Post(), 200); err != nil && ctx.Err() == nil {
			log.Warn("post poll", "error", err)
		} else if n > 0 {
			log.Info("post poll: consignments updated", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// seedPostDemo files three demo dossiers whose applicants chose delivery by
// post and notices on Zalo, resolved: one delivered and returned, one on
// its way, one waiting for the desk to order its consignment. Their
// notices go through the worker into their message logs.
func (d *delivery) seedPostDemo(ctx context.Context, a *app, tenantCode string) error {
	sim, ok := d.carrier.(*vnpost.Simulator)
	if !ok {
		return nil
	}
	t, err := a.db.Org().TenantByCode(ctx, tenantCode)
	if err != nil {
		return err
	}
	people := []struct {
		name, id, phone, addr string
		age                   time.Duration // since the carrier took it; 0: not ordered
	}{
		{"Phạm Thị Lan", "087190004411", "0913456789", "Số 18 đường Nguyễn Huệ, Phường Cao Lãnh, Đồng Tháp", 40 * time.Hour},
		{"Huỳnh Văn Tài", "087090004412", "0914567890", "Ấp Tân Hòa, xã Mỹ Hiệp, Đồng Tháp", 6 * time.Hour},
		{"Võ Thị Ngọc Mai", "087190004413", "0915678901", "Số 7 đường Trần Hưng Đạo, Phường Sa Đéc, Đồng Tháp", 0},
	}
	if mine, err := a.db.Dossiers().DossiersOf(ctx, t.ID, people[0].id, 1); err != nil || len(mine) > 0 {
		return err
	}
	desk := dossier.Actor{ID: "demo", Name: "Bộ phận Một cửa (dữ liệu mẫu)", Role: "director"}
	for _, p := range people {
		dd, err := a.dossiers.Intake(ctx, desk, t.ID, dossier.IntakeRequest{Procedure: "bailiff.card_reissue", Channel: catalog.ChannelDirect,
			Applicant: dossier.Applicant{FullName: p.name, IDNumber: p.id, Phone: p.phone, Address: p.addr}, Delivery: postal.Delivery,
			Adjust: func(d *dossier.Dossier, _ catalog.Procedure) { d.Extra = map[string]string{notify.ExtraZalo: "1"} }})
		if err != nil {
			return err
		}
		for i := 0; i < 10 && dd.Status != dossier.ResultReady; i++ {
			if dd, err = a.dossiers.Act(ctx, desk, t.ID, dd.ID, dossier.ActForward, dossier.Input{}); err != nil {
				return err
			}
		}
		if p.age == 0 {
			continue
		}
		order := postal.Order{Recipient: p.name, Phone: p.phone, Address: p.addr}
		if _, err := vnpost.Ship(ctx, a.dossiers.Store, a.db.Post(), sim.Name(), desk, t.ID, dd.ID, order); err != nil {
			return err
		}
		// The worker would hand the order over; the demo does it now and
		// backdates it (the worker's later try is the same order).
		r, err := sim.Create(ctx, vnpost.Shipment{TenantID: t.ID, Ref: dd.ID, DossierNo: dd.Code, Recipient: p.name, Phone: p.phone, Address: p.addr})
		if err != nil {
			return err
		}
		if err := a.db.Post().Created(ctx, t.ID, dd.ID, r); err != nil {
			return err
		}
		sim.Backdate(t.ID, dd.ID, p.age)
		if _, err := vnpost.Refresh(ctx, sim, a.db.Post(), vnpost.Open{TenantID: t.ID, DossierID: dd.ID, TrackingCode: r.TrackingCode, Status: r.Status}); err != nil {
			return err
		}
		c, err := a.db.Post().Consignment(ctx, t.ID, dd.ID)
		if err != nil {
			return err
		}
		if c.Status == postal.Delivered {
			note, err := postal.ReturnRule(&dd, &c)
			if err != nil {
				return err
			}
			if _, err := a.dossiers.Act(ctx, desk, t.ID, dd.ID, dossier.ActReturn, dossier.Input{Note: note}); err != nil {
				return err
			}
		}
	}
	return nil
}

package main

import (
	"context"
	"crypto/rand"
	"flag"
	"log/slog"
	"time"

	"tuphap/internal/external/smsbrand"
	"tuphap/internal/external/vnpost"
	"tuphap/internal/external/zalo"
	"tuphap/internal/notify"
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

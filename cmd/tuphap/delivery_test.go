package main

import (
	"testing"

	"tuphap/internal/external/smsbrand"
	"tuphap/internal/external/vnpost"
	"tuphap/internal/external/zalo"
	"tuphap/internal/notify"
)

// The providers serve picks: simulators by default (the carrier's only
// with --post-simulator or --demo), the real APIs when configured.
func TestDeliveryConfig(t *testing.T) {
	off, on := false, true
	d, err := (&deliveryConfig{postSim: &off}).build(false)
	if err != nil || d.carrier != nil || d.zaloSim == nil || d.sms != nil || len(d.secret) != 0 {
		t.Fatalf("defaults: %+v %v", d, err)
	}
	if d, err = (&deliveryConfig{postSim: &off}).build(true); err != nil || d.carrier == nil || len(d.secret) != 32 {
		t.Fatalf("demo: %+v %v", d, err)
	}
	d, err = (&deliveryConfig{postSim: &on, zaloTok: "tok", smsURL: "https://sms.example.vn", smsBrand: "STP", secret: "k"}).build(false)
	if err != nil || string(d.secret) != "k" {
		t.Fatalf("configured: %+v %v", d, err)
	}
	if _, ok := d.zns.(*zalo.Client); !ok || d.zaloSim != nil {
		t.Fatalf("ZNS: %T", d.zns)
	}
	if _, ok := d.sms.(*smsbrand.Gateway); !ok {
		t.Fatalf("SMS: %T", d.sms)
	}
	if _, ok := d.carrier.(*vnpost.Simulator); !ok {
		t.Fatalf("carrier: %T", d.carrier)
	}
	senders := map[notify.Channel]notify.Sender{}
	d.addSenders(&app{}, senders)
	if senders[notify.Zalo] == nil || senders[notify.SMS] == nil {
		t.Fatalf("senders: %v", senders)
	}
	if _, err := (&deliveryConfig{postSim: &off, smsURL: "https://sms.example.vn"}).build(false); err == nil {
		t.Fatal("an SMS gateway without a brandname")
	}
}

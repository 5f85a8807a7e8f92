package postal

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
)

func ready() dossier.Dossier {
	return dossier.Dossier{Status: dossier.ResultReady, Delivery: Delivery,
		Applicant: dossier.Applicant{FullName: "Trần Văn An", Address: "Số 12 đường Nguyễn Huệ", Commune: "Phường Cao Lãnh"}}
}

// Decree 61/2018/NĐ-CP Art. 18 (as amended by Decree 107/2021/NĐ-CP):
// the result goes by public postal service when the applicant chose it,
// once it is ready and before it is returned.
func TestMayShip(t *testing.T) {
	good := Order{Recipient: "Trần Văn An", Address: "Số 12 đường Nguyễn Huệ, Phường Cao Lãnh, Đồng Tháp", COD: 25000}
	returned := ready()
	now := time.Now()
	returned.Status, returned.ReturnedAt = dossier.Returned, &now
	atDesk := ready()
	atDesk.Delivery = dossier.DefaultDelivery
	processing := ready()
	processing.Status = dossier.Processing
	for _, c := range []struct {
		name     string
		d        dossier.Dossier
		existing *Consignment
		o        Order
		want     apperr.Code
		field    string
	}{
		{"ready, by post", ready(), nil, good, "", ""},
		{"a failed order may be placed again", ready(), &Consignment{Status: Failed}, good, "", ""},
		{"one under way", ready(), &Consignment{Status: Requested}, good, apperr.Conflict, ""},
		{"delivered already", ready(), &Consignment{Status: Delivered}, good, apperr.Conflict, ""},
		{"result at the desk", atDesk, nil, good, apperr.Conflict, ""},
		{"not resolved yet", processing, nil, good, apperr.Conflict, ""},
		{"returned", returned, nil, good, apperr.Conflict, ""},
		{"no recipient", ready(), nil, Order{Address: good.Address}, apperr.Invalid, "recipient"},
		{"short address", ready(), nil, Order{Recipient: "An", Address: "Cao Lãnh"}, apperr.Invalid, "post_address"},
		{"bad phone", ready(), nil, Order{Recipient: "An", Address: good.Address, Phone: "12345"}, apperr.Invalid, "phone"},
		{"negative COD", ready(), nil, Order{Recipient: "An", Address: good.Address, COD: -1}, apperr.Invalid, "cod"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := MayShip(&c.d, c.existing, c.o)
			if got := apperr.CodeOf(err); (err == nil) != (c.want == "") || (err != nil && got != c.want) {
				t.Fatalf("MayShip = %v, want %q", err, c.want)
			}
			if c.field != "" && apperr.As(err).Fields[c.field] == "" {
				t.Fatalf("no message for %s: %+v", c.field, apperr.As(err))
			}
		})
	}
}

func TestAddressOf(t *testing.T) {
	d := ready()
	if got := AddressOf(&d); got != "Số 12 đường Nguyễn Huệ, Phường Cao Lãnh" {
		t.Fatalf("applicant's address: %q", got)
	}
	d.Extra = map[string]string{ExtraAddress: "Thôn 3, xã Mỹ Hiệp, Đồng Tháp"}
	if got := AddressOf(&d); got != "Thôn 3, xã Mỹ Hiệp, Đồng Tháp" {
		t.Fatalf("given address: %q", got)
	}
}

func TestStatusAdvances(t *testing.T) {
	for _, c := range []struct {
		from, to Status
		want     bool
	}{
		{Requested, Accepted, true}, {Accepted, InTransit, true}, {InTransit, Delivering, true}, {Delivering, Delivered, true},
		{Delivering, Returned, true}, {Accepted, Delivered, true},
		{InTransit, Accepted, false}, {Delivered, Returned, false}, {Returned, Delivered, false}, {Accepted, Accepted, false},
		{Accepted, Status("lost"), false},
	} {
		if got := c.from.Advances(c.to); got != c.want {
			t.Errorf("%s → %s: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

// The returned step of a postal delivery needs the carrier to hold the
// parcel, and records its tracking code.
func TestReturnRule(t *testing.T) {
	d := ready()
	if _, err := ReturnRule(&d, nil); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("no consignment: %v", err)
	}
	if _, err := ReturnRule(&d, &Consignment{Status: Requested}); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("not taken yet: %v", err)
	}
	note, err := ReturnRule(&d, &Consignment{Status: InTransit, TrackingCode: "EP123456785VN", Carrier: "Bưu điện"})
	if err != nil || !strings.Contains(note, "EP123456785VN") || !strings.Contains(note, "Đang vận chuyển") {
		t.Fatalf("note %q %v", note, err)
	}
	d.Delivery = dossier.DefaultDelivery
	if note, err := ReturnRule(&d, nil); err != nil || note != "" {
		t.Fatalf("at the desk: %q %v", note, err)
	}
}

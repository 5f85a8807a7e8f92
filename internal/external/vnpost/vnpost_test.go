package vnpost

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"tuphap/internal/dossier"
	"tuphap/internal/notify"
	"tuphap/internal/postal"
)

// UPU S10: the check digit of 47312482 is 9 (the standard's example
// AA473124829GB); 10 becomes 0 and 11 becomes 5.
func TestCheckDigit(t *testing.T) {
	for _, c := range []struct {
		digits string
		want   int
	}{{"47312482", 9}, {"00000000", 5}, {"00000001", 4}} {
		if got := CheckDigit(c.digits); got != c.want {
			t.Errorf("CheckDigit(%s) = %d, want %d", c.digits, got, c.want)
		}
	}
	code := TrackingCode("t1", "d1")
	if len(code) != 13 || !strings.HasPrefix(code, "EP") || !strings.HasSuffix(code, "VN") || CheckDigit(code[2:10]) != int(code[10]-'0') {
		t.Fatalf("tracking code %q", code)
	}
	if TrackingCode("t1", "d1") != code || TrackingCode("t1", "d2") == code {
		t.Fatal("the code is not a function of tenant and reference")
	}
}

func TestSimulatorSchedule(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	s := &Simulator{Now: func() time.Time { return now }}
	r, err := s.Create(ctx, Shipment{TenantID: "t1", Ref: "d1", Recipient: "An", Address: "Số 1, Phường 1, Đồng Tháp"})
	if err != nil || r.Status != postal.Accepted || r.TrackingCode != TrackingCode("t1", "d1") {
		t.Fatalf("create: %+v %v", r, err)
	}
	again, err := s.Create(ctx, Shipment{TenantID: "t1", Ref: "d1", Address: "Số 1, Phường 1, Đồng Tháp"})
	if err != nil || again.TrackingCode != r.TrackingCode || len(s.Shipments("t1")) != 1 {
		t.Fatalf("a retried order created another: %+v %v", again, err)
	}
	undeliverable, err := s.Create(ctx, Shipment{TenantID: "t1", Ref: "d2", Address: "Số 9, không có người nhận, Đồng Tháp"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		after       time.Duration
		want, want2 postal.Status
	}{
		{time.Hour, postal.Accepted, postal.Accepted},
		{5 * time.Hour, postal.InTransit, postal.InTransit},
		{30 * time.Hour, postal.Delivering, postal.Delivering},
		{40 * time.Hour, postal.Delivered, postal.Delivering},
		{80 * time.Hour, postal.Delivered, postal.Returned},
	} {
		now = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC).Add(c.after)
		t1, err := s.Track(ctx, "t1", r.TrackingCode)
		t2, err2 := s.Track(ctx, "t1", undeliverable.TrackingCode)
		if err != nil || err2 != nil || t1.Status != c.want || t2.Status != c.want2 {
			t.Errorf("after %v: %v %v, want %v %v (%v %v)", c.after, t1.Status, t2.Status, c.want, c.want2, err, err2)
		}
	}
	if _, err := s.Track(ctx, "t2", r.TrackingCode); err == nil {
		t.Fatal("another tenant tracked the consignment")
	}
	var rej *Rejected
	if _, err := s.Create(ctx, Shipment{TenantID: "t1", Ref: "d3", Address: "Phường 1 Đồng Tháp"}); !errors.As(err, &rej) {
		t.Fatalf("an address without commune and province: %v", err)
	}
	s.FailNext(1)
	if _, err := s.Create(ctx, Shipment{TenantID: "t1", Ref: "d4", Address: "Số 1, Phường 1, Đồng Tháp"}); err == nil || errors.As(err, &rej) {
		t.Fatalf("outage: %v", err)
	}
}

type fakeStore struct {
	created map[string]Receipt
	refused map[string]string
}

func (f *fakeStore) Within(dossier.Tx) (Tx, bool) { return nil, false }
func (f *fakeStore) Created(_ context.Context, _, id string, r Receipt) error {
	f.created[id] = r
	return nil
}
func (f *fakeStore) Refused(_ context.Context, _, id, reason string) error {
	f.refused[id] = reason
	return nil
}

// The worker's sender: a refusal is recorded and permanent, an outage is
// retried, an accepted order records its tracking code.
func TestSender(t *testing.T) {
	st := &fakeStore{created: map[string]Receipt{}, refused: map[string]string{}}
	sim := &Simulator{}
	s := &Sender{Carrier: sim, Store: st}
	ctx := context.Background()
	msg := func(ref, addr string) notify.Message {
		return notify.Message{TenantID: "t1", Channel: Channel, Body: `{"ref":"` + ref + `","recipient":"An","address":"` + addr + `"}`}
	}
	if err := s.Send(ctx, msg("d1", "Phường 1 Đồng Tháp")); !notify.IsPermanent(err) || !strings.Contains(st.refused["d1"], "xã/phường") {
		t.Fatalf("refused: %v %v", err, st.refused)
	}
	sim.FailNext(1)
	if err := s.Send(ctx, msg("d2", "Số 1, Phường 1, Đồng Tháp")); err == nil || notify.IsPermanent(err) {
		t.Fatalf("outage: %v", err)
	}
	if err := s.Send(ctx, msg("d2", "Số 1, Phường 1, Đồng Tháp")); err != nil || st.created["d2"].TrackingCode != TrackingCode("t1", "d2") {
		t.Fatalf("created: %v %+v", err, st.created)
	}
	if err := s.Send(ctx, notify.Message{Body: "{"}); !notify.IsPermanent(err) {
		t.Fatalf("unreadable: %v", err)
	}
}

type fakeUpdates struct {
	open   []Open
	status map[string]postal.Status
}

func (f *fakeUpdates) OpenConsignments(context.Context, int) ([]Open, error) { return f.open, nil }
func (f *fakeUpdates) Track(_ context.Context, _, id string, t Tracking) (bool, error) {
	f.status[id] = t.Status
	return true, nil
}

func TestPoll(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	sim := &Simulator{Now: func() time.Time { return now }}
	r, _ := sim.Create(ctx, Shipment{TenantID: "t1", Ref: "d1", Address: "Số 1, Phường 1, Đồng Tháp"})
	u := &fakeUpdates{open: []Open{{TenantID: "t1", DossierID: "d1", TrackingCode: r.TrackingCode, Status: postal.Accepted}}, status: map[string]postal.Status{}}
	if n, err := Poll(ctx, sim, u, 10); err != nil || n != 0 {
		t.Fatalf("no change yet: %d %v", n, err)
	}
	now = now.Add(25 * time.Hour)
	if n, err := Poll(ctx, sim, u, 10); err != nil || n != 1 || u.status["d1"] != postal.Delivering {
		t.Fatalf("poll: %d %v %v", n, err, u.status)
	}
	sim.FailNext(1)
	if _, err := Poll(ctx, sim, u, 10); err == nil {
		t.Fatal("a carrier down for every consignment is not reported")
	}
}

package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/external/vnpost"
	"tuphap/internal/external/zalo"
	"tuphap/internal/notify"
	"tuphap/internal/org"
	"tuphap/internal/postal"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
	"tuphap/internal/web"
)

// deliveryFixture is the fixture with the carrier and Zalo simulators, the
// applicant's notices (notify.Messages) and a worker with the message log.
type deliveryFixture struct {
	*fixture
	svc     *testrig.Services
	carrier *vnpost.Simulator
	zns     *zalo.Simulator
	worker  *notify.Worker
	secret  []byte
}

func newDeliveryFixture(t *testing.T, e sqlstore.Engine) *deliveryFixture {
	t.Helper()
	svc := newServices(t, e, time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC))
	svc.Dossiers.Notify = notify.Messages
	carrier, zns := &vnpost.Simulator{Now: svc.Clock.Now}, &zalo.Simulator{Now: svc.Clock.Now}
	secret := []byte("webhook-secret")
	s := newServer(t, svc, nil)
	s.EnablePost(&web.PostDelivery{Carrier: carrier})
	s.EnableMessaging(&web.Messaging{Secret: secret, Zalo: zns})
	f := &fixture{t: t, db: svc.DB, clock: svc.Clock, authSvc: svc.Auth, orgSvc: svc.Org}
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	ctx := context.Background()
	for _, tc := range []struct{ code, agency string }{{"STP-A", "000.00.00.H82"}, {"STP-B", "000.00.00.H15"}} {
		ten, err := svc.Org.CreateTenant(ctx, audit.System, org.Tenant{Code: tc.code, Name: "Sở Tư pháp " + tc.code, AgencyID: tc.agency, ProvinceCode: "82"})
		if err != nil {
			t.Fatal(err)
		}
		desk, err := svc.Org.CreateUnit(ctx, audit.System, org.Unit{TenantID: ten.ID, Code: "MOTCUA", Name: "Bộ phận Một cửa", Kind: org.Reception})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Org.CreateOfficer(ctx, audit.System, org.Officer{TenantID: ten.ID, Username: "clerk", FullName: "Văn thư Một cửa",
			Role: org.Clerk, UnitID: desk.ID}, password); err != nil {
			t.Fatal(err)
		}
		if tc.code == "STP-A" {
			f.a, f.unitA = ten, desk
		} else {
			f.b, f.unitB = ten, desk
		}
	}
	w := &notify.Worker{Queue: sqlstore.Outbox{DB: svc.DB}, Concurrency: 1, Now: svc.Clock.Now, Backoff: func(int) time.Duration { return 0 },
		Journal: svc.DB.Messages(), Senders: map[notify.Channel]notify.Sender{
			notify.SMS: &notify.SMSSender{Gateway: &notify.SMSSimulator{}}, notify.Zalo: &zalo.Sender{ZNS: zns},
			vnpost.Channel: &vnpost.Sender{Carrier: carrier, Store: svc.DB.Post()}}}
	return &deliveryFixture{fixture: f, svc: svc, carrier: carrier, zns: zns, worker: w, secret: secret}
}

func (f *deliveryFixture) drain(t *testing.T) {
	t.Helper()
	for range 20 {
		n, err := f.worker.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// hook posts a signed reply to the messages' webhook.
func (f *deliveryFixture) hook(t *testing.T, channel string, body []byte, sig string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/v1/hooks/messages/"+channel, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature", sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Issue 25 items 6 and 7: the applicant chooses delivery by post (with an
// address) and Zalo at the counter; the desk orders the consignment when
// the result is ready; its tracking code and status are on the dossier
// page, updated from the carrier; the returned step needs it and records
// it; every notice is in the dossier's message log, and the citizen's
// replies (signed webhook, or the simulator) are logged there too.
func TestPostDeliveryAndMessages(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newDeliveryFixture(t, e)
		ctx := context.Background()
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		form := url.Values{"csrf": {b.csrf}, "procedure": {"notary.card_issue"}, "channel": {"direct"}, "full_name": {"Trần Thị Bích"},
			"id_number": {"082190005566"}, "phone": {"0912345678"}, "address": {"Cao Lãnh"}, "delivery": {postal.Delivery}, "zalo": {"1"}}
		for i := range 20 {
			form.Set("doc"+strconv.Itoa(i), "1")
		}
		// Bad choices come back in Vietnamese with 4xx.
		if st, page := b.post("/admin/reception", form); st < 400 || st >= 500 || !strings.Contains(page, "Địa chỉ nhận kết quả quá ngắn") {
			t.Fatalf("a short delivery address: %d", st)
		}
		noPhone := cloneValues(form)
		noPhone.Set("phone", "")
		noPhone.Set("post_address", "Thôn 3, xã Mỹ Hiệp, Đồng Tháp")
		if st, page := b.post("/admin/reception", noPhone); st < 400 || st >= 500 || !strings.Contains(page, "Zalo cần số điện thoại") {
			t.Fatalf("Zalo without a phone: %d", st)
		}
		odd := cloneValues(form)
		odd.Set("delivery", "Giao bằng bồ câu")
		if st, _ := b.post("/admin/reception", odd); st < 400 || st >= 500 {
			t.Fatalf("an unknown delivery: %d", st)
		}
		form.Set("post_address", "Thôn 3, xã Mỹ Hiệp, Đồng Tháp")
		st, _ := b.post("/admin/reception", form)
		if st != 303 {
			t.Fatalf("reception: %d", st)
		}
		list, err := f.db.Dossiers().SearchDossiers(ctx, f.a.ID, sqlstore.DossierSearch{AllVisible: true, IDNumber: "082190005566", Now: f.clock.Now()})
		if err != nil || len(list) != 1 {
			t.Fatalf("the dossier: %v %v", list, err)
		}
		d := list[0]
		if d.Delivery != postal.Delivery || d.Extra[postal.ExtraAddress] != "Thôn 3, xã Mỹ Hiệp, Đồng Tháp" || d.Extra[notify.ExtraZalo] != "1" {
			t.Fatalf("the choices: %q %v", d.Delivery, d.Extra)
		}
		page := "/admin/dossiers/" + d.Code
		if _, body := b.get(page); !strings.Contains(body, `id="buu-chinh"`) || !strings.Contains(body, "Chưa tạo bưu gửi") || strings.Contains(body, `id="tao-buu-gui"`) {
			t.Fatal("the postal section before the result")
		}
		if st, body := b.post(page+"/buu-chinh", url.Values{"csrf": {b.csrf}, "recipient": {"Trần Thị Bích"}, "post_address": {"Thôn 3, xã Mỹ Hiệp, Đồng Tháp"}}); st != 409 ||
			!strings.Contains(body, "đã có kết quả") {
			t.Fatalf("ordered before the result: %d", st)
		}

		// Resolved by the units.
		for _, a := range []dossier.Actor{{ID: "o1", Name: "clerk", Role: "reception_clerk", UnitCode: "MOTCUA"}, {ID: "o2", Name: "cv", Role: "specialist", UnitCode: "BTTP"},
			{ID: "o3", Name: "tp", Role: "unit_head", UnitCode: "BTTP"}, {ID: "o4", Name: "gd", Role: "director"}} {
			if d, err = f.svc.Dossiers.Act(ctx, a, f.a.ID, d.Code, dossier.ActForward, dossier.Input{}); err != nil {
				t.Fatal(err)
			}
		}
		if d.Status != dossier.ResultReady {
			t.Fatalf("status %v", d.Status)
		}
		_, body := b.get(page)
		if !strings.Contains(body, `id="tao-buu-gui"`) || !strings.Contains(body, `value="Thôn 3, xã Mỹ Hiệp, Đồng Tháp"`) {
			t.Fatal("the order form is not offered with the address")
		}
		// The other tenant's clerk does not see it.
		other := f.browser()
		other.mustLogin("STP-B", "clerk")
		if st, _ := other.post(page+"/buu-chinh", url.Values{"csrf": {other.csrf}, "recipient": {"X"}, "post_address": {"Thôn 3, xã Mỹ Hiệp, Đồng Tháp"}}); st != 404 {
			t.Fatalf("another tenant ordered: %d", st)
		}
		order := url.Values{"csrf": {b.csrf}, "recipient": {"Trần Thị Bích"}, "phone": {"0912345678"}, "post_address": {"Thôn 3, xã Mỹ Hiệp, Đồng Tháp"}, "cod": {"hai mươi"}}
		if st, body := b.post(page+"/buu-chinh", order); st != 400 || !strings.Contains(body, "Số tiền thu hộ") {
			t.Fatalf("bad COD: %d", st)
		}
		order.Set("cod", "25.000")
		if st, _ := b.post(page+"/buu-chinh", order); st != 303 {
			t.Fatalf("order: %d", st)
		}
		if st, _ := b.post(page+"/buu-chinh", order); st != 409 {
			t.Fatalf("ordered twice: %d", st)
		}
		if st, body := b.post(page+"/return", url.Values{"csrf": {b.csrf}}); st != 409 || !strings.Contains(body, "cần tạo bưu gửi") {
			t.Fatalf("returned before the carrier took it: %d", st)
		}

		// The worker hands the order to the carrier and sends the notices.
		f.drain(t)
		code := vnpost.TrackingCode(f.a.ID, d.ID)
		_, body = b.get(page)
		for _, w := range []string{code, "Bưu cục đã nhận bưu gửi", "25.000 đồng", `id="tin-nhan"`, "Zalo", "Tin nhắn SMS", "Đã gửi", "zns-", "đã có kết quả"} {
			if !strings.Contains(body, w) {
				t.Errorf("dossier page lacks %q", w)
			}
		}
		f.clock.Add(5 * time.Hour)
		b.mustLogin("STP-A", "clerk") // the session has expired meanwhile
		if st, _ := b.post(page+"/buu-chinh/cap-nhat", url.Values{"csrf": {b.csrf}}); st != 303 {
			t.Fatalf("refresh: %d", st)
		}
		if _, body = b.get(page); !strings.Contains(body, "Đang vận chuyển") {
			t.Fatal("status not refreshed")
		}

		// Replies: the webhook checks its signature and input.
		inbox := f.zns.Inbox(f.a.ID)
		if len(inbox) == 0 {
			t.Fatal("no Zalo message sent")
		}
		reply, sig, err := f.zns.Reply(f.secret, "STP-A", inbox[0].MsgID, "Tôi sẽ nhận ở nhà, cảm ơn.")
		if err != nil {
			t.Fatal(err)
		}
		if st := f.hook(t, "zalo", reply, "00"+sig[2:]); st != 401 {
			t.Fatalf("bad signature: %d", st)
		}
		junk := []byte(`{"tenant":`)
		if st := f.hook(t, "zalo", junk, zalo.Sign(f.secret, junk)); st != 400 {
			t.Fatalf("bad JSON: %d", st)
		}
		unknown, usig, _ := f.zns.Reply(f.secret, "STP-B", inbox[0].MsgID, "x")
		if st := f.hook(t, "zalo", unknown, usig); st != 404 {
			t.Fatalf("a reply to another tenant's message: %d", st)
		}
		if st := f.hook(t, "fax", reply, sig); st != 404 {
			t.Fatalf("unknown channel: %d", st)
		}
		for range 2 {
			if st := f.hook(t, "zalo", reply, sig); st != 200 {
				t.Fatalf("reply: %d", st)
			}
		}
		if st, _ := b.post(page+"/tin-nhan/mo-phong", url.Values{"csrf": {b.csrf}, "text": {""}}); st != 400 && st != 422 {
			t.Fatalf("empty simulated reply: %d", st)
		}
		if st, _ := b.post(page+"/tin-nhan/mo-phong", url.Values{"csrf": {b.csrf}, "text": {"Xin hỏi phí thu hộ là bao nhiêu?"}}); st != 303 {
			t.Fatalf("simulated reply: %d", st)
		}
		_, body = b.get(page)
		if strings.Count(body, "Tôi sẽ nhận ở nhà, cảm ơn.") != 1 || !strings.Contains(body, "Xin hỏi phí thu hộ là bao nhiêu?") || !strings.Contains(body, "Công dân trả lời") {
			t.Fatal("replies not logged once on the dossier")
		}

		// Returned: the step records the consignment.
		if _, err := f.svc.Dossiers.CollectFee(ctx, dossier.Actor{ID: "o1", Name: "clerk", Role: "reception_clerk", UnitCode: "MOTCUA"}, f.a.ID, d.Code,
			"Sở Tư pháp", (&ereceipt.Simulator{Now: f.clock.Now}).Issue); err != nil {
			t.Fatal(err)
		}
		if st, _ := b.post(page+"/return", url.Values{"csrf": {b.csrf}}); st != 303 {
			t.Fatalf("return: %d", st)
		}
		if _, body = b.get(page); !strings.Contains(body, "số hiệu bưu gửi "+code) {
			t.Fatal("the returned step does not record the consignment")
		}
	})
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// The citizen's look-up (page and API) shows the consignment that carries
// the result by post: carrier, tracking code, status.
func TestLookupShowsConsignment(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	ctx := context.Background()
	d, err := f.dossiers.Intake(ctx, desk, f.tenant.ID, dossier.IntakeRequest{Procedure: "notary.card_issue", Channel: catalog.ChannelDirect,
		Applicant: dossier.Applicant{FullName: "Nguyễn Văn An", IDNumber: "001090012345", Address: "Số 4, Phường 1, Đồng Tháp"}, Delivery: postal.Delivery})
	if err != nil {
		t.Fatal(err)
	}
	look := func() string {
		a := f.browser()
		code, body, _ := a.post("/tra-cuu", url.Values{"ma": {d.Code}, "pin": {d.LookupPIN}})
		if code != http.StatusOK {
			t.Fatalf("look-up: %d", code)
		}
		return body
	}
	if body := look(); strings.Contains(body, `id="buu-gui"`) {
		t.Fatal("a consignment shown before there is one")
	}
	for _, a := range []dossier.Actor{desk, {ID: "o2", Name: "cv", Role: "specialist", UnitCode: "BTTP"},
		{ID: "o3", Name: "tp", Role: "unit_head", UnitCode: "BTTP"}, {ID: "o4", Name: "gd", Role: "director"}} {
		if d, err = f.dossiers.Act(ctx, a, f.tenant.ID, d.Code, dossier.ActForward, dossier.Input{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := vnpost.Ship(ctx, f.dossiers.Store, f.db.Post(), "Bưu điện", desk, f.tenant.ID, d.ID,
		postal.Order{Recipient: "Nguyễn Văn An", Address: "Số 4, Phường 1, Đồng Tháp"}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Post().Created(ctx, f.tenant.ID, d.ID, vnpost.Receipt{TrackingCode: "EP473124829VN", Status: postal.InTransit}); err != nil {
		t.Fatal(err)
	}
	if body := look(); !strings.Contains(body, `id="buu-gui"`) || !strings.Contains(body, "EP473124829VN") || !strings.Contains(body, "Đang vận chuyển") {
		t.Fatal("the look-up does not show the consignment")
	}
	resp, err := http.Post(f.srv.URL+"/api/v1/lookup", "application/json", strings.NewReader(`{"code":"`+d.Code+`","pin":"`+d.LookupPIN+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || res["post_tracking"] != "EP473124829VN" || res["post_carrier"] != "Bưu điện" {
		t.Fatalf("API look-up: %v %v", res, err)
	}
}

package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/vnpost"
	"tuphap/internal/external/zalo"
	"tuphap/internal/notify"
	"tuphap/internal/postal"
	"tuphap/internal/sqlstore"
	"tuphap/internal/vnfmt"
)

// Result delivery by post and the dossier's message log (issue 25 items 6
// and 7): the applicant's choice at the counter, the consignment the desk
// orders, its status, the messages sent and the citizens' replies.

// PostDelivery is the postal carrier's connection; nil: no carrier.
type PostDelivery struct {
	Carrier vnpost.Carrier
}

// Messaging is what the message log's webhooks and simulators need.
type Messaging struct {
	// Secret signs the providers' webhook calls (zalo.Sign); empty: the
	// webhooks are closed.
	Secret []byte
	// Zalo is the ZNS simulator, when it is the provider: the dossier page
	// then offers to play a citizen's reply.
	Zalo *zalo.Simulator
}

// EnablePost turns on ordering consignments from the dossier page.
func (s *Server) EnablePost(p *PostDelivery) { s.post = p }

// EnableMessaging turns on the replies' webhooks.
func (s *Server) EnableMessaging(m *Messaging) { s.messaging = m }

// deliveryChoices are the counter form's ways to receive the result.
var deliveryChoices = []string{dossier.DefaultDelivery, postal.Delivery, "Nhận kết quả điện tử trên Cổng dịch vụ công"}

// deliveryChoice reads the applicant's choices at the counter: how the
// result is returned (by post: with the address, his own by default, which
// must be one a postman can find), and whether he wants the notices on
// Zalo as well (with a phone number).
func deliveryChoice(r *http.Request, req *dossier.IntakeRequest) error {
	req.Delivery = strings.TrimSpace(req.Delivery)
	known := req.Delivery == ""
	for _, c := range deliveryChoices {
		known = known || c == req.Delivery
	}
	if !known {
		return apperr.Field("delivery", "Hình thức nhận kết quả không hợp lệ.")
	}
	extra := map[string]string{}
	if req.Delivery == postal.Delivery {
		addr := strings.TrimSpace(r.PostFormValue("post_address"))
		if addr == "" {
			addr = strings.TrimSpace(req.Applicant.Address)
		}
		if err := postal.CheckAddress(addr); err != nil {
			return err
		}
		if addr != strings.TrimSpace(req.Applicant.Address) {
			extra[postal.ExtraAddress] = addr
		}
	}
	if r.PostFormValue("zalo") == "1" {
		if strings.TrimSpace(req.Applicant.Phone) == "" {
			return apperr.Field("zalo", "Nhận thông báo qua Zalo cần số điện thoại của người nộp.")
		}
		extra[notify.ExtraZalo] = "1"
	}
	if len(extra) > 0 {
		prev := req.Adjust
		req.Adjust = func(d *dossier.Dossier, p catalog.Procedure) {
			if prev != nil {
				prev(d, p)
			}
			if d.Extra == nil {
				d.Extra = map[string]string{}
			}
			for k, v := range extra {
				d.Extra[k] = v
			}
		}
	}
	return nil
}

// postPanel is the dossier page's "delivery by post" section.
type postPanel struct {
	Address     string
	Consignment *postal.Consignment
	CODText     string
	// CanShip: the desk may order the consignment now (the form is shown).
	CanShip bool
	// CanRefresh: a consignment on its way, whose status can be asked now.
	CanRefresh bool
}

// messageRow is one line of the dossier's message log.
type messageRow struct {
	sqlstore.Message
	ChannelLabel string
	StatusLabel  string
	In           bool
}

// deliveryPanel is what the dossier page adds for items 6 and 7.
type deliveryPanel struct {
	Post     *postPanel
	Messages []messageRow
	// CanReply: the Zalo simulator may play a citizen's reply to the last
	// Zalo message (demo).
	CanReply bool
	// ReplyTo is the provider's reference of that message.
	ReplyTo string
}

// deliveryOf builds the dossier page's delivery section.
func (s *Server) deliveryOf(r *http.Request, d *dossier.Dossier) (*deliveryPanel, error) {
	p := principalFrom(r.Context())
	out := &deliveryPanel{}
	if postal.IsPostal(d) {
		pp := &postPanel{Address: postal.AddressOf(d)}
		c, err := s.db.Post().Consignment(r.Context(), d.TenantID, d.ID)
		switch {
		case err == nil:
			pp.Consignment = &c
			pp.CODText = vnfmt.VND(c.COD)
		case !errors.Is(err, apperr.ErrNotFound):
			return nil, err
		}
		pp.CanShip = s.post != nil && p.Can(auth.ReceiveDossier) && postal.MayOrder(d, pp.Consignment) == nil
		pp.CanRefresh = s.post != nil && pp.Consignment != nil && pp.Consignment.TrackingCode != "" && !pp.Consignment.Status.Final() && p.Can(auth.ReceiveDossier)
		if !p.Can(auth.ViewPersonalData) {
			pp.Address = ""
			if pp.Consignment != nil {
				cc := *pp.Consignment
				cc.Address, cc.Phone, cc.Recipient = "", "", ""
				pp.Consignment = &cc
			}
		}
		out.Post = pp
	}
	msgs, err := s.db.Messages().OfDossier(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		row := messageRow{Message: m, ChannelLabel: channelLabel(m.Channel), StatusLabel: messageStatusLabel(m.Status), In: m.Direction == "in"}
		if !p.Can(auth.ViewPersonalData) {
			row.Party, row.Body = maskParty(m.Party), "(nội dung chỉ hiển thị cho cán bộ giải quyết hồ sơ)"
		}
		out.Messages = append(out.Messages, row)
		if m.Channel == string(notify.Zalo) && m.Direction == "out" && m.ProviderRef != "" {
			out.ReplyTo = m.ProviderRef
		}
	}
	out.CanReply = s.messaging != nil && s.messaging.Zalo != nil && len(s.messaging.Secret) > 0 && out.ReplyTo != "" && p.Can(auth.ReceiveDossier)
	return out, nil
}

func channelLabel(c string) string {
	switch notify.Channel(c) {
	case notify.Email:
		return "Thư điện tử"
	case notify.SMS:
		return "Tin nhắn SMS"
	case notify.Zalo:
		return "Zalo"
	}
	return c
}

func messageStatusLabel(s string) string {
	switch s {
	case "pending":
		return "Chờ gửi"
	case notify.OutSent:
		return "Đã gửi"
	case notify.OutRetrying:
		return "Gửi lỗi, sẽ gửi lại"
	case notify.OutFailed:
		return "Không gửi được"
	case "received":
		return "Đã nhận"
	}
	return s
}

// maskParty hides most of a phone number or an e-mail address.
func maskParty(p string) string {
	if i := strings.IndexByte(p, '@'); i > 0 {
		return p[:1] + "***" + p[i:]
	}
	return notify.MaskPhone(p)
}

// dossierShip orders the consignment that carries the result by post.
func (s *Server) dossierShip(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	if s.post == nil {
		return apperr.New(apperr.NotFound, "Chưa kết nối đơn vị bưu chính.")
	}
	d, evs, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	o := postal.Order{Recipient: r.PostFormValue("recipient"), Phone: r.PostFormValue("phone"), Address: r.PostFormValue("post_address")}
	if v := strings.TrimSpace(strings.NewReplacer(".", "", " ", "").Replace(r.PostFormValue("cod"))); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return s.showDossier(w, r, http.StatusBadRequest, d, evs, apperr.Field("cod", "Số tiền thu hộ phải là số đồng, ví dụ 25.000."))
		}
		o.COD = n
	}
	_, err = vnpost.Ship(r.Context(), s.dossier.Store, s.db.Post(), s.post.Carrier.Name(), dossierActor(r), p.TenantID, d.ID, o)
	if e := userError(err); e != nil {
		return s.showDossier(w, r, status(e.Code), d, evs, e)
	}
	if err != nil {
		return err
	}
	if s.nudge != nil {
		s.nudge()
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&d))+"#buu-chinh", "post-ordered")
}

// dossierPostRefresh asks the carrier for the consignment's status now.
func (s *Server) dossierPostRefresh(w http.ResponseWriter, r *http.Request) error {
	if s.post == nil {
		return apperr.New(apperr.NotFound, "Chưa kết nối đơn vị bưu chính.")
	}
	d, _, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	c, err := s.db.Post().Consignment(r.Context(), d.TenantID, d.ID)
	if errors.Is(err, apperr.ErrNotFound) || (err == nil && c.TrackingCode == "") {
		return apperr.New(apperr.Conflict, "Hồ sơ chưa có bưu gửi được bưu chính nhận.")
	}
	if err != nil {
		return err
	}
	if _, err := vnpost.Refresh(r.Context(), s.post.Carrier, s.db.Post(), vnpost.Open{TenantID: d.TenantID, DossierID: d.ID,
		TrackingCode: c.TrackingCode, Status: c.Status}); err != nil {
		return apperr.Wrap(apperr.Unavailable, "Không kết nối được đơn vị bưu chính; vui lòng thử lại.", err)
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&d))+"#buu-chinh", "post-refreshed")
}

// maxHookBody bounds a webhook call.
const maxHookBody = 16 << 10

// apiMessageHook receives a citizen's reply from a provider (channel zalo
// or sms): the body is a zalo.Reply signed with the shared secret
// (X-Signature); the reply is logged on the dossier of the message it
// answers. 401 on a bad signature, 400 on a bad body, 404 when no message
// of the tenant has that reference.
func (s *Server) apiMessageHook(w http.ResponseWriter, r *http.Request) error {
	if s.messaging == nil || len(s.messaging.Secret) == 0 {
		return apperr.New(apperr.NotFound, "Không có địa chỉ nhận phản hồi này.")
	}
	ch := notify.Channel(r.PathValue("channel"))
	if ch != notify.Zalo && ch != notify.SMS {
		return apperr.New(apperr.NotFound, "Kênh tin nhắn không tồn tại.")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxHookBody))
	if err != nil {
		return apperr.New(apperr.Invalid, "Nội dung gửi đến quá lớn hoặc không đọc được.")
	}
	if !zalo.Verify(s.messaging.Secret, body, r.Header.Get("X-Signature")) {
		return apperr.New(apperr.Unauthorized, "Chữ ký của lời gọi không hợp lệ.")
	}
	rep, err := readReply(body)
	if err != nil {
		return err
	}
	t, err := s.db.Org().TenantByCode(r.Context(), rep.Tenant)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy cơ quan "+rep.Tenant+".")
	}
	_, err = s.db.Messages().LogReply(r.Context(), t.ID, sqlstore.Reply{Channel: string(ch), From: rep.Phone, Text: rep.Text,
		InReplyTo: rep.InReplyTo, ID: rep.MsgID, At: rep.At})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = io.WriteString(w, `{"error":0,"message":"Success"}`)
	return err
}

func decodeReply(body []byte) (zalo.Reply, error) {
	var rep zalo.Reply
	err := json.Unmarshal(body, &rep)
	return rep, err
}

// readReply decodes and checks a webhook's reply.
func readReply(body []byte) (zalo.Reply, error) {
	rep, err := decodeReply(body)
	if err != nil {
		return rep, apperr.New(apperr.Invalid, "Nội dung phản hồi không đúng định dạng JSON.")
	}
	rep.Text = strings.TrimSpace(rep.Text)
	switch {
	case rep.Tenant == "" || rep.InReplyTo == "" || rep.MsgID == "":
		return rep, apperr.New(apperr.Invalid, "Phản hồi thiếu mã cơ quan, mã tin nhắn được trả lời hoặc mã tin nhắn.")
	case rep.Text == "" || utf8.RuneCountInString(rep.Text) > 2000:
		return rep, apperr.New(apperr.Invalid, "Nội dung phản hồi phải có từ 1 đến 2.000 ký tự.")
	case len(rep.Phone) > 20 || len(rep.MsgID) > 200 || len(rep.InReplyTo) > 200:
		return rep, apperr.New(apperr.Invalid, "Phản hồi có trường quá dài.")
	}
	return rep, nil
}

// dossierReplySimulate plays, with the Zalo simulator, the citizen's
// answer to the dossier's last Zalo message: the signed webhook call goes
// through the same handler as a real one (demo).
func (s *Server) dossierReplySimulate(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	if s.messaging == nil || s.messaging.Zalo == nil || len(s.messaging.Secret) == 0 {
		return apperr.New(apperr.NotFound, "Không có trình mô phỏng Zalo.")
	}
	d, _, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	panel, err := s.deliveryOf(r, &d)
	if err != nil {
		return err
	}
	if panel.ReplyTo == "" {
		return apperr.New(apperr.Conflict, "Hồ sơ chưa có tin nhắn Zalo đã gửi để công dân trả lời.")
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	if text == "" || utf8.RuneCountInString(text) > 2000 {
		return apperr.Field("text", "Nội dung trả lời phải có từ 1 đến 2.000 ký tự.")
	}
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	body, sig, err := s.messaging.Zalo.Reply(s.messaging.Secret, t.Code, panel.ReplyTo, text)
	if err != nil {
		return apperr.Wrap(apperr.Conflict, "Trình mô phỏng Zalo không còn giữ tin nhắn này.", err)
	}
	rep, err := readReply(body)
	if err != nil {
		return err
	}
	if !zalo.Verify(s.messaging.Secret, body, sig) {
		return errors.New("zalo simulator: bad signature")
	}
	if _, err := s.db.Messages().LogReply(r.Context(), p.TenantID, sqlstore.Reply{Channel: string(notify.Zalo), From: rep.Phone,
		Text: rep.Text, InReplyTo: rep.InReplyTo, ID: rep.MsgID, At: rep.At}); err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&d))+"#tin-nhan", "reply-simulated")
}

// postReturnNote is the returned step's note for a dossier delivered by
// post (postal.ReturnRule): its consignment, or why it cannot be returned.
func (s *Server) postReturnNote(ctx context.Context, d *dossier.Dossier) (string, error) {
	if !postal.IsPostal(d) {
		return "", nil
	}
	var cp *postal.Consignment
	c, err := s.db.Post().Consignment(ctx, d.TenantID, d.ID)
	switch {
	case err == nil:
		cp = &c
	case !errors.Is(err, apperr.ErrNotFound):
		return "", err
	}
	return postal.ReturnRule(d, cp)
}

// postLookup adds the consignment to a citizen's look-up of a dossier
// delivered by post.
func (s *Server) postLookup(ctx context.Context, d *dossier.Dossier, res *lookupResult) error {
	if !postal.IsPostal(d) {
		return nil
	}
	c, err := s.db.Post().Consignment(ctx, d.TenantID, d.ID)
	if errors.Is(err, apperr.ErrNotFound) || (err == nil && c.TrackingCode == "") {
		return nil
	}
	if err != nil {
		return err
	}
	res.PostCarrier, res.PostTracking, res.PostStatus = c.Carrier, c.TrackingCode, c.Status.Label()
	return nil
}

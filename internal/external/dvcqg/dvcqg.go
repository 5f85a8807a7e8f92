// Package dvcqg connects the one-stop shop to the national public-service
// portal (Cổng Dịch vụ công quốc gia, DVCQG): it imports the national
// catalogue of procedures, pushes every status change of a dossier to the
// portal through the transactional outbox (channel "dvcqg", retried by the
// notify worker), and receives the dossiers citizens file on the portal.
//
// The status codes are the national 1–10 (dossier.Status); the JSON keys of
// a status update follow the portal's dossier-sync record as the
// production-derived one-stop systems send it (MaHoSo, MaTTHC,
// TrangThaiHoSo, KenhThucHien, NgayTiepNhan, NgayHenTra, …; research/
// onestop.md §1.1). The real portal's transport (its LGSP/NGSP gateway,
// tokens) is an adapter behind Portal; Simulator stands in for it in the
// tests and the demo.
package dvcqg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
)

// Channel is the outbox channel of the status pushes.
const Channel notify.Channel = "dvcqg"

// Recipient is the outbox row's recipient for every push.
const Recipient = "Cổng Dịch vụ công quốc gia"

// ExtraCode is the key of dossier.Extra holding the national dossier code
// of a dossier filed on the portal.
const ExtraCode = "dvcqg_code"

// StatusUpdate is one status change as the portal receives it.
type StatusUpdate struct {
	DossierID     string `json:"IdHoSo"`             // tuphap's dossier ID
	Code          string `json:"MaHoSo"`             // the dossier's code (its reference before acceptance)
	NationalCode  string `json:"MaHoSoQG,omitempty"` // for a dossier filed on the portal
	Procedure     string `json:"MaTTHC"`
	ProcedureName string `json:"TenTTHC"`
	Applicant     string `json:"ChuHoSo"`
	Channel       int    `json:"KenhThucHien"` // 1 trực tiếp, 2 trực tuyến, 3 bưu chính
	Status        int    `json:"TrangThaiHoSo"`
	StatusName    string `json:"TenTrangThai"`
	Action        string `json:"HanhDong"`
	Seq           int    `json:"ThuTu"` // the event's number in the dossier's history
	At            string `json:"ThoiDiem"`
	Received      string `json:"NgayTiepNhan,omitempty"`
	Due           string `json:"NgayHenTra,omitempty"`
	Finished      string `json:"NgayKetThucXuLy,omitempty"`
	Returned      string `json:"NgayTra,omitempty"`
	Reason        string `json:"LyDo,omitempty"`
	// TenantID is the sending tenant (the connection the real adapter
	// uses, its agency's account on the portal); it is not in the record.
	TenantID string `json:"-"`
}

// stamp is the portal's date-time format (yyyyMMddHHmmss, Vietnam time).
func stamp(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(zone).Format("20060102150405")
}

var zone = time.FixedZone("ICT", 7*3600)

// channelCode is the national channel code.
func channelCode(c catalog.Channel) int {
	switch c {
	case catalog.ChannelOnline:
		return 2
	case catalog.ChannelPostal:
		return 3
	}
	return 1
}

// Pushed says whether an event is a status change the portal is told of:
// every change of the national status, and the online submission and the
// acceptance (which may keep the status of a dossier received at the
// counter). Imported dossiers were the legacy system's to synchronise.
func Pushed(ev dossier.Event, d *dossier.Dossier) bool {
	if d.Imported || d.Ended == dossier.EndTransferred {
		return false
	}
	return ev.From != ev.To || ev.Action == dossier.ActSubmit || ev.Action == dossier.ActAccept
}

// UpdateFor is the status update of an event of d, after the event.
func UpdateFor(ev dossier.Event, d *dossier.Dossier) StatusUpdate {
	code := d.Code
	if code == "" {
		code = d.Ref
	}
	at := ev.At
	u := StatusUpdate{DossierID: d.ID, Code: code, NationalCode: d.Extra[ExtraCode], Procedure: d.ProcedureCode,
		ProcedureName: d.ProcedureName, Applicant: d.Applicant.FullName, Channel: channelCode(d.Channel),
		Status: int(ev.To), StatusName: ev.To.Name(), Action: string(ev.Action), Seq: ev.Seq, At: stamp(&at),
		Received: stamp(d.AcceptedAt), Due: stamp(d.DueAt), Finished: stamp(d.FinishedAt), Returned: stamp(d.ReturnedAt),
		Reason: ev.Reason}
	if d.Applicant.Organisation != "" {
		u.Applicant = d.Applicant.Organisation
	}
	return u
}

// Outgoing is what dossier.Service.Sync enqueues for an event: one push to
// the portal, keyed by the dossier and the event's number so that a replayed
// event enqueues nothing twice.
func Outgoing(ev dossier.Event, d *dossier.Dossier) []dossier.Outgoing {
	if !Pushed(ev, d) {
		return nil
	}
	u := UpdateFor(ev, d)
	body, err := json.Marshal(u)
	if err != nil {
		return nil // a struct of strings and ints always marshals
	}
	return []dossier.Outgoing{{Channel: string(Channel), To: Recipient,
		Subject: fmt.Sprintf("%s · %d %s", u.Code, u.Status, u.StatusName), Body: string(body),
		Key: fmt.Sprintf("dvcqg:%s:%d", d.ID, ev.Seq)}}
}

// OnlineDossier is a dossier a citizen filed on the national portal.
type OnlineDossier struct {
	NationalCode string     `json:"MaHoSoQG"`
	Agency       string     `json:"MaCoQuanTiepNhan"` // the receiving agency's electronic ID
	Procedure    string     `json:"MaTTHC"`
	FullName     string     `json:"HoTenNguoiNop"`
	IDNumber     string     `json:"SoGiayToChuHoSo"`
	Phone        string     `json:"SoDienThoai,omitempty"`
	Email        string     `json:"Email,omitempty"`
	Address      string     `json:"DiaChi,omitempty"`
	Organisation string     `json:"TenToChuc,omitempty"`
	TaxCode      string     `json:"MaSoThue,omitempty"`
	FiledAt      string     `json:"NgayNopHoSo"` // yyyyMMddHHmmss
	Documents    []Document `json:"ThanhPhanHoSo,omitempty"`
	Delivery     string     `json:"HinhThucNhanKetQua,omitempty"`
}

// Document is a component of an online dossier.
type Document struct {
	Name   string `json:"TenThanhPhan"`
	File   string `json:"TenTepDinhKem,omitempty"`
	SHA256 string `json:"MaBam,omitempty"`
}

// Portal is the national portal as tuphap uses it.
type Portal interface {
	// Catalogue returns the national procedures the tenant's agency
	// handles, mapped into the catalogue's shape.
	Catalogue(ctx context.Context, agency string) ([]catalog.Procedure, error)
	// PushStatus sends one status update; key makes a retried push
	// harmless. A rejection the portal will repeat is wrapped in Rejected.
	PushStatus(ctx context.Context, key string, u StatusUpdate) error
	// Pending returns the dossiers filed on the portal for the agency that
	// tuphap has not acknowledged yet.
	Pending(ctx context.Context, agency string) ([]OnlineDossier, error)
	// Ack tells the portal the dossier was received under tuphap's ref.
	Ack(ctx context.Context, nationalCode, ref string) error
}

// Rejected marks a push the portal refused for a reason a retry cannot
// change (unknown procedure code, malformed record).
type Rejected struct{ Reason string }

func (e *Rejected) Error() string { return "Cổng DVCQG từ chối: " + e.Reason }

// Sender delivers the outbox's "dvcqg" messages: it decodes the update,
// pushes it, and records the success with Synced (the sync log behind
// indicator 1.4). A rejection is permanent (the row goes dead and shows in
// the sync report); anything else is retried with the worker's backoff.
type Sender struct {
	Portal Portal
	Synced func(ctx context.Context, tenantID string, u StatusUpdate, at time.Time) error
	Now    func() time.Time
}

// Send implements notify.Sender.
func (s *Sender) Send(ctx context.Context, m notify.Message) error {
	var u StatusUpdate
	if err := json.Unmarshal([]byte(m.Body), &u); err != nil || u.DossierID == "" {
		return notify.Permanent(errors.New("bản ghi đồng bộ hỏng, không đọc được"))
	}
	u.TenantID = m.TenantID
	if err := s.Portal.PushStatus(ctx, m.Key, u); err != nil {
		var rej *Rejected
		if errors.As(err, &rej) {
			return notify.Permanent(err)
		}
		return err
	}
	if s.Synced == nil {
		return nil
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return s.Synced(ctx, m.TenantID, u, now())
}

// ToRequest maps an online dossier onto an intake request.
func ToRequest(o OnlineDossier) dossier.IntakeRequest {
	req := dossier.IntakeRequest{Procedure: strings.TrimSpace(o.Procedure), Channel: catalog.ChannelOnline,
		Applicant: dossier.Applicant{FullName: o.FullName, IDNumber: o.IDNumber, Phone: o.Phone, Email: o.Email,
			Address: o.Address, Organisation: o.Organisation, TaxCode: o.TaxCode},
		Delivery: o.Delivery}
	for _, doc := range o.Documents {
		req.Documents = append(req.Documents, dossier.Received{Name: doc.Name, Copies: 1})
	}
	return req
}

// Package postal holds the rules of returning a dossier's result by post
// (issue 25 item 6): the applicant's choice, the consignment the desk
// creates with a carrier, its statuses, and what the "returned" step needs.
//
// The one-stop decrees let the applicant receive the result through the
// public postal service (Decree 61/2018/NĐ-CP Art. 6 and 18 as amended by
// Decree 107/2021/NĐ-CP; Decision 45/2016/QĐ-TTg on receiving dossiers and
// returning results through the public postal service). Pure: the carrier
// is an adapter (package external/vnpost), storage is sqlstore's.
package postal

import (
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
)

// Delivery is the text of dossier.Delivery that means "by post"; it is the
// portal's wording (portal.Deliveries), so dossiers filed online and at the
// counter carry the same value.
const Delivery = "Nhận qua dịch vụ bưu chính công ích"

// ExtraAddress is the key of dossier.Extra holding the delivery address the
// applicant gave, when it differs from his own address.
const ExtraAddress = "post_address"

// IsPostal reports whether the applicant chose to receive the result by post.
func IsPostal(d *dossier.Dossier) bool {
	return strings.EqualFold(strings.TrimSpace(d.Delivery), Delivery)
}

// AddressOf is where the result goes: the delivery address given, else the
// applicant's address with its commune.
func AddressOf(d *dossier.Dossier) string {
	if a := strings.TrimSpace(d.Extra[ExtraAddress]); a != "" {
		return a
	}
	a := strings.TrimSpace(d.Applicant.Address)
	if c := strings.TrimSpace(d.Applicant.Commune); c != "" && !strings.Contains(a, c) {
		if a != "" {
			a += ", "
		}
		a += c
	}
	return a
}

// CheckAddress is the rule for a delivery address: a postal delivery needs
// one a postman can find (house number or village, commune, province), at
// least 10 and at most 300 characters.
func CheckAddress(a string) error {
	a = strings.TrimSpace(a)
	switch n := utf8.RuneCountInString(a); {
	case n == 0:
		return apperr.Field("post_address", "Nhận kết quả qua bưu chính cần địa chỉ nhận (số nhà hoặc thôn, xã/phường, tỉnh/thành phố).")
	case n < 10:
		return apperr.Field("post_address", "Địa chỉ nhận kết quả quá ngắn: cần số nhà hoặc thôn, xã/phường, tỉnh/thành phố.")
	case n > 300:
		return apperr.Field("post_address", "Địa chỉ nhận kết quả không được dài quá 300 ký tự.")
	}
	return nil
}

// Status is a consignment's state. Requested and Failed are ours (the
// order waits for the carrier, or the carrier refused it); the others are
// the carrier's.
type Status string

const (
	Requested  Status = "requested"
	Failed     Status = "failed"
	Accepted   Status = "accepted"
	InTransit  Status = "in_transit"
	Delivering Status = "delivering"
	Delivered  Status = "delivered"
	Returned   Status = "returned" // returned to the sender (chuyển hoàn)
)

var labels = map[Status]string{
	Requested:  "Đang gửi yêu cầu đến bưu chính",
	Failed:     "Bưu chính từ chối yêu cầu",
	Accepted:   "Bưu cục đã nhận bưu gửi",
	InTransit:  "Đang vận chuyển",
	Delivering: "Đang phát đến người nhận",
	Delivered:  "Đã phát thành công",
	Returned:   "Đã chuyển hoàn về cơ quan",
}

// Label is the status in Vietnamese.
func (s Status) Label() string {
	if l, ok := labels[s]; ok {
		return l
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := labels[s]; return ok }

// Final reports whether the status no longer changes: the poll stops.
func (s Status) Final() bool { return s == Delivered || s == Returned || s == Failed }

// Handed reports whether the carrier holds (or held) the parcel: the
// result has left the desk.
func (s Status) Handed() bool {
	switch s {
	case Accepted, InTransit, Delivering, Delivered, Returned:
		return true
	}
	return false
}

// rank orders the carrier's statuses: a status update never moves a
// consignment back (a stale poll answer after a webhook).
var rank = map[Status]int{Requested: 0, Accepted: 1, InTransit: 2, Delivering: 3, Delivered: 4, Returned: 4, Failed: 4}

// Advances reports whether moving from s to next is progress.
func (s Status) Advances(next Status) bool {
	return next.Valid() && next != s && !s.Final() && rank[next] >= rank[s]
}

// Consignment is the parcel that carries one dossier's result.
type Consignment struct {
	TenantID     string
	DossierID    string
	Carrier      string
	TrackingCode string
	Status       Status
	Recipient    string
	Phone        string
	Address      string
	COD          int64 // đồng collected from the recipient on delivery
	Officer      string
	Note         string // the carrier's refusal, or its last tracking note
	CreatedAt    time.Time
	UpdatedAt    time.Time
	DeliveredAt  *time.Time
}

// Order is what the desk asks the carrier to carry.
type Order struct {
	Recipient string
	Phone     string
	Address   string
	COD       int64
}

// MayShip is the rule for creating a consignment: the dossier's result is
// ready (status 9, resolved with a result or a written refusal) and not
// yet returned; the applicant chose delivery by post; no consignment is
// under way (one refused by the carrier may be ordered again); the order
// names a recipient and a valid address; the COD amount is not negative.
func MayShip(d *dossier.Dossier, existing *Consignment, o Order) error {
	if err := MayOrder(d, existing); err != nil {
		return err
	}
	var bad apperr.FieldList
	if n := utf8.RuneCountInString(strings.TrimSpace(o.Recipient)); n == 0 || n > 200 {
		bad.Add("recipient", "Cần tên người nhận (tối đa 200 ký tự).")
	}
	if err := CheckAddress(o.Address); err != nil {
		bad.Add("post_address", apperr.As(err).Message)
	}
	if p := strings.TrimSpace(o.Phone); p != "" && !dossier.ValidPhone(p) {
		bad.Add("phone", "Số điện thoại người nhận không hợp lệ.")
	}
	if o.COD < 0 || o.COD > 100_000_000 {
		bad.Add("cod", "Số tiền thu hộ phải từ 0 đến 100.000.000 đồng.")
	}
	return bad.Err()
}

// MayOrder is the state part of MayShip: whether the dossier may get a
// consignment now, whatever the order says.
func MayOrder(d *dossier.Dossier, existing *Consignment) error {
	if !IsPostal(d) {
		return apperr.New(apperr.Conflict, "Người nộp không chọn nhận kết quả qua dịch vụ bưu chính.")
	}
	if d.Status != dossier.ResultReady || d.ReturnedAt != nil {
		return apperr.New(apperr.Conflict, "Chỉ tạo bưu gửi khi hồ sơ đã có kết quả và chưa trả kết quả.")
	}
	if existing != nil && existing.Status != Failed {
		return apperr.Newf(apperr.Conflict, "Hồ sơ đã có bưu gửi (%s).", existing.Status.Label())
	}
	return nil
}

// ReturnRule is the "returned" step of a dossier delivered by post: the
// result is returned when the carrier has taken the parcel, and the step
// records the consignment (its tracking code). It gives the note the
// step's event keeps, or why the dossier cannot be marked returned yet.
func ReturnRule(d *dossier.Dossier, c *Consignment) (string, error) {
	if !IsPostal(d) {
		return "", nil
	}
	if c == nil || !c.Status.Handed() || c.TrackingCode == "" {
		return "", apperr.New(apperr.Conflict, "Hồ sơ nhận kết quả qua bưu chính: cần tạo bưu gửi và bưu chính đã nhận bưu gửi trước khi ghi nhận trả kết quả.")
	}
	return "Trả qua bưu chính (" + c.Carrier + "), số hiệu bưu gửi " + c.TrackingCode + ": " + c.Status.Label(), nil
}

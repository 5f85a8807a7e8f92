package portal

import (
	"strings"
	"time"
	"tuphap/internal/vnfmt"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/postal"
)

// Identity is who the identity provider (the national e-ID) says signed in.
// The portal never lets the citizen retype these fields.
type Identity struct {
	Subject   string // the provider's stable subject identifier
	IDNumber  string // 12-digit personal identification number
	FullName  string
	BirthDate string // YYYY-MM-DD
}

// Citizen is a signed-in citizen's session.
type Citizen struct {
	TenantID  string
	Identity  Identity
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SessionTTL is how long a citizen's session lasts: the e-ID session of a
// public service portal is short, and a citizen signs in again cheaply.
const SessionTTL = 2 * time.Hour

// BirthDateText shows the date of birth as dd/mm/yyyy.
func (i Identity) BirthDateText() string {
	t, err := time.Parse("2006-01-02", i.BirthDate)
	if err != nil {
		return i.BirthDate
	}
	return t.Format("02/01/2006")
}

// Actor is the citizen as the actor of a dossier transition or audit entry;
// logs and audit keep only the last digits of the ID number.
func (c Citizen) Actor(ip string) dossier.Actor {
	return dossier.Actor{ID: "citizen:" + maskID(c.Identity.IDNumber), Name: c.Identity.FullName, Role: "citizen", IP: ip}
}

func auditActor(a dossier.Actor) audit.Entry {
	return audit.Entry{ActorID: a.ID, Actor: a.Name, IP: a.IP}
}

// DraftStatus is where a draft is.
type DraftStatus string

const (
	DraftOpen      DraftStatus = "draft"
	DraftSubmitted DraftStatus = "submitted"
)

// Draft is an online dossier being prepared: the contact details the
// citizen adds to the identity from the e-ID, and the uploaded files.
type Draft struct {
	TenantID    string      `json:"-"`
	ID          string      `json:"id"`
	OwnerID     string      `json:"-"` // the citizen's ID number
	ProcedureID string      `json:"procedure_id"`
	Phone       string      `json:"phone"`
	Email       string      `json:"email"`
	Address     string      `json:"address"`
	Delivery    string      `json:"delivery"`
	Status      DraftStatus `json:"status"`
	DossierID   string      `json:"dossier_id,omitempty"`
	Files       []File      `json:"files"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
}

// Size is the total size of the draft's files.
func (d *Draft) Size() int64 {
	var n int64
	for _, f := range d.Files {
		n += f.Size
	}
	return n
}

// FilesFor lists the files attached to the document at index i.
func (d *Draft) FilesFor(i int) []File {
	var out []File
	for _, f := range d.Files {
		if f.DocIndex == i {
			out = append(out, f)
		}
	}
	return out
}

// File is an uploaded file of a draft: the bytes are a blob kept once per
// SHA-256; the citizen's file name is not kept at all, so it can never be
// served back.
type File struct {
	TenantID  string    `json:"-"`
	ID        string    `json:"id"`
	DraftID   string    `json:"-"`
	DocIndex  int       `json:"doc_index"`
	SHA256    string    `json:"sha256"`
	MediaType string    `json:"media_type"`
	Size      int64     `json:"size"`
	CreatedAt time.Time `json:"created_at"`
}

// Deliveries are the ways a citizen can receive the result online filing
// offers (Decree 42/2022/NĐ-CP: a full online service returns the result
// online or by public postal service).
var Deliveries = []string{
	"Nhận kết quả điện tử trên Cổng dịch vụ công",
	postal.Delivery, // "Nhận qua dịch vụ bưu chính công ích"
	"Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả",
}

// RequiredOnline reports whether document doc must be uploaded to file
// online. A required document the catalogue says need not be filed by a
// citizen signed in with the e-ID (the identity papers: Decree 45/2020, the
// identity comes from the national population database) is not asked for.
func RequiredOnline(doc catalog.Document) bool {
	if !doc.Required {
		return false
	}
	n := catalog.Fold(doc.Note)
	return !(strings.Contains(n, "khong phai nop") && strings.Contains(n, "truc tuyen"))
}

// CheckComplete says which required documents of p still lack a file.
func CheckComplete(p catalog.Procedure, d *Draft) error {
	var missing []string
	for i, doc := range p.Documents {
		if RequiredOnline(doc) && len(d.FilesFor(i)) == 0 {
			missing = append(missing, doc.Name)
		}
	}
	if len(missing) > 0 {
		return apperr.New(apperr.Invalid, "Hồ sơ còn thiếu tệp của giấy tờ bắt buộc: "+strings.Join(missing, "; ")+".")
	}
	return nil
}

// PaymentStatus is where a payment is.
type PaymentStatus string

const (
	PaymentPending PaymentStatus = "pending"
	PaymentPaid    PaymentStatus = "paid"
	PaymentFailed  PaymentStatus = "failed"
	PaymentExpired PaymentStatus = "expired"
)

// PaymentTTL is how long a payment waits for the gateway's answer: a
// citizen who leaves the gateway's page abandons it, and a report that
// comes later is refused (the gateways' own checkout sessions last about
// 15 minutes; tuphap's choice, to be set to the contracted gateway's).
const PaymentTTL = 30 * time.Minute

// Expired reports whether a pending payment was abandoned by now.
func (p Payment) Expired(now time.Time) bool {
	return p.Status == PaymentPending && now.Sub(p.CreatedAt) > PaymentTTL
}

// Label is the status in Vietnamese.
func (s PaymentStatus) Label() string {
	switch s {
	case PaymentPending:
		return "Đang chờ thanh toán"
	case PaymentPaid:
		return "Đã thanh toán"
	case PaymentFailed:
		return "Không thành công"
	case PaymentExpired:
		return "Đã hết hạn (bỏ dở)"
	}
	return string(s)
}

// Payment is one attempt to pay a dossier's fee online.
type Payment struct {
	TenantID   string        `json:"-"`
	ID         string        `json:"id"` // the transaction reference sent to the gateway
	DossierID  string        `json:"dossier_id"`
	OwnerID    string        `json:"-"`
	Amount     int64         `json:"amount"`
	Status     PaymentStatus `json:"status"`
	GatewayRef string        `json:"gateway_ref,omitempty"`
	CreatedAt  time.Time     `json:"created_at"`
	PaidAt     *time.Time    `json:"paid_at,omitempty"`
}

// Callback is what a payment gateway reports about a transaction, after
// its signature has been checked by the gateway adapter.
type Callback struct {
	TxnRef     string
	GatewayRef string
	Amount     int64
	Success    bool
}

// Result is a result of a dossier issued electronically (a PDF).
type Result struct {
	TenantID  string    `json:"-"`
	ID        string    `json:"id"`
	DossierID string    `json:"-"`
	Title     string    `json:"title"`
	Issuer    string    `json:"issuer"`
	SHA256    string    `json:"sha256"`
	MediaType string    `json:"media_type"`
	Size      int64     `json:"size"`
	IssuedAt  time.Time `json:"issued_at"`
}

// NextStep tells the applicant, in plain Vietnamese, what happens next.
func NextStep(d *dossier.Dossier) string {
	switch d.Status {
	case dossier.Submitted:
		if d.Completion != nil {
			return "Bộ phận Một cửa đã hướng dẫn bổ sung, hoàn thiện hồ sơ. Vui lòng xem nội dung hướng dẫn và nộp bổ sung."
		}
		return "Hồ sơ đang chờ Bộ phận Một cửa kiểm tra và tiếp nhận (trong 8 giờ làm việc). Bạn sẽ nhận được mã hồ sơ khi hồ sơ được tiếp nhận."
	case dossier.Accepted, dossier.Processing:
		return "Hồ sơ đang được giải quyết. Bạn chưa cần làm gì thêm; kết quả sẽ có trước ngày hẹn trả."
	case dossier.SupplementWaiting:
		return "Cơ quan yêu cầu bổ sung giấy tờ. Vui lòng nộp bổ sung theo hướng dẫn; thời gian chờ bổ sung không tính vào thời hạn giải quyết."
	case dossier.FeeWaiting:
		return "Vui lòng nộp phí, lệ phí để hồ sơ được tiếp tục giải quyết."
	case dossier.ResultReady:
		return "Đã có kết quả. Vui lòng nhận kết quả theo hình thức đã đăng ký: " + d.Delivery + "."
	case dossier.Returned:
		if d.Rating == nil {
			return "Đã trả kết quả. Mời bạn đánh giá mức độ hài lòng đối với việc giải quyết hồ sơ."
		}
		return "Đã trả kết quả. Cảm ơn bạn đã đánh giá."
	case dossier.Refused:
		return "Hồ sơ không được tiếp nhận. Lý do đã được gửi cho bạn bằng văn bản."
	case dossier.Withdrawn:
		return "Hồ sơ đã được rút theo yêu cầu của bạn."
	case dossier.Stopped:
		return "Cơ quan đã dừng giải quyết hồ sơ; lý do được nêu trong thông báo gửi bạn."
	}
	return ""
}

// FormatVND writes an amount the Vietnamese way: 200.000 đồng.
func FormatVND(n int64) string { return vnfmt.VND(n) }

// ShortRef is the short reference an online applicant is given at once,
// before the desk assigns the dossier's code: "HS-" and the last eight hex
// digits of the dossier's ID (the random part of a UUIDv7) in two groups,
// e.g. HS-7F3A-9C21. It is read aloud or typed easily, and it is unique
// among one applicant's dossiers in practice (32 random bits).
func ShortRef(id string) string {
	h := strings.ToUpper(strings.ReplaceAll(id, "-", ""))
	if len(h) < 8 {
		return ""
	}
	h = h[len(h)-8:]
	return "HS-" + h[:4] + "-" + h[4:]
}

// IsShortRef reports whether s has the form of a ShortRef (any case).
func IsShortRef(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 12 || !strings.HasPrefix(s, "HS-") || s[7] != '-' {
		return false
	}
	for _, c := range s[3:7] + s[8:] {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

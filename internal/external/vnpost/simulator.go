package vnpost

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"tuphap/internal/postal"
)

// Simulator is a carrier in memory, deterministic: the tracking code is
// derived from the tenant and the reference (a UPU S10 code, "EP" + eight
// digits + check digit + "VN"), and a consignment's status follows the
// time since it was accepted on a fixed schedule (Schedule), so tests and
// the demo see it advance by moving the clock. An address containing
// "không có người nhận" is returned to the sender instead of delivered;
// an address without a comma (no commune or province) is refused.
// FailNext injects outages. Safe for concurrent use.
type Simulator struct {
	// Now is the carrier's clock; default time.Now.
	Now func() time.Time

	mu       sync.Mutex
	parcels  map[string]*parcel // by tenant + "/" + ref
	byCode   map[string]*parcel // by tenant + "/" + tracking code
	failNext int
}

type parcel struct {
	Shipment
	code     string
	accepted time.Time
}

// Schedule is the simulator's timetable: a consignment reaches each status
// this long after the carrier accepted it.
var Schedule = []struct {
	After  time.Duration
	Status postal.Status
	Note   string
}{
	{0, postal.Accepted, "Bưu cục giao dịch đã nhận bưu gửi"},
	{4 * time.Hour, postal.InTransit, "Đang vận chuyển đến bưu cục phát"},
	{24 * time.Hour, postal.Delivering, "Bưu tá đang phát"},
	{36 * time.Hour, postal.Delivered, "Đã phát thành công"},
}

// returnAfter is when an undeliverable consignment is back at the sender.
const returnAfter = 72 * time.Hour

// Name implements Carrier.
func (*Simulator) Name() string { return "Bưu điện (mô phỏng)" }

// FailNext makes the next n calls fail as an outage.
func (s *Simulator) FailNext(n int) {
	s.mu.Lock()
	s.failNext = n
	s.mu.Unlock()
}

func (s *Simulator) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// outage consumes one injected failure; mu must be held.
func (s *Simulator) outage() bool {
	if s.failNext > 0 {
		s.failNext--
		return true
	}
	return false
}

// Create implements Carrier.
func (s *Simulator) Create(ctx context.Context, sh Shipment) (Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Receipt{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.outage() {
		return Receipt{}, errors.New("vnpost simulator: service unavailable")
	}
	if s.parcels == nil {
		s.parcels, s.byCode = map[string]*parcel{}, map[string]*parcel{}
	}
	if p, ok := s.parcels[sh.TenantID+"/"+sh.Ref]; ok {
		return Receipt{TrackingCode: p.code, Status: s.status(p).Status}, nil
	}
	if !strings.Contains(sh.Address, ",") {
		return Receipt{}, &Rejected{Reason: "Địa chỉ nhận thiếu xã/phường, tỉnh/thành phố; bưu chính không nhận bưu gửi."}
	}
	p := &parcel{Shipment: sh, code: TrackingCode(sh.TenantID, sh.Ref), accepted: s.now()}
	s.parcels[sh.TenantID+"/"+sh.Ref] = p
	s.byCode[sh.TenantID+"/"+p.code] = p
	return Receipt{TrackingCode: p.code, Status: postal.Accepted}, nil
}

// Track implements Carrier.
func (s *Simulator) Track(ctx context.Context, tenantID, code string) (Tracking, error) {
	if err := ctx.Err(); err != nil {
		return Tracking{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.outage() {
		return Tracking{}, errors.New("vnpost simulator: service unavailable")
	}
	p, ok := s.byCode[tenantID+"/"+code]
	if !ok {
		return Tracking{}, fmt.Errorf("vnpost simulator: unknown tracking code %s", code)
	}
	return s.status(p), nil
}

// status is where the schedule has brought p by now; mu must be held.
func (s *Simulator) status(p *parcel) Tracking {
	age := s.now().Sub(p.accepted)
	undeliverable := strings.Contains(strings.ToLower(p.Address), "không có người nhận")
	var t Tracking
	for _, step := range Schedule {
		if age < step.After {
			break
		}
		if undeliverable && step.Status == postal.Delivered {
			t = Tracking{Status: postal.Delivering, At: p.accepted.Add(step.After), Note: "Phát không thành công: không có người nhận"}
			break
		}
		t = Tracking{Status: step.Status, At: p.accepted.Add(step.After), Note: step.Note}
	}
	if undeliverable && age >= returnAfter {
		t = Tracking{Status: postal.Returned, At: p.accepted.Add(returnAfter), Note: "Chuyển hoàn: không có người nhận"}
	}
	return t
}

// Shipments returns the consignments a tenant ordered, for the demo's
// screens and the tests.
func (s *Simulator) Shipments(tenantID string) []Shipment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Shipment
	for k, p := range s.parcels {
		if strings.HasPrefix(k, tenantID+"/") {
			out = append(out, p.Shipment)
		}
	}
	return out
}

// TrackingCode is the simulator's S10 code for a reference: "EP", eight
// digits from a hash of tenant and reference, the S10 check digit, "VN".
func TrackingCode(tenantID, ref string) string {
	h := fnv.New32a()
	h.Write([]byte(tenantID + "/" + ref))
	n := h.Sum32() % 100_000_000
	digits := fmt.Sprintf("%08d", n)
	return "EP" + digits + fmt.Sprint(CheckDigit(digits)) + "VN"
}

// CheckDigit is the UPU S10 check digit of eight digits: weights 8 6 4 2 3
// 5 9 7, 11 minus the sum modulo 11, with 10 → 0 and 11 → 5.
func CheckDigit(digits string) int {
	w := []int{8, 6, 4, 2, 3, 5, 9, 7}
	sum := 0
	for i, r := range digits {
		sum += int(r-'0') * w[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 0
	case 11:
		return 5
	default:
		return c
	}
}

// Backdate moves a consignment's acceptance back by d, as if the carrier
// had taken it that long ago: the demo shows consignments at every stage.
func (s *Simulator) Backdate(tenantID, ref string, d time.Duration) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.parcels[tenantID+"/"+ref]
	if ok {
		p.accepted = p.accepted.Add(-d)
	}
	return ok
}

package dvcqg

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
	"tuphap/internal/apperr"

	"tuphap/internal/catalog"
)

// Push is one status update as the simulator received it.
type Push struct {
	Key        string
	Update     StatusUpdate
	ReceivedAt time.Time
}

// Simulator is an in-memory national portal for the tests and the demo.
// It keeps every status update received (once per key), the dossiers filed
// on it until acknowledged, and a catalogue. Failures can be injected: the
// next FailNext pushes fail as an outage would (retried by the worker), and
// Reject refuses the pushes of a procedure code for good.
type Simulator struct {
	// Procedures is the national catalogue served; nil serves
	// SampleCatalogue.
	Procedures []catalog.Procedure
	Now        func() time.Time

	mu       sync.Mutex
	failNext int
	reject   map[string]string // procedure code → reason
	keys     map[string]bool
	pushes   []Push
	inbox    []OnlineDossier
	acked    map[string]string // national code → tuphap ref
}

func (s *Simulator) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// FailNext makes the next n pushes fail with a transient error.
func (s *Simulator) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// Reject refuses every push of the procedure code with reason ("" stops).
func (s *Simulator) Reject(procedure, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reject == nil {
		s.reject = map[string]string{}
	}
	if reason == "" {
		delete(s.reject, procedure)
		return
	}
	s.reject[procedure] = reason
}

// Catalogue implements Portal.
func (s *Simulator) Catalogue(ctx context.Context, agency string) ([]catalog.Procedure, error) {
	if s.Procedures != nil {
		return slices.Clone(s.Procedures), nil
	}
	return SampleCatalogue()
}

// PushStatus implements Portal.
func (s *Simulator) PushStatus(ctx context.Context, key string, u StatusUpdate) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys[key] {
		return nil // a retried push already received
	}
	if s.failNext > 0 {
		s.failNext--
		return apperr.Sentence("Cổng DVCQG tạm thời không phản hồi (mô phỏng sự cố kết nối)")
	}
	if reason, ok := s.reject[u.Procedure]; ok {
		return &Rejected{Reason: reason}
	}
	if u.Status < 1 || u.Status > 10 || u.Code == "" || u.Procedure == "" {
		return &Rejected{Reason: fmt.Sprintf("bản ghi thiếu mã hồ sơ, mã thủ tục hoặc trạng thái không hợp lệ (%d)", u.Status)}
	}
	if s.keys == nil {
		s.keys = map[string]bool{}
	}
	s.keys[key] = true
	s.pushes = append(s.pushes, Push{Key: key, Update: u, ReceivedAt: s.now()})
	return nil
}

// Pushes returns every update received, oldest first.
func (s *Simulator) Pushes() []Push {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.pushes)
}

// PushesOf returns the updates one tenant sent, oldest first.
func (s *Simulator) PushesOf(tenantID string) []Push {
	var out []Push
	for _, p := range s.Pushes() {
		if p.Update.TenantID == tenantID {
			out = append(out, p)
		}
	}
	return out
}

// History returns the statuses the portal holds for a dossier in the
// order of the dossier's events (ThuTu), whatever order they arrived in.
func (s *Simulator) History(dossierID string) []StatusUpdate {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []StatusUpdate
	for _, p := range s.pushes {
		if p.Update.DossierID == dossierID {
			out = append(out, p.Update)
		}
	}
	slices.SortStableFunc(out, func(a, b StatusUpdate) int { return a.Seq - b.Seq })
	return out
}

// File puts a dossier filed by a citizen on the portal.
func (s *Simulator) File(o OnlineDossier) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o.FiledAt == "" {
		o.FiledAt = s.now().In(zone).Format("20060102150405")
	}
	s.inbox = append(s.inbox, o)
}

// Pending implements Portal.
func (s *Simulator) Pending(ctx context.Context, agency string) ([]OnlineDossier, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []OnlineDossier
	for _, o := range s.inbox {
		if _, ok := s.acked[o.NationalCode]; !ok && (o.Agency == "" || o.Agency == agency) {
			out = append(out, o)
		}
	}
	return out, nil
}

// Ack implements Portal.
func (s *Simulator) Ack(ctx context.Context, nationalCode, ref string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.acked == nil {
		s.acked = map[string]string{}
	}
	s.acked[nationalCode] = ref
	return nil
}

// Acked returns the tuphap ref a national dossier was received under.
func (s *Simulator) Acked(nationalCode string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.acked[nationalCode]
	return r, ok
}

// SampleDossier is a dossier filed on the portal for the demo: a copy
// certified from the original (chứng thực bản sao từ bản chính) is at
// every Department of Justice's desk.
func SampleDossier(nationalCode, procedure string) OnlineDossier {
	return OnlineDossier{NationalCode: nationalCode, Procedure: procedure,
		FullName: "Lê Thị Thu Hà", IDNumber: "001190012345", Phone: "0912345678", Email: "thuha@example.vn",
		Address: "Số 12 Lê Lợi, phường Hạc Thành", Delivery: "Nhận trực tuyến",
		Documents: []Document{{Name: "Tờ khai theo mẫu", File: "to-khai.pdf"}, {Name: "Căn cước công dân", File: "cccd.pdf"}}}
}

// SampleCatalogue is the national catalogue the simulator serves by
// default: the built-in procedures of a Department of Justice as the
// national database lists them, and two the built-in catalogue lacks
// (clones of a built-in under sample national codes, marked as samples),
// plus one record with no legal basis, which the import must skip.
func SampleCatalogue() ([]catalog.Procedure, error) {
	all, err := catalog.Builtin()
	if err != nil {
		return nil, err
	}
	var out []catalog.Procedure
	for _, p := range all {
		if p.Agency == catalog.AgencyDepartment && p.Code != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return out, nil
	}
	base := out[0]
	extra := func(code, name string) catalog.Procedure {
		p := base
		p.ID, p.Code, p.Name = "", code, name
		p.Provenance.Notes = append(slices.Clone(p.Provenance.Notes), "Bản ghi mẫu của trình mô phỏng Cổng DVCQG.")
		return p
	}
	out = append(out, extra("9.900001", "Thủ tục mẫu từ Cổng DVCQG: cấp bản sao văn bản công chứng (mô phỏng)"),
		extra("9.900002", "Thủ tục mẫu từ Cổng DVCQG: xác nhận thông tin hồ sơ (mô phỏng)"))
	broken := extra("9.900003", "Thủ tục mẫu thiếu căn cứ pháp lý (mô phỏng)")
	broken.LegalBasis = nil
	return append(out, broken), nil
}

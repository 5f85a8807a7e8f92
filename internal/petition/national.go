package petition

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// National is the national database on citizen reception and complaint
// and denunciation handling (Cơ sở dữ liệu quốc gia về tiếp công dân, xử lý
// đơn, giải quyết khiếu nại, tố cáo), which processing data must be kept
// up to date in (Decree 31/2019 Art. 19a, added by Decree 156/2026 Art. 4).
// Send upserts one case by its agency and code. What is sent is a Record:
// never a denouncer's identity.
type National interface {
	Send(ctx context.Context, agencyID string, r Record) error
}

// NationalSimulator is a local stand-in for the national database: it keeps
// what it receives, by agency and code, and refuses a record that carries a
// denouncer (which the adapter must never send).
type NationalSimulator struct {
	mu   sync.Mutex
	recs map[string]Record
}

// Send upserts r.
func (s *NationalSimulator) Send(_ context.Context, agencyID string, r Record) error {
	if r.Denouncer != nil || (r.Kind == KindDenunciation && r.Petitioner != nil) {
		return fmt.Errorf("CSDL quốc gia (mô phỏng): bản ghi tố cáo không được chứa thông tin người tố cáo")
	}
	if strings.TrimSpace(r.Code) == "" || !r.Kind.Valid() {
		return fmt.Errorf("CSDL quốc gia (mô phỏng): thiếu mã đơn hoặc loại đơn")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.recs == nil {
		s.recs = map[string]Record{}
	}
	s.recs[agencyID+"|"+r.Code] = r
	return nil
}

// Received returns what the simulator holds for an agency and code.
func (s *NationalSimulator) Received(agencyID, code string) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.recs[agencyID+"|"+code]
	return r, ok
}

// Len is how many cases the simulator holds.
func (s *NationalSimulator) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.recs)
}

// SyncNational sends every petition received in, or still open or closed
// in, [from, to] to the national database, and records when each was sent.
// It stops at the first refusal, reporting how many were sent.
func (s *Service) SyncNational(ctx context.Context, a Actor, tenantID, agencyID string, n National, from, to calendar.Date) (int, error) {
	if n == nil {
		return 0, apperr.New(apperr.Unavailable, "Chưa cấu hình kết nối Cơ sở dữ liệu quốc gia về tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo.")
	}
	ps, err := s.Store.InPeriod(ctx, tenantID, from, to)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, p := range ps {
		if err := n.Send(ctx, agencyID, RecordOf(p)); err != nil {
			return sent, fmt.Errorf("đơn %s: %w", p.Code, err)
		}
		err := s.Store.TransactPetitions(ctx, func(tx Tx) error {
			cur, err := s.Store.Petition(ctx, tenantID, p.ID)
			if err != nil {
				return err
			}
			at := tx.Now()
			cur.SyncedAt = &at
			return tx.UpdatePetition(ctx, tenantID, cur)
		})
		if err != nil {
			return sent, err
		}
		sent++
	}
	err = s.Store.TransactPetitions(ctx, func(tx Tx) error {
		return s.audit(ctx, tx, tenantID, a, "petition.national_sync", "petitions", fmt.Sprintf("%d đơn, %s–%s", sent, from.FormatVN(), to.FormatVN()))
	})
	return sent, err
}

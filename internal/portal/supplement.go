package portal

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
)

// SupplementFile is a file a citizen uploaded to answer a request to
// supplement a dossier (status 5, Chờ bổ sung). Round is the request it
// answers: 1 for the first (dossier.Dossier.Supplements[0]).
type SupplementFile struct {
	TenantID  string    `json:"-"`
	ID        string    `json:"id"`
	DossierID string    `json:"-"`
	Round     int       `json:"round"`
	SHA256    string    `json:"sha256"`
	MediaType string    `json:"media_type"`
	Size      int64     `json:"size"`
	CreatedAt time.Time `json:"created_at"`
}

// MaxReasonRunes bounds a reason typed by a citizen.
const MaxReasonRunes = 2000

// Withdraw withdraws the citizen's own dossier at the citizen's request
// (status 7, Rút hồ sơ; Decree 118/2025/NĐ-CP lets the applicant withdraw
// a dossier not yet resolved). The reason is required from a citizen, so
// that the desk knows why. The dossier core checks the state.
func (s *Service) Withdraw(ctx context.Context, c Citizen, codeOrID, reason, ip string) (dossier.Dossier, error) {
	d, _, err := s.OwnDossier(ctx, c, codeOrID)
	if err != nil {
		return d, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return d, apperr.Field("reason", "Vui lòng ghi lý do xin rút hồ sơ.")
	}
	if len([]rune(reason)) > MaxReasonRunes {
		return d, apperr.Field("reason", "Lý do không được dài quá 2.000 ký tự.")
	}
	return s.Dossiers.Act(ctx, c.Actor(ip), c.TenantID, d.ID, dossier.ActWithdraw, dossier.Input{Reason: "Công dân xin rút: " + reason})
}

// CanSupplement reports whether the dossier waits for the applicant's
// supplement (status 5).
func CanSupplement(d *dossier.Dossier) bool {
	return d.Status == dossier.SupplementWaiting && len(d.Supplements) > 0 && d.Ended == ""
}

// AddSupplementFile checks an upload by its content and keeps it for the
// current supplement request of the citizen's own dossier, within the same
// limits as online filing (per file, per dossier, number of files).
func (s *Service) AddSupplementFile(ctx context.Context, c Citizen, codeOrID, name string, data []byte, ip string) (SupplementFile, error) {
	own, _, err := s.OwnDossier(ctx, c, codeOrID)
	if err != nil {
		return SupplementFile{}, err
	}
	mt, sum, err := Sniff(name, data)
	if err != nil {
		return SupplementFile{}, err
	}
	f := SupplementFile{TenantID: c.TenantID, ID: uuid.Must(uuid.NewV7()).String(), DossierID: own.ID, SHA256: sum, MediaType: mt, Size: int64(len(data))}
	err = s.Store.Transact(ctx, func(tx Tx) error {
		d, err := tx.LockDossier(ctx, c.TenantID, own.ID)
		if err != nil {
			return err
		}
		if !CanSupplement(&d) {
			return apperr.New(apperr.Conflict, "Hồ sơ không ở trạng thái chờ bổ sung; không thể tải tệp bổ sung.")
		}
		have, err := tx.SupplementFiles(ctx, c.TenantID, d.ID)
		if err != nil {
			return err
		}
		var size int64
		for _, h := range have {
			size += h.Size
		}
		if len(have) >= MaxFiles {
			return apperr.New(apperr.TooLarge, fmt.Sprintf("Mỗi hồ sơ có tối đa %d tệp bổ sung.", MaxFiles))
		}
		if size+f.Size > MaxDossierBytes {
			return apperr.New(apperr.TooLarge, fmt.Sprintf("Tổng dung lượng các tệp bổ sung của hồ sơ vượt quá %d MB.", MaxDossierBytes>>20))
		}
		f.Round, f.CreatedAt = len(d.Supplements), tx.Now()
		if err := tx.PutBlob(ctx, c.TenantID, sum, mt, data); err != nil {
			return err
		}
		if err := tx.InsertSupplementFile(ctx, &f); err != nil {
			return err
		}
		e := auditActor(c.Actor(ip))
		e.TenantID, e.Action, e.Object, e.Detail = c.TenantID, "portal.supplement_upload", "dossier:"+d.Code, fmt.Sprintf("lần %d; %s %s", f.Round, mt, sum[:16])
		return tx.Audit(ctx, e)
	})
	return f, err
}

// SubmitSupplement tells the agency the supplement is complete: the
// dossier resumes (5 → 4, the clock runs again, dossier.ActSupplement). At
// least one file must have been uploaded for the current request.
func (s *Service) SubmitSupplement(ctx context.Context, c Citizen, codeOrID, note, ip string) (dossier.Dossier, error) {
	d, _, err := s.OwnDossier(ctx, c, codeOrID)
	if err != nil {
		return d, err
	}
	if !CanSupplement(&d) {
		return d, apperr.New(apperr.Conflict, "Hồ sơ không ở trạng thái chờ bổ sung.")
	}
	files, err := s.Store.SupplementFiles(ctx, c.TenantID, d.ID)
	if err != nil {
		return d, err
	}
	n := 0
	for _, f := range files {
		if f.Round == len(d.Supplements) {
			n++
		}
	}
	if n == 0 {
		return d, apperr.Field("file", "Vui lòng tải lên ít nhất một tệp giấy tờ bổ sung trước khi gửi.")
	}
	note = strings.TrimSpace(note)
	if len([]rune(note)) > MaxReasonRunes {
		return d, apperr.Field("note", "Ghi chú không được dài quá 2.000 ký tự.")
	}
	in := dossier.Input{Reason: fmt.Sprintf("Công dân nộp bổ sung trực tuyến %d tệp", n)}
	if note != "" {
		in.Reason += ": " + note
	}
	return s.Dossiers.Act(ctx, c.Actor(ip), c.TenantID, d.ID, dossier.ActSupplement, in)
}

// RemoveSupplementFile takes a file off the current supplement request of
// the citizen's own dossier, before the supplement is sent (the blob stays:
// other files may share it). Files of an earlier, answered request stay.
func (s *Service) RemoveSupplementFile(ctx context.Context, c Citizen, codeOrID, fileID, ip string) error {
	own, _, err := s.OwnDossier(ctx, c, codeOrID)
	if err != nil {
		return err
	}
	return s.Store.Transact(ctx, func(tx Tx) error {
		d, err := tx.LockDossier(ctx, c.TenantID, own.ID)
		if err != nil {
			return err
		}
		have, err := tx.SupplementFiles(ctx, c.TenantID, d.ID)
		if err != nil {
			return err
		}
		for _, f := range have {
			if f.ID != fileID {
				continue
			}
			if !CanSupplement(&d) || f.Round != len(d.Supplements) {
				return apperr.New(apperr.Conflict, "Tệp đã được gửi cùng hồ sơ bổ sung; không thể xóa.")
			}
			if err := tx.DeleteSupplementFile(ctx, c.TenantID, d.ID, f.ID); err != nil {
				return err
			}
			e := auditActor(c.Actor(ip))
			e.TenantID, e.Action, e.Object, e.Detail = c.TenantID, "portal.supplement_remove", "dossier:"+d.Code, fmt.Sprintf("lần %d; %s", f.Round, f.SHA256[:16])
			return tx.Audit(ctx, e)
		}
		return apperr.New(apperr.NotFound, "Không tìm thấy tệp.")
	})
}

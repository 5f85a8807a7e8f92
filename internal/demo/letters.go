package demo

import (
	"context"
	"fmt"
	"io"

	"tuphap/internal/apperr"
	"tuphap/internal/dossier"
)

// LoadLetters leaves a letter waiting for a leader: a division
// specialist's request to supplement a dossier at his step, drafted and
// submitted, for the unit head or the director to approve and sign (in the
// demo the director signs through the remote-signing simulator). atDivision
// are dossiers being processed at the divisions; the first one a demo
// specialist holds gets the letter.
func LoadLetters(ctx context.Context, svc *dossier.Service, store dossier.LetterReader, tenantID string, atDivision []dossier.Dossier, out io.Writer) error {
	letters := &dossier.Letters{Dossiers: svc, Store: store}
	// A request to supplement where the law still allows one (within the
	// first working days after receipt), else a written refusal.
	drafts := []struct {
		kind dossier.LetterKind
		in   dossier.Input
	}{
		{dossier.LetterSupplement, dossier.Input{
			Reason: "Bản sao giấy tờ tùy thân nộp kèm hồ sơ đã hết hạn sử dụng; đề nghị nộp bổ sung bản sao còn giá trị.",
			Items:  []string{"Bản sao Căn cước công dân còn giá trị sử dụng"}}},
		{dossier.LetterRefusal, dossier.Input{
			Reason: "Người đề nghị không đáp ứng điều kiện về thời gian hành nghề theo quy định; hồ sơ không đủ điều kiện giải quyết."}},
	}
	for _, dr := range drafts {
		for _, d := range atDivision {
			for _, a := range []dossier.Actor{hctpActor, bttpActor} {
				if d.Status != dossier.Processing || dossier.HoldingOf(a, d.CurrentStep()) != dossier.Holder {
					continue
				}
				_, err := letters.Draft(ctx, a, tenantID, d.ID, dr.kind, dr.in, true)
				if apperr.CodeOf(err) == apperr.Conflict {
					continue // not allowed on this dossier now
				}
				if err != nil {
					return fmt.Errorf("demo letter: %w", err)
				}
				fmt.Fprintf(out, "Đã trình một văn bản (%s, hồ sơ %s) chờ lãnh đạo ký tại /admin/van-ban-gui; giamdoc ký số từ xa (mô phỏng).\n", dr.kind.Label(), d.Code)
				return nil
			}
		}
	}
	return nil
}

package contestweb

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/contest"
	"tuphap/internal/render"
)

// Prize-winners' certificates (giấy chứng nhận đạt giải): the organisers
// print a round's at once; a winner downloads their own from the results
// page. Both only once the round is ranked.

// winners reads the round's prize-winners: a prefix of the ranking (the
// prizes go to the first places in order, ties at the last prize
// included).
func (s *Screens) winners(ctx context.Context, tenant string, rd contest.Round) ([]contest.RankRow, error) {
	const page = 500
	var out []contest.RankRow
	for offset := 0; ; offset += page {
		rows, err := s.cfg.Service.Store.Ranks(ctx, tenant, rd.ID, offset, page)
		if err != nil {
			return nil, err
		}
		for _, x := range rows {
			if x.Prize == "" {
				return out, nil
			}
			out = append(out, x)
		}
		if len(rows) < page {
			return out, nil
		}
	}
}

// certificates maps ranking lines onto the certificates' content.
func (s *Screens) certificates(r *http.Request, c contest.Contest, tenant string, rd contest.Round, rows []contest.RankRow) ([]render.ContestCertificate, error) {
	ctx := r.Context()
	var agency render.Agency
	if s.cfg.Agency != nil {
		a, err := s.cfg.Agency(ctx, tenant)
		if err != nil {
			return nil, err
		}
		agency = a
	}
	names := map[string]string{}
	for _, u := range s.units(c) {
		names[u.Code] = u.Name
	}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	if base == "" {
		scheme := "https"
		if r.TLS == nil && !s.cfg.Secure {
			scheme = "http"
		}
		base = scheme + "://" + r.Host
	}
	verify := fmt.Sprintf("%s/thi/%s/vong/%s/ket-qua", base, c.Code, rd.ID)
	out := make([]render.ContestCertificate, 0, len(rows))
	for _, x := range rows {
		p, err := s.cfg.Service.Store.Participant(ctx, tenant, x.ParticipantID)
		if err != nil {
			return nil, err
		}
		unit := names[x.UnitCode]
		if unit == "" {
			unit = x.UnitCode
		}
		out = append(out, render.ContestCertificate{Agency: agency, Number: fmt.Sprintf("%d.%d/GCN-BTC", rd.No, x.Place),
			Contest: c.Title, Round: rd.Title, Person: x.FullName, BirthDate: p.BirthDate, Unit: unit,
			Prize: x.Prize, Rank: x.Rank, Correct: x.Correct, Questions: rd.Questions, Date: *rd.RankedAt, Verify: verify, AttemptID: x.AttemptID})
	}
	return out, nil
}

// sendCertificates draws the ranking lines' certificates as one PDF.
func (s *Screens) sendCertificates(w http.ResponseWriter, r *http.Request, c contest.Contest, tenant string, rd contest.Round, rows []contest.RankRow) error {
	cs, err := s.certificates(r, c, tenant, rd, rows)
	if err != nil {
		return err
	}
	b, err := render.ContestCertificatesPDF(cs)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="chung-nhan-%s-vong-%d.pdf"`, c.Code, rd.No))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(b)
	return err
}

// Certificates is GET /admin/cuoc-thi/{id}/vong/{round}/chung-nhan.pdf:
// every prize-winner's certificate of the round, a page each, to print.
func (s *Screens) Certificates(w http.ResponseWriter, r *http.Request) error {
	c, rd, err := s.ownRound(r)
	if err != nil {
		return err
	}
	if rd.RankedAt == nil {
		return apperr.New(apperr.Conflict, "Vòng thi chưa được xếp hạng: chưa có người đạt giải.")
	}
	rows, err := s.winners(r.Context(), tenantOf(r), rd)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return apperr.New(apperr.NotFound, "Vòng thi không có người đạt giải (cuộc thi chưa đặt cơ cấu giải).")
	}
	return s.sendCertificates(w, r, c, tenantOf(r), rd, rows)
}

// MyCertificate is GET /thi/{code}/vong/{round}/chung-nhan: the signed-in
// participant's own certificate, when they won a prize in the round.
func (s *Screens) MyCertificate(w http.ResponseWriter, r *http.Request) error {
	c, tenant, err := s.contest(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	pid := s.me(r, c)
	if pid == "" {
		http.Redirect(w, r, "/thi/"+c.Code+"/", http.StatusSeeOther)
		return nil
	}
	rd, err := s.cfg.Service.Store.Round(r.Context(), tenant, r.PathValue("round"))
	if err != nil || rd.ContestID != c.ID {
		return apperr.New(apperr.NotFound, "Không tìm thấy vòng thi.")
	}
	if rd.RankedAt == nil {
		return apperr.New(apperr.Conflict, "Kết quả được công bố sau khi vòng thi kết thúc và Ban tổ chức xếp hạng.")
	}
	me, err := s.cfg.Service.Store.RankOf(r.Context(), tenant, rd.ID, pid)
	if apperr.CodeOf(err) == apperr.NotFound || err == nil && me.Prize == "" {
		return apperr.New(apperr.NotFound, "Bạn không đạt giải ở vòng thi này nên không có giấy chứng nhận.")
	}
	if err != nil {
		return err
	}
	return s.sendCertificates(w, r, c, tenant, rd, []contest.RankRow{me})
}

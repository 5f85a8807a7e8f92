package render

// Mẫu 06 – Phiếu kiểm soát quá trình giải quyết hồ sơ (process control
// sheet), Annex I to Circular 03/2025/TT-VPCP (Mẫu 05 of Circular
// 01/2018/TT-VPCP): the dossier code, the handling and coordinating
// agencies, and one row per hand-over from the receiving desk through the
// handling units and back, with the time of the hand-over, the step's
// deadline and whether the step finished early, on time or late. It is the
// evidence for attributing lateness to a unit.

import (
	"fmt"
	"strings"
	"time"
)

// ControlSheet is the content of Mẫu 06.
type ControlSheet struct {
	Agency
	Code         string
	Applicant    Person
	Procedure    string
	ReceivedAt   time.Time
	DueAt        time.Time
	Handling     string   // cơ quan (bộ phận) giải quyết hồ sơ; default Agency.FullName
	Coordinating []string // cơ quan phối hợp giải quyết hồ sơ
	Rows         []ControlRow
	QR           string // lookup URL; none when empty
}

// Step outcomes printed in the Kết quả column.
const (
	Early  = "Trước hạn"
	OnTime = "Đúng hạn"
	Late   = "Quá hạn"
)

// ControlRow is one hand-over.
type ControlRow struct {
	Giver    string    // "Bộ phận Một cửa – Lê Văn Bình"
	Receiver string    // "Phòng Hành chính tư pháp – Trần Thị Mai"
	At       time.Time // time of the hand-over; zero prints blank
	StepDue  time.Time // deadline of the receiving step; zero prints blank
	Outcome  string    // Early, OnTime, Late or "" while in progress
	Note     string
}

// Control draws Mẫu 06.
func (r *Renderer) Control(s ControlSheet) ([]byte, error) {
	if err := require("control sheet", map[string]string{
		"Code": s.Code, "Procedure": s.Procedure,
	}, map[string]time.Time{"ReceivedAt": s.ReceivedAt}); err != nil {
		return nil, err
	}
	const title = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
	m := meta{title: title, subject: "Mẫu 06 - Thông tư 03/2025/TT-VPCP", author: s.Agency.inText(), date: s.ReceivedAt}
	return r.render(m, func(d *doc) error {
		d.letterhead(s.Agency, true, "", s.ReceivedAt)
		d.title(title)
		if err := d.codeBand(lookupLines(s.Code, "", s.QR), s.QR, 22); err != nil {
			return err
		}
		d.field("Người nộp hồ sơ:", bold(s.Applicant.FullName))
		d.field("Nội dung yêu cầu giải quyết:", bold(s.Procedure))
		d.field("Thời gian nhận hồ sơ:", plain(slipTime(s.ReceivedAt)))
		if !s.DueAt.IsZero() {
			d.field("Thời gian hẹn trả kết quả:", plain(slipTime(s.DueAt)))
		}
		d.field("Cơ quan (bộ phận) giải quyết hồ sơ:", plain(orDefault1(s.Handling, s.Agency.inText())))
		d.field("Cơ quan phối hợp giải quyết hồ sơ:", plain(strings.Join(s.Coordinating, "; ")))
		d.gap(2)

		rows := make([][]span, len(s.Rows))
		for i, x := range s.Rows {
			rows[i] = []span{
				plain(fmt.Sprint(i + 1)),
				plain("Giao: " + x.Giver + "\nNhận: " + x.Receiver),
				plain(tableTime(x.At)),
				plain(tableTime(x.StepDue)),
				plain(x.Outcome),
				plain(x.Note),
			}
		}
		d.table(table{
			cols: []column{
				{title: "STT", width: 10, align: 'C'},
				{title: "Tên cơ quan/người giao – người nhận", width: 48, align: 'L'},
				{title: "Thời gian giao, nhận hồ sơ", width: 31, align: 'C'},
				{title: "Hạn xử lý bước", width: 31, align: 'C'},
				{title: "Kết quả\n(Trước hạn/\nĐúng hạn/\nQuá hạn)", width: 23, align: 'C'},
				{title: "Ghi chú", width: contentW - 10 - 48 - 31 - 31 - 23, align: 'L'},
			},
			size: 11, lineH: 4.8, padX: 1.2, padY: 1,
		}, rows)
		return nil
	})
}

// tableTime is slipTime on two lines, or blank for a zero time.
func tableTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strings.Replace(slipTime(t), ", ", ",\n", 1)
}

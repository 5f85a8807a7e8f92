package render

import (
	"tuphap/internal/calendar"
	"tuphap/internal/legaldoc"
	"tuphap/internal/report"
	"tuphap/internal/vnfmt"
)

// LegalDocSheet is the legal documents register's report for a period:
// documents issued and drafts appraised by kind, with the communes' row
// ("Trong đó: văn bản cấp xã"), after the columns of the justice-sector
// form seen in public material (research/justice-stats.md §3.1, "01d";
// the exact layout of Circular 17/2025/TT-BTP is not verified), then
// opinions, checks and review.
func LegalDocSheet(f legaldoc.Figures, agency string) StatSheet {
	s := StatSheet{Agency: agency, Code: "Biểu 01d/TP (tham khảo)", SheetName: "VanBanQPPL",
		Title: "KẾT QUẢ XÂY DỰNG, THẨM ĐỊNH, KIỂM TRA, RÀ SOÁT VĂN BẢN QUY PHẠM PHÁP LUẬT"}
	var p report.Period
	p.From, _ = calendar.ParseDate(f.From)
	p.To, _ = calendar.ParseDate(f.To)
	s.Lines = []string{"Kỳ báo cáo: " + p.Label(), "Đơn vị tính: văn bản, dự thảo"}
	s.Groups = []StatGroup{
		{Title: "STT"}, {Title: "Loại văn bản"},
		{Title: "Văn bản", Cols: []string{"Đã ban hành trong kỳ", "Còn hiệu lực (toàn bộ hoặc một phần) cuối kỳ"}},
		{Title: "Dự thảo", Cols: []string{"Đã thẩm định"}},
	}
	var issued, inForce, appraised, cIssued, cInForce int64
	for i, k := range f.ByKind {
		s.Rows = append(s.Rows, StatRow{Labels: []string{vnfmt.Int(int64(i + 1)), k.Kind.Name()},
			Counts: []int64{int64(k.Issued), int64(k.InForce), int64(k.Appraised)}})
		issued += int64(k.Issued)
		inForce += int64(k.InForce)
		appraised += int64(k.Appraised)
		if k.Kind.Commune() {
			cIssued += int64(k.Issued)
			cInForce += int64(k.InForce)
		}
	}
	s.Rows = append(s.Rows,
		StatRow{Labels: []string{"", "Tổng số"}, Counts: []int64{issued, inForce, appraised}, Bold: true},
		StatRow{Labels: []string{"", "Trong đó: văn bản cấp xã"}, Counts: []int64{cIssued, cInForce, 0}})
	s.Notes = []string{
		"Thẩm định dự thảo: nhận " + vnfmt.Int(int64(f.AppraisalReceived)) + ", đã gửi báo cáo " + vnfmt.Int(int64(f.AppraisalReported)) +
			" (đúng hạn " + RateOf(f.OnTimeRate, f.AppraisalReported-f.AppraisalLate, f.AppraisalReported) + "), đang thẩm định cuối kỳ " +
			vnfmt.Int(int64(f.AppraisalOpen)) + "; đề nghị xây dựng nghị quyết đã thẩm định " + vnfmt.Int(int64(f.ProposalReported)) + ".",
		"Góp ý dự thảo: " + vnfmt.Int(int64(f.OpinionGiven)) + " (Trung ương " + vnfmt.Int(int64(f.ByOrigin[legaldoc.OriginCentral])) +
			", văn bản QPPL của tỉnh " + vnfmt.Int(int64(f.ByOrigin[legaldoc.OriginProvincial])) + ", văn bản khác " + vnfmt.Int(int64(f.ByOrigin[legaldoc.OriginOther])) + ").",
		"Kiểm tra văn bản: đã kiểm tra " + vnfmt.Int(int64(f.Checked)) + ", phát hiện trái pháp luật " + vnfmt.Int(int64(f.Unlawful)) +
			", đã xử lý xong " + vnfmt.Int(int64(f.CheckClosed)) + ". Rà soát: " + vnfmt.Int(int64(f.Reviewed)) + " văn bản.",
		"Hiệu lực được tính từ ngày có hiệu lực, thời hạn và các quan hệ sửa đổi, thay thế, bãi bỏ, đình chỉ giữa các văn bản; không nhập tay.",
	}
	return s
}

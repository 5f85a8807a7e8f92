package report

import (
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// Def766 is one indicator of Decision 766/QĐ-TTg as data: what it is, how
// it is computed, how many points it is worth and where that comes from.
// Points the research could not source (research/onestop.md §4: "the
// points for 1.1, 1.3 and 4.4/4.5 were not found") have MaxPoints 0 and
// PointsKnown false: the indicator is computed but not scored, and its
// PointsSource says what is left of the group's points.
type Def766 struct {
	Code    string `json:"code"`
	Group   string `json:"group"`
	Name    string `json:"name"`
	Formula string `json:"formula"`
	// MaxPoints and Threshold (percent; 0 = proportional) as F766 and
	// the sources in PointsSource give them.
	MaxPoints    float64 `json:"max_points"`
	Threshold    float64 `json:"full_at,omitempty"`
	PointsKnown  bool    `json:"points_known"`
	PointsSource string  `json:"points_source"`
	// Source is the legal or technical source of the definition.
	Source string `json:"source"`
	// Informational indicators are shown, never scored (2.2).
	Informational bool `json:"informational,omitempty"`
}

// Group766 is one of the five groups with its points.
type Group766 struct {
	Name      string  `json:"name"`
	MaxPoints float64 `json:"max_points"`
}

// Groups766 are the five groups and their maxima (research/onestop.md §4,
// sources sonoivu.namdinh.gov.vn, baocaotaichinh.vn, sokhdt.backan.gov.vn).
var Groups766 = []Group766{
	{"Công khai, minh bạch", 18},
	{"Tiến độ, kết quả giải quyết", 20},
	{"Cung cấp dịch vụ trực tuyến", 22},
	{"Số hóa hồ sơ", 22},
	{"Mức độ hài lòng", 18},
}

const (
	src766  = "Quyết định 766/QĐ-TTg ngày 23/6/2022, Phụ lục; công thức theo tài liệu \"Mô tả công thức tính chỉ số 766\""
	srcPAS  = "điểm theo hệ thống một cửa của tỉnh Thanh Hóa (PASETO)"
	srcF766 = "điểm theo tài liệu mô tả công thức 766 (F766)"
	unknown = "chưa xác minh được điểm tối đa"
)

// Defs766 is every indicator of the index, in the order of the decision.
// Editing a row here (a point value confirmed against the official text)
// changes the score everywhere; TestDefs766Groups checks each group's
// known points never exceed its maximum.
var Defs766 = []Def766{
	{Code: "1.1", Group: "Công khai, minh bạch", Name: "Thủ tục hành chính được công bố đúng hạn",
		Formula:      "số TTHC có quyết định công bố đúng hạn (cấp tỉnh: trước ngày văn bản quy phạm có hiệu lực ít nhất 5 ngày làm việc) ÷ số TTHC công bố trong kỳ",
		PointsSource: unknown + "; nhóm còn 8 điểm cho 1.1 và 1.3", Source: src766},
	{Code: "1.2", Group: "Công khai, minh bạch", Name: "Thủ tục hành chính được cập nhật, công khai đúng hạn",
		Formula:   "số TTHC được công khai trong 5 ngày làm việc kể từ ngày có quyết định công bố ÷ số TTHC công bố trong kỳ",
		MaxPoints: 4, PointsKnown: true, PointsSource: "4 điểm (baocaotaichinh.vn)", Source: src766},
	{Code: "1.3", Group: "Công khai, minh bạch", Name: "Thủ tục hành chính được công khai đầy đủ các bộ phận",
		Formula:      "số TTHC đang áp dụng công khai đủ tên, trình tự, cách thức, thành phần hồ sơ, thời hạn, cơ quan thực hiện, kết quả ÷ số TTHC đang áp dụng",
		PointsSource: unknown + "; nhóm còn 8 điểm cho 1.1 và 1.3", Source: "Nghị định 63/2010/NĐ-CP, Điều 8 khoản 2; " + src766},
	{Code: "1.4", Group: "Công khai, minh bạch", Name: "Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia",
		Formula:   "hồ sơ đã đồng bộ có ngày tiếp nhận trong kỳ ÷ hồ sơ tiếp nhận trong kỳ; điểm = 6 × tỷ lệ",
		MaxPoints: 6, PointsKnown: true, PointsSource: "6 × tỷ lệ, " + srcPAS, Source: src766},
	{Code: "2.1", Group: "Tiến độ, kết quả giải quyết", Name: "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn",
		Formula:   "(đã giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn − hồ sơ yêu cầu bổ sung quá 1 lần) ÷ tổng số hồ sơ nhận giải quyết; điểm = 20 × tỷ lệ",
		MaxPoints: 20, PointsKnown: true, PointsSource: "20 × tỷ lệ, " + srcPAS, Source: src766},
	{Code: "2.2", Group: "Tiến độ, kết quả giải quyết", Name: "Thời gian giải quyết trung bình một thủ tục hành chính",
		Formula:      "tổng thời gian giải quyết ÷ số hồ sơ đã giải quyết, theo đơn vị thời gian của thủ tục",
		PointsSource: "chỉ số để theo dõi, không tính điểm (F766)", Source: src766, Informational: true},
	{Code: "3.1", Group: "Cung cấp dịch vụ trực tuyến", Name: "Thủ tục hành chính cung cấp dịch vụ công trực tuyến",
		Formula:   "số TTHC cung cấp dịch vụ công trực tuyến (toàn trình hoặc một phần) ÷ số TTHC đang áp dụng; đủ điểm từ 80%, dưới đó điểm = tỷ lệ × 2 ÷ 80%",
		MaxPoints: 2, Threshold: 80, PointsKnown: true, PointsSource: "2 điểm, " + srcPAS + "; ngưỡng 80% theo F766", Source: src766 + "; Nghị định 42/2022/NĐ-CP"},
	{Code: "3.2", Group: "Cung cấp dịch vụ trực tuyến", Name: "Dịch vụ công trực tuyến phát sinh hồ sơ",
		Formula:   "số dịch vụ công trực tuyến có hồ sơ nộp trực tuyến trong kỳ ÷ số dịch vụ công trực tuyến; điểm = 4 × tỷ lệ",
		MaxPoints: 4, PointsKnown: true, PointsSource: "4 × tỷ lệ, " + srcPAS, Source: src766},
	{Code: "3.3", Group: "Cung cấp dịch vụ trực tuyến", Name: "Tỷ lệ hồ sơ nộp trực tuyến",
		Formula:   "hồ sơ trực tuyến ÷ hồ sơ tiếp nhận trong kỳ × hệ số đồng bộ (chỉ số 1.4); đủ điểm từ 50%, dưới đó điểm = tỷ lệ × 6 ÷ 50%",
		MaxPoints: 6, Threshold: 50, PointsKnown: true, PointsSource: "6 điểm, " + srcF766 + " và " + srcPAS, Source: src766},
	{Code: "3.4", Group: "Cung cấp dịch vụ trực tuyến", Name: "Thủ tục hành chính có giao dịch thanh toán trực tuyến",
		Formula:   "số TTHC có phí, lệ phí có ít nhất một hồ sơ thanh toán trực tuyến trong kỳ ÷ số TTHC có phí, lệ phí",
		MaxPoints: 2, PointsKnown: true, PointsSource: "2 điểm, " + srcPAS + "; công thức chưa đối chiếu văn bản", Source: src766},
	{Code: "3.5", Group: "Cung cấp dịch vụ trực tuyến", Name: "Thủ tục hành chính có phí, lệ phí thanh toán trực tuyến được",
		Formula:   "số TTHC có phí, lệ phí nộp trực tuyến và thanh toán trực tuyến được ÷ số TTHC có phí, lệ phí; đủ điểm từ 80%",
		MaxPoints: 2, Threshold: 80, PointsKnown: true, PointsSource: "2 điểm, ngưỡng 80% (" + srcF766 + ", " + srcPAS + ")", Source: src766},
	{Code: "3.6", Group: "Cung cấp dịch vụ trực tuyến", Name: "Tỷ lệ hồ sơ thanh toán trực tuyến",
		Formula:   "hồ sơ đã thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí tiếp nhận trong kỳ; đủ điểm từ 30%",
		MaxPoints: 6, Threshold: 30, PointsKnown: true, PointsSource: "6 điểm, đủ điểm từ 30%, " + srcPAS, Source: src766},
	{Code: "4.1", Group: "Số hóa hồ sơ", Name: "Tỷ lệ cấp kết quả giải quyết điện tử",
		Formula:   "hồ sơ có tệp kết quả điện tử ÷ hồ sơ có kết quả là giấy tờ",
		MaxPoints: 6, PointsKnown: true, PointsSource: "6 × tỷ lệ, " + srcPAS, Source: src766 + "; Thông tư 01/2023/TT-VPCP"},
	{Code: "4.2", Group: "Số hóa hồ sơ", Name: "Tỷ lệ số hóa hồ sơ",
		Formula:   "hồ sơ có tệp đính kèm thành phần và kết quả ÷ hồ sơ; đủ điểm từ 80%",
		MaxPoints: 4, Threshold: 80, PointsKnown: true, PointsSource: "4 điểm, " + srcPAS + "; ngưỡng 80% theo F766", Source: src766 + "; Thông tư 01/2023/TT-VPCP"},
	{Code: "4.3", Group: "Số hóa hồ sơ", Name: "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
		Formula:   "hồ sơ có thành phần được sử dụng lại ÷ hồ sơ; đủ điểm từ 80%",
		MaxPoints: 2, Threshold: 80, PointsKnown: true, PointsSource: "2 điểm, " + srcPAS + "; ngưỡng 80% theo F766", Source: src766 + "; Nghị định 45/2020/NĐ-CP"},
	{Code: "4.4", Group: "Số hóa hồ sơ", Name: "Hồ sơ số hóa được liên kết với kho dữ liệu của công dân trên Cổng Dịch vụ công quốc gia",
		Formula:      "hồ sơ có thành phần lấy từ kho dữ liệu hoặc kết quả được đưa vào kho dữ liệu của công dân ÷ hồ sơ",
		PointsSource: unknown + "; nhóm còn 10 điểm cho 4.4 và 4.5", Source: src766},
	{Code: "4.5", Group: "Số hóa hồ sơ", Name: "Khai thác Cơ sở dữ liệu quốc gia về dân cư",
		Formula:      "hồ sơ của người nộp có tài khoản định danh điện tử (VNeID) hoặc dùng dữ liệu dân cư ÷ hồ sơ tiếp nhận trong kỳ",
		PointsSource: unknown + "; nhóm còn 10 điểm cho 4.4 và 4.5", Source: src766 + "; Đề án 06"},
	{Code: "5.1", Group: "Mức độ hài lòng", Name: "Phản ánh, kiến nghị về TTHC được phân loại, tiếp nhận",
		Formula:      "phản ánh, kiến nghị được phân loại, tiếp nhận ÷ phản ánh, kiến nghị gửi đến trong kỳ",
		PointsSource: unknown + "; nhóm còn 12 điểm cho 5.1–5.3", Source: src766 + "; Nghị định 20/2008/NĐ-CP"},
	{Code: "5.2", Group: "Mức độ hài lòng", Name: "Phản ánh, kiến nghị được xử lý đúng hạn",
		Formula:      "phản ánh, kiến nghị xử lý xong trong 15 ngày làm việc (từ chối trong 2 ngày, yêu cầu bổ sung trong 5 ngày) ÷ phản ánh, kiến nghị phải xử lý trong kỳ",
		PointsSource: unknown + "; nhóm còn 12 điểm cho 5.1–5.3", Source: src766 + "; Nghị định 20/2008/NĐ-CP"},
	{Code: "5.3", Group: "Mức độ hài lòng", Name: "Mức độ hài lòng về việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
		Formula:      "câu trả lời hài lòng, rất hài lòng về nhóm \"tiếp nhận, xử lý góp ý, phản ánh, kiến nghị\" của phiếu khảo sát ÷ câu trả lời của nhóm đó",
		PointsSource: unknown + "; nhóm còn 12 điểm cho 5.1–5.3", Source: src766 + "; bộ tiêu chí SIPAS (Bộ Nội vụ)"},
	{Code: "5.4", Group: "Mức độ hài lòng", Name: "Mức độ hài lòng trong giải quyết thủ tục hành chính",
		Formula:   "100% − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ bị đánh giá không hài lòng), trên hồ sơ đã giải quyết; đủ điểm từ 90%",
		MaxPoints: 6, Threshold: 90, PointsKnown: true, PointsSource: "6 điểm, đủ điểm từ 90% (" + srcF766 + "; baocaotaichinh.vn)", Source: src766},
}

// Def766Of returns the definition of an indicator code.
func Def766Of(code string) (Def766, bool) {
	for _, d := range Defs766 {
		if d.Code == code {
			return d, true
		}
	}
	return Def766{}, false
}

// CatalogueCounts are the index's counts that come from the tenant's
// catalogue of procedures (1.3, 3.1, 3.2, 3.4, 3.5), not from dossiers.
type CatalogueCounts struct {
	Procedures int64 `json:"procedures"` // in force on the period's last day
	// Complete: made public with every component Decree 63/2010/NĐ-CP
	// Art. 8(2) lists that the catalogue keeps.
	Complete   int64 `json:"complete"`
	Online     int64 `json:"online"`      // offered online, full or partial
	OnlineUsed int64 `json:"online_used"` // of those, with an online dossier received in the period
	FeeBearing int64 `json:"fee_bearing"` // with a fee or charge
	// FeeOnline: fee-bearing, offered online, while the portal takes
	// online payments.
	FeeOnline int64 `json:"fee_online"`
}

// Complete reports whether a procedure is public with every component of
// Decree 63/2010/NĐ-CP Art. 8(2) the catalogue holds: name, sequence
// (steps), method (channels), documents, time limit, the agency and the
// result. The subjects (đối tượng) are not kept apart in the catalogue.
func Complete(p catalog.Procedure) bool {
	return p.Name != "" && len(p.Steps) > 0 && len(p.Channels) > 0 && len(p.Documents) > 0 &&
		p.TimeLimit.Valid() == nil && p.Agency.Valid() && p.Result != ""
}

// CountCatalogue counts the catalogue's procedures in force on day: those
// complete, offered online, offered online with a dossier received online
// (onlineDossiers: received online in the period, by procedure ID or
// national code), bearing a fee and payable online (payOnline: the portal
// takes online payments).
func CountCatalogue(procs []catalog.Procedure, day calendar.Date, onlineDossiers map[string]int64, payOnline bool) CatalogueCounts {
	var c CatalogueCounts
	for _, p := range procs {
		if !p.InForceAt(day) {
			continue
		}
		c.Procedures++
		if Complete(p) {
			c.Complete++
		}
		online := p.OnlineLevel == catalog.OnlineFull || p.OnlineLevel == catalog.OnlinePartial
		if online {
			c.Online++
			if onlineDossiers[p.ID] > 0 || (p.Code != "" && onlineDossiers[p.Code] > 0) {
				c.OnlineUsed++
			}
		}
		if p.FeeFor(catalog.FeeStandard) > 0 {
			c.FeeBearing++
			if online && payOnline {
				c.FeeOnline++
			}
		}
	}
	return c
}

// OnlineByProcedure is the dossiers received online in the report's period
// by procedure code (the form's rows), for CountCatalogue.
func OnlineByProcedure(r Report) map[string]int64 {
	m := map[string]int64{}
	for _, p := range r.ByProcedure {
		m[p.ProcedureCode] += p.Received.Online
	}
	return m
}

package petition

import "tuphap/internal/calendar"

// The written outcome of a case: a complaint's resolution decision
// (quyết định giải quyết khiếu nại, Law 02/2011 Art. 31 first instance,
// Art. 40 second instance), a denunciation's conclusion (kết luận nội dung
// tố cáo, Law 25/2018 Art. 35) or the reply to a recommendation or
// feedback. Its legal bases change with the texts in force on the day it
// is issued: Law 136/2025/QH15 and Decrees 154, 155 and 156/2026 from
// 1/7/2026 (registers-law.md §1–§3).

// Outcome names the document a resolved case produces.
type Outcome struct {
	Title   string   // "QUYẾT ĐỊNH", "KẾT LUẬN NỘI DUNG TỐ CÁO", "VĂN BẢN TRẢ LỜI"
	Subject string   // "Về việc giải quyết khiếu nại … (lần đầu)"
	Bases   []string // "Căn cứ …" lines, in force on the day of issue
	Article string   // the article that sets the document's content
}

// A basis is one legal text cited on outcome documents issued in [From, To).
type basis struct {
	Kinds    []Kind
	From, To calendar.Date // To zero: still in force
	Text     string
}

var changeDay = calendar.NewDate(2026, 7, 1) // Law 136/2025/QH15; Decrees 154, 155, 156/2026

// outcomeBases are the texts cited, by kind and date. Only the numbers of
// the texts are cited, not their signing dates, which were not all checked.
var outcomeBases = []basis{
	{Kinds: []Kind{KindComplaint}, To: changeDay, Text: "Căn cứ Luật Khiếu nại số 02/2011/QH13;"},
	{Kinds: []Kind{KindComplaint}, From: changeDay, Text: "Căn cứ Luật Khiếu nại số 02/2011/QH13, được sửa đổi, bổ sung bởi Luật số 136/2025/QH15;"},
	{Kinds: []Kind{KindComplaint}, To: changeDay, Text: "Căn cứ Nghị định số 124/2020/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Khiếu nại;"},
	{Kinds: []Kind{KindComplaint}, From: changeDay, Text: "Căn cứ Nghị định số 124/2020/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Khiếu nại, được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP;"},
	{Kinds: []Kind{KindDenunciation}, To: changeDay, Text: "Căn cứ Luật Tố cáo số 25/2018/QH14;"},
	{Kinds: []Kind{KindDenunciation}, From: changeDay, Text: "Căn cứ Luật Tố cáo số 25/2018/QH14, được sửa đổi, bổ sung bởi Luật số 136/2025/QH15;"},
	{Kinds: []Kind{KindDenunciation}, To: changeDay, Text: "Căn cứ Nghị định số 31/2019/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo;"},
	{Kinds: []Kind{KindDenunciation}, From: changeDay, Text: "Căn cứ Nghị định số 31/2019/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo, được sửa đổi, bổ sung bởi Nghị định số 156/2026/NĐ-CP;"},
	{Kinds: []Kind{KindFeedback, KindMixed}, Text: "Căn cứ Luật Tiếp công dân số 42/2013/QH13;"},
	{Kinds: []Kind{KindFeedback, KindMixed}, To: changeDay, Text: "Căn cứ Nghị định số 64/2014/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Tiếp công dân;"},
	{Kinds: []Kind{KindFeedback, KindMixed}, From: changeDay, Text: "Căn cứ Nghị định số 154/2026/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Tiếp công dân;"},
}

// OutcomeOf names the document of a resolved case issued on day, with the
// bases in force that day.
func OutcomeOf(p Petition, day calendar.Date) Outcome {
	var o Outcome
	switch p.Kind {
	case KindComplaint:
		o.Title, o.Subject, o.Article = "QUYẾT ĐỊNH", "Về việc giải quyết khiếu nại (lần đầu)", "Điều 31 Luật Khiếu nại 02/2011/QH13"
		if p.Instance == 2 {
			o.Subject, o.Article = "Về việc giải quyết khiếu nại (lần hai)", "Điều 40 Luật Khiếu nại 02/2011/QH13"
		}
	case KindDenunciation:
		o.Title, o.Subject, o.Article = "KẾT LUẬN NỘI DUNG TỐ CÁO", "Về nội dung tố cáo mã "+p.Code, "Điều 35 Luật Tố cáo 25/2018/QH14"
	default:
		o.Title, o.Subject, o.Article = "VĂN BẢN TRẢ LỜI", "Về việc trả lời kiến nghị, phản ánh", "Luật Tiếp công dân 42/2013/QH13"
	}
	for _, b := range outcomeBases {
		if !b.From.IsZero() && day.Before(b.From) || !b.To.IsZero() && !day.Before(b.To) {
			continue
		}
		for _, k := range b.Kinds {
			if k == p.Kind {
				o.Bases = append(o.Bases, b.Text)
			}
		}
	}
	return o
}

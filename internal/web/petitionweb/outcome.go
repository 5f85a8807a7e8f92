package petitionweb

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/petition"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// Outcome is GET /admin/don-thu/don/{id}/quyet-dinh: the resolved case's
// decision, conclusion or reply as a printed document on the letterhead.
func (s *Screens) Outcome(w http.ResponseWriter, r *http.Request) error {
	p, err := s.load(r)
	if err != nil {
		return err
	}
	return s.SendOutcome(w, r, tenant(r), p)
}

// SendOutcome writes the PDF of a resolved case of tenantID; the portal
// sends a citizen their own.
func (s *Screens) SendOutcome(w http.ResponseWriter, r *http.Request, tenantID string, p petition.Petition) error {
	if p.Status != petition.StatusResolved || p.ResolvedOn == nil {
		return apperr.New(apperr.NotFound, "Vụ việc chưa có quyết định, kết luận hoặc văn bản trả lời.")
	}
	pdf, err := render.NoticePDF(OutcomeDoc(p, s.agency(r.Context(), tenantID)))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Disposition", `inline; filename="quyet-dinh-`+p.Code+`.pdf"`)
	_, err = w.Write(pdf)
	return err
}

// HeadTitle is the title of the head of the agency named fullName, who
// resolves complaints and denunciations against it and signs: the director
// of a department ("Sở …"), the chairman of a People's Committee.
func HeadTitle(fullName string) string {
	switch f := strings.ToLower(strings.TrimSpace(fullName)); {
	case strings.HasPrefix(f, "sở "):
		return "GIÁM ĐỐC"
	case strings.HasPrefix(f, "ủy ban nhân dân"), strings.HasPrefix(f, "uỷ ban nhân dân"), strings.HasPrefix(f, "ubnd"):
		return "CHỦ TỊCH"
	}
	return "THỦ TRƯỞNG CƠ QUAN"
}

// OutcomeDoc is the document of a resolved case in the legal form: the
// bases in force on its day, what was complained of, denounced or
// reported, the verification and dialogue, the conclusion, and what
// follows. A denunciation's conclusion never names the denouncer (Law
// 25/2018 Art. 47–48): it is addressed to the person denounced and their
// agency; the denouncer is told of it by a separate notice.
func OutcomeDoc(p petition.Petition, a render.Agency) render.Notice {
	o := petition.OutcomeOf(p, *p.ResolvedOn)
	who := "người khiếu nại"
	if p.Petitioner.FullName != "" && !p.Anonymous {
		who = "ông (bà) " + p.Petitioner.FullName
		if p.Petitioner.Address != "" {
			who += ", địa chỉ: " + p.Petitioner.Address
		}
	}
	num := "          " // the letterhead prints "Số: " and leaves the number to be written in
	if p.DecisionNo != "" {
		num = p.DecisionNo
	}
	head := HeadTitle(a.FullName)
	n := render.Notice{Agency: a, Number: num, At: time.Date(p.ResolvedOn.Year, p.ResolvedOn.Month, p.ResolvedOn.Day, 9, 0, 0, 0, kit.Zone),
		Title: o.Title, Subtitle: o.Subject, SignerTitle: head}
	if p.Kind == petition.KindComplaint && a.FullName != "" {
		// A decision names the authority that issues it under its title.
		n.Authority = head + " " + strings.ToUpper(a.FullName)
	}
	n.Paragraphs = append(n.Paragraphs, o.Bases...)
	accepted := ""
	if p.AcceptedOn != nil {
		accepted = " thụ lý ngày " + p.AcceptedOn.FormatVN()
	}
	money := func(lead string) string {
		var parts []string
		if p.AmountVND > 0 {
			parts = append(parts, fmt.Sprintf("số tiền %s đồng (%s)", kit.Num(p.AmountVND), render.AmountInWords(p.AmountVND)))
		}
		if p.LandM2 > 0 {
			parts = append(parts, fmt.Sprintf("diện tích đất %s m²", kit.Num(p.LandM2)))
		}
		if len(parts) == 0 {
			return ""
		}
		return lead + strings.Join(parts, "; ") + "."
	}
	complexity := ""
	if p.Complex {
		complexity = "Vụ việc được xác định là phức tạp"
		if p.EspeciallyComplex {
			complexity = "Vụ việc được xác định là đặc biệt phức tạp"
		}
		if p.ComplexGround != "" {
			complexity += ": " + p.ComplexGround
		}
		complexity += "."
	}
	switch p.Kind {
	case petition.KindComplaint:
		subject := "Xét đơn khiếu nại"
		n.Paragraphs = append(n.Paragraphs, fmt.Sprintf("%s ngày %s của %s (mã đơn %s,%s), nội dung: %s.", subject, p.ReceivedOn.FormatVN(), who, p.Code, accepted, strings.TrimSuffix(p.Summary, ".")))
		if complexity != "" {
			n.Paragraphs = append(n.Paragraphs, complexity)
		}
		if p.DialogueOn != nil {
			n.Paragraphs = append(n.Paragraphs, "Kết quả đối thoại ngày "+p.DialogueOn.FormatVN()+": "+sentence(p.DialogueMinutes))
		}
		n.Paragraphs = append(n.Paragraphs, "Kết quả xác minh nội dung khiếu nại: "+sentence(p.DecisionText),
			"QUYẾT ĐỊNH:",
			"Điều 1. Kết luận nội dung khiếu nại của "+who+" là "+strings.ToLower(p.Conclusion.Name())+"."+money(" Yêu cầu trả lại, khắc phục: "))
		if p.Instance == 2 {
			n.Paragraphs = append(n.Paragraphs, "Điều 2. Trường hợp không đồng ý với quyết định này, người khiếu nại có quyền khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.")
		} else {
			window := "30 ngày"
			if p.Remote {
				window = "45 ngày"
			}
			n.Paragraphs = append(n.Paragraphs, "Điều 2. Trong thời hạn "+window+", kể từ ngày nhận được quyết định này, nếu không đồng ý thì người khiếu nại có quyền khiếu nại đến người có thẩm quyền giải quyết khiếu nại lần hai (Điều 33 Luật Khiếu nại) hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.")
		}
		n.Paragraphs = append(n.Paragraphs, "Điều 3. Người khiếu nại, người bị khiếu nại và cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.")
		n.Recipients = []string{"Như Điều 3;", "Lưu: VT, hồ sơ " + p.Code + "."}
	case petition.KindDenunciation:
		n.Paragraphs = append(n.Paragraphs, fmt.Sprintf("Ngày %s, %s nhận được đơn tố cáo (mã %s)%s, nội dung: %s.", p.ReceivedOn.FormatVN(), a.FullName, p.Code, accepted, strings.TrimSuffix(p.Summary, ".")))
		if complexity != "" {
			n.Paragraphs = append(n.Paragraphs, complexity)
		}
		if p.WithdrawnOn != nil && p.ViolationSigns {
			n.Paragraphs = append(n.Paragraphs, "Ngày "+p.WithdrawnOn.FormatVN()+", người tố cáo rút tố cáo; do có dấu hiệu vi phạm pháp luật nên việc giải quyết tố cáo vẫn được tiếp tục.")
		}
		n.Paragraphs = append(n.Paragraphs, "Kết quả xác minh nội dung tố cáo: "+sentence(p.DecisionText),
			"KẾT LUẬN:",
			"1. Nội dung tố cáo là "+strings.ToLower(p.Conclusion.Name())+".")
		if m := money("2. Kiến nghị thu hồi, trả lại: "); m != "" {
			n.Paragraphs = append(n.Paragraphs, m)
		}
		n.Paragraphs = append(n.Paragraphs, "Kết luận này được gửi người bị tố cáo và cơ quan, tổ chức quản lý người bị tố cáo; người tố cáo được thông báo kết luận theo quy định, thông tin về người tố cáo được giữ bí mật.")
		n.Recipients = []string{"Người bị tố cáo;", "Cơ quan, tổ chức quản lý người bị tố cáo;", "Lưu: VT, hồ sơ " + p.Code + "."}
	default:
		if who == "người khiếu nại" {
			who = "người gửi đơn"
		}
		n.Paragraphs = append(n.Paragraphs, fmt.Sprintf("Ngày %s, %s nhận được kiến nghị, phản ánh của %s (mã đơn %s), nội dung: %s.", p.ReceivedOn.FormatVN(), a.FullName, who, p.Code, strings.TrimSuffix(p.Summary, ".")),
			a.FullName+" trả lời như sau: "+sentence(p.DecisionText))
		n.Recipients = []string{capital(who) + ";", "Lưu: VT, hồ sơ " + p.Code + "."}
	}
	return n
}

func capital(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// sentence ends a typed text with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?:;") {
		return s
	}
	return s + "."
}

package notify

import (
	"strconv"
	"strings"
	"time"

	"tuphap/internal/dossier"
)

// Kinds of dossier notifications, as dossier.Service emits them.
const (
	KindSubmitted   = "dossier.submitted"
	KindAccepted    = "dossier.accepted"
	KindRefused     = "dossier.refused"
	KindSupplement  = "dossier.supplement"
	KindApology     = "dossier.apology"
	KindResultReady = "dossier.result_ready"
	KindReturned    = "dossier.returned"
	// KindReturnedIncomplete: returned because the applicant did not
	// supplement in time (Decree 118/2025/NĐ-CP Art. 19(5)).
	KindReturnedIncomplete = "dossier.returned_incomplete"
	// KindRefusedResolution: resolution refused in writing after appraisal
	// (Decree 118/2025/NĐ-CP Art. 19(3)).
	KindRefusedResolution = "dossier.refused_resolution"
)

// smsReasonMax bounds a reason quoted in an SMS so that, unaccented, the
// message stays in one 160-character segment in the usual cases.
const smsReasonMax = 60

// Messages renders the applicant's notifications of one dossier event: an
// SMS when the applicant gave a phone number, an e-mail when he gave an
// address. It is pure: the texts depend only on kind and d. The key of each
// message (kind, dossier, version, channel) makes enqueueing the same event
// twice yield one message. Unknown kinds give none.
func Messages(kind string, d *dossier.Dossier) []dossier.Outgoing {
	sms, subject, body, ok := texts(kind, d)
	if !ok {
		return nil
	}
	key := func(ch string) string {
		return kind + ":" + d.ID + ":" + strconv.Itoa(d.Version) + ":" + ch
	}
	var out []dossier.Outgoing
	if d.Applicant.Phone != "" {
		out = append(out, dossier.Outgoing{TenantID: d.TenantID, Channel: string(SMS), To: d.Applicant.Phone, Body: sms, Key: key("sms")})
	}
	if d.Applicant.Phone != "" && d.Extra[ExtraZalo] == "1" {
		// The applicant agreed to notices on Zalo: the same text as the
		// SMS, accented, as the template's content (external/zalo).
		out = append(out, dossier.Outgoing{TenantID: d.TenantID, Channel: string(Zalo), To: d.Applicant.Phone, Subject: ref(d), Body: sms, Key: key("zalo")})
	}
	if d.Applicant.Email != "" {
		out = append(out, dossier.Outgoing{TenantID: d.TenantID, Channel: string(Email), To: d.Applicant.Email,
			Subject: subject, Body: letter(d, body), Key: key("email")})
	}
	return out
}

// ExtraZalo is the key of dossier.Extra set to "1" when the applicant
// agreed to receive the notices on Zalo (Zalo OA template messages).
const ExtraZalo = "zalo"

// ref is the dossier's code, or its short reference before acceptance.
func ref(d *dossier.Dossier) string {
	if d.Code != "" {
		return d.Code
	}
	return shortRef(d)
}

// texts returns the SMS text, the e-mail subject and the e-mail's central
// paragraph of an event.
func texts(kind string, d *dossier.Dossier) (sms, subject, body string, ok bool) {
	ref := d.Code
	if ref == "" {
		ref = shortRef(d)
	}
	switch kind {
	case KindSubmitted:
		sms = "Hồ sơ " + ref + " của Ông/Bà đã được gửi trực tuyến, đang chờ kiểm tra để tiếp nhận."
		subject = "Đã nhận hồ sơ trực tuyến " + ref
		body = "Hồ sơ trực tuyến của Ông/Bà (số tham chiếu " + ref + ") đã được gửi ngày " + day(d.SubmittedAt) +
			". Bộ phận Tiếp nhận và Trả kết quả sẽ kiểm tra và thông báo việc tiếp nhận."
	case KindAccepted:
		due := dayPtr(d.DueAt)
		sms = "Hồ sơ " + ref + " đã được tiếp nhận. Hẹn trả kết quả: " + due + ". Mã tra cứu: " + d.LookupPIN + "."
		subject = "Tiếp nhận hồ sơ " + ref + " – hẹn trả " + due
		body = "Hồ sơ của Ông/Bà đã được tiếp nhận ngày " + dayPtr(d.AcceptedAt) + ".\n" +
			"Mã hồ sơ: " + ref + "\n" +
			"Ngày hẹn trả kết quả: " + due + "\n" +
			"Mã tra cứu (dùng cùng mã hồ sơ để tra cứu tình trạng): " + d.LookupPIN
	case KindRefused:
		sms = "Hồ sơ của Ông/Bà không được tiếp nhận. Lý do: " + clip(d.EndReason, smsReasonMax)
		subject = "Từ chối tiếp nhận hồ sơ"
		body = "Hồ sơ của Ông/Bà (số tham chiếu " + ref + ") không được tiếp nhận, giải quyết.\nLý do: " + d.EndReason
	case KindSupplement:
		s := d.Completion
		if n := len(d.Supplements); n > 0 && (s == nil || d.Supplements[n-1].At.After(s.At)) {
			s = &d.Supplements[n-1]
		}
		if s == nil {
			return "", "", "", false
		}
		sms = "Hồ sơ " + ref + " cần bổ sung, hoàn thiện"
		if s.Deadline != nil {
			sms += " trước ngày " + day(*s.Deadline)
		}
		sms += ". Lý do: " + clip(s.Reason, smsReasonMax)
		subject = "Yêu cầu bổ sung, hoàn thiện hồ sơ " + ref
		body = "Hồ sơ " + ref + " của Ông/Bà cần được bổ sung, hoàn thiện.\nLý do: " + s.Reason
		if len(s.Items) > 0 {
			body += "\nGiấy tờ cần bổ sung:\n- " + strings.Join(s.Items, "\n- ")
		}
		if s.Deadline != nil {
			body += "\nHạn bổ sung: " + day(*s.Deadline)
		}
	case KindApology:
		if d.Apology == nil {
			return "", "", "", false
		}
		nd := day(d.Apology.NewDueAt)
		sms = "Xin lỗi Ông/Bà: hồ sơ " + ref + " chậm so với ngày hẹn " + dayPtr(d.DueAt) + ". Ngày hẹn mới: " + nd + "."
		subject = "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ " + ref
		body = "Cơ quan chân thành xin lỗi Ông/Bà vì hồ sơ " + ref + " chưa giải quyết xong theo ngày hẹn " + dayPtr(d.DueAt) +
			".\nLý do: " + d.Apology.Reason + "\nNgày hẹn trả kết quả mới: " + nd
	case KindResultReady:
		sms = "Hồ sơ " + ref + " đã có kết quả. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký."
		subject = "Hồ sơ " + ref + " đã có kết quả"
		body = "Hồ sơ " + ref + " của Ông/Bà đã giải quyết xong.\nHình thức nhận kết quả: " + d.Delivery
	case KindReturned:
		sms = "Hồ sơ " + ref + " đã trả kết quả ngày " + dayPtr(d.ReturnedAt) + ". Cảm ơn Ông/Bà đã sử dụng dịch vụ."
		subject = "Đã trả kết quả hồ sơ " + ref
		body = "Kết quả hồ sơ " + ref + " đã được trả cho Ông/Bà ngày " + dayPtr(d.ReturnedAt) +
			".\nÔng/Bà có thể đánh giá mức độ hài lòng tại Bộ phận Tiếp nhận và Trả kết quả."
	case KindReturnedIncomplete:
		sms = "Hồ sơ " + ref + " được trả lại do quá hạn mà chưa bổ sung, hoàn thiện. Mời Ông/Bà nhận lại hồ sơ tại nơi nộp."
		subject = "Trả lại hồ sơ " + ref + " do không bổ sung, hoàn thiện"
		body = "Hồ sơ " + ref + " của Ông/Bà được trả lại ngày " + dayPtr(d.ReturnedAt) +
			" do quá thời hạn mà chưa bổ sung, hoàn thiện theo yêu cầu.\n" + d.EndReason +
			"\nÔng/Bà có thể nhận lại hồ sơ cùng phiếu trả lại và nộp hồ sơ mới khi đã đủ giấy tờ."
	case KindRefusedResolution:
		sms = "Hồ sơ " + ref + " bị từ chối giải quyết. Lý do: " + clip(d.EndReason, smsReasonMax)
		subject = "Từ chối giải quyết hồ sơ " + ref
		body = "Hồ sơ " + ref + " của Ông/Bà bị từ chối giải quyết sau khi thẩm định.\nLý do: " + d.EndReason +
			"\nMời Ông/Bà nhận văn bản từ chối và hồ sơ tại nơi nộp."
	default:
		return "", "", "", false
	}
	return sms, subject, body, true
}

// letter wraps a paragraph in the e-mail's greeting and signature.
func letter(d *dossier.Dossier, body string) string {
	return "Kính gửi Ông/Bà " + d.Applicant.FullName + ",\n\n" +
		"Thủ tục: " + d.ProcedureName + "\n" + body + "\n\n" +
		"Đây là thư tự động, xin vui lòng không trả lời thư này.\n" +
		"Bộ phận Tiếp nhận và Trả kết quả\n"
}

// shortRef is the reference of a dossier that has no code yet.
func shortRef(d *dossier.Dossier) string {
	r := d.Ref
	if r == "" {
		r = d.ID
	}
	if len(r) > 8 {
		r = r[len(r)-8:]
	}
	return strings.ToUpper(r)
}

func day(t time.Time) string { return t.In(vietnam).Format("02/01/2006") }

func dayPtr(t *time.Time) string {
	if t == nil {
		return "(chưa xác định)"
	}
	return day(*t)
}

// clip shortens s to n characters at a word boundary, with "...".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "..."
}

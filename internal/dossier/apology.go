package dossier

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// ApologyRule is one version of the rules on the apology and extension
// letter (Mẫu 04, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải
// quyết"), chosen by the day the dossier was accepted.
type ApologyRule struct {
	From   calendar.Date // for dossiers accepted from this day
	Source string
	// LeadDays: the letter is made at the latest this many days before the
	// day the dossier is due (calendar days, Vietnam time).
	LeadDays int
	// MinReason is the shortest reason accepted, in characters, and
	// MinReasonWords in words: a reason must say why ("chậm" is not one).
	MinReason, MinReasonWords int
	// MaxExtension: the new date lies at most the procedure's own time
	// limit after the original due time, times this factor (tuphap's
	// policy of "a new date within reason"; the decrees set no ceiling).
	MaxExtension int
	Unverified   bool
}

// ApologyRules are the versions in force, oldest first.
var ApologyRules = []ApologyRule{
	{From: calendar.Date{}, LeadDays: 1, MinReason: 20, MinReasonWords: 4, MaxExtension: 1, Unverified: true,
		Source: "Nghị định 61/2018/NĐ-CP, Điều 19 (chậm nhất 01 ngày trước ngày hết hạn; theo research/onestop.md, chưa đối chiếu văn bản gốc)"},
	{From: calendar.Date{Year: 2025, Month: 7, Day: 1}, LeadDays: 1, MinReason: 20, MinReasonWords: 4, MaxExtension: 1,
		Source: "Nghị định 118/2025/NĐ-CP, Điều 19 khoản 6 và Điều 12 khoản 5 (chậm nhất 01 ngày trước ngày hết hạn giải quyết)"},
}

// ApologyRuleFor is the rule in force for a dossier accepted at t.
func ApologyRuleFor(accepted time.Time) ApologyRule {
	day := calendar.DateOf(accepted)
	r := ApologyRules[0]
	for _, v := range ApologyRules[1:] {
		if !day.Before(v.From) {
			r = v
		}
	}
	return r
}

// ApologyLatest is the last instant an apology may be made for a dossier
// due at due: the end of the day LeadDays before the due day.
func (r ApologyRule) ApologyLatest(due time.Time) time.Time {
	d := calendar.DateOf(due).AddDays(-r.LeadDays + 1)
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, calendar.Zone()).Add(-time.Nanosecond)
}

// mayApologize is who signs Mẫu 04: the head of the agency (the director)
// or the person authorised, the head of the unit at fault; not the clerk,
// not the specialist. It returns the title printed above the signature.
func mayApologize(a Actor, s *Step) (string, error) {
	switch a.Role {
	case "director":
		return "GIÁM ĐỐC", nil
	case "unit_head":
		if holds(a, s) {
			return "TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG", nil
		}
		return "", forbidden("Văn bản xin lỗi do lãnh đạo đơn vị đang giữ hồ sơ (đơn vị làm chậm) ký.")
	}
	return "", forbidden("Văn bản xin lỗi và đề nghị gia hạn do Thủ trưởng cơ quan hoặc người được ủy quyền (lãnh đạo đơn vị làm chậm) ký; công chức, chuyên viên không ký văn bản này.")
}

// checkApology applies the rule in force to the letter: its timing, its
// reason and its new date, all errors at once.
func checkApology(d *Dossier, in Input, env Env) error {
	if d.DueAt == nil || d.AcceptedAt == nil {
		return apperr.New(apperr.Conflict, "Hồ sơ chưa có ngày hẹn trả; chưa thể gửi văn bản xin lỗi.")
	}
	rule := ApologyRuleFor(*d.AcceptedAt)
	if env.Now.After(rule.ApologyLatest(*d.DueAt)) {
		return apperr.New(apperr.Conflict, "Văn bản xin lỗi và đề nghị gia hạn phải được gửi chậm nhất 01 ngày trước ngày hết hạn giải quyết ("+
			calendar.DateOf(*d.DueAt).FormatVN()+"), tức là đến hết ngày "+calendar.DateOf(rule.ApologyLatest(*d.DueAt)).FormatVN()+" ("+rule.Source+").")
	}
	fields := map[string]string{}
	var msgs []string
	bad := func(field, msg string) { fields[field] = msg; msgs = append(msgs, msg) }
	reason := strings.TrimSpace(in.Reason)
	switch {
	case utf8.RuneCountInString(reason) > 2000:
		bad("reason", "Lý do không được dài quá 2.000 ký tự.")
	case utf8.RuneCountInString(reason) < rule.MinReason || len(strings.Fields(reason)) < rule.MinReasonWords:
		bad("reason", "Cần ghi rõ lý do chậm giải quyết (ít nhất "+
			strconv.Itoa(rule.MinReasonWords)+" từ, "+strconv.Itoa(rule.MinReason)+" ký tự), để người nộp hồ sơ hiểu vì sao hồ sơ bị chậm.")
	}
	switch {
	case in.NewDueAt == nil:
		bad("new_due_at", "Cần ghi ngày hẹn trả kết quả mới.")
	case !in.NewDueAt.After(*d.DueAt):
		bad("new_due_at", "Ngày hẹn mới phải sau ngày hẹn trả ban đầu.")
	case env.Cal != nil && !env.Cal.IsWorkingDay(calendar.DateOf(*in.NewDueAt)):
		bad("new_due_at", "Ngày hẹn mới "+calendar.DateOf(*in.NewDueAt).FormatVN()+
			" không phải ngày làm việc; hãy chọn một ngày làm việc.")
	case env.Cal != nil && d.TimeLimit.Valid() == nil:
		limit := d.TimeLimit
		limit.Amount *= rule.MaxExtension
		if latest, err := env.Cal.Due(*d.DueAt, limit, nil); err == nil && in.NewDueAt.After(latest) {
			bad("new_due_at", "Ngày hẹn mới quá xa: không được gia hạn dài hơn thời hạn giải quyết của thủ tục (muộn nhất "+
				calendar.DateOf(latest).FormatVN()+").")
		}
	}
	if len(msgs) > 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: strings.Join(msgs, " "), Fields: fields}
	}
	return nil
}

// apologyNumber is the letter's number: the yearly sequence, "XL" for the
// kind of letter, and the unit at fault ("3/XL-HCTP"; "3/XL-LĐ" for a
// step of the leadership).
func apologyNumber(n int, unit string) string {
	if unit == "" || strings.HasPrefix(unit, "role:") {
		unit = "LĐ"
	}
	return strconv.Itoa(n) + "/XL-" + unit
}

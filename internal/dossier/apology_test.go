package dossier

import (
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// TestApologyRules is Mẫu 04, "Văn bản xin lỗi và đề nghị gia hạn thời gian
// giải quyết" (issue 14 item 6, issue 16 item 3):
//   - Decree 118/2025/NĐ-CP Art. 19(6) and 12(5): made at the latest 1 day
//     before the due date (an hour before is too late), and once only;
//   - signed by the head of the agency or the person authorised (the head
//     of the unit at fault), not by the clerk or the specialist;
//   - a reason of real length, a new date on a working day, after the
//     original one and no further than the procedure's own time limit.
func TestApologyRules(t *testing.T) {
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	vn := func(m time.Month, d, h, min int) time.Time {
		return time.Date(2026, m, d, h, min, 0, 0, calendar.Zone())
	}
	// Accepted Mon 2/3/2026, 10 working days: due Mon 16/3/2026 09:00, at
	// the civil-status division.
	fresh := func() *Dossier {
		return &Dossier{Status: Processing, AcceptedAt: ptr(vn(3, 2, 9, 0)), DueAt: ptr(vn(3, 16, 9, 0)),
			TimeLimit: calendar.Duration{Amount: 10, Unit: calendar.WorkingDays}, Current: 1, Steps: []Step{
				{UnitCode: "MOTCUA", Role: "reception_clerk", StartedAt: ptr(vn(3, 2, 9, 0)), FinishedAt: ptr(vn(3, 2, 10, 0))},
				{UnitCode: "HCTP", Role: "specialist", StartedAt: ptr(vn(3, 2, 10, 0)), DueAt: ptr(vn(3, 12, 10, 0))},
			}}
	}
	head := Actor{Name: "truongphong", Role: "unit_head", UnitCode: "HCTP"}
	director := Actor{Name: "giamdoc", Role: "director"}
	reason := "Cần xác minh thông tin đăng ký hộ tịch gốc tại Ủy ban nhân dân xã"
	okNew := vn(3, 18, 16, 0) // Wed
	for _, c := range []struct {
		name   string
		cite   string
		a      Actor
		now    time.Time
		reason string
		newDue *time.Time
		want   apperr.Code // "" when accepted
		says   string
	}{
		{"the head of the unit at fault, days before", "Decree 118/2025 Art. 19(6)", head, vn(3, 12, 10, 0), reason, &okNew, "", ""},
		{"the director", "Decree 118/2025 Art. 19(6)", director, vn(3, 13, 16, 0), reason, &okNew, "", ""},
		{"the last minute of the day before the due date", "Decree 118/2025 Art. 19(6), 12(5)", head, vn(3, 15, 23, 59), reason, &okNew, "", ""},
		{"one hour before the due time: too late", "Decree 118/2025 Art. 19(6), 12(5)", head, vn(3, 16, 8, 0), reason, &okNew, apperr.Conflict, "chậm nhất 01 ngày"},
		{"on the due day at midnight: too late", "Decree 118/2025 Art. 12(5)", head, vn(3, 16, 0, 0), reason, &okNew, apperr.Conflict, "15/03/2026"},
		{"the clerk does not sign it", "Decree 118/2025 Art. 19(6)", Actor{Name: "motcua", Role: "reception_clerk", UnitCode: "MOTCUA"}, vn(3, 12, 10, 0), reason, &okNew, apperr.Forbidden, "Thủ trưởng"},
		{"nor the specialist holding the step", "Decree 118/2025 Art. 19(6)", Actor{Name: "cv", Role: "specialist", UnitCode: "HCTP"}, vn(3, 12, 10, 0), reason, &okNew, apperr.Forbidden, "người được ủy quyền"},
		{"nor the head of another unit", "Decree 118/2025 Art. 19(6)", Actor{Name: "tp", Role: "unit_head", UnitCode: "BTTP"}, vn(3, 12, 10, 0), reason, &okNew, apperr.Forbidden, "đơn vị làm chậm"},
		{"a reason of one word", "Decree 118/2025 Art. 19(6)", head, vn(3, 12, 10, 0), "Chậm", &okNew, apperr.Invalid, "lý do"},
		{"the new date a Saturday", "Decree 118/2025 Art. 19(6)", head, vn(3, 12, 10, 0), reason, ptr(vn(3, 21, 9, 0)), apperr.Invalid, "không phải ngày làm việc"},
		{"the new date before the due date", "Decree 118/2025 Art. 19(6)", head, vn(3, 12, 10, 0), reason, ptr(vn(3, 13, 9, 0)), apperr.Invalid, "sau ngày hẹn"},
		{"the new date beyond the time limit again", "tuphap policy", head, vn(3, 12, 10, 0), reason, ptr(vn(4, 15, 9, 0)), apperr.Invalid, "quá xa"},
		{"no new date", "Decree 118/2025 Art. 19(6)", head, vn(3, 12, 10, 0), reason, nil, apperr.Invalid, "ngày hẹn"},
	} {
		d := fresh()
		_, err := Apply(d, ActApologize, c.a, Input{Reason: c.reason, NewDueAt: c.newDue}, Env{Now: c.now, Cal: cal})
		if c.want == "" {
			if err != nil {
				t.Errorf("%s (%s): %v", c.name, c.cite, err)
				continue
			}
			if d.Apology == nil || d.Apology.By != c.a.Name || d.Apology.SignerTitle == "" || d.Apology.UnitCode != "HCTP" {
				t.Errorf("%s: apology %+v", c.name, d.Apology)
			}
			// Once only (kept).
			if _, err := Apply(d, ActApologize, c.a, Input{Reason: c.reason, NewDueAt: c.newDue}, Env{Now: c.now, Cal: cal}); apperr.CodeOf(err) != apperr.Conflict {
				t.Errorf("%s: a second apology: %v", c.name, err)
			}
			continue
		}
		if apperr.CodeOf(err) != c.want || !strings.Contains(strings.ToLower(apperr.As(err).Message), strings.ToLower(c.says)) {
			t.Errorf("%s (%s): %v (%s), want %s saying %q", c.name, c.cite, err, apperr.CodeOf(err), c.want, c.says)
		}
		if d.Apology != nil {
			t.Errorf("%s: the refused letter was recorded", c.name)
		}
	}
	// All the errors of the form at once.
	d := fresh()
	_, err = Apply(d, ActApologize, head, Input{Reason: "Chậm", NewDueAt: ptr(vn(3, 21, 9, 0))}, Env{Now: vn(3, 12, 10, 0), Cal: cal})
	if e := apperr.As(err); e == nil || len(e.Fields) != 2 {
		t.Errorf("both errors at once: %v", err)
	}
	// The rule in force by acceptance day.
	if r := ApologyRuleFor(vn(3, 2, 9, 0)); !strings.Contains(r.Source, "118/2025") || r.LeadDays != 1 {
		t.Errorf("2026 rule: %+v", r)
	}
	if r := ApologyRuleFor(time.Date(2025, 6, 30, 9, 0, 0, 0, calendar.Zone())); !strings.Contains(r.Source, "61/2018") || !r.Unverified {
		t.Errorf("rule before 1/7/2025: %+v", r)
	}
}

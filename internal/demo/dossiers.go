package demo

import (
	"context"
	"fmt"
	"sync"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
)

// Clock is a settable clock: the demo plays weeks of work in a moment, so
// that queues, late dossiers and apology letters exist after `serve --demo`.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Set moves the clock.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Demo officers as dossier actors.
var (
	deskActor   = dossier.Actor{ID: "demo", Name: "motcua", Role: "reception_clerk", UnitCode: "MOTCUA"}
	hctpActor   = dossier.Actor{ID: "demo", Name: "chuyenvien", Role: "specialist", UnitCode: "HCTP"}
	hctpHead    = dossier.Actor{ID: "demo", Name: "truongphong", Role: "unit_head", UnitCode: "HCTP"}
	bttpActor   = dossier.Actor{ID: "demo", Name: "cv.bttp", Role: "specialist", UnitCode: "BTTP"}
	bttpHead    = dossier.Actor{ID: "demo", Name: "tp.bttp", Role: "unit_head", UnitCode: "BTTP"}
	directorAct = dossier.Actor{ID: "demo", Name: "giamdoc", Role: "director"}
)

// applicants are invented people; the ID numbers are well-formed but not
// real (province 082, birth years in the 1980s–2000s).
var applicants = []dossier.Applicant{
	{FullName: "Nguyễn Thị Hồng Nhung", IDNumber: "082190001234", Phone: "0912345678", Email: "nhung.demo@example.vn", Address: "Phường Mỹ Tho, tỉnh Đồng Tháp"},
	{FullName: "Trần Văn Bảy", IDNumber: "082085004321", Phone: "0987654321", Address: "Xã Cái Bè, tỉnh Đồng Tháp"},
	{FullName: "Lê Hoàng Phúc", IDNumber: "082092007788", Phone: "0903111222", Email: "phuc.demo@example.vn", Address: "Phường Cao Lãnh, tỉnh Đồng Tháp"},
	{FullName: "Phạm Thị Thu Hà", IDNumber: "082195003456", Phone: "0938222333", Address: "Xã Tân Hồng, tỉnh Đồng Tháp"},
	{FullName: "Võ Minh Trí", IDNumber: "082088009900", Phone: "0977333444", Address: "Phường Sa Đéc, tỉnh Đồng Tháp"},
	{FullName: "Huỳnh Ngọc Diễm", IDNumber: "082198002468", Phone: "0966444555", Email: "diem.demo@example.vn", Address: "Xã Lấp Vò, tỉnh Đồng Tháp"},
	{FullName: "Đặng Quốc Bảo", IDNumber: "082001001357", Phone: "0355666777", Address: "Phường Hồng Ngự, tỉnh Đồng Tháp"},
	{FullName: "Bùi Thị Kim Ngân", IDNumber: "082199008642", Phone: "0389777888", Address: "Xã Tháp Mười, tỉnh Đồng Tháp"},
}

// LoadDossiers plays a few weeks of the one-stop shop up to now, so that
// every status is present: returned (one late, with its apology letter and
// the unit at fault), in processing at the desk, a division, the director
// and the police, waiting for a supplement or a fee, submitted online,
// refused, withdrawn, stopped and ready for return.
func LoadDossiers(ctx context.Context, svc *dossier.Service, clock *Clock, book *calendar.RuleBook, tenantID string, now time.Time) error {
	cal := book.At(now)
	// day returns 09:00 (or the given hour) of the n-th working day before now.
	day := func(n int, hour, minute int) time.Time {
		d := calendar.DateOf(now)
		for n > 0 {
			d = d.AddDays(-1)
			if cal.IsWorkingDay(d) {
				n--
			}
		}
		return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, calendar.Zone())
	}
	var err error
	var d dossier.Dossier
	intake := func(at time.Time, proc string, ch catalog.Channel, who int) {
		if err != nil {
			return
		}
		clock.Set(at)
		d, err = svc.Intake(ctx, deskActor, tenantID, dossier.IntakeRequest{Procedure: proc, Channel: ch, Applicant: applicants[who%len(applicants)]})
	}
	act := func(at time.Time, a dossier.Actor, action dossier.Action, in dossier.Input) {
		if err != nil {
			return
		}
		clock.Set(at)
		key := d.Code
		if key == "" {
			key = d.ID
		}
		d, err = svc.Act(ctx, a, tenantID, key, action, in)
	}
	// The desk collects the fee against an electronic receipt (simulated
	// provider) before returning a result.
	receipts := &ereceipt.Simulator{Now: clock.Now}
	collect := func(at time.Time) {
		if err != nil || d.Fee <= 0 {
			return
		}
		clock.Set(at)
		d, err = svc.CollectFee(ctx, deskActor, tenantID, d.Code, "Bộ phận Một cửa", receipts.Issue)
	}
	yes, no := true, false

	// 1. Returned early and rated (nationality certificate, 5 working days).
	intake(day(15, 8, 10), "nationality.certificate", catalog.ChannelDirect, 0)
	act(day(15, 10, 0), deskActor, dossier.ActForward, dossier.Input{})
	act(day(14, 15, 0), hctpActor, dossier.ActForward, dossier.Input{Note: "Đã tra cứu cơ sở dữ liệu quốc tịch"})
	act(day(13, 9, 0), hctpHead, dossier.ActForward, dossier.Input{})
	act(day(13, 14, 0), directorAct, dossier.ActForward, dossier.Input{})
	collect(day(12, 8, 25))
	act(day(12, 8, 30), deskActor, dossier.ActReturn, dossier.Input{})
	act(day(12, 8, 35), deskActor, dossier.ActRate, dossier.Input{Satisfied: &yes, Comment: "Giải quyết nhanh, cán bộ hướng dẫn tận tình"})

	// 2. Returned late: the division overran its step; the apology letter
	// was sent before the due time, naming the unit at fault.
	intake(day(14, 9, 0), "civil_status.extract_copy", catalog.ChannelPostal, 1)
	act(day(14, 11, 0), deskActor, dossier.ActForward, dossier.Input{})
	if err == nil {
		// Signed by the head of the division at fault, the day before the
		// due date (Decree 118/2025/NĐ-CP Art. 19(6)); the new date is the
		// next working day after the original one, at the same hour.
		nd := calendar.DateOf(*d.DueAt).AddDays(1)
		for !cal.IsWorkingDay(nd) {
			nd = nd.AddDays(1)
		}
		due := d.DueAt.In(calendar.Zone())
		newDue := time.Date(nd.Year, nd.Month, nd.Day, due.Hour(), due.Minute(), 0, 0, calendar.Zone())
		act(d.DueAt.Add(-24*time.Hour), hctpHead, dossier.ActApologize, dossier.Input{
			Reason: "Cần xác minh thông tin đăng ký hộ tịch gốc tại Ủy ban nhân dân xã", NewDueAt: &newDue})
	}
	act(day(7, 10, 0), hctpActor, dossier.ActForward, dossier.Input{})
	act(day(7, 14, 0), hctpHead, dossier.ActForward, dossier.Input{})
	act(day(6, 9, 0), directorAct, dossier.ActForward, dossier.Input{})
	collect(day(6, 9, 55))
	act(day(6, 10, 0), deskActor, dossier.ActReturn, dossier.Input{})
	act(day(6, 10, 5), deskActor, dossier.ActRate, dossier.Input{Satisfied: &no, Comment: "Trả kết quả chậm so với giấy hẹn"})

	// 3. At the division, overdue (notary card, 5 working days, accepted 8
	// working days ago).
	intake(day(8, 14, 0), "notary.card_issue", catalog.ChannelDirect, 2)
	act(day(8, 15, 30), deskActor, dossier.ActForward, dossier.Input{})

	// 4. At the division, due soon.
	intake(day(3, 9, 30), "notary.card_reissue", catalog.ChannelOnline, 3)
	act(day(3, 10, 0), deskActor, dossier.ActAccept, dossier.Input{})
	act(day(3, 11, 0), deskActor, dossier.ActForward, dossier.Input{})

	// 5. Waiting for the director's signature.
	intake(day(4, 8, 0), "state_compensation.agency_determination", catalog.ChannelDirect, 4)
	act(day(4, 9, 0), deskActor, dossier.ActForward, dossier.Input{})
	act(day(2, 16, 0), hctpActor, dossier.ActForward, dossier.Input{})
	act(day(1, 10, 0), hctpHead, dossier.ActForward, dossier.Input{})

	// 6. At the provincial police (naturalisation: inter-agency check).
	intake(day(10, 8, 30), "nationality.naturalisation", catalog.ChannelDirect, 5)
	act(day(10, 10, 0), deskActor, dossier.ActForward, dossier.Input{})
	act(day(6, 15, 0), hctpActor, dossier.ActForward, dossier.Input{Note: "Gửi văn bản đề nghị xác minh nhân thân"})

	// 7. Waiting for a supplement (the clock is stopped).
	intake(day(5, 10, 0), "lawyer.firm_registration", catalog.ChannelDirect, 6)
	act(day(5, 11, 0), deskActor, dossier.ActForward, dossier.Input{})
	act(day(2, 9, 0), bttpActor, dossier.ActRequestSupplement, dossier.Input{Reason: "Thiếu bản sao Điều lệ công ty luật", Items: []string{"Điều lệ công ty luật (bản sao)"}})

	// 8. Waiting for the fee.
	intake(day(2, 14, 0), "asset_auction.card_issue", catalog.ChannelDirect, 7)
	act(day(2, 15, 0), deskActor, dossier.ActForward, dossier.Input{})
	act(day(1, 9, 0), bttpActor, dossier.ActRequestFee, dossier.Input{})

	// 9. Submitted online, waiting for the desk's check.
	intake(day(0, 7, 45), "nationality.origin_certificate", catalog.ChannelOnline, 1)

	// 10. Refused at intake (online, outside the department's competence).
	intake(day(3, 8, 0), "adoption.foreign_reregistration", catalog.ChannelOnline, 2)
	act(day(3, 9, 0), deskActor, dossier.ActRefuse, dossier.Input{Reason: "Yêu cầu thuộc thẩm quyền của Ủy ban nhân dân cấp xã nơi cư trú"})

	// 11. Withdrawn at the applicant's request.
	intake(day(6, 9, 0), "legal_advice.card_issue", catalog.ChannelDirect, 3)
	act(day(6, 9, 30), deskActor, dossier.ActForward, dossier.Input{})
	act(day(5, 8, 0), deskActor, dossier.ActWithdraw, dossier.Input{Reason: "Người nộp xin rút hồ sơ để bổ sung kinh nghiệm hành nghề"})

	// 12. Stopped: the applicant does not meet the conditions.
	intake(day(9, 10, 0), "bailiff.card_reissue", catalog.ChannelDirect, 4)
	act(day(9, 11, 0), deskActor, dossier.ActForward, dossier.Input{})
	act(day(7, 15, 0), bttpHead, dossier.ActStop, dossier.Input{Reason: "Người đề nghị không còn đủ điều kiện hành nghề thừa phát lại"})

	// 13. Result ready, waiting to be returned.
	intake(day(4, 14, 0), "nationality.certificate", catalog.ChannelDirect, 5)
	act(day(4, 15, 0), deskActor, dossier.ActForward, dossier.Input{})
	act(day(3, 10, 0), hctpActor, dossier.ActForward, dossier.Input{})
	act(day(2, 10, 0), hctpHead, dossier.ActForward, dossier.Input{})
	act(day(1, 14, 0), directorAct, dossier.ActForward, dossier.Input{})

	// 14. Just received at the desk (the last working afternoon).
	intake(day(1, 16, 30), "notary.dismissal", catalog.ChannelDirect, 6)

	if err != nil {
		return fmt.Errorf("demo dossiers: %w", err)
	}
	return nil
}

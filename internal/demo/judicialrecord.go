package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/external/verification"
	"tuphap/internal/external/vneid"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
)

// PoliceTenantCode is the code of the demo provincial police, which has
// issued judicial record certificates since 1/3/2025.
const PoliceTenantCode = "CA-DEMO"

// PoliceTenant is the demo provincial police.
var PoliceTenant = org.Tenant{
	Code:         PoliceTenantCode,
	Name:         "Công an tỉnh Đồng Tháp (dữ liệu mẫu)",
	AgencyID:     "000.00.00.G82",
	ProvinceCode: "82",
	Kind:         org.KindProvincialPolice,
}

// PoliceUnits are its units and the agencies it consults.
var PoliceUnits = []org.Unit{
	{Code: "MOTCUA", Name: "Bộ phận Tiếp nhận và Trả kết quả", Kind: org.Reception},
	{Code: "PV06", Name: "Phòng Hồ sơ nghiệp vụ", Kind: org.Division},
	{Code: "CA_HSNV", Name: "Kho hồ sơ nghiệp vụ (xác minh án tích)", Kind: org.Agency},
	{Code: "TAND", Name: "Tòa án nhân dân tỉnh", Kind: org.Agency},
	{Code: "THADS", Name: "Thi hành án dân sự tỉnh", Kind: org.Agency},
}

// PoliceOfficers; UnitID holds a unit code here.
var PoliceOfficers = []org.Officer{
	{Username: "admin", FullName: "Quản trị hệ thống", Role: org.Admin},
	{Username: "lanhdao", FullName: "Nguyễn Hữu Phước", Role: org.Director},
	{Username: "motcua", FullName: "Trần Ngọc Hân", Role: org.Clerk, UnitID: "MOTCUA"},
	{Username: "chuyenvien", FullName: "Lê Minh Trí", Role: org.Specialist, UnitID: "PV06"},
	{Username: "truongphong", FullName: "Phan Thanh Sơn", Role: org.UnitHead, UnitID: "PV06"},
	{Username: "canbo.lltp", FullName: "Võ Thị Kim Ngân", Role: org.JudicialRecordOfficer},
	{Username: "kiemtra", FullName: "Đỗ Văn Lực", Role: org.Auditor},
}

// DemoTheft is the demo person's conviction for theft (Criminal Code 2015,
// Article 173), known to the police records office: the verification
// finds it. Nine months' imprisonment served on 20/05/2023, compensation
// paid, no new offence: expunged by law from 21/05/2025 (Penal Code Art.
// 70(2)(b)), so the certificate No. 1 states "Không có án tích". It is
// stored only sealed.
var DemoTheft = judicialrecord.Conviction{
	FullName: "Huỳnh Văn Lộc", IDNumber: "082093004567", BirthDate: "14/07/1993",
	Court: "Tòa án nhân dân thành phố Cao Lãnh, tỉnh Đồng Tháp", JudgmentNo: "57/2022/HS-ST", JudgmentDate: calendar.NewDate(2022, 8, 16),
	Offence: "Trộm cắp tài sản", Article: "Khoản 1 Điều 173 Bộ luật Hình sự năm 2015 (sửa đổi, bổ sung năm 2017)",
	OffenceDate: calendar.NewDate(2022, 3, 2), Sentence: "09 tháng tù", Penalty: judicialrecord.PenaltyPrison, PrisonMonths: 9,
	Additional: "Bồi thường cho bị hại 12.500.000 đồng", Completed: calendar.NewDate(2023, 5, 20),
	Obligations: judicialrecord.ObligationsDone, ObligationsDate: calendar.NewDate(2023, 2, 10),
	Source: "Kho hồ sơ nghiệp vụ Công an tỉnh",
}

// JR is what the judicial-record demo needs.
type JR struct {
	Service *judicialrecord.Service // with the demo clock
	Issuing judicialrecord.Issuing
}

// LoadJudicialRecords creates the demo provincial police unless it exists
// and plays, with the demo clock, a request for certificate No. 1 through
// police verification (which finds the conviction for theft) to a signed
// certificate returned to the applicant, and a request arriving from VNeID.
func LoadJudicialRecords(ctx context.Context, svc *org.Service, jr JR, clock *Clock, now time.Time, out io.Writer) error {
	if _, err := svc.Store.TenantByCode(ctx, PoliceTenantCode); err == nil {
		return nil
	} else if !errors.Is(err, apperr.ErrNotFound) {
		return err
	}
	by := audit.Actor{Name: "demo"}
	t, err := svc.CreateTenant(ctx, by, PoliceTenant)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Conflict {
			return nil
		}
		return err
	}
	ids := map[string]string{}
	for _, u := range PoliceUnits {
		u.TenantID = t.ID
		u, err := svc.CreateUnit(ctx, by, u)
		if err != nil {
			return fmt.Errorf("demo unit %s: %w", u.Code, err)
		}
		ids[u.Code] = u.ID
	}
	noteTenant(out, t)
	for _, o := range PoliceOfficers {
		o.TenantID = t.ID
		o.UnitID = ids[o.UnitID]
		pw := auth.NewSecret()[:16]
		o, err := svc.CreateOfficer(ctx, by, o, pw)
		if err != nil {
			return fmt.Errorf("demo officer %s: %w", o.Username, err)
		}
		noteAccount(out, t, o, pw)
	}

	day := calendar.DateOf(now).AddDays(-12)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDays(-1)
	}
	at := func(days, h, m int) time.Time {
		d := day.AddDays(days)
		return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, calendar.Zone())
	}
	clock.Set(at(0, 8, 30))
	desk := dossier.Actor{ID: "demo", Name: "motcua", Role: "reception_clerk", UnitCode: "MOTCUA"}
	spec := judicialrecord.Reader{Actor: dossier.Actor{ID: "demo", Name: "chuyenvien", Role: "specialist", UnitCode: "PV06"}}
	head := dossier.Actor{ID: "demo", Name: "truongphong", Role: "unit_head", UnitCode: "PV06"}
	lead := dossier.Actor{ID: "demo", Name: "lanhdao", Role: "director"}
	officer := judicialrecord.Reader{Actor: dossier.Actor{ID: "demo", Name: "canbo.lltp", Role: "judicial_record_officer"}, Allowed: true}
	police := &verification.Simulator{Delay: 3 * 24 * time.Hour, Now: clock.Now, Records: map[string]map[string][]judicialrecord.Conviction{
		judicialrecord.AgencyPoliceRecords: {DemoTheft.IDNumber: {DemoTheft}}}}

	req := judicialrecord.Request{Form: judicialrecord.Form1, Purpose: "Bổ sung hồ sơ xin việc tại doanh nghiệp", Copies: 2,
		Person: judicialrecord.Person{FullName: DemoTheft.FullName, Sex: "Nam", BirthDate: DemoTheft.BirthDate, BirthPlace: "Cao Lãnh, Đồng Tháp",
			Ethnicity: "Kinh", Nationality: "Việt Nam", IDType: "CCCD", IDNumber: DemoTheft.IDNumber, Phone: "0918234567"},
		Father:    judicialrecord.Relative{FullName: "Huỳnh Văn Tư", BirthYear: 1965},
		Mother:    judicialrecord.Relative{FullName: "Nguyễn Thị Bảy", BirthYear: 1968},
		Permanent: judicialrecord.Address{Text: "Phường Mỹ Phú, tỉnh Đồng Tháp", Province: "82"}, Source: judicialrecord.SourceCounter}
	d, err := jr.Service.Intake(ctx, desk, t.ID, req)
	if err != nil {
		return fmt.Errorf("demo judicial record request: %w", err)
	}
	step := func(a dossier.Actor, h, m, days int) error {
		clock.Set(at(days, h, m))
		_, err := jr.Service.Dossiers.Act(ctx, a, t.ID, d.Code, dossier.ActForward, dossier.Input{})
		return err
	}
	if err := step(desk, 9, 30, 0); err != nil {
		return err
	}
	clock.Set(at(0, 10, 15))
	if _, err := jr.Service.SendCheck(ctx, police, spec, t.ID, d.Code, judicialrecord.AgencyPoliceRecords); err != nil {
		return fmt.Errorf("demo verification: %w", err)
	}
	clock.Set(at(3, 10, 30))
	if _, err := jr.Service.CollectAnswers(ctx, police, t.ID); err != nil {
		return fmt.Errorf("demo verification answer: %w", err)
	}
	if err := step(spec.Actor, 14, 0, 3); err != nil {
		return err
	}
	clock.Set(at(4, 9, 0))
	if _, err := jr.Service.Issue(ctx, jr.Issuing, officer, t.ID, d.Code); err != nil {
		return fmt.Errorf("demo certificate: %w", err)
	}
	if err := step(head, 10, 0, 4); err != nil {
		return err
	}
	if err := step(lead, 15, 0, 4); err != nil {
		return err
	}
	clock.Set(at(5, 8, 0))
	if cur, _, err := jr.Service.Dossiers.Get(ctx, t.ID, d.Code); err == nil && !dossier.FeeSettled(&cur) {
		receipts := &ereceipt.Simulator{Now: clock.Now}
		if _, err := jr.Service.Dossiers.CollectFee(ctx, desk, t.ID, d.Code, t.Name, receipts.Issue); err != nil {
			return fmt.Errorf("demo fee: %w", err)
		}
	}
	if _, err := jr.Service.Dossiers.Act(ctx, desk, t.ID, d.Code, dossier.ActReturn, dossier.Input{}); err != nil {
		return err
	}

	// A request filed in VNeID (e-form 12/2024/LLTP), waiting for the desk.
	clock.Set(at(5, 20, 15))
	inbox := &vneid.Simulator{}
	inbox.Put(vneid.Sample("VNEID-DEMO-0001"))
	res, err := vneid.Receive(ctx, inbox, jr.Service, t.ID)
	if err != nil {
		return err
	}
	for _, r := range res {
		if r.Error != "" {
			return fmt.Errorf("demo VNeID request: %s", r.Error)
		}
	}
	fmt.Fprintf(out, "Đã nạp yêu cầu cấp Phiếu lý lịch tư pháp mẫu %s: xác minh tại Công an (thông tin án tích lưu mã hóa), đã ký số và trả kết quả. Đăng nhập %s/canbo.lltp để xem.\n",
		d.Code, t.Code)
	return nil
}

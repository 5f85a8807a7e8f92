package catalog

import (
	"errors"
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

func wd(n int) calendar.Duration { return calendar.Duration{Amount: n, Unit: calendar.WorkingDays} }
func wh(n int) calendar.Duration { return calendar.Duration{Amount: n, Unit: calendar.WorkingHours} }
func cd(n int) calendar.Duration { return calendar.Duration{Amount: n, Unit: calendar.CalendarDays} }

// stepsWD is a usual internal process filling n working days (n ≥ 4):
// reception half a day, specialist, unit head and director a day each,
// return half a day.
func stepsWD(n int) []Step {
	return []Step{
		{Name: "Tiếp nhận hồ sơ", Role: RoleReceptionClerk, Unit: "MOTCUA", Allotted: wh(4)},
		{Name: "Thẩm định hồ sơ", Role: RoleSpecialist, Unit: "BTTP", Allotted: wh(8*n - 24)},
		{Name: "Lãnh đạo phòng trình ký", Role: RoleUnitHead, Unit: "BTTP", Allotted: wd(1)},
		{Name: "Lãnh đạo Sở ký duyệt", Role: RoleDirector, Allotted: wd(1)},
		{Name: "Trả kết quả", Role: RoleReceptionClerk, Unit: "MOTCUA", Allotted: wh(4)},
	}
}

// sample is a valid built-in procedure modelled on "Cấp thẻ công chứng
// viên" (1.013859: 05 ngày làm việc, lệ phí 100.000 đồng).
func sample() Procedure {
	p := Procedure{
		ID:            "notary.card_issue",
		Code:          "1.013859",
		Name:          "Cấp thẻ công chứng viên",
		Field:         Field{Code: FieldNotary, Name: "Công chứng"},
		Level:         LevelProvince,
		Agency:        AgencyDepartment,
		Authority:     "Giám đốc Sở Tư pháp",
		LegalBasis:    []LegalRef{{Title: "Luật Công chứng số 46/2024/QH15"}},
		EffectiveFrom: calendar.NewDate(2025, 7, 1),
		Channels:      []Channel{ChannelDirect, ChannelOnline, ChannelPostal},
		OnlineLevel:   OnlinePartial,
		TimeLimit:     wd(5),
		Fees:          []Fee{{Name: "Lệ phí", Amount: 100000, Per: "thẻ"}},
		Documents:     []Document{{Name: "Giấy đề nghị cấp thẻ công chứng viên", Originals: 1, Required: true, MustDigitise: true}},
		Result:        "Thẻ công chứng viên",
		Steps:         stepsWD(5),
		Provenance: Provenance{
			Sources:  []string{"DVCQG_399157"},
			Verified: map[Fact]Mark{FactCode: "S", FactName: "S", FactTime: "S", FactFee: "S", FactResult: "S", FactOnlineLevel: "S", FactLegalBasis: "S", FactDocuments: "S", FactProcess: "M"},
		},
	}
	p.UpdateVerification()
	return p
}

// arbitrationBranch models "Đăng ký hoạt động của Chi nhánh Trung tâm trọng
// tài": 10 working days, 07 when filed online (DVCQG_241012, Thanh Hóa).
func arbitrationBranch() Procedure {
	p := sample()
	p.ID, p.Code = "commercial_arbitration.branch_registration", ""
	p.Name = "Đăng ký hoạt động của Chi nhánh Trung tâm trọng tài"
	p.Field = Field{Code: FieldCommercialArbitration, Name: "Trọng tài thương mại"}
	p.TimeLimit, p.Steps = wd(10), stepsWD(10)
	p.ChannelRules = []ChannelRule{{Channel: ChannelOnline, TimeLimit: wd(7), Steps: stepsWD(7)}}
	p.Provenance.Verified[FactCode] = MarkNone
	p.UpdateVerification()
	return p
}

// judicialRecord models "Cấp Phiếu lý lịch tư pháp" at the department:
// Luật Lý lịch tư pháp 2009 Điều 48 (10 ngày, 15 ngày in listed cases);
// TT 244/2016/TT-BTC (200.000 đồng; 100.000 đồng for students, people with
// merit, martyrs' relatives; exempt: children, elderly, disabled, poor
// households, residents of especially hard-up communes; 5.000 đồng a Phiếu
// from the 3rd).
func judicialRecord() Procedure {
	p := sample()
	p.ID, p.Code = "judicial_record.certificate_department", ""
	p.Name = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
	p.Field = Field{Code: FieldJudicialRecord, Name: "Lý lịch tư pháp"}
	p.EffectiveFrom, p.EffectiveTo = calendar.NewDate(2010, 7, 1), calendar.NewDate(2025, 2, 28)
	p.TimeLimit, p.ExtendedTimeLimit = cd(10), cd(15)
	p.ExtendedWhen = "Người được cấp Phiếu đã cư trú ở nhiều nơi, người nước ngoài, phải xác minh điều kiện xóa án tích"
	p.Steps = []Step{
		{Name: "Tiếp nhận hồ sơ", Role: RoleReceptionClerk, Unit: "MOTCUA", Allotted: cd(1)},
		{Name: "Tra cứu, xác minh", Role: RoleSpecialist, Unit: "HCTP", Allotted: cd(6)},
		{Name: "Lãnh đạo phòng trình ký", Role: RoleUnitHead, Unit: "HCTP", Allotted: cd(1)},
		{Name: "Lãnh đạo Sở ký Phiếu", Role: RoleDirector, Allotted: cd(1)},
		{Name: "Trả kết quả", Role: RoleReceptionClerk, Unit: "MOTCUA", Allotted: cd(1)},
	}
	p.Fees = []Fee{
		{Name: "Phí", Amount: 200000, Per: "lần", Reductions: []Reduction{
			{FeeStudent, 100000}, {FeeMeritorious, 100000}, {FeeMartyrRelative, 100000},
			{FeeChild, 0}, {FeeElderly, 0}, {FeeDisabled, 0}, {FeePoorHousehold, 0}, {FeeHardshipArea, 0},
		}},
		{Name: "Phí", Amount: 5000, Per: "Phiếu", When: "Từ Phiếu thứ 3 trở đi"},
	}
	p.Provenance.Verified[FactCode] = MarkNone
	p.UpdateVerification()
	return p
}

// wantInvalid checks err is an Invalid *apperr.Error whose message contains
// want and that names field.
func wantInvalid(t *testing.T, err error, field, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
		t.Fatalf("error %v is not an Invalid *apperr.Error", err)
	}
	if !strings.Contains(ae.Message, want) {
		t.Errorf("message %q does not contain %q", ae.Message, want)
	}
	if field != "" {
		if _, ok := ae.Fields[field]; !ok {
			t.Errorf("fields %v do not name %q", ae.Fields, field)
		}
	}
}

package catalog

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *Procedure)
		field string
		want  string // "" when valid
	}{
		{"valid", func(p *Procedure) {}, "", ""},
		{"empty name", func(p *Procedure) { p.Name = "  " }, "name", "Tên thủ tục không được để trống"},
		// Steps must fill the statutory time exactly; 1 working day = 8
		// working hours (Bộ luật Lao động 2019, Điều 105).
		{"steps short of the limit", func(p *Procedure) { p.Steps = p.Steps[:4] }, "steps",
			"Tổng thời gian các bước (36 giờ làm việc) khác thời hạn giải quyết (5 ngày làm việc)"},
		{"steps over the limit", func(p *Procedure) { p.Steps[1].Allotted = wd(3) }, "steps",
			"Tổng thời gian các bước (6 ngày làm việc) khác thời hạn giải quyết (5 ngày làm việc)"},
		{"calendar-day step in a working-day limit", func(p *Procedure) { p.Steps[1].Allotted = cd(2) }, "steps[1].allotted",
			"thời gian 2 ngày không tính được vào thời hạn 5 ngày làm việc"},
		{"working-hour step in a calendar-day limit", func(p *Procedure) {
			p.TimeLimit = cd(5)
			p.Steps = []Step{{Name: "Xử lý", Role: RoleSpecialist, Allotted: cd(4)}, {Name: "Trả", Role: RoleReceptionClerk, Allotted: wh(8)}}
		}, "steps[1].allotted", "thời gian 8 giờ làm việc không tính được vào thời hạn 5 ngày"},
		{"same-day limit filled by working hours", func(p *Procedure) {
			p.TimeLimit = calendar.Duration{Unit: calendar.SameDay}
			p.Steps = []Step{{Name: "Tiếp nhận", Role: RoleReceptionClerk, Allotted: wh(2)}, {Name: "Xử lý, trả", Role: RoleSpecialist, Allotted: wh(6)}}
		}, "", ""},
		{"no steps", func(p *Procedure) { p.Steps = nil }, "steps", "Quy trình nội bộ phải có ít nhất một bước"},
		{"step without role or unit", func(p *Procedure) { p.Steps[0].Role, p.Steps[0].Unit = "", "" }, "steps[0]", "phải ghi vai trò hoặc đơn vị thực hiện"},
		{"unknown role", func(p *Procedure) { p.Steps[0].Role = "janitor" }, "steps[0].role", "vai trò không hợp lệ"},
		{"bad unit code", func(p *Procedure) { p.Steps[0].Unit = "ca tinh" }, "steps[0].unit", "mã đơn vị không hợp lệ"},
		{"coordinating agency step", func(p *Procedure) { p.Steps[1].Role, p.Steps[1].Unit = "", "CA_TINH" }, "", ""},
		{"invalid step duration", func(p *Procedure) { p.Steps[1].Allotted = wd(0) }, "steps[1].allotted", "thời hạn phải lớn hơn 0"},
		{"invalid time limit", func(p *Procedure) { p.TimeLimit = calendar.Duration{Amount: 5, Unit: "weeks"} }, "time_limit", "đơn vị thời hạn không hợp lệ"},
		{"unknown channel", func(p *Procedure) { p.Channels = append(p.Channels, "fax") }, "channels[3]", `Cách thức thực hiện không hợp lệ: "fax"`},
		{"repeated channel", func(p *Procedure) { p.Channels = append(p.Channels, ChannelDirect) }, "channels[3]", "Cách thức thực hiện bị lặp"},
		{"no channel", func(p *Procedure) { p.Channels, p.OnlineLevel = nil, OnlineNone }, "channels", "Phải có ít nhất một cách thức thực hiện"},
		// Decree 42/2022/NĐ-CP: an online level implies online filing.
		{"online level without online filing", func(p *Procedure) { p.Channels = []Channel{ChannelDirect} }, "online_level", "không cho nộp hồ sơ trực tuyến"},
		{"online filing with no online level", func(p *Procedure) { p.OnlineLevel = OnlineNone }, "online_level", "mức độ dịch vụ công trực tuyến là không cung cấp"},
		{"unknown online level", func(p *Procedure) { p.OnlineLevel = "level4" }, "online_level", "Mức độ dịch vụ công trực tuyến không hợp lệ"},
		{"negative fee", func(p *Procedure) { p.Fees[0].Amount = -1 }, "fees[0].amount", "Mức phí, lệ phí không được âm"},
		{"fee without name", func(p *Procedure) { p.Fees[0].Name = "" }, "fees[0].name", "Tên khoản phí, lệ phí không được để trống"},
		{"reduction above the fee", func(p *Procedure) { p.Fees[0].Reductions = []Reduction{{FeeStudent, 150000}} }, "fees[0].reductions[0].amount", "phải từ 0 đến 100000 đồng"},
		{"unknown payer category", func(p *Procedure) { p.Fees[0].Reductions = []Reduction{{"vip", 0}} }, "fees[0].reductions[0].category", "Đối tượng miễn, giảm không hợp lệ"},
		{"repeated payer category", func(p *Procedure) { p.Fees[0].Reductions = []Reduction{{FeeChild, 0}, {FeeChild, 0}} }, "fees[0].reductions[1].category", "Đối tượng miễn, giảm bị lặp"},
		{"document without copies", func(p *Procedure) { p.Documents[0].Originals = 0 }, "documents[0]", "số bản chính, bản sao không hợp lệ"},
		{"document without name", func(p *Procedure) { p.Documents[0].Name = "" }, "documents[0].name", "Tên giấy tờ"},
		{"no result", func(p *Procedure) { p.Result = "" }, "result", "Kết quả thực hiện thủ tục không được để trống"},
		{"no legal basis", func(p *Procedure) { p.LegalBasis = nil }, "legal_basis", "Căn cứ pháp lý không được để trống"},
		{"no authority", func(p *Procedure) { p.Authority = "" }, "authority", "thẩm quyền"},
		{"no effective date", func(p *Procedure) { p.EffectiveFrom = calendar.Date{} }, "effective_from", "Ngày có hiệu lực không được để trống"},
		{"ends before it starts", func(p *Procedure) { p.EffectiveTo = calendar.NewDate(2025, 6, 30) }, "effective_to",
			"Ngày hết hiệu lực (30/06/2025) trước ngày có hiệu lực (01/07/2025)"},
		{"impossible effective date", func(p *Procedure) { p.EffectiveFrom = calendar.NewDate(2025, 2, 30) }, "effective_from",
			"Ngày có hiệu lực không hợp lệ: 2025-02-30"},
		{"impossible end date", func(p *Procedure) { p.EffectiveTo = calendar.NewDate(2025, 13, 1) }, "effective_to",
			"Ngày hết hiệu lực không hợp lệ"},
		{"national code with province suffix", func(p *Procedure) { p.Code = "1.013859.H38" }, "code", "Mã thủ tục quốc gia không hợp lệ"},
		{"national code too short", func(p *Procedure) { p.Code = "1.01385" }, "code", "Mã thủ tục quốc gia không hợp lệ"},
		{"unknown national code is allowed empty", func(p *Procedure) {
			p.Code = ""
			p.Provenance.Verified[FactCode] = MarkNone
			p.UpdateVerification()
		}, "", ""},
		{"bad id", func(p *Procedure) { p.ID = "Cấp thẻ" }, "id", "Mã định danh thủ tục không hợp lệ"},
		{"unknown field", func(p *Procedure) { p.Field = Field{Code: "tax", Name: "Thuế"} }, "field", `Lĩnh vực không xác định: "tax"`},
		{"field name does not match", func(p *Procedure) { p.Field.Name = "Luật sư" }, "field", "không khớp với mã"},
		{"unknown level", func(p *Procedure) { p.Level = "district" }, "level", "Cấp thực hiện không hợp lệ"},
		{"unknown agency", func(p *Procedure) { p.Agency = "court" }, "agency", "Cơ quan thực hiện không hợp lệ"},
		{"local procedure", func(p *Procedure) {
			p.Local, p.ID, p.Code = true, "local.stp_01", "STP-01"
			p.Field = Field{Code: "internal_admin", Name: "Hành chính nội bộ"}
		}, "", ""},
		{"local code empty", func(p *Procedure) { p.Local, p.Code = true, "" }, "code", "Mã thủ tục riêng của địa phương không được để trống"},
		{"local code with a space", func(p *Procedure) { p.Local, p.Code = true, "STP 01" }, "code", "Mã thủ tục không được chứa khoảng trắng"},
		{"extended not longer", func(p *Procedure) { p.ExtendedTimeLimit, p.ExtendedWhen = wd(5), "Phức tạp" }, "extended_time_limit", "phải dài hơn thời hạn giải quyết"},
		{"extended in another unit", func(p *Procedure) { p.ExtendedTimeLimit, p.ExtendedWhen = cd(15), "Phức tạp" }, "extended_time_limit", "cùng đơn vị"},
		{"extended without its case", func(p *Procedure) { p.ExtendedTimeLimit = wd(10) }, "extended_when", "Phải ghi trường hợp được kéo dài thời hạn"},
		{"extension case without a limit", func(p *Procedure) { p.ExtendedWhen = "Phức tạp" }, "extended_time_limit", "chưa ghi thời hạn kéo dài"},
		{"channel rule", func(p *Procedure) {
			p.ChannelRules = []ChannelRule{{Channel: ChannelOnline, TimeLimit: wd(4), Steps: stepsWD(4)}}
		}, "", ""},
		{"channel rule steps do not fill it", func(p *Procedure) {
			p.ChannelRules = []ChannelRule{{Channel: ChannelOnline, TimeLimit: wd(4), Steps: stepsWD(5)}}
		}, "channel_rules[0].steps", "Tổng thời gian các bước (5 ngày làm việc) khác thời hạn giải quyết (4 ngày làm việc)"},
		{"channel rule for a channel not allowed", func(p *Procedure) {
			p.Channels = []Channel{ChannelDirect, ChannelOnline}
			p.ChannelRules = []ChannelRule{{Channel: ChannelPostal, TimeLimit: wd(4), Steps: stepsWD(4)}}
		}, "channel_rules[0].channel", "thủ tục không cho thực hiện theo cách này"},
		{"repeated channel rule", func(p *Procedure) {
			r := ChannelRule{Channel: ChannelOnline, TimeLimit: wd(4), Steps: stepsWD(4)}
			p.ChannelRules = []ChannelRule{r, r}
		}, "channel_rules[1].channel", "bị lặp"},
		{"unknown mark", func(p *Procedure) { p.Provenance.Verified[FactFee] = "yes" }, "provenance.verified", "Cờ nguồn không hợp lệ"},
		{"unknown fact", func(p *Procedure) { p.Provenance.Verified["colour"] = MarkSourced }, "provenance.verified", "Cờ nguồn cho mục không xác định"},
		{"unverified flags out of step", func(p *Procedure) { p.Provenance.Verified[FactFee] = MarkMemory }, "unverified_fields",
			"Danh sách mục chưa xác minh không khớp với cờ nguồn (theo cờ nguồn: phí, lệ phí)"},
		{"unverified flag set without fields", func(p *Procedure) { p.Unverified = true }, "unverified_fields", "theo cờ nguồn: không có"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sample()
			tt.edit(&p)
			err := p.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			wantInvalid(t, err, tt.field, tt.want)
		})
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	p := sample()
	p.Name = ""
	p.Fees[0].Amount = -5
	p.Steps = p.Steps[:1]
	err := p.Validate()
	for _, want := range []string{"Tên thủ tục không được để trống", "Mức phí, lệ phí không được âm", "Tổng thời gian các bước"} {
		wantInvalid(t, err, "", want)
	}
}

func TestUnverifiedFields(t *testing.T) {
	p := sample()
	if p.Unverified || len(p.UnverifiedFields) != 0 {
		t.Fatalf("fully sourced procedure: unverified = %v %v", p.Unverified, p.UnverifiedFields)
	}
	// The internal process is the province's own: an M there is expected
	// and raises no warning.
	p.Provenance.Verified = map[Fact]Mark{FactCode: "S", FactName: "S", FactTime: "S-old", FactFee: "-", FactResult: "S", FactOnlineLevel: "M", FactLegalBasis: "S", FactProcess: "M"}
	p.UpdateVerification()
	want := []Fact{FactTime, FactFee, FactOnlineLevel, FactDocuments}
	if !p.Unverified || len(p.UnverifiedFields) != len(want) {
		t.Fatalf("unverified = %v %v, want %v", p.Unverified, p.UnverifiedFields, want)
	}
	for i := range want {
		if p.UnverifiedFields[i] != want[i] {
			t.Errorf("unverified fields = %v, want %v", p.UnverifiedFields, want)
		}
	}
	if err := p.Validate(); err != nil {
		t.Errorf("Validate after UpdateVerification: %v", err)
	}
}

// TestTimeLimitFor: Thanh Hóa publishes 10 working days for a filing in
// person or by post and 07 online (DVCQG_241012).
func TestTimeLimitFor(t *testing.T) {
	p := arbitrationBranch()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ch   Channel
		want calendar.Duration
	}{
		{ChannelDirect, wd(10)},
		{ChannelPostal, wd(10)},
		{ChannelOnline, wd(7)},
	}
	for _, tt := range tests {
		if got := p.TimeLimitFor(tt.ch); got != tt.want {
			t.Errorf("TimeLimitFor(%s) = %v, want %v", tt.ch, got, tt.want)
		}
	}
	if got := len(p.StepsFor(ChannelOnline)); got != 5 || p.StepsFor(ChannelOnline)[1].Allotted != wh(32) {
		t.Errorf("StepsFor(online) = %v, want the 07-day process", p.StepsFor(ChannelOnline))
	}
	if p.StepsFor(ChannelDirect)[1].Allotted != wh(56) {
		t.Errorf("StepsFor(direct) = %v, want the 10-day process", p.StepsFor(ChannelDirect))
	}
}

func TestFeeFor(t *testing.T) {
	lltp := judicialRecord()
	if err := lltp.Validate(); err != nil {
		t.Fatal(err)
	}
	naturalisation := sample()
	naturalisation.Fees = []Fee{{Name: "Lệ phí", Amount: 3000000, Reductions: []Reduction{{FeeSpecialContribution, 0}, {FeeStatelessHardship, 0}}}}
	insolvency := sample()
	insolvency.Fees = []Fee{{Name: "Phí", Amount: 800000}, {Name: "Lệ phí", Amount: 100000}}
	free := sample()
	free.Fees = nil
	tests := []struct {
		name string
		p    Procedure
		c    FeeCategory
		want int64
	}{
		// TT 244/2016/TT-BTC: 200.000 đồng; the 5.000 đồng per extra
		// Phiếu is charged only from the 3rd Phiếu, so not by default.
		{"judicial record, standard", lltp, FeeStandard, 200000},
		{"judicial record, empty category is standard", lltp, "", 200000},
		{"judicial record, student", lltp, FeeStudent, 100000},
		{"judicial record, person with merit", lltp, FeeMeritorious, 100000},
		{"judicial record, martyr's relative", lltp, FeeMartyrRelative, 100000},
		{"judicial record, child exempt", lltp, FeeChild, 0},
		{"judicial record, elderly exempt", lltp, FeeElderly, 0},
		{"judicial record, poor household exempt", lltp, FeePoorHousehold, 0},
		// TT 281/2016/TT-BTC: lệ phí nhập quốc tịch 3.000.000 đồng; exempt
		// for stateless people in hardship.
		{"naturalisation, standard", naturalisation, FeeStandard, 3000000},
		{"naturalisation, stateless in hardship", naturalisation, FeeStatelessHardship, 0},
		{"naturalisation, a category the fee does not reduce", naturalisation, FeeStudent, 3000000},
		// TT 224/2016/TT-BTC: phí thẩm định 800.000 + lệ phí 100.000.
		{"insolvency administrator, two fees", insolvency, FeeStandard, 900000},
		{"free procedure", free, FeeStandard, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.FeeFor(tt.c); got != tt.want {
				t.Errorf("FeeFor(%q) = %d, want %d", tt.c, got, tt.want)
			}
		})
	}
}

// TestInForceAt: the department issued judicial record certificates from
// 01/7/2010 (Luật Lý lịch tư pháp 2009 in force) until 28/02/2025; the
// provincial police from 01/3/2025.
func TestInForceAt(t *testing.T) {
	p := judicialRecord()
	open := sample()
	tests := []struct {
		name string
		p    Procedure
		d    calendar.Date
		want bool
	}{
		{"before the law", p, calendar.NewDate(2010, 6, 30), false},
		{"first day", p, calendar.NewDate(2010, 7, 1), true},
		{"in between", p, calendar.NewDate(2024, 12, 31), true},
		{"last day", p, calendar.NewDate(2025, 2, 28), true},
		{"day of handover to the police", p, calendar.NewDate(2025, 3, 1), false},
		{"open-ended, before", open, calendar.NewDate(2025, 6, 30), false},
		{"open-ended, from", open, calendar.NewDate(2025, 7, 1), true},
		{"open-ended, far later", open, calendar.NewDate(2040, 1, 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.InForceAt(tt.d); got != tt.want {
				t.Errorf("InForceAt(%v) = %v, want %v", tt.d, got, tt.want)
			}
		})
	}
}

// TestInForceAtDateOf: the day that counts is the day in Viet Nam (UTC+7).
// A request at 23:30 UTC on 28/02/2025 arrives at 06:30 on 01/3/2025, the
// day the police took over judicial records.
func TestInForceAtDateOf(t *testing.T) {
	p := judicialRecord()
	if at := time.Date(2025, 2, 28, 23, 30, 0, 0, time.UTC); p.InForceAt(calendar.DateOf(at)) {
		t.Errorf("department version in force at %v (01/3/2025 in Viet Nam)", at)
	}
	if at := time.Date(2025, 2, 28, 16, 59, 0, 0, time.UTC); !p.InForceAt(calendar.DateOf(at)) {
		t.Errorf("department version not in force at %v (28/02/2025 in Viet Nam)", at)
	}
}

// TestEffectiveDatesJSON: effective dates are "YYYY-MM-DD"; an open-ended
// version has no effective_to key; a date in another form is rejected.
func TestEffectiveDatesJSON(t *testing.T) {
	b, err := json.Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"effective_from":"2025-07-01"`) || strings.Contains(string(b), "effective_to") {
		t.Errorf("Marshal(open-ended) = %s", b)
	}
	b, err = json.Marshal(judicialRecord())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"effective_from":"2010-07-01","effective_to":"2025-02-28"`) {
		t.Errorf("Marshal(closed) = %s", b)
	}
	var back Procedure
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.EffectiveFrom != calendar.NewDate(2010, 7, 1) || back.EffectiveTo != calendar.NewDate(2025, 2, 28) {
		t.Errorf("Unmarshal: effective %v to %v", back.EffectiveFrom, back.EffectiveTo)
	}
	for _, bad := range []string{`"01/07/2010"`, `"2025-02-30"`, `"2025-2-1"`} {
		if err := json.Unmarshal([]byte(`{"effective_from":`+bad+`}`), &back); err == nil {
			t.Errorf("Unmarshal accepted effective_from %s", bad)
		}
	}
}

func TestSearchText(t *testing.T) {
	p := judicialRecord()
	if got, want := p.SearchText(), Fold("ly lich tu phap"); !strings.Contains(got, want) {
		t.Errorf("SearchText() = %q does not contain %q", got, want)
	}
	if got := sample().SearchText(); !strings.Contains(got, "1.013859") || !strings.Contains(got, "cong chung") {
		t.Errorf("SearchText() = %q, want the code and the field", got)
	}
}

func TestValidateCatalog(t *testing.T) {
	a, b := sample(), sample()
	b.ID = "notary.card_issue_copy"
	wantInvalid(t, ValidateCatalog([]Procedure{a, b}), "code", `Mã thủ tục "1.013859" bị trùng`)

	b.Code = ""
	b.Name = "CẤP THẺ CÔNG CHỨNG VIÊN"
	wantInvalid(t, ValidateCatalog([]Procedure{a, b}), "name", "Tên thủ tục bị trùng")

	b.ID = a.ID
	b.Name = "Cấp lại thẻ công chứng viên"
	wantInvalid(t, ValidateCatalog([]Procedure{a, b}), "id", "Mã định danh thủ tục bị trùng")

	// Two versions of one name that are never in force together, or that
	// belong to different agencies, are fine.
	dept, police := judicialRecord(), judicialRecord()
	police.ID, police.Agency, police.EffectiveFrom, police.EffectiveTo = "judicial_record.certificate_police", AgencyProvincialPolice, calendar.NewDate(2025, 3, 1), calendar.Date{}
	later := judicialRecord()
	later.ID, later.EffectiveFrom, later.EffectiveTo = "judicial_record.v2", calendar.NewDate(2025, 3, 1), calendar.Date{}
	if err := ValidateCatalog([]Procedure{dept, police, later}); err != nil {
		t.Errorf("ValidateCatalog: %v", err)
	}
	later.EffectiveFrom = calendar.NewDate(2025, 2, 28)
	wantInvalid(t, ValidateCatalog([]Procedure{dept, later}), "name", "Tên thủ tục bị trùng")
}

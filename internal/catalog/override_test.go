package catalog

import (
	"testing"

	"tuphap/internal/calendar"
)

// TestValidateOverride: the time limits of a procedure's legal basis are
// maxima; a province publishes its own version and may cut them (e.g.
// Thanh Hóa, 07 instead of 10 working days online, DVCQG_241012), never
// extend them, and it may not touch the national code or the field.
func TestValidateOverride(t *testing.T) {
	tests := []struct {
		name  string
		base  func() Procedure
		edit  func(p *Procedure)
		field string
		want  string // "" when allowed
	}{
		{"unchanged", arbitrationBranch, func(p *Procedure) {}, "", ""},
		{"shorter limit with its process", arbitrationBranch, func(p *Procedure) {
			p.TimeLimit, p.Steps = wd(8), stepsWD(8)
		}, "", ""},
		{"shorter online limit", arbitrationBranch, func(p *Procedure) {
			p.ChannelRules[0].TimeLimit, p.ChannelRules[0].Steps = wd(5), stepsWD(5)
		}, "", ""},
		{"new channel rule that shortens", sample, func(p *Procedure) {
			p.ChannelRules = []ChannelRule{{Channel: ChannelOnline, TimeLimit: wd(4), Steps: stepsWD(4)}}
		}, "", ""},
		{"local changes to process, documents, online level", sample, func(p *Procedure) {
			p.Steps[1].Unit, p.Steps[2].Unit = "PBTTP", "PBTTP"
			p.Documents = append(p.Documents, Document{Name: "Tờ khai bổ sung", Originals: 1})
			p.OnlineLevel = OnlineFull
		}, "", ""},
		{"longer limit", arbitrationBranch, func(p *Procedure) {
			p.TimeLimit, p.Steps = wd(12), stepsWD(12)
		}, "time_limit", "Thời hạn giải quyết chỉ được rút ngắn, không được kéo dài (10 ngày làm việc → 12 ngày làm việc)"},
		{"limit in another unit", arbitrationBranch, func(p *Procedure) {
			p.TimeLimit = cd(14)
			p.Steps = []Step{{Name: "Xử lý", Role: RoleSpecialist, Allotted: cd(14)}}
		}, "time_limit", "không được đổi đơn vị thời hạn (10 ngày làm việc → 14 ngày)"},
		{"online limit lengthened by dropping its rule", arbitrationBranch, func(p *Procedure) {
			p.ChannelRules = nil
		}, "channel_rules", "Thời hạn giải quyết (Trực tuyến) chỉ được rút ngắn, không được kéo dài (7 ngày làm việc → 10 ngày làm việc)"},
		{"online limit lengthened", arbitrationBranch, func(p *Procedure) {
			p.ChannelRules[0].TimeLimit, p.ChannelRules[0].Steps = wd(9), stepsWD(9)
		}, "channel_rules", "(7 ngày làm việc → 9 ngày làm việc)"},
		{"extended limit shortened", judicialRecord, func(p *Procedure) { p.ExtendedTimeLimit = cd(12) }, "", ""},
		{"extended limit dropped", judicialRecord, func(p *Procedure) { p.ExtendedTimeLimit, p.ExtendedWhen = calendar.Duration{}, "" }, "", ""},
		// Luật Lý lịch tư pháp 2009, Điều 48: at most 15 days.
		{"extended limit lengthened", judicialRecord, func(p *Procedure) { p.ExtendedTimeLimit = cd(20) }, "extended_time_limit",
			"Thời hạn kéo dài chỉ được rút ngắn, không được kéo dài (15 ngày → 20 ngày)"},
		{"extension the law does not give", sample, func(p *Procedure) {
			p.ExtendedTimeLimit, p.ExtendedWhen = wd(10), "Hồ sơ phức tạp"
		}, "extended_time_limit", "Không được thêm thời hạn kéo dài"},
		{"national code changed", sample, func(p *Procedure) { p.Code = "1.013860" }, "code",
			`Không được thay đổi mã thủ tục quốc gia ("1.013859" → "1.013860")`},
		{"national code dropped", sample, func(p *Procedure) { p.Code = "" }, "code", "Không được thay đổi mã thủ tục quốc gia"},
		{"field changed", sample, func(p *Procedure) { p.Field = Field{Code: FieldLawyer, Name: "Luật sư"} }, "field",
			"Không được thay đổi lĩnh vực của thủ tục (Công chứng → Luật sư)"},
		{"made local", sample, func(p *Procedure) { p.Local = true }, "local", "không thể chuyển thành thủ tục riêng của địa phương"},
		{"id changed", sample, func(p *Procedure) { p.ID = "notary.other" }, "id", "Không được đổi mã định danh thủ tục"},
		{"edit must still be valid", sample, func(p *Procedure) { p.Name = "" }, "name", "Tên thủ tục không được để trống"},
		{"shorter limit but process not adjusted", arbitrationBranch, func(p *Procedure) { p.TimeLimit = wd(8) }, "steps",
			"Tổng thời gian các bước (10 ngày làm việc) khác thời hạn giải quyết (8 ngày làm việc)"},
		{"local procedure: any valid edit", localProcedure, func(p *Procedure) {
			p.Code, p.Field = "STP-02", Field{Code: "internal_admin", Name: "Hành chính nội bộ"}
			p.TimeLimit, p.Steps = wd(8), stepsWD(8)
		}, "", ""},
		{"local procedure stays local", localProcedure, func(p *Procedure) { p.Local = false }, "local", "không thể chuyển thành thủ tục có sẵn"},
		{"local procedure code keeps its format", localProcedure, func(p *Procedure) { p.Code = "STP 02" }, "code", "không được chứa khoảng trắng"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base()
			if err := base.Validate(); err != nil {
				t.Fatalf("base: %v", err)
			}
			edited := tt.base()
			tt.edit(&edited)
			err := ValidateOverride(base, edited)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ValidateOverride: %v", err)
				}
				return
			}
			wantInvalid(t, err, tt.field, tt.want)
		})
	}
}

func localProcedure() Procedure {
	p := sample()
	p.ID, p.Code, p.Local = "local.stp_01", "STP-01", true
	p.Name = "Cấp giấy xác nhận tham gia hoạt động tư vấn pháp luật cho doanh nghiệp (thủ tục riêng của tỉnh)"
	return p
}

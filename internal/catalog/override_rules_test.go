package catalog

import "testing"

// TestOverrideStepsAndFees: a tenant's copy may shorten the steps of its
// internal process and lower fees, never lengthen a step of the same
// process nor charge more than the legal amount (Luật Phí và lệ phí 2015;
// TT 244/2016/TT-BTC: 200.000 đồng a judicial record certificate, 100.000
// for students, free for children).
func TestOverrideStepsAndFees(t *testing.T) {
	tests := []struct {
		name  string
		base  func() Procedure
		edit  func(p *Procedure)
		field string
		want  string
	}{
		{"one step shortened with the limit", sample, func(p *Procedure) {
			p.TimeLimit = wd(4)
			p.Steps[1].Allotted = wh(8)
		}, "", ""},
		{"time moved from one step to another", sample, func(p *Procedure) {
			// Same total (5 days), but the director's step grows from 1 to 2 days.
			p.Steps[1].Allotted = wh(8)
			p.Steps[3].Allotted = wd(2)
		}, "steps[3].allotted", "Bước 4 (Lãnh đạo Sở ký duyệt): thời gian chỉ được rút ngắn, không được kéo dài (1 ngày làm việc → 2 ngày làm việc)"},
		{"step lengthened in hours", sample, func(p *Procedure) {
			p.Steps[0].Allotted, p.Steps[1].Allotted = wh(6), wh(14)
		}, "steps[0].allotted", "Bước 1 (Tiếp nhận hồ sơ): thời gian chỉ được rút ngắn, không được kéo dài (4 giờ làm việc → 6 giờ làm việc)"},
		{"online process step lengthened", arbitrationBranch, func(p *Procedure) {
			p.ChannelRules[0].Steps[1].Allotted = wh(8*7 - 24 - 8)
			p.ChannelRules[0].Steps[2].Allotted = wd(2)
		}, "channel_rules[0].steps[2].allotted", "Bước 3 (Lãnh đạo phòng trình ký): thời gian chỉ được rút ngắn"},
		{"reshaped process only has to fill the limit", sample, func(p *Procedure) {
			p.Steps = []Step{{Name: "Tiếp nhận và xử lý", Role: RoleSpecialist, Unit: "BTTP", Allotted: wd(3)}, {Name: "Ký duyệt", Role: RoleDirector, Allotted: wd(2)}}
		}, "", ""},
		{"fee lowered", sample, func(p *Procedure) { p.Fees[0].Amount = 50000 }, "", ""},
		{"fee raised", sample, func(p *Procedure) { p.Fees[0].Amount = 150000 }, "fees[0].amount",
			"Lệ phí cho người nộp phí, lệ phí thông thường không được cao hơn mức quy định (100.000 → 150.000 đồng)"},
		{"fee added where the law gives none", sample, func(p *Procedure) {
			p.Fees = append(p.Fees, Fee{Name: "Phí", Description: "Phí dịch vụ", Amount: 20000})
		}, "fees[1]", `Không được thêm khoản phí "Phí dịch vụ" mà thủ tục gốc không quy định`},
		{"fee dropped (exemption)", sample, func(p *Procedure) { p.Fees = nil }, "", ""},
		{"student reduction raised", judicialRecord, func(p *Procedure) { p.Fees[0].Reductions[0].Amount = 150000 }, "fees[0].amount",
			"Phí cho sinh viên không được cao hơn mức quy định (100.000 → 150.000 đồng)"},
		{"exemption of children removed", judicialRecord, func(p *Procedure) {
			p.Fees[0].Reductions = p.Fees[0].Reductions[:3]
		}, "fees[0].amount", "Phí cho trẻ em không được cao hơn mức quy định (0 → 200.000 đồng)"},
		{"new exemption added", judicialRecord, func(p *Procedure) {
			p.Fees[0].Reductions = append(p.Fees[0].Reductions, Reduction{FeeStatelessHardship, 0})
		}, "", ""},
		{"unverified fee: the province's figure stands", func() Procedure {
			p := sample()
			p.Provenance.Verified[FactFee] = MarkMemory
			p.UpdateVerification()
			return p
		}, func(p *Procedure) { p.Fees[0].Amount = 120000 }, "", ""},
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

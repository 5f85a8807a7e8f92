package annualreport

// Field is a part of the report (a line of the department's work) and the
// figures it is expected to state, with their stable keys and definitions.
// The keys are the JSON keys of `tuphap report annual` and stay stable.
type Field struct {
	Key      string
	Title    string
	Register string // the register that keeps it, for "not kept yet"
	// Registers names the register of a figure kept by another register
	// than the field's (a contest's entries in dissemination).
	Registers map[string]string
	Figures   []Expected
}

// RegisterOf is the register that keeps a figure of the field.
func (f Field) RegisterOf(key string) string {
	if r := f.Registers[key]; r != "" {
		return r
	}
	return f.Register
}

// Expected is a figure a field states.
type Expected struct {
	Key, Label, Unit, Definition string
}

// Fields are the report's fields in the order of the seeds' reports.
var Fields = []Field{
	{Key: "onestop", Title: "Cải cách hành chính, giải quyết thủ tục hành chính", Register: "Một cửa", Figures: []Expected{
		{"dossiers_received", "Hồ sơ tiếp nhận", "hồ sơ", "Hồ sơ thủ tục hành chính phải giải quyết trong kỳ: kỳ trước chuyển sang + tiếp nhận mới (trực tuyến, trực tiếp và bưu chính), cột 3 Biểu 06/VPCP/KSTT."},
		{"dossiers_resolved", "Hồ sơ đã giải quyết", "hồ sơ", "Hồ sơ có kết quả trong kỳ (trước hạn, đúng hạn, quá hạn), cột 7 Biểu 06."},
		{"on_time_rate", "Tỷ lệ giải quyết trước hạn, đúng hạn", "%", "(Trước hạn + đúng hạn) ÷ số hồ sơ đã giải quyết × 100, làm tròn một chữ số thập phân (Biểu 06)."},
		{"online_rate", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "%", "Hồ sơ tiếp nhận trực tuyến ÷ (trực tuyến + trực tiếp, bưu chính) tiếp nhận mới trong kỳ × 100 (Biểu 06)."},
	}},
	{Key: "judicial_records", Title: "Lý lịch tư pháp", Register: "Sổ lý lịch tư pháp", Figures: []Expected{
		{"jr_certificates_issued", "Phiếu lý lịch tư pháp đã cấp", "phiếu", "Phiếu lý lịch tư pháp số 1 và số 2 cấp trong kỳ (ngày cấp trong kỳ), mọi kênh tiếp nhận."},
	}},
	{Key: "legal_aid", Title: "Trợ giúp pháp lý", Register: "Sổ trợ giúp pháp lý", Figures: []Expected{
		{"legalaid_cases", "Vụ việc trợ giúp pháp lý thụ lý mới", "vụ việc", "Vụ việc trợ giúp pháp lý vào sổ thụ lý trong kỳ (ngày thụ lý trong kỳ), mọi hình thức: tham gia tố tụng, đại diện ngoài tố tụng, tư vấn pháp luật (Điều 27 Luật Trợ giúp pháp lý 2017); không tính vụ việc kỳ trước chuyển sang."},
	}},
	{Key: "legal_documents", Title: "Xây dựng, thẩm định, kiểm tra văn bản quy phạm pháp luật", Register: "Sổ văn bản quy phạm pháp luật", Figures: []Expected{
		{"drafts_appraised", "Dự thảo văn bản đã thẩm định", "dự thảo", "Dự thảo văn bản quy phạm pháp luật Sở Tư pháp đã gửi báo cáo thẩm định trong kỳ (ngày báo cáo thẩm định trong kỳ)."},
	}},
	{Key: "dissemination", Title: "Phổ biến, giáo dục pháp luật", Register: "Sổ phổ biến, giáo dục pháp luật",
		Registers: map[string]string{"contest_participants": "Cuộc thi tìm hiểu pháp luật trực tuyến"}, Figures: []Expected{
			{"leaflets_distributed", "Tài liệu, tờ gấp phát hành", "bản", "Tờ gấp, tài liệu phổ biến pháp luật phát hành trong kỳ."},
			{"contest_participants", "Lượt người dự thi tìm hiểu pháp luật", "lượt", "Bài dự thi hợp lệ (đã nộp hoặc hết giờ, không bị hủy) nộp trong kỳ, mọi vòng thi của các cuộc thi trực tuyến tìm hiểu pháp luật (giờ Việt Nam)."},
		}},
	{Key: "mediation", Title: "Hòa giải ở cơ sở", Register: "Sổ hòa giải ở cơ sở", Figures: []Expected{
		{"mediation_received", "Vụ việc hòa giải thụ lý", "vụ việc", "Kỳ trước chuyển sang (nhận trước kỳ, chưa kết thúc trước kỳ) + tiếp nhận mới trong kỳ, các xã, phường của tỉnh."},
		{"mediation_successful", "Hòa giải thành", "vụ việc", "Vụ việc kết thúc trong kỳ với kết quả hòa giải thành."},
		{"mediation_success_rate", "Tỷ lệ hòa giải thành", "%", "Hòa giải thành ÷ vụ việc thụ lý × 100 (như \"1.673 vụ/2.276 vụ, đạt 73,5%\")."},
	}},
	{Key: "petitions", Title: "Tiếp công dân, giải quyết khiếu nại, tố cáo", Register: "Sổ tiếp công dân, đơn thư", Figures: []Expected{
		{"petitions_received", "Đơn thư tiếp nhận", "đơn", "Đơn khiếu nại, tố cáo, kiến nghị, phản ánh Sở tiếp nhận trong kỳ (ngày nhận trong kỳ, mọi nguồn, kể cả đơn trùng), theo sổ của Sở."},
	}},
	{Key: "practitioners", Title: "Bổ trợ tư pháp", Register: "Sổ quản lý tổ chức, người hành nghề bổ trợ tư pháp", Figures: []Expected{
		{"practitioner_organisations", "Tổ chức hành nghề bổ trợ tư pháp", "tổ chức", "Tổ chức hành nghề công chứng, luật sư, đấu giá tài sản, thừa phát lại, giám định tư pháp, trọng tài thương mại, hòa giải thương mại, quản lý, thanh lý tài sản có trạng thái đang hoạt động ngày cuối kỳ theo sổ của Sở."},
	}},
	{Key: "emulation", Title: "Thi đua, khen thưởng và công tác dân vận", Register: "Sổ thi đua, khen thưởng", Figures: []Expected{
		{"commendations", "Tập thể, cá nhân được khen thưởng", "lượt", "Danh hiệu thi đua, hình thức khen thưởng có quyết định trong kỳ và còn hiệu lực (không tính đề nghị chưa quyết định, bị từ chối hay đã hủy bỏ)."},
		{"commendations_collective", "Tập thể được khen thưởng", "lượt", "Như trên, tập thể."},
		{"commendations_individual", "Cá nhân được khen thưởng", "lượt", "Như trên, cá nhân."},
		{"danvan_models", "Mô hình \"Dân vận khéo\" được công nhận", "mô hình", "Mô hình \"Dân vận khéo\" có quyết định công nhận trong kỳ."},
	}},
	{Key: "reform", Title: "Kết quả thực hiện kế hoạch cải cách hành chính của Sở", Register: "Kế hoạch CCHC", Figures: []Expected{
		{"par_tasks_due", "Nhiệm vụ CCHC đến hạn", "nhiệm vụ", "Nhiệm vụ của kế hoạch CCHC có thời hạn trong kỳ (đến hôm nay nếu kỳ chưa kết thúc)."},
		{"par_tasks_on_time_rate", "Tỷ lệ nhiệm vụ CCHC hoàn thành đúng hạn", "%", "Nhiệm vụ hoàn thành không muộn hơn thời hạn ÷ nhiệm vụ đến hạn trong kỳ × 100."},
		{"par_self_assessment", "Điểm tự đánh giá Chỉ số CCHC", "điểm", "Tổng điểm tự đánh giá các tiêu chí của năm (chỉ tính tiêu chí đã chấm)."},
		{"sipas_satisfaction_rate", "Tỷ lệ đánh giá hài lòng của người dân (đầu vào SIPAS)", "%", "Hồ sơ giải quyết trong kỳ được người nộp đánh giá, trừ đánh giá \"không hài lòng\", ÷ hồ sơ được đánh giá × 100 (đánh giá trên cổng dịch vụ công)."},
	}},
}

// FieldOf returns the field of a key.
func FieldOf(key string) (Field, bool) {
	for _, f := range Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

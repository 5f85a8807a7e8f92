package render

import (
	"fmt"
	"time"
)

// Sample content for the tests, as a reception desk of a provincial
// Department of Justice would fill it. Times are given in UTC on purpose:
// the slips must print them in Vietnam's time.

var utc = time.UTC

func sampleAgency() Agency {
	return Agency{
		Superior: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
		Name:     "SỞ TƯ PHÁP",
		Desk:     "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
		FullName: "Sở Tư pháp tỉnh Đồng Tháp",
		Place:    "Đồng Tháp",
		Phone:    "0277 3851 234",
	}
}

func samplePerson() Person {
	return Person{
		FullName: "Nguyễn Thị Hồng Nhung",
		IDNumber: "087190001234",
		Address:  "Số 12, đường Nguyễn Huệ, khóm 3, phường Cao Lãnh, tỉnh Đồng Tháp",
		Phone:    "0913 456 789",
		Email:    "nhung.nguyen@example.vn",
	}
}

const (
	sampleCode      = "000.00.12.H18-261121-0007"
	sampleProcedure = "Đăng ký hành nghề và cấp Thẻ công chứng viên"
	sampleQR        = "https://dichvucong.tuphap.dongthap.gov.vn/tra-cuu?ma=000.00.12.H18-261121-0007&pin=482915"
)

// 10:05 on 21/11/2026 in Vietnam.
var sampleReceived = time.Date(2026, 11, 21, 3, 5, 0, 0, utc)

func sampleReceipt() ReceiptSlip {
	return ReceiptSlip{
		Agency:    sampleAgency(),
		Code:      sampleCode,
		Applicant: samplePerson(),
		Procedure: sampleProcedure,
		Documents: []Document{
			{Name: "Đơn đề nghị đăng ký hành nghề và cấp Thẻ công chứng viên (Mẫu TP-CC-06)", Originals: 1},
			{Name: "Quyết định bổ nhiệm công chứng viên", Copies: 1},
			{Name: "Giấy tờ chứng minh là thành viên hợp danh hoặc hợp đồng lao động với tổ chức hành nghề công chứng", Originals: 1, Copies: 1},
			{Name: "Ảnh chân dung cỡ 2cm x 3cm", Originals: 1},
		},
		Sets:         1,
		TimeLimit:    "10 ngày làm việc",
		ReceivedAt:   sampleReceived,
		DueAt:        time.Date(2026, 12, 4, 9, 0, 0, 0, utc),
		Delivery:     "Bộ phận tiếp nhận và trả kết quả, Sở Tư pháp tỉnh Đồng Tháp (nhận trực tiếp)",
		RegisterBook: "02/2026",
		RegisterNo:   "1547",
		Receiver:     "Lê Văn Bình",
		LookupPIN:    "482915",
		QR:           sampleQR,
	}
}

func sampleSupplement() SupplementRequest {
	deadline := time.Date(2026, 11, 27, 10, 0, 0, 0, utc)
	return SupplementRequest{
		Agency:    sampleAgency(),
		Code:      sampleCode,
		Applicant: samplePerson(),
		Procedure: sampleProcedure,
		Items: []string{
			"Bổ sung bản sao có chứng thực Quyết định bổ nhiệm công chứng viên.",
			"Hoàn thiện Đơn đề nghị (Mẫu TP-CC-06): ghi đầy đủ tên tổ chức hành nghề công chứng nơi đăng ký hành nghề và có chữ ký của người đề nghị.",
		},
		Reason:   "Hồ sơ chưa đủ thành phần theo quy định tại Luật Công chứng năm 2024.",
		Deadline: &deadline,
		Officer:  "Lê Văn Bình",
		At:       sampleReceived,
		QR:       sampleQR,
	}
}

func sampleRefusal() Refusal {
	return Refusal{
		Agency:    sampleAgency(),
		Applicant: samplePerson(),
		Procedure: "Cấp Phiếu lý lịch tư pháp số 1",
		Reason:    "Từ ngày 01/3/2025, việc cấp Phiếu lý lịch tư pháp thuộc thẩm quyền của Công an tỉnh; Sở Tư pháp không còn tiếp nhận yêu cầu này. Đề nghị ông/bà nộp hồ sơ tại Công an tỉnh hoặc qua ứng dụng VNeID.",
		Officer:   "Lê Văn Bình",
		At:        sampleReceived,
		QR:        "https://dichvucong.tuphap.dongthap.gov.vn/thu-tuc/1.001233",
	}
}

func sampleApology() Apology {
	return Apology{
		Agency:      sampleAgency(),
		Number:      "215/STP-HCTP",
		Code:        sampleCode,
		Applicant:   samplePerson(),
		Procedure:   sampleProcedure,
		ReceivedAt:  sampleReceived,
		OriginalDue: time.Date(2026, 12, 4, 9, 0, 0, 0, utc),
		NewDue:      time.Date(2026, 12, 11, 9, 0, 0, 0, utc),
		Reason:      "Cần xác minh thông tin về tổ chức hành nghề công chứng nơi ông/bà đăng ký hành nghề với Sở Tư pháp tỉnh An Giang; đến nay chưa nhận được văn bản trả lời.",
		UnitAtFault: "Phòng Bổ trợ tư pháp, Sở Tư pháp tỉnh Đồng Tháp",
		Signer:      "Trần Quốc Tuấn",
		SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
		Recipients:  []string{"Như trên;", "Bộ phận tiếp nhận và trả kết quả;", "Lưu: VT, BTTP."},
		At:          time.Date(2026, 12, 2, 2, 0, 0, 0, utc),
		QR:          sampleQR,
	}
}

func sampleStop() StopNotice {
	return StopNotice{
		Agency:      sampleAgency(),
		Number:      "220/TB-STP",
		Code:        sampleCode,
		Applicant:   samplePerson(),
		Procedure:   sampleProcedure,
		ReceivedAt:  sampleReceived,
		Reason:      "Ông/bà đã có đơn đề nghị dừng giải quyết hồ sơ ngày 01/12/2026.",
		Signer:      "Trần Quốc Tuấn",
		SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
		At:          time.Date(2026, 12, 2, 2, 0, 0, 0, utc),
		QR:          sampleQR,
	}
}

func sampleControl(n int) ControlSheet {
	s := ControlSheet{
		Agency:       sampleAgency(),
		Code:         sampleCode,
		Applicant:    samplePerson(),
		Procedure:    sampleProcedure,
		ReceivedAt:   sampleReceived,
		DueAt:        time.Date(2026, 12, 4, 9, 0, 0, 0, utc),
		Handling:     "Phòng Bổ trợ tư pháp, Sở Tư pháp tỉnh Đồng Tháp",
		Coordinating: []string{"Sở Tư pháp tỉnh An Giang"},
		QR:           sampleQR,
	}
	if n == 0 {
		s.Rows = []ControlRow{
			{Giver: "Bộ phận tiếp nhận và trả kết quả – Lê Văn Bình", Receiver: "Phòng Bổ trợ tư pháp – Phạm Thị Mai",
				At: time.Date(2026, 11, 21, 3, 30, 0, 0, utc), StepDue: time.Date(2026, 11, 23, 10, 0, 0, 0, utc), Outcome: Early},
			{Giver: "Phòng Bổ trợ tư pháp – Phạm Thị Mai", Receiver: "Lãnh đạo Sở – Trần Quốc Tuấn",
				At: time.Date(2026, 12, 3, 8, 0, 0, 0, utc), StepDue: time.Date(2026, 12, 2, 10, 0, 0, 0, utc), Outcome: Late,
				Note: "Chờ văn bản xác minh của Sở Tư pháp tỉnh An Giang"},
			{Giver: "Lãnh đạo Sở – Trần Quốc Tuấn", Receiver: "Bộ phận tiếp nhận và trả kết quả – Lê Văn Bình",
				StepDue: time.Date(2026, 12, 4, 2, 0, 0, 0, utc)},
		}
		return s
	}
	for i := range n {
		at := sampleReceived.Add(time.Duration(i) * 3 * time.Hour)
		s.Rows = append(s.Rows, ControlRow{
			Giver:    fmt.Sprintf("Đơn vị %d – Cán bộ Nguyễn Văn Ấn %d", i+1, i+1),
			Receiver: fmt.Sprintf("Đơn vị %d – Cán bộ Trương Ưng Ượng %d", i+2, i+2),
			At:       at,
			StepDue:  at.Add(8 * time.Hour),
			Outcome:  []string{Early, OnTime, Late}[i%3],
			Note:     fmt.Sprintf("Bước %d", i+1),
		})
	}
	return s
}

func manyDocuments(n int) ReceiptSlip {
	s := sampleReceipt()
	s.Documents = nil
	for i := range n {
		s.Documents = append(s.Documents, Document{
			Name:      fmt.Sprintf("Giấy tờ số %d: bản sao có chứng thực giấy tờ chứng minh nhân thân của người đề nghị", i+1),
			Originals: i % 2,
			Copies:    1,
		})
	}
	return s
}

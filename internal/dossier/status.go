// Package dossier is the one-stop shop's core: a citizen's dossier (hồ sơ)
// for one procedure, moved through the procedure's steps by the reception
// desk, the department's units and coordinating agencies against statutory
// deadlines, with every transition recorded as an event.
//
// The statuses are the national ones (the 1–10 codes the national public
// service portal synchronises, research/onestop.md §1.1); the forms are those
// of Circular 03/2025/TT-VPCP; the rules follow Decree 118/2025/NĐ-CP, which
// replaced Decree 61/2018/NĐ-CP on 1/7/2025. The package is plain Go: types,
// rules, and a Service over a small Store interface.
package dossier

import "fmt"

// Status is the national dossier status code (1–10).
type Status int

const (
	Submitted         Status = 1  // Mới đăng ký (online, awaiting check)
	Accepted          Status = 2  // Được tiếp nhận (Mẫu 01 issued)
	Refused           Status = 3  // Không được tiếp nhận (Mẫu 03)
	Processing        Status = 4  // Đang xử lý
	SupplementWaiting Status = 5  // Yêu cầu bổ sung giấy tờ (Mẫu 02); the clock pauses
	FeeWaiting        Status = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	Withdrawn         Status = 7  // Công dân yêu cầu rút hồ sơ
	Stopped           Status = 8  // Dừng xử lý (Mẫu 05)
	ResultReady       Status = 9  // Đã xử lý xong
	Returned          Status = 10 // Đã trả kết quả
)

var statusNames = [...]string{"", "Mới đăng ký", "Được tiếp nhận", "Không được tiếp nhận", "Đang xử lý",
	"Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính", "Công dân yêu cầu rút hồ sơ",
	"Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả"}

// Name is the status's national Vietnamese name.
func (s Status) Name() string {
	if s < Submitted || s > Returned {
		return fmt.Sprintf("Trạng thái %d", int(s))
	}
	return statusNames[s]
}

// Valid reports whether s is one of the ten national codes.
func (s Status) Valid() bool { return s >= Submitted && s <= Returned }

// Open reports whether the dossier is still with the administration: the
// statistics count it as in progress (Biểu 06/VPCP/KSTT).
func (s Status) Open() bool {
	switch s {
	case Accepted, Processing, SupplementWaiting, FeeWaiting:
		return true
	}
	return false
}

// Ended is how a dossier left processing.
type Ended string

const (
	EndResult    Ended = "result"
	EndWithdrawn Ended = "withdrawn"
	EndStopped   Ended = "stopped"
	EndRefused   Ended = "refused"
	// EndRejected: resolution refused in writing after appraisal (Decree
	// 118/2025/NĐ-CP Art. 19(3)); a resolved dossier, classed by its due day.
	EndRejected Ended = "rejected"
	// EndIncomplete: returned to the applicant who did not supplement in
	// time (Decree 118/2025/NĐ-CP Art. 19(5)); counted on time.
	EndIncomplete Ended = "incomplete"
	// EndTransferred marks the sending tenant's copy of a dossier handed
	// over, open, to another agency (package handover); the receiving
	// tenant continues it.
	EndTransferred Ended = "transferred"
)

// Outcome classes a finished step or dossier against its due time
// (trước hạn / đúng hạn / quá hạn).
type Outcome string

const (
	Early  Outcome = "early"
	OnTime Outcome = "on_time"
	Late   Outcome = "late"
)

// Label is the outcome in Vietnamese, as on the process control sheet.
func (o Outcome) Label() string {
	switch o {
	case Early:
		return "Trước hạn"
	case OnTime:
		return "Đúng hạn"
	case Late:
		return "Quá hạn"
	}
	return ""
}

package calendar

import "fmt"

// Unit is the unit a statutory time limit is stated in. Each statute says
// whether a period is in calendar days ("ngày") or working days ("ngày làm
// việc"); the unit is stored with every rule.
type Unit string

const (
	WorkingDays  Unit = "working_days"  // ngày làm việc
	WorkingHours Unit = "working_hours" // giờ làm việc
	CalendarDays Unit = "calendar_days" // ngày (theo lịch)
	SameDay      Unit = "same_day"      // trong ngày
)

// MaxAmount bounds Duration.Amount: far above any statutory time limit, low
// enough that a due date stays inside the supported years.
const MaxAmount = 10000

// Duration is an amount of time in a legal unit, e.g. 10 working days.
type Duration struct {
	Amount int  `json:"amount"`
	Unit   Unit `json:"unit"`
}

// Valid reports whether d names a known unit with a sensible amount.
func (d Duration) Valid() error {
	switch d.Unit {
	case WorkingDays, WorkingHours, CalendarDays:
		if d.Amount <= 0 {
			return fmt.Errorf("thời hạn phải lớn hơn 0")
		}
		if d.Amount > MaxAmount {
			return fmt.Errorf("thời hạn quá lớn (tối đa %d)", MaxAmount)
		}
	case SameDay:
		if d.Amount != 0 && d.Amount != 1 {
			return fmt.Errorf("thời hạn trong ngày không có số lượng")
		}
	default:
		return fmt.Errorf("đơn vị thời hạn không hợp lệ: %q", d.Unit)
	}
	return nil
}

// Label is the Vietnamese name of the unit.
func (u Unit) Label() string {
	switch u {
	case WorkingDays:
		return "ngày làm việc"
	case WorkingHours:
		return "giờ làm việc"
	case CalendarDays:
		return "ngày"
	case SameDay:
		return "trong ngày"
	}
	return string(u)
}

// String is the duration in Vietnamese, e.g. "10 ngày làm việc".
func (d Duration) String() string {
	if d.Unit == SameDay {
		return "Trong ngày"
	}
	return fmt.Sprintf("%d %s", d.Amount, d.Unit.Label())
}

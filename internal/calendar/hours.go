package calendar

import (
	"errors"
	"fmt"
	"time"
)

// TimeOfDay is a wall-clock time in Vietnam, in minutes after midnight.
// It marshals to JSON as "07:30".
type TimeOfDay int

// Clock returns the time of day h:m.
func Clock(h, m int) TimeOfDay { return TimeOfDay(h*60 + m) }

// ParseTimeOfDay parses "HH:MM" (24-hour clock).
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("giờ không hợp lệ %q (định dạng HH:MM)", s)
	}
	return Clock(t.Hour(), t.Minute()), nil
}

// String returns "07:30".
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60) }

// MarshalText implements encoding.TextMarshaler.
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	p, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = p
	return nil
}

func (t TimeOfDay) offset() time.Duration { return time.Duration(t) * time.Minute }

// OfficeHours are an office's two daily working windows, [MorningStart,
// MorningEnd) and [AfternoonStart, AfternoonEnd). Each province fixes them
// for its agencies; the default, DefaultOfficeHours, is the common
// 07:00–11:30 and 13:30–17:00, 8 hours, which the one-stop systems count as
// one working day.
type OfficeHours struct {
	MorningStart   TimeOfDay `json:"morning_start"`
	MorningEnd     TimeOfDay `json:"morning_end"`
	AfternoonStart TimeOfDay `json:"afternoon_start"`
	AfternoonEnd   TimeOfDay `json:"afternoon_end"`
}

// DefaultOfficeHours returns 07:00–11:30 and 13:30–17:00.
func DefaultOfficeHours() OfficeHours {
	return OfficeHours{Clock(7, 0), Clock(11, 30), Clock(13, 30), Clock(17, 0)}
}

// PerDay returns the working time of one working day; a duration in working
// days is that many times this.
func (h OfficeHours) PerDay() time.Duration {
	return (h.MorningEnd - h.MorningStart + h.AfternoonEnd - h.AfternoonStart).offset()
}

// Validate checks that the windows are in order within one day. The lunch
// break may be empty (MorningEnd == AfternoonStart) but no window may be.
func (h OfficeHours) Validate() error {
	if h.MorningStart < 0 || h.MorningStart >= h.MorningEnd || h.MorningEnd > h.AfternoonStart ||
		h.AfternoonStart >= h.AfternoonEnd || h.AfternoonEnd > Clock(24, 0) {
		return fmt.Errorf("giờ làm việc không hợp lệ: sáng %v–%v, chiều %v–%v (phải tăng dần trong một ngày)",
			h.MorningStart, h.MorningEnd, h.AfternoonStart, h.AfternoonEnd)
	}
	return nil
}

// Rules are one version of a tenant's clock rules: working hours and the
// same-day cut-off, in force from EffectiveFrom (00:00 in Vietnam) until the
// next version's EffectiveFrom. A dossier keeps the version in force when it
// was accepted (the one-stop rules are versioned by effective date: Decree
// 61/2018/NĐ-CP until 30/6/2025, Decree 118/2025/NĐ-CP from 1/7/2025).
type Rules struct {
	// EffectiveFrom is the first day the version applies; the zero Date
	// means "since always".
	EffectiveFrom Date        `json:"effective_from"`
	Hours         OfficeHours `json:"hours"`
	// SameDayCutoff: a same-day ("trong ngày") dossier whose clock starts
	// at or before it is due at closing time that day, otherwise at closing
	// time of the next working day ("trường hợp nhận hồ sơ sau 15 giờ mà
	// không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp
	// theo", Law on Civil Status 2014 Art. 5(3)): 15:00 itself is not after.
	SameDayCutoff TimeOfDay `json:"same_day_cutoff"`
	// CalendarDaysEndOfDay selects how a period in calendar days ends. When
	// false (the default, as the one-stop systems compute it) it ends at the
	// same time of day as the clock started, N days later. When true it ends
	// at the closing time of its last day, reading Civil Code 2015 Art. 148(1)
	// ("thời điểm kết thúc ngày cuối cùng của thời hạn") for an office. Either
	// way a last day that is not a working day moves to the next working day
	// (Art. 148(5)).
	CalendarDaysEndOfDay bool `json:"calendar_days_end_of_day,omitempty"`
	// Reading is how a period in days is read: ReadingWorkingHours (the
	// default, "" too) or ReadingCivilCode.
	Reading Reading `json:"reading,omitempty"`
	// LegalBasis names the decision that set these rules.
	LegalBasis string `json:"legal_basis"`
}

// Reading is how a period counted in days is read.
type Reading string

const (
	// ReadingWorkingHours: N working days are N × 8 working hours from the
	// clock's start (one-stop practice; the default).
	ReadingWorkingHours Reading = ""
	// ReadingCivilCode: the period starts the day after acceptance (Civil
	// Code 2015 Art. 147(2)–(3)) and ends at the close of its last working
	// day (Art. 148(1)); a last day that is a rest day moves to the close of
	// the next working day (Art. 148(5)).
	ReadingCivilCode Reading = "civil_code"
)

// Readings lists the readings, default first.
var Readings = []Reading{ReadingWorkingHours, ReadingCivilCode}

// Valid reports whether r is a known reading ("working_hours" is accepted
// for the default).
func (r Reading) Valid() bool {
	return r == ReadingWorkingHours || r == ReadingCivilCode || r == "working_hours"
}

// Label is the reading in Vietnamese.
func (r Reading) Label() string {
	if r == ReadingCivilCode {
		return "Theo Bộ luật Dân sự (từ ngày tiếp theo, hết ngày làm việc cuối cùng)"
	}
	return "Theo giờ làm việc (cộng 8 giờ làm việc mỗi ngày từ thời điểm tiếp nhận)"
}

// DefaultRules returns the rules most provinces use: DefaultOfficeHours, a
// 15:00 same-day cut-off, in force since always.
func DefaultRules() Rules {
	return Rules{
		Hours:         DefaultOfficeHours(),
		SameDayCutoff: Clock(15, 0),
		LegalBasis: "Giờ làm việc hành chính mặc định 07:00–11:30, 13:30–17:00; " +
			"tiếp nhận sau 15 giờ trả kết quả trong ngày làm việc tiếp theo (Luật Hộ tịch 2014, Điều 5 khoản 3); " +
			"Nghị định 118/2025/NĐ-CP về cơ chế một cửa",
	}
}

// Validate checks the rules; messages are in Vietnamese.
func (r Rules) Validate() error {
	var errs []error
	if !r.EffectiveFrom.IsZero() && !r.EffectiveFrom.IsValid() {
		errs = append(errs, fmt.Errorf("ngày hiệu lực không hợp lệ: %v", r.EffectiveFrom))
	}
	if err := r.Hours.Validate(); err != nil {
		errs = append(errs, err)
	}
	if r.SameDayCutoff <= r.Hours.MorningStart || r.SameDayCutoff > r.Hours.AfternoonEnd {
		errs = append(errs, fmt.Errorf("giờ chốt tiếp nhận trong ngày %v phải nằm trong giờ làm việc (%v–%v)",
			r.SameDayCutoff, r.Hours.MorningStart, r.Hours.AfternoonEnd))
	}
	if r.LegalBasis == "" {
		errs = append(errs, errors.New("thiếu căn cứ pháp lý của quy định giờ làm việc"))
	}
	if !r.Reading.Valid() {
		errs = append(errs, fmt.Errorf("cách tính thời hạn %q không hợp lệ (working_hours hoặc civil_code)", string(r.Reading)))
	}
	return errors.Join(errs...)
}

package catalog

import (
	"fmt"
	"regexp"

	"tuphap/internal/calendar"
)

// Step is one step of a procedure's internal process (quy trình nội bộ): who
// holds the dossier and for how long. A step names a role, a unit, or both:
// a unit code of the tenant ("MOTCUA", "BTTP", "HCTP", "VP") or of a
// coordinating agency ("CA_TINH", "TAND", "UBND_TINH", "BTP").
type Step struct {
	Name     string            `json:"name"`
	Role     Role              `json:"role,omitempty"`
	Unit     string            `json:"unit,omitempty"`
	Allotted calendar.Duration `json:"allotted"`
}

// Role is the kind of officer who does a step. The values are those of
// org.Role; catalog does not import org so that it stays a leaf package.
type Role string

const (
	RoleReceptionClerk Role = "reception_clerk" // Công chức tiếp nhận
	RoleSpecialist     Role = "specialist"      // Chuyên viên xử lý
	RoleUnitHead       Role = "unit_head"       // Lãnh đạo phòng
	RoleDirector       Role = "director"        // Lãnh đạo Sở
	RoleAgencyLiaison  Role = "agency_liaison"  // Đầu mối cơ quan phối hợp
)

// Valid reports whether r is a role that can hold a dossier step.
func (r Role) Valid() bool {
	switch r {
	case RoleReceptionClerk, RoleSpecialist, RoleUnitHead, RoleDirector, RoleAgencyLiaison:
		return true
	}
	return false
}

// Label is the role's Vietnamese name as the workflow editor shows it.
func (r Role) Label() string {
	switch r {
	case RoleReceptionClerk:
		return "Công chức tiếp nhận (Một cửa)"
	case RoleSpecialist:
		return "Chuyên viên xử lý"
	case RoleUnitHead:
		return "Lãnh đạo phòng"
	case RoleDirector:
		return "Lãnh đạo cơ quan (ký, phê duyệt)"
	case RoleAgencyLiaison:
		return "Cơ quan phối hợp"
	case "":
		return "Bất kỳ cán bộ nào của đơn vị"
	}
	return string(r)
}

// ChannelRule is a time limit that differs for one channel, with the
// internal process that fits it (e.g. 07 instead of 10 working days when the
// dossier is filed online).
type ChannelRule struct {
	Channel   Channel           `json:"channel"`
	TimeLimit calendar.Duration `json:"time_limit"`
	Steps     []Step            `json:"steps"`
}

// unitCodeRe is the unit code format of package org.
var unitCodeRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{1,31}$`)

// hoursPerDay converts working days to working hours: the normal working
// time is 8 hours a day (Labour Code 2019, Art. 105).
const hoursPerDay = 8

// measure returns d counted in the unit a statute stated in unit u is
// counted in: working hours for working-day, working-hour and same-day
// statutes; calendar days for calendar-day statutes. ok is false when d
// cannot be counted against such a statute (a calendar-day step inside a
// working-day statute, or the reverse).
func measure(u calendar.Unit, d calendar.Duration) (n int, ok bool) {
	switch u {
	case calendar.WorkingDays, calendar.WorkingHours:
		switch d.Unit {
		case calendar.WorkingDays:
			return d.Amount * hoursPerDay, true
		case calendar.WorkingHours:
			return d.Amount, true
		}
	case calendar.SameDay:
		switch d.Unit {
		case calendar.SameDay:
			return hoursPerDay, true
		case calendar.WorkingHours:
			return d.Amount, true
		}
	case calendar.CalendarDays:
		if d.Unit == calendar.CalendarDays {
			return d.Amount, true
		}
	}
	return 0, false
}

// measuredText writes an amount counted by measure for a statute in unit u.
func measuredText(u calendar.Unit, n int) string {
	switch u {
	case calendar.WorkingDays:
		if n%hoursPerDay == 0 {
			return durationText(calendar.Duration{Amount: n / hoursPerDay, Unit: calendar.WorkingDays})
		}
		return durationText(calendar.Duration{Amount: n, Unit: calendar.WorkingHours})
	case calendar.CalendarDays:
		return durationText(calendar.Duration{Amount: n, Unit: calendar.CalendarDays})
	}
	return durationText(calendar.Duration{Amount: n, Unit: calendar.WorkingHours})
}

// durationText writes d in Vietnamese: "10 ngày làm việc", "4 giờ làm việc",
// "15 ngày", "trong ngày".
func durationText(d calendar.Duration) string {
	switch d.Unit {
	case calendar.WorkingDays:
		return fmt.Sprintf("%d ngày làm việc", d.Amount)
	case calendar.WorkingHours:
		return fmt.Sprintf("%d giờ làm việc", d.Amount)
	case calendar.CalendarDays:
		return fmt.Sprintf("%d ngày", d.Amount)
	case calendar.SameDay:
		return "trong ngày"
	}
	return fmt.Sprintf("%d %s", d.Amount, d.Unit)
}

// checkSteps checks an internal process against the statutory time limit it
// must fill: every step is well formed and in a unit that counts against the
// limit, and the allotments add up to exactly the limit. Working-hour steps
// may sit inside a working-day limit (1 working day = 8 working hours).
func checkSteps(ps *problems, path string, limit calendar.Duration, steps []Step) {
	if len(steps) == 0 {
		ps.add(path, "Quy trình nội bộ phải có ít nhất một bước")
		return
	}
	want, limitOK := measure(limit.Unit, limit)
	sum, sumOK := 0, limitOK
	for i, s := range steps {
		sp := fmt.Sprintf("%s[%d]", path, i)
		if s.Name == "" {
			ps.add(sp+".name", fmt.Sprintf("Bước %d: tên bước không được để trống", i+1))
		}
		switch {
		case s.Role == "" && s.Unit == "":
			ps.add(sp, fmt.Sprintf("Bước %d (%s): phải ghi vai trò hoặc đơn vị thực hiện", i+1, s.Name))
		case s.Role != "" && !s.Role.Valid():
			ps.add(sp+".role", fmt.Sprintf("Bước %d (%s): vai trò không hợp lệ: %q", i+1, s.Name, s.Role))
		case s.Unit != "" && !unitCodeRe.MatchString(s.Unit):
			ps.add(sp+".unit", fmt.Sprintf("Bước %d (%s): mã đơn vị không hợp lệ: %q", i+1, s.Name, s.Unit))
		}
		if err := s.Allotted.Valid(); err != nil {
			ps.add(sp+".allotted", fmt.Sprintf("Bước %d (%s): %v", i+1, s.Name, err))
			sumOK = false
			continue
		}
		n, ok := measure(limit.Unit, s.Allotted)
		if !ok {
			if limitOK {
				ps.add(sp+".allotted", fmt.Sprintf("Bước %d (%s): thời gian %s không tính được vào thời hạn %s",
					i+1, s.Name, durationText(s.Allotted), durationText(limit)))
			}
			sumOK = false
			continue
		}
		sum += n
	}
	if sumOK && sum != want {
		ps.add(path, fmt.Sprintf("Tổng thời gian các bước (%s) khác thời hạn giải quyết (%s)",
			measuredText(limit.Unit, sum), durationText(limit)))
	}
}

package calendar

import (
	"errors"
	"fmt"
	"strings"
)

// Label is the Vietnamese name of a day kind.
func (k DayKind) Label() string {
	switch k {
	case Holiday:
		return "nghỉ lễ"
	case DayOff:
		return "nghỉ bù"
	case Working:
		return "làm bù"
	}
	return string(k)
}

// Label is the Vietnamese name of a schedule status.
func (s Status) Label() string {
	switch s {
	case Official:
		return "Chính thức"
	case Provisional:
		return "Tạm tính"
	}
	return string(s)
}

// FormatScheduleText writes a schedule's days one a line, as administrators
// edit them: "dd/mm/yyyy; loại; tên", where loại is "nghỉ lễ", "nghỉ bù" or
// "làm bù".
func FormatScheduleText(s Schedule) string {
	var b strings.Builder
	for _, d := range s.Days {
		fmt.Fprintf(&b, "%s; %s; %s\n", d.Date.FormatVN(), d.Kind.Label(), d.Name)
	}
	return b.String()
}

// ParseScheduleText reads the text form of FormatScheduleText into an
// official schedule of year with the given legal basis. Blank lines and
// lines starting with # are ignored. Errors name their line.
func ParseScheduleText(year int, legalBasis, text string) (Schedule, error) {
	s := Schedule{Year: year, Status: Official, LegalBasis: strings.TrimSpace(legalBasis)}
	var errs []error
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, ";", 3)
		if len(parts) < 2 {
			errs = append(errs, fmt.Errorf("dòng %d: cần dạng \"dd/mm/yyyy; loại; tên\"", i+1))
			continue
		}
		d, err := ParseDateVN(strings.TrimSpace(parts[0]))
		if err != nil {
			errs = append(errs, fmt.Errorf("dòng %d: ngày %q không hợp lệ (dd/mm/yyyy)", i+1, strings.TrimSpace(parts[0])))
			continue
		}
		var kind DayKind
		switch strings.ToLower(strings.TrimSpace(parts[1])) {
		case "nghỉ lễ", "nghi le", "holiday":
			kind = Holiday
		case "nghỉ bù", "nghi bu", "nghỉ", "day_off":
			kind = DayOff
		case "làm bù", "lam bu", "làm việc", "working":
			kind = Working
		default:
			errs = append(errs, fmt.Errorf("dòng %d: loại %q không hợp lệ (nghỉ lễ, nghỉ bù hoặc làm bù)", i+1, strings.TrimSpace(parts[1])))
			continue
		}
		name := ""
		if len(parts) == 3 {
			name = strings.TrimSpace(parts[2])
		}
		if name == "" {
			name = kind.Label()
		}
		s.Days = append(s.Days, Day{Date: d, Kind: kind, Name: name, LegalBasis: s.LegalBasis})
	}
	if err := errors.Join(errs...); err != nil {
		return s, err
	}
	return s, s.Validate()
}

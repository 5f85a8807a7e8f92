package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

type calendarPage struct {
	Year int
	// HasPrev, HasNext: the years around it the calendar can show.
	HasPrev, HasNext bool
	Schedule         calendar.Schedule
	Loaded           bool // the tenant loaded this year's schedule itself
	Months           []monthGrid
	Days             []dayRow
	Versions         []calendar.Rules
	Current          calendar.Rules
	Text             string // the schedule in the administrators' text form
	Error            *apperr.Error
	Due              *dueResult
	DueForm          dueForm
	Units            []calendar.Unit
	TodayISO         string // now as the form shows it: dd/mm/yyyy hh:mm
	CanManage        bool
	// Readings are the ways a period in days may be read (calendar.Readings).
	Readings []calendar.Reading
}

func (p *calendarPage) title() string { return "Lịch làm việc năm " + strconv.Itoa(p.Year) }

type dayRow struct {
	calendar.Day
	Lunar calendar.LunarDate
}

type monthGrid struct {
	Name  string
	Weeks [][]dayCell
}

type dayCell struct {
	Day     int // 0: padding
	Class   string
	Title   string
	IsToday bool
}

type dueForm struct {
	From   string // datetime-local value
	Amount int
	Unit   calendar.Unit
}

type dueResult struct {
	Start time.Time
	Due   time.Time
}

var monthNames = []string{"Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6", "Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"}

// calendarShow shows a year's working calendar: 12 month grids, the days off
// and swapped working days with their legal basis and lunar dates, the rule
// versions, and a due-date calculator.
func (s *Server) calendarShow(w http.ResponseWriter, r *http.Request) error {
	return s.showCalendar(w, r, http.StatusOK, "", nil)
}

func (s *Server) showCalendar(w http.ResponseWriter, r *http.Request, code int, text string, formErr *apperr.Error) error {
	p := principalFrom(r.Context())
	now := s.now().In(calendar.Zone())
	year := now.Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil {
		year = y
	}
	if year < calendar.MinYear+1 || year > calendar.MaxYear-1 {
		return apperr.New(apperr.Invalid, "Năm phải trong khoảng 1801–2198.")
	}
	book, err := s.book(r)
	if err != nil {
		return err
	}
	cal := book.At(time.Date(year, 6, 1, 0, 0, 0, 0, calendar.Zone()))
	if year == now.Year() {
		cal = book.At(now)
	}
	sched := cal.Holidays(year)
	slices.SortFunc(sched.Days, func(a, b calendar.Day) int { return a.Date.Compare(b.Date) })
	loaded, err := s.db.Calendar().Schedules(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	versions, err := s.db.Calendar().RuleVersions(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	page := &calendarPage{Year: year, HasPrev: year-1 > calendar.MinYear, HasNext: year+1 < calendar.MaxYear, Schedule: sched, Versions: versions, Current: book.At(now).Rules(), Error: formErr, Readings: calendar.Readings,
		Units:    []calendar.Unit{calendar.WorkingDays, calendar.WorkingHours, calendar.CalendarDays, calendar.SameDay},
		TodayISO: now.In(calendar.Zone()).Format("02/01/2006 15:04"), CanManage: p.Can("catalog.manage"), Text: text}
	for _, l := range loaded {
		if l.Year == year {
			page.Loaded = true
		}
	}
	if page.Text == "" {
		page.Text = calendar.FormatScheduleText(sched)
	}
	for _, d := range sched.Days {
		page.Days = append(page.Days, dayRow{Day: d, Lunar: calendar.SolarToLunar(d.Date)})
	}
	page.Months = monthGrids(cal, year, calendar.DateOf(now))
	page.DueForm = dueForm{From: page.TodayISO, Amount: 10, Unit: calendar.WorkingDays}
	q := r.URL.Query()
	if q.Get("from") != "" {
		res, form, err := computeDue(book, q.Get("from"), q.Get("amount"), q.Get("unit"))
		page.DueForm = form
		if err != nil {
			page.Error = apperr.As(err)
			code = http.StatusBadRequest
		} else {
			page.Due = res
		}
	}
	s.renderPage(w, r, code, "calendar", page)
	return nil
}

func monthGrids(cal *calendar.Calendar, year int, today calendar.Date) []monthGrid {
	var out []monthGrid
	for m := time.January; m <= time.December; m++ {
		g := monthGrid{Name: monthNames[m-1]}
		first := calendar.NewDate(year, m, 1)
		// Weeks start on Monday, as Vietnamese calendars print them.
		pad := (int(first.Weekday()) + 6) % 7
		week := make([]dayCell, pad)
		for d := first; d.Month == m; d = d.AddDays(1) {
			c := dayCell{Day: d.Day, IsToday: d == today}
			info, special := cal.DayInfo(d)
			switch {
			case special && info.Kind == calendar.Holiday:
				c.Class, c.Title = "hol", info.Name
			case special && info.Kind == calendar.DayOff:
				c.Class, c.Title = "off", info.Name
			case special && info.Kind == calendar.Working:
				c.Class, c.Title = "swap", info.Name
			case !cal.IsWorkingDay(d):
				c.Class = "wkend"
			}
			week = append(week, c)
			if len(week) == 7 {
				g.Weeks = append(g.Weeks, week)
				week = nil
			}
		}
		if len(week) > 0 {
			for len(week) < 7 {
				week = append(week, dayCell{})
			}
			g.Weeks = append(g.Weeks, week)
		}
		out = append(out, g)
	}
	return out
}

// computeDue reads the calculator form.
func computeDue(book *calendar.RuleBook, from, amount, unit string) (*dueResult, dueForm, error) {
	form := dueForm{From: from, Unit: calendar.Unit(unit)}
	t, err := calendar.ParseDateTimeVN(from, 8, 0)
	if err != nil {
		return nil, form, apperr.Field("from", "Thời điểm tiếp nhận không hợp lệ: nhập ngày/tháng/năm giờ:phút, ví dụ 17/02/2026 08:30.")
	}
	form.From = t.Format("02/01/2006 15:04")
	n, err := strconv.Atoi(strings.TrimSpace(amount))
	if form.Unit == calendar.SameDay {
		n, err = 0, nil
	}
	if err != nil {
		return nil, form, apperr.Field("amount", "Thời hạn phải là một số nguyên.")
	}
	form.Amount = n
	d := calendar.Duration{Amount: n, Unit: form.Unit}
	if err := d.Valid(); err != nil {
		return nil, form, apperr.Wrap(apperr.Invalid, err.Error(), err)
	}
	cal := book.At(t)
	due, err := cal.Due(t, d, nil)
	if err != nil {
		return nil, form, apperr.Wrap(apperr.Invalid, "Không tính được ngày hẹn trả: "+err.Error(), err)
	}
	return &dueResult{Start: cal.ClockStart(t), Due: due}, form, nil
}

// calendarSchedule loads an official schedule for a year from the
// administrators' text form.
func (s *Server) calendarSchedule(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil {
		return apperr.Field("year", "Năm không hợp lệ.")
	}
	r.URL.RawQuery = "year=" + strconv.Itoa(year)
	text := r.PostFormValue("days")
	sched, err := calendar.ParseScheduleText(year, r.PostFormValue("legal_basis"), text)
	if err == nil {
		err = s.cal.LoadSchedule(r.Context(), actor(r), p.TenantID, sched)
	} else {
		err = apperr.Wrap(apperr.Invalid, err.Error(), err)
	}
	if e := userError(err); e != nil {
		return s.showCalendar(w, r, status(e.Code), text, e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/calendar?year="+strconv.Itoa(year), "calendar-saved")
}

// calendarScheduleRemove drops a loaded schedule; the built-in one applies.
func (s *Server) calendarScheduleRemove(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return apperr.New(apperr.NotFound, "Không tìm thấy lịch của năm này.")
	}
	if err := s.cal.RemoveSchedule(r.Context(), actor(r), p.TenantID, year); err != nil {
		return notFoundAs(err, "Năm này đang dùng lịch có sẵn, không có lịch tải lên để xóa.")
	}
	return s.redirectFlash(w, r, "/admin/calendar?year="+strconv.Itoa(year), "calendar-saved")
}

// calendarRules adds a version of the office hours.
func (s *Server) calendarRules(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	rules := calendar.DefaultRules()
	var errs []string
	parseTime := func(field string, dst *calendar.TimeOfDay) {
		t, err := calendar.ParseTimeOfDay(strings.TrimSpace(r.PostFormValue(field)))
		if err != nil {
			errs = append(errs, field)
			return
		}
		*dst = t
	}
	parseTime("morning_start", &rules.Hours.MorningStart)
	parseTime("morning_end", &rules.Hours.MorningEnd)
	parseTime("afternoon_start", &rules.Hours.AfternoonStart)
	parseTime("afternoon_end", &rules.Hours.AfternoonEnd)
	parseTime("same_day_cutoff", &rules.SameDayCutoff)
	from, err := calendar.ParseDateAny(r.PostFormValue("effective_from"))
	if err != nil {
		errs = append(errs, "effective_from")
	}
	rules.EffectiveFrom = from
	rules.LegalBasis = strings.TrimSpace(r.PostFormValue("legal_basis"))
	rules.Reading = calendar.Reading(strings.TrimSpace(r.PostFormValue("reading")))
	if !rules.Reading.Valid() {
		errs = append(errs, "reading")
	}
	err = nil
	if len(errs) > 0 {
		err = apperr.New(apperr.Invalid, "Giờ phải có dạng HH:MM và ngày hiệu lực phải là một ngày hợp lệ.")
	} else {
		err = s.cal.AddRules(r.Context(), actor(r), p.TenantID, rules)
	}
	if e := userError(err); e != nil {
		return s.showCalendar(w, r, status(e.Code), "", e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/calendar", "calendar-saved")
}

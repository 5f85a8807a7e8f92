package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
	"tuphap/internal/report"
)

type dashboardPage struct {
	Tenant org.Tenant
	Counts org.Counts
	Hours  calendar.OfficeHours
	Today  dayStatus
	Next   []calendar.Day // the next days off
	// Stats are this year's Biểu 06 figures, for officers who may see
	// reports (nil otherwise).
	Stats *reportsPage
	// Work is the officer's own work (nil for roles without a queue).
	Work *workSummary
	// MineLabel names the officer's queue tab ("Việc của đơn vị"...).
	MineLabel string
	// LettersToSign counts the letters waiting for this leader's
	// signature (letters.go); -1 for officers who sign none.
	LettersToSign int
}

// dayStatus says what today is for the office.
type dayStatus struct {
	Date    calendar.Date
	Lunar   calendar.LunarDate
	Working bool
	Name    string
}

func (*dashboardPage) title() string { return "Tổng quan" }

// dashboard is the back office home: the tenant and real counts of what it
// holds. Statistics of dossiers join it when the one-stop shop lands.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	c, err := s.db.Org().Counts(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	book, err := s.book(r)
	if err != nil {
		return err
	}
	now := s.now()
	cal := book.At(now)
	today := calendar.DateOf(now)
	page := &dashboardPage{Tenant: t, Counts: c, Hours: cal.Rules().Hours,
		Today: dayStatus{Date: today, Lunar: calendar.SolarToLunar(today), Working: cal.IsWorkingDay(today)}}
	if d, ok := cal.DayInfo(today); ok {
		page.Today.Name = d.Name
	} else if wd := today.Weekday(); wd == time.Saturday || wd == time.Sunday {
		page.Today.Name = map[time.Weekday]string{time.Saturday: "Thứ Bảy", time.Sunday: "Chủ nhật"}[wd]
	}
	page.Next = upcomingDaysOff(cal, today, 3)
	page.LettersToSign = s.lettersToSign(r) // letters.go
	if page.Work, err = s.myWork(r, p, book, now); err != nil {
		return err
	}
	if tabs := queueTabs(p); len(tabs) > 0 {
		page.MineLabel = tabs[0].Label
		if p.Role == org.Director { // in the agency's own words, not always "Sở"
			page.MineLabel = "Chờ " + strings.ToLower(t.RoleLabel(org.Director))
		}
	}
	if p.Can(auth.ViewReports) {
		if page.Stats, err = s.reportData(r, report.Period{From: report.Year(today).From, To: today}, report.Filter{}); err != nil {
			return err
		}
	}
	s.renderPage(w, r, http.StatusOK, "dashboard", page)
	return nil
}

// upcomingDaysOff lists the next n holidays or days off after today.
func upcomingDaysOff(cal *calendar.Calendar, today calendar.Date, n int) []calendar.Day {
	var out []calendar.Day
	for y := today.Year; y <= today.Year+1 && len(out) < n; y++ {
		days := cal.Holidays(y).Days
		slices.SortFunc(days, func(a, b calendar.Day) int { return a.Date.Compare(b.Date) })
		for _, d := range days {
			if d.Kind != calendar.Working && d.Date.After(today) && len(out) < n {
				out = append(out, d)
			}
		}
	}
	return out
}

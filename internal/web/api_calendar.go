package web

import (
	"net/http"
	"strconv"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

type holidaysResponse struct {
	Year       int       `json:"year"`
	Status     string    `json:"status"`
	LegalBasis string    `json:"legal_basis"`
	Days       []dayJSON `json:"days"`
}

// dayJSON is a day of a schedule as the API shows it; calendar.Day is also
// what the store keeps as JSON (calendar_schedules.days_json), so the API
// has its own shape.
type dayJSON struct {
	Date       calendar.Date `json:"date"`
	Kind       string        `json:"kind"`
	Name       string        `json:"name"`
	LegalBasis string        `json:"legal_basis,omitempty"`
}

// apiHolidays lists a year's days off and swapped working days.
func (s *Server) apiHolidays(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year <= calendar.MinYear || year >= calendar.MaxYear {
		return apperr.Field("year", "Tham số year phải là một năm trong khoảng 1801–2198.")
	}
	book, err := s.book(r)
	if err != nil {
		return err
	}
	sch := book.At(time.Date(year, 6, 1, 0, 0, 0, 0, calendar.Zone())).Holidays(year)
	days := make([]dayJSON, 0, len(sch.Days))
	for _, d := range sch.Days {
		days = append(days, dayJSON{Date: d.Date, Kind: string(d.Kind), Name: d.Name, LegalBasis: d.LegalBasis})
	}
	return writeJSON(w, http.StatusOK, holidaysResponse{Year: year, Status: string(sch.Status), LegalBasis: sch.LegalBasis, Days: days})
}

type dueResponse struct {
	Start time.Time `json:"start"`
	Due   time.Time `json:"due"`
}

// apiDue computes a due time: ?from=RFC3339&amount=N&unit=working_days.
func (s *Server) apiDue(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, err := time.Parse(time.RFC3339, q.Get("from"))
	if err != nil {
		return apperr.Field("from", "Tham số from phải là thời điểm RFC 3339, ví dụ 2026-02-16T08:00:00+07:00.")
	}
	book, err := s.book(r)
	if err != nil {
		return err
	}
	res, _, err := computeDue(book, from.In(calendar.Zone()).Format("2006-01-02T15:04"), q.Get("amount"), q.Get("unit"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, dueResponse{Start: res.Start, Due: res.Due})
}

package calendar_test

import (
	"fmt"
	"time"

	"tuphap/internal/calendar"
)

func Example() {
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		panic(err)
	}
	// Accepted on Friday 13 February 2026 at 10:00, the last working day
	// before Tết Bính Ngọ; the limit is 3 working days.
	accepted := time.Date(2026, 2, 13, 10, 0, 0, 0, calendar.Zone())
	due, err := cal.Due(accepted, calendar.Duration{Amount: 3, Unit: calendar.WorkingDays}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(due.Format("15:04 02/01/2006 -07:00"))
	fmt.Println(calendar.SolarToLunar(calendar.DateOf(due)))
	// Output:
	// 10:00 25/02/2026 +07:00
	// ngày 9 tháng Giêng năm Bính Ngọ
}

func ExampleCalendar_DayInfo() {
	cal, _ := calendar.New(calendar.DefaultRules())
	d, _ := cal.DayInfo(calendar.NewDate(2026, time.August, 22))
	fmt.Println(d.Kind, "—", d.Name, "—", d.LegalBasis)
	// Output:
	// working — Làm bù (cho ngày nghỉ thứ Hai 31/08/2026) — Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ
}

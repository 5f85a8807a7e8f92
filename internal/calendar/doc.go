// Package calendar is tuphap's Vietnamese working-day calendar and deadline
// engine. It is pure: no I/O, no package-level mutable state; every instant
// it returns is in Zone() (UTC+7, fixed, so nothing depends on the host's tz
// database), and it accepts instants in any location.
//
// Lunar calendar (lunar.go, astro.go), written from Meeus's astronomy for
// the UTC+7 meridian:
//
//	SolarToLunar(d Date) LunarDate
//	LunarToSolar(l LunarDate) (Date, error)
//	LeapMonth(lunarYear int) int
//	(LunarDate) CanChi() string   // "Bính Ngọ"
//	(LunarDate) String() string   // "ngày 1 tháng Giêng năm Bính Ngọ"
//
// Civil dates and times of day (date.go, hours.go):
//
//	Date{Year, Month, Day}; NewDate, DateOf(time.Time), ParseDate("2026-02-17"),
//	ParseDateVN("17/02/2026"), String, FormatVN, Weekday, AddDays, DaysSince,
//	Compare, Before, After, IsValid, IsZero, At(TimeOfDay); JSON "2026-02-17".
//	TimeOfDay (minutes; JSON "07:30"), Clock(h, m), ParseTimeOfDay.
//
// Holiday schedules (schedule.go, builtin.go, computed.go): a Schedule is one
// year's holidays, days off (nghỉ bù, swapped weekdays) and swapped working
// weekend days, with its Status (Official or Provisional) and legal basis.
//
//	BuiltinSchedule(year) Schedule   // official 2024–2026, else computed
//	ComputedSchedule(year) Schedule  // Labour Code 2019 Art. 111(3), 112
//	(Schedule) Validate() error      // Vietnamese messages
//
// Rules and deadlines (hours.go, calendar.go, due.go, rulebook.go):
//
//	Rules{EffectiveFrom, Hours OfficeHours, SameDayCutoff, CalendarDaysEndOfDay, LegalBasis}
//	DefaultRules()                                  // 07:00–11:30, 13:30–17:00, cut-off 15:00
//	New(rules, schedules...) (*Calendar, error)     // uploaded schedules override built-in ones
//	(*Calendar) IsWorkingDay(Date) bool
//	(*Calendar) DayInfo(Date) (Day, bool)
//	(*Calendar) Holidays(year) Schedule
//	(*Calendar) ClockStart(accepted) time.Time
//	(*Calendar) Due(accepted, Duration, []Interval) (time.Time, error)
//	(*Calendar) WorkingTimeBetween(a, b) time.Duration
//	NewRuleBook([]Rules, schedules...) (*RuleBook, error)
//	(*RuleBook) At(accepted) *Calendar; (*RuleBook) Due(...)
//
// A dossier's due date: the clock starts at ClockStart(accepted) (Decree
// 118/2025/NĐ-CP); working days and hours are walked through the working
// windows (8 working hours per working day by default); calendar days follow
// Civil Code 2015 Art. 147–148 (or, as a tenant rule, read by them: Rules.Reading); same-day dossiers use the 15:00 cut-off;
// pauses for supplements add back the working time they covered; an open
// pause gives ErrPaused. A dossier keeps the Rules version in force when it
// was accepted: keep a RuleBook per tenant and call its Due.
package calendar

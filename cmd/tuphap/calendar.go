package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
)

// cmdCalendar is the calendar's stable command line: other tools rely on it.
//
//	tuphap calendar due --from RFC3339 (--working-days N | --working-hours N | --calendar-days N | --same-day) [--json]
//	tuphap calendar holidays --year 2026 [--json]
//	tuphap calendar lunar 2030-02-02
//	tuphap calendar load --db DSN --tenant CODE --year 2027 --file lich-2027.txt --legal-basis "..."
//
// Without --db the built-in schedules and default rules are used; with --db
// and --tenant, the tenant's.
func cmdCalendar(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError("cách dùng: tuphap calendar due|holidays|lunar|load [tùy chọn]")
	}
	switch args[0] {
	case "due":
		return calendarDue(ctx, e, args[1:])
	case "holidays":
		return calendarHolidays(ctx, e, args[1:])
	case "lunar":
		return calendarLunar(e, args[1:])
	case "load":
		return calendarLoad(ctx, e, args[1:])
	}
	return usageError("lệnh calendar không tồn tại: " + args[0])
}

// tenantFlags adds the optional --db/--tenant pair.
func tenantFlags(fs *flag.FlagSet, e *env) (dsn, tenant, keyFile *string) {
	dsn = fs.String("db", e.getenv("TUPHAP_DB"), "cơ sở dữ liệu (tùy chọn): dùng lịch của cơ quan --tenant")
	tenant = fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (cùng với --db)")
	keyFile = fs.String("key-file", e.getenv("TUPHAP_KEY_FILE"), "tệp khóa (TUPHAP_KEY_FILE)")
	return
}

// ruleBook returns the built-in book, or the tenant's when dsn is set.
func ruleBook(ctx context.Context, e *env, dsn, tenant, keyFile string) (*calendar.RuleBook, error) {
	if dsn == "" {
		return calendar.NewRuleBook([]calendar.Rules{calendar.DefaultRules()})
	}
	if tenant == "" {
		return nil, usageError("cần --tenant khi dùng --db")
	}
	a, err := openCLI(ctx, e, dsn, keyFile, false)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(tenant))
	if err != nil {
		return nil, userErr(notFound(err, "không tìm thấy cơ quan "+tenant))
	}
	return a.cal.Book(ctx, t.ID, t.Hours)
}

func calendarDue(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "calendar due", "Tính thời điểm hẹn trả kết quả theo ngày làm việc Việt Nam.")
	from := fs.String("from", "", "thời điểm tiếp nhận, RFC 3339 (ví dụ 2026-02-13T10:00:00+07:00)")
	wd := fs.Int("working-days", 0, "thời hạn tính bằng ngày làm việc")
	wh := fs.Int("working-hours", 0, "thời hạn tính bằng giờ làm việc")
	cd := fs.Int("calendar-days", 0, "thời hạn tính bằng ngày (theo lịch)")
	same := fs.Bool("same-day", false, "giải quyết trong ngày (sau giờ chốt: ngày làm việc tiếp theo)")
	asJSON := fs.Bool("json", false, `in kết quả dạng JSON {"due": "..."}`)
	dsn, tenant, keyFile := tenantFlags(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	start, err := time.Parse(time.RFC3339, *from)
	if err != nil {
		return usageError("--from phải là thời điểm RFC 3339, ví dụ 2026-02-13T10:00:00+07:00")
	}
	var d calendar.Duration
	n := 0
	for _, c := range []struct {
		set  bool
		dur  calendar.Duration
		flag string
	}{
		{*wd != 0, calendar.Duration{Amount: *wd, Unit: calendar.WorkingDays}, "working-days"},
		{*wh != 0, calendar.Duration{Amount: *wh, Unit: calendar.WorkingHours}, "working-hours"},
		{*cd != 0, calendar.Duration{Amount: *cd, Unit: calendar.CalendarDays}, "calendar-days"},
		{*same, calendar.Duration{Unit: calendar.SameDay}, "same-day"},
	} {
		if c.set {
			d = c.dur
			n++
		}
	}
	if n != 1 {
		return usageError("cần đúng một trong --working-days, --working-hours, --calendar-days, --same-day")
	}
	if err := d.Valid(); err != nil {
		return usageError(err.Error())
	}
	book, err := ruleBook(ctx, e, *dsn, *tenant, *keyFile)
	if err != nil {
		return err
	}
	due, err := book.At(start).Due(start, d, nil)
	if err != nil {
		return err
	}
	due = due.In(calendar.Zone())
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(struct {
			Due string `json:"due"`
		}{due.Format(time.RFC3339)})
	}
	fmt.Fprintf(e.stdout, "%s (%s)\n", due.Format(time.RFC3339), due.Format("15 giờ 04 phút, ngày 02/01/2006"))
	return nil
}

type holidayJSON struct {
	Date       string `json:"date"`
	Weekday    string `json:"weekday"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	LegalBasis string `json:"legal_basis,omitempty"`
}

var weekdaysVN = []string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func calendarHolidays(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "calendar holidays", "Liệt kê ngày nghỉ lễ, nghỉ bù và ngày làm bù của một năm.")
	year := fs.Int("year", time.Now().In(calendar.Zone()).Year(), "năm")
	asJSON := fs.Bool("json", false, "in dạng JSON")
	dsn, tenant, keyFile := tenantFlags(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *year <= calendar.MinYear || *year >= calendar.MaxYear {
		return usageError(fmt.Sprintf("--year phải trong khoảng %d–%d", calendar.MinYear+1, calendar.MaxYear-1))
	}
	book, err := ruleBook(ctx, e, *dsn, *tenant, *keyFile)
	if err != nil {
		return err
	}
	s := book.At(time.Date(*year, 6, 1, 0, 0, 0, 0, calendar.Zone())).Holidays(*year)
	out := []holidayJSON{}
	for _, d := range s.Days {
		out = append(out, holidayJSON{Date: d.Date.String(), Weekday: weekdaysVN[d.Date.Weekday()], Kind: string(d.Kind),
			Name: d.Name, Status: string(s.Status), LegalBasis: d.LegalBasis})
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(e.stdout, "Năm %d: lịch %s. Căn cứ: %s\n", *year, strings.ToLower(s.Status.Label()), s.LegalBasis)
	for _, d := range s.Days {
		fmt.Fprintf(e.stdout, "%s  %-9s %-8s %s\n", d.Date.FormatVN(), weekdaysVN[d.Date.Weekday()], d.Kind.Label(), d.Name)
	}
	return nil
}

func calendarLunar(e *env, args []string) error {
	fs := newFlags(e, "calendar lunar", "Đổi ngày dương lịch (YYYY-MM-DD) sang âm lịch Việt Nam (UTC+7).")
	asJSON := fs.Bool("json", false, "in dạng JSON")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	if fs.NArg() != 1 {
		return usageError("cách dùng: tuphap calendar lunar YYYY-MM-DD")
	}
	d, err := calendar.ParseDate(fs.Arg(0))
	if err != nil || d.Year <= calendar.MinYear || d.Year >= calendar.MaxYear {
		return usageError("ngày không hợp lệ: " + fs.Arg(0))
	}
	l := calendar.SolarToLunar(d)
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(struct {
			Solar  string `json:"solar"`
			Day    int    `json:"day"`
			Month  int    `json:"month"`
			Year   int    `json:"year"`
			Leap   bool   `json:"leap"`
			CanChi string `json:"can_chi"`
			Text   string `json:"text"`
		}{d.String(), l.Day, l.Month, l.Year, l.Leap, l.CanChi(), l.String()})
	}
	leap := ""
	if l.Leap {
		leap = " (tháng nhuận)"
	}
	fmt.Fprintf(e.stdout, "%s dương lịch = %02d/%02d%s năm %s (%d): %s\n", d.FormatVN(), l.Day, l.Month, leap, l.CanChi(), l.Year, l)
	return nil
}

func calendarLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "calendar load", "Tải lịch nghỉ chính thức của một năm cho cơ quan (thay thế lịch có sẵn).\n"+
		"Tệp dạng văn bản, mỗi dòng \"dd/mm/yyyy; nghỉ lễ|nghỉ bù|làm bù; tên\", hoặc JSON của một Schedule.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan")
	year := fs.Int("year", 0, "năm của lịch")
	file := fs.String("file", "", "tệp lịch")
	basis := fs.String("legal-basis", "", "căn cứ pháp lý (văn bản công bố lịch nghỉ)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant, "file", *file); err != nil {
		return err
	}
	raw, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	var s calendar.Schedule
	if strings.HasPrefix(strings.TrimSpace(string(raw)), "{") {
		if err := json.Unmarshal(raw, &s); err != nil {
			return fmt.Errorf("tệp JSON không hợp lệ: %w", err)
		}
		if *basis != "" {
			s.LegalBasis = *basis
		}
	} else {
		if *year == 0 || *basis == "" {
			return usageError("tệp văn bản cần --year và --legal-basis")
		}
		if s, err = calendar.ParseScheduleText(*year, *basis, string(raw)); err != nil {
			return err
		}
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
	}
	if err := a.cal.LoadSchedule(ctx, audit.Actor{Name: "cli"}, t.ID, s); err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã tải lịch năm %d (%d ngày) cho %s.\n", s.Year, len(s.Days), t.Code)
	return nil
}

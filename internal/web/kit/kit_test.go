package kit

import (
	"errors"
	"net/url"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/report"
)

func TestPager(t *testing.T) {
	t.Parallel()
	q := url.Values{"tab": {"mine"}, "page": {"2"}}
	p := PagerFrom("/admin/dossiers", q, 50, 200)
	if p.Limit() != 51 || p.Offset() != 50 {
		t.Fatalf("limit %d offset %d", p.Limit(), p.Offset())
	}
	rows := Trim(&p, make([]int, 51))
	if len(rows) != 50 || p.Next() != "/admin/dossiers?page=3&tab=mine" || p.Prev() != "/admin/dossiers?page=1&tab=mine" {
		t.Fatalf("%d rows, next %q prev %q", len(rows), p.Next(), p.Prev())
	}
	last := PagerFrom("/x", url.Values{"page": {"-3"}}, 100, 10)
	last.Total = 80
	if Trim(&last, make([]int, 80)); last.Page != 1 || last.Next() != "" || last.Prev() != "" {
		t.Fatalf("a single page has links: %+v", last)
	}
	if deep := PagerFrom("/x", url.Values{"page": {"999999"}}, 100, 10); deep.Page != 10 {
		t.Fatalf("page not capped: %d", deep.Page)
	}
}

func TestPickPeriod(t *testing.T) {
	t.Parallel()
	today := calendar.NewDate(2026, 12, 20)
	d := calendar.NewDate
	for _, c := range []struct {
		q    url.Values
		want report.Period
	}{
		{url.Values{}, report.Period{From: d(2026, 1, 1), To: today}},
		{url.Values{"period": {"month"}}, report.Period{From: d(2026, 12, 1), To: today}},
		// Decree 09/2019 Art. 12(1): 15/12 opens the period of January.
		{url.Values{"period": {"cutoff_month"}}, report.Period{From: d(2026, 12, 15), To: today}},
		// Art. 12(4): 15/12 opens next year's period.
		{url.Values{"period": {"cutoff_year"}}, report.Period{From: d(2026, 12, 15), To: today}},
		{url.Values{"from": {"2026-01-01"}, "to": {"15/03/2026"}}, report.Period{From: d(2026, 1, 1), To: d(2026, 3, 15)}},
	} {
		p, err := PickPeriod(c.q, today, "year")
		if err != nil || p.Period != c.want {
			t.Errorf("%v: %v %v", c.q, p.Period, err)
		}
	}
	if _, err := PickPeriod(url.Values{"period": {"decade"}}, today, "year"); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("unknown preset: %v", err)
	}
	p := Period{Action: "/admin/reports", Keep: url.Values{"unit": {"A"}}}
	if got := p.Link("cutoff_year"); got != "/admin/reports?period=cutoff_year&unit=A" {
		t.Fatal(got)
	}
}

func TestFormComesBackAsSent(t *testing.T) {
	t.Parallel()
	sent := url.Values{"name": {"An"}, "docs": {"1", "3"}}
	var bad apperr.FieldList
	bad.Add("phone", "Số điện thoại không hợp lệ.")
	bad.Add("docs", "Thiếu giấy tờ.")
	f := FormOf(sent, bad.Err())
	if f.Value("name") != "An" || !f.Checked("docs", "3") || f.Checked("docs", "2") {
		t.Fatalf("values lost: %+v", f)
	}
	if f.Err("phone") == "" || f.Err("docs") == "" || f.Message != "Số điện thoại không hợp lệ. Thiếu giấy tờ." {
		t.Fatalf("errors: %+v", f)
	}
	if FormOf(sent, errors.New("disk on fire")).Message != "" {
		t.Fatal("an internal error reached the form")
	}
}

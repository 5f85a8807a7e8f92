package calendar

import (
	"sync"
	"testing"
	"time"
)

// benchStarts are acceptance instants spread over 2025–2026 so the benchmark
// crosses holidays and weekends rather than repeating one easy case.
func benchStarts(b *testing.B) []time.Time {
	var out []time.Time
	t := at(b, "2025-01-02 09:17")
	for range 64 {
		out = append(out, t)
		t = t.Add(11*24*time.Hour + 97*time.Minute)
	}
	return out
}

// BenchmarkDue: one due date of 10 working days (target: < 2 µs).
func BenchmarkDue(b *testing.B) {
	cal := mustCalendar(b)
	starts := benchStarts(b)
	d := Duration{Amount: 10, Unit: WorkingDays}
	for _, s := range starts { // resolve the years once, as a server would
		if _, err := cal.Due(s, d, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := cal.Due(starts[i&63], d, nil); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkDueWithPause(b *testing.B) {
	cal := mustCalendar(b)
	starts := benchStarts(b)
	d := Duration{Amount: 10, Unit: WorkingDays}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s := starts[i&63]
		p := []Interval{{From: s.Add(26 * time.Hour), To: s.Add(75 * time.Hour)}}
		if _, err := cal.Due(s, d, p); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkDueParallel(b *testing.B) {
	cal := mustCalendar(b)
	starts := benchStarts(b)
	d := Duration{Amount: 10, Unit: WorkingDays}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := cal.Due(starts[i&63], d, nil); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

func BenchmarkWorkingTimeBetween(b *testing.B) {
	cal := mustCalendar(b)
	from, to := at(b, "2025-01-02 09:17"), at(b, "2025-03-14 15:40")
	for b.Loop() {
		cal.WorkingTimeBetween(from, to)
	}
}

func BenchmarkSolarToLunar(b *testing.B) {
	d := Date{2026, 8, 22}
	for b.Loop() {
		SolarToLunar(d)
	}
}

// BenchmarkComputedSchedule is the cost of resolving a year the first time.
func BenchmarkComputedSchedule(b *testing.B) {
	for b.Loop() {
		ComputedSchedule(2031)
	}
}

// TestConcurrentFirstUse: many goroutines resolving the same fresh years
// agree (run with -race to check the lock-free cache).
func TestConcurrentFirstUse(t *testing.T) {
	cal := mustCalendar(t)
	want, err := mustCalendar(t).Due(at(t, "2031-01-20 10:00"), Duration{Amount: 15, Unit: WorkingDays}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := cal.Due(at(t, "2031-01-20 10:00"), Duration{Amount: 15, Unit: WorkingDays}, nil)
			if err != nil || !got.Equal(want) {
				t.Errorf("concurrent Due = %s, %v; want %s", fmtT(got), err, fmtT(want))
			}
		})
	}
	wg.Wait()
}

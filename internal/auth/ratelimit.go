package auth

import (
	"sync"
	"time"
)

// RateLimiter allows at most Limit events per key in any Window, e.g. sign-in
// attempts per client address. It forgets keys whose window has passed.
type RateLimiter struct {
	Limit  int
	Window time.Duration

	mu     sync.Mutex
	events map[string][]time.Time
	sweep  time.Time
}

// Allow records an event for key at now and reports whether it is allowed.
func (l *RateLimiter) Allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.events == nil {
		l.events = map[string][]time.Time{}
	}
	cut := now.Add(-l.Window)
	if now.Sub(l.sweep) > l.Window {
		for k, ev := range l.events {
			if len(ev) == 0 || ev[len(ev)-1].Before(cut) {
				delete(l.events, k)
			}
		}
		l.sweep = now
	}
	ev := l.events[key]
	i := 0
	for i < len(ev) && ev[i].Before(cut) {
		i++
	}
	ev = ev[i:]
	if len(ev) >= l.Limit {
		l.events[key] = ev
		return false
	}
	l.events[key] = append(ev, now)
	return true
}

// Exceeded reports whether key has reached the limit at now, without
// recording an event (for limits that count failures only: Allow records
// one).
func (l *RateLimiter) Exceeded(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	cut := now.Add(-l.Window)
	n := 0
	for _, t := range l.events[key] {
		if !t.Before(cut) {
			n++
		}
	}
	return n >= l.Limit
}

package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestNumVietnamese(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{1234.5, "1.234,5"}, {1234567.04, "1.234.567,0"}, {12.345, "12,3"}, {999, "999,0"}, {0, "—"},
	} {
		if got := num(c.in); got != c.want {
			t.Errorf("num(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	if ratio(1, 4) != 0.25 || ratio(1, 0) != 0 {
		t.Errorf("ratio: %v %v", ratio(1, 4), ratio(1, 0))
	}
}

// TestLoadGenerators: the closed loop sends exactly the requests asked and
// counts failures; the open loop sends at the offered rate.
func TestLoadGenerators(t *testing.T) {
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() && r.URL.Query().Get("i") == "7" {
			http.Error(w, "x", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	next := func(i int) *http.Request {
		r, _ := http.NewRequest("GET", srv.URL+"/?i="+itoa(i), nil)
		return r
	}
	h := loadHTTP(context.Background(), next, nil, 8, 300, 20*time.Second)
	if h.Requests != 300 || h.Errors != 0 || h.P50Ms > h.P99Ms || h.PerS <= 0 {
		t.Fatalf("closed loop: %+v", h)
	}
	fail.Store(true)
	h = loadHTTP(context.Background(), next, nil, 4, 50, 20*time.Second)
	if h.Requests != 49 || h.Errors != 1 {
		t.Fatalf("closed loop with one failure: %+v", h)
	}
	fail.Store(false)
	h = loadHTTPRate(context.Background(), next, nil, 10, 200, 500*time.Millisecond)
	if h.Requests < 90 || h.Requests > 110 || h.OfferedPerS != 200 {
		t.Fatalf("open loop at 200/s for 0.5 s sent %d requests: %+v", h.Requests, h)
	}
}

func itoa(i int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
		if i == 0 {
			return string(b)
		}
	}
}

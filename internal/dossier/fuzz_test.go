package dossier

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"tuphap/internal/calendar"
)

// FuzzParseCode: any string either is refused or parses to parts that
// format back to the same code (upper-cased, trimmed); formatting any parts
// parses back to them.
//
//	go test -run '^$' -fuzz FuzzParseCode -fuzztime 30s ./internal/dossier/
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"000.00.00.H82-261123-0001", "000.00.00.h82-261123-12345", " 000.00.00.H82-260229-0001 ",
		"H82-261123-1", "000.00.00.H82-261332-0001", "000.00.00.H82-261123-0000", "", "---"} {
		f.Add(s, 2026, 11, 23, 1)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d, seq int) {
		if pc, err := ParseCode(s); err == nil {
			want := strings.ToUpper(strings.TrimSpace(s))
			if got := FormatCode(pc.AgencyID, pc.Day, pc.Seq); got != want {
				t.Fatalf("ParseCode(%q) = %+v, formats back as %q", s, pc, got)
			}
		}
		if y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 28 || seq < 1 || seq > 999_999 {
			return
		}
		day := calendar.NewDate(y, time.Month(m), d)
		code := FormatCode("000.00.00.H82", day, seq)
		pc, err := ParseCode(code)
		if err != nil || pc.AgencyID != "000.00.00.H82" || pc.Day != day || pc.Seq != seq {
			t.Fatalf("FormatCode → %q → %+v, %v", code, pc, err)
		}
	})
}

// FuzzReadRecords: a JSON Lines import never panics; a refusal names a
// line of the file; an accepted record has what an import needs.
//
//	go test -run '^$' -fuzz FuzzReadRecords -fuzztime 30s ./internal/dossier/
func FuzzReadRecords(f *testing.F) {
	f.Add([]byte(`{"code":"000.00.00.H82-250105-0001","procedure_code":"1.000001","procedure_name":"Thủ tục","field":"Công chứng","channel":"online","submitted_at":"2025-01-05T08:00:00+07:00","accepted_at":"2025-01-05T08:10:00+07:00","due_at":"2025-01-10T17:00:00+07:00","finished_at":"2025-01-09T10:00:00+07:00","ended":"result","unit":"BTTP"}` + "\n"))
	f.Add([]byte("{}\n{\"code\":1}\n"))
	f.Add([]byte("\n\n   \n"))
	f.Add([]byte(`{"code":"x","submitted_at":"not a time"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		err := ReadRecords(bytes.NewReader(data), func(line int, rec Record) error {
			if line < 1 || line > lines {
				t.Fatalf("record reported on line %d of %d", line, lines)
			}
			if rec.SubmittedAt == nil {
				t.Fatalf("line %d accepted without submitted_at", line)
			}
			return nil
		})
		var le *LineError
		if err != nil && errors.As(err, &le) && (le.Line < 1 || le.Line > lines) {
			t.Fatalf("error on line %d of %d: %v", le.Line, lines, err)
		}
	})
}

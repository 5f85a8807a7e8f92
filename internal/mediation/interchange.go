package mediation

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Record is one case as interchanged in JSON Lines (`tuphap import
// mediation`, `tuphap export mediation`): one case a line.
//
//	{"commune_code":"28261","team":"Tổ hòa giải ấp 3","received_on":"2026-03-02",
//	 "kind":"land","outcome":"successful","ended_on":"2026-03-20"}
type Record struct {
	CommuneCode string  `json:"commune_code"`
	Team        string  `json:"team"`
	ReceivedOn  string  `json:"received_on"`
	Kind        string  `json:"kind"`
	Outcome     string  `json:"outcome"`
	EndedOn     *string `json:"ended_on"`
	Origin      string  `json:"origin,omitempty"`
	AssignedOn  *string `json:"assigned_on,omitempty"`
	StartedOn   *string `json:"started_on,omitempty"`
	Summary     string  `json:"summary,omitempty"`
}

// Imported is a validated record: the case (without IDs) and its team name.
type Imported struct {
	Line     int
	TeamName string
	Case     Case
}

// LineError is an import error with the line it is on, in Vietnamese.
type LineError struct {
	Line    int
	Message string
}

func (e *LineError) Error() string { return fmt.Sprintf("Dòng %d: %s", e.Line, e.Message) }

// MaxLine is the longest line accepted (1 MiB).
const MaxLine = 1 << 20

// ReadRecords reads and validates every line of r; inProvince tells whether a
// commune code belongs to the importing department's province; today bounds
// dates (a case cannot be received or end in the future). It stops at the
// first invalid line: an import is all or nothing. Blank lines are skipped.
func ReadRecords(r io.Reader, inProvince func(code string) bool, today time.Time) ([]Imported, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLine)
	var out []Imported
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a byte-order mark from Excel or Notepad
		}
		if len(b) == 0 {
			continue
		}
		im, err := parseRecord(b, inProvince, today)
		if err != nil {
			return nil, &LineError{Line: line, Message: err.Error()}
		}
		im.Line = line
		out = append(out, im)
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, &LineError{Line: line + 1, Message: "dòng dài quá 1 MiB."}
		}
		return nil, err
	}
	return out, nil
}

func parseRecord(b []byte, inProvince func(string) bool, today time.Time) (Imported, error) {
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return Imported{}, fail("không đọc được JSON (%s).", jsonProblem(err))
	}
	if dec.More() {
		return Imported{}, fail("mỗi dòng chỉ chứa một vụ việc.")
	}
	return rec.Validate(inProvince, today)
}

func jsonProblem(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "unknown field "); i >= 0 {
		return "trường không được hỗ trợ " + strings.TrimPrefix(msg[i:], "unknown field ")
	}
	return msg
}

// Validate checks a record and returns the case it describes.
func (rec Record) Validate(inProvince func(string) bool, today time.Time) (Imported, error) {
	var c Case
	c.CommuneCode = strings.TrimSpace(rec.CommuneCode)
	if c.CommuneCode == "" {
		return Imported{}, fail("thiếu mã xã (commune_code).")
	}
	if inProvince != nil && !inProvince(c.CommuneCode) {
		return Imported{}, fail("mã xã %q không thuộc tỉnh của Sở.", c.CommuneCode)
	}
	team := strings.TrimSpace(rec.Team)
	if team == "" {
		return Imported{}, fail("thiếu tên tổ hòa giải (team).")
	}
	if len([]rune(team)) > 200 {
		return Imported{}, fail("tên tổ hòa giải dài quá 200 ký tự.")
	}
	var err error
	if c.ReceivedOn, err = parseDay("received_on", rec.ReceivedOn); err != nil {
		return Imported{}, err
	}
	if c.ReceivedOn.After(dateOf(today)) {
		return Imported{}, fail("ngày tiếp nhận %s ở tương lai.", c.ReceivedOn.Format("02/01/2006"))
	}
	c.Kind = CaseKind(rec.Kind)
	if !c.Kind.Valid() {
		return Imported{}, fail("loại vụ việc (kind) %q không hợp lệ; dùng một trong land, family, civil, neighbours, other.", rec.Kind)
	}
	c.Outcome = Outcome(rec.Outcome)
	if !c.Outcome.Valid() {
		return Imported{}, fail("kết quả (outcome) %q không hợp lệ; dùng một trong successful, unsuccessful, stopped, in_progress.", rec.Outcome)
	}
	c.Origin = OriginRequest
	if rec.Origin != "" {
		c.Origin = Origin(rec.Origin)
		if !c.Origin.Valid() {
			return Imported{}, fail("căn cứ hòa giải (origin) %q không hợp lệ; dùng một trong request, witnessed, assigned, referred.", rec.Origin)
		}
	}
	if c.AssignedOn, err = parseOptionalDay("assigned_on", rec.AssignedOn); err != nil {
		return Imported{}, err
	}
	if c.StartedOn, err = parseOptionalDay("started_on", rec.StartedOn); err != nil {
		return Imported{}, err
	}
	if c.EndedOn, err = parseOptionalDay("ended_on", rec.EndedOn); err != nil {
		return Imported{}, err
	}
	if err := c.checkDates(today); err != nil {
		return Imported{}, err
	}
	c.Summary = strings.TrimSpace(rec.Summary)
	return Imported{TeamName: team, Case: c}, nil
}

// checkDates checks the case's dates against each other and its outcome:
// an ended case has its end date, a case in progress has none, and no date
// comes before the case was received or after today.
func (c Case) checkDates(today time.Time) error {
	if c.Outcome.Ended() && c.EndedOn == nil {
		return fail("vụ việc đã kết thúc (%s) phải có ngày kết thúc (ended_on).", c.Outcome.Name())
	}
	if !c.Outcome.Ended() && c.EndedOn != nil {
		return fail("vụ việc đang hòa giải không có ngày kết thúc (ended_on phải để null).")
	}
	for _, d := range []struct {
		name string
		day  *time.Time
	}{{"ngày phân công", c.AssignedOn}, {"ngày bắt đầu hòa giải", c.StartedOn}, {"ngày kết thúc", c.EndedOn}} {
		if d.day == nil {
			continue
		}
		if d.day.Before(dateOf(c.ReceivedOn)) {
			return fail("%s %s trước ngày tiếp nhận %s.", d.name, d.day.Format("02/01/2006"), c.ReceivedOn.Format("02/01/2006"))
		}
		if d.day.After(dateOf(today)) {
			return fail("%s %s ở tương lai.", d.name, d.day.Format("02/01/2006"))
		}
	}
	if c.StartedOn != nil && c.EndedOn != nil && c.EndedOn.Before(*c.StartedOn) {
		return fail("ngày kết thúc %s trước ngày bắt đầu hòa giải %s.", c.EndedOn.Format("02/01/2006"), c.StartedOn.Format("02/01/2006"))
	}
	return nil
}

func parseDay(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fail("thiếu %s.", field)
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fail("%s %q không phải ngày dạng YYYY-MM-DD.", field, s)
	}
	return t, nil
}

func parseOptionalDay(field string, s *string) (*time.Time, error) {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil, nil
	}
	t, err := parseDay(field, *s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// RecordOf returns the interchange record of a case in its team.
func RecordOf(c Case, teamName string) Record {
	day := func(t *time.Time) *string {
		if t == nil {
			return nil
		}
		s := t.Format("2006-01-02")
		return &s
	}
	return Record{
		CommuneCode: c.CommuneCode, Team: teamName, ReceivedOn: c.ReceivedOn.Format("2006-01-02"),
		Kind: string(c.Kind), Outcome: string(c.Outcome), EndedOn: day(c.EndedOn),
		Origin: string(c.Origin), AssignedOn: day(c.AssignedOn), StartedOn: day(c.StartedOn), Summary: c.Summary,
	}
}

// invalid is a record's problem, already a Vietnamese sentence for the user.
type invalid string

func (e invalid) Error() string { return string(e) }

func fail(format string, args ...any) error { return invalid(fmt.Sprintf(format, args...)) }

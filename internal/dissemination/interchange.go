package dissemination

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"time"

	"tuphap/internal/apperr"
)

// Record is an activity as a line of JSON Lines (tuphap import/export
// dissemination): days as YYYY-MM-DD.
type Record struct {
	CommuneCode  string          `json:"commune_code,omitempty"`
	HeldOn       string          `json:"held_on"`
	Theme        string          `json:"theme"`
	Documents    string          `json:"documents,omitempty"`
	Audience     string          `json:"audience"`
	Channel      Channel         `json:"channel"`
	Place        string          `json:"place,omitempty"`
	Participants int             `json:"participants"`
	Women        int             `json:"women,omitempty"`
	CostVND      int64           `json:"cost_vnd,omitempty"`
	Organiser    string          `json:"organiser,omitempty"`
	LawDay       bool            `json:"law_day,omitempty"`
	PlanTask     string          `json:"plan_task,omitempty"`
	Handouts     []RecordHandout `json:"handouts,omitempty"`
}

// RecordHandout is a handout of a Record.
type RecordHandout struct {
	Material string `json:"material"`
	Kind     string `json:"kind,omitempty"`
	Copies   int    `json:"copies"`
}

// RecordOf is an activity's line.
func RecordOf(a Activity) Record {
	r := Record{CommuneCode: a.CommuneCode, HeldOn: a.HeldOn.Format("2006-01-02"), Theme: a.Theme, Documents: a.Documents,
		Audience: a.Audience, Channel: a.Channel, Place: a.Place, Participants: a.Participants, Women: a.Women, CostVND: a.CostVND,
		Organiser: a.Organiser, LawDay: a.LawDay, PlanTask: a.PlanTask}
	for _, h := range a.Handouts {
		r.Handouts = append(r.Handouts, RecordHandout(h))
	}
	return r
}

// Activity is the record as an activity (not yet validated).
func (r Record) Activity() (Activity, error) {
	a := Activity{CommuneCode: strings.TrimSpace(r.CommuneCode), Theme: r.Theme, Documents: r.Documents, Audience: r.Audience,
		Channel: r.Channel, Place: r.Place, Participants: r.Participants, Women: r.Women, CostVND: r.CostVND,
		Organiser: r.Organiser, LawDay: r.LawDay, PlanTask: r.PlanTask}
	d, err := time.Parse("2006-01-02", r.HeldOn)
	if err != nil {
		return a, apperr.Field("held_on", "Ngày tổ chức phải có dạng YYYY-MM-DD.")
	}
	a.HeldOn = d
	for _, h := range r.Handouts {
		a.Handouts = append(a.Handouts, Handout(h))
	}
	return a, nil
}

// ReadRecords reads JSON Lines of activities; the error names the line.
// Blank lines are skipped.
func ReadRecords(r io.Reader) ([]Activity, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var out []Activity
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var rec Record
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			msg := err.Error()
			if i := strings.Index(msg, "unknown field "); i >= 0 {
				msg = "trường không được hỗ trợ " + strings.TrimPrefix(msg[i:], "unknown field ")
			}
			return nil, apperr.Newf(apperr.Invalid, "Dòng %d: không đọc được JSON (%s).", line, msg)
		}
		a, err := rec.Activity()
		if err != nil {
			return nil, apperr.Newf(apperr.Invalid, "Dòng %d: %s", line, describe(err))
		}
		a.Line = line
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, apperr.Newf(apperr.Invalid, "Dòng %d: %v.", line+1, err)
	}
	return out, nil
}

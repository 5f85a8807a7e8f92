package dossier

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"tuphap/internal/catalog"
)

// Record is one dossier in the JSON Lines interchange format used to
// migrate from legacy one-stop systems and to export: one object a line.
type Record struct {
	Code          string     `json:"code"`
	ProcedureCode string     `json:"procedure_code"`
	ProcedureName string     `json:"procedure_name"`
	Field         string     `json:"field"`
	Channel       string     `json:"channel"` // online | direct | postal
	SubmittedAt   *time.Time `json:"submitted_at"`
	AcceptedAt    *time.Time `json:"accepted_at"`
	DueAt         *time.Time `json:"due_at"`
	FinishedAt    *time.Time `json:"finished_at"`
	ReturnedAt    *time.Time `json:"returned_at"`
	Ended         *string    `json:"ended"` // result | withdrawn | stopped | refused | null
	Unit          string     `json:"unit"`
	LateUnit      string     `json:"late_unit"`
	// Optional fields some legacy systems have.
	ApplicantName string `json:"applicant_name,omitempty"`
	ApplicantID   string `json:"applicant_id,omitempty"`
	PaidOnline    bool   `json:"paid_online,omitempty"`
	Satisfied     *bool  `json:"satisfied,omitempty"`
}

// LineError is a bad line of an import file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("dòng %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// MaxLineBytes bounds one line of an import file.
const MaxLineBytes = 1 << 20

// ReadRecords reads a whole JSON Lines file. It stops at the first bad line
// (the import is all or nothing) and reports its number.
func ReadRecords(r io.Reader, fn func(line int, rec Record) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var rec Record
		if err := dec.Decode(&rec); err != nil {
			return &LineError{line, fmt.Errorf("JSON không hợp lệ: %v", err)}
		}
		if dec.More() {
			return &LineError{line, errors.New("mỗi dòng chỉ được chứa một đối tượng JSON")}
		}
		if err := rec.Validate(); err != nil {
			return &LineError{line, err}
		}
		if err := fn(line, rec); err != nil {
			return &LineError{line, err}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &LineError{line + 1, fmt.Errorf("dòng dài quá %d byte", MaxLineBytes)}
		}
		return err
	}
	return nil
}

// Validate checks a record's fields and their order in time.
func (r Record) Validate() error {
	if _, err := ParseCode(r.Code); err != nil {
		return err
	}
	if strings.TrimSpace(r.ProcedureCode) == "" || strings.TrimSpace(r.ProcedureName) == "" {
		return errors.New("thiếu procedure_code hoặc procedure_name")
	}
	if !catalog.Channel(r.Channel).Valid() {
		return fmt.Errorf("channel %q không hợp lệ (online, direct hoặc postal)", r.Channel)
	}
	if r.SubmittedAt == nil {
		return errors.New("thiếu submitted_at")
	}
	ended := ""
	if r.Ended != nil {
		ended = *r.Ended
	}
	switch Ended(ended) {
	case "", EndResult, EndWithdrawn, EndStopped, EndRefused:
	default:
		return fmt.Errorf("ended %q không hợp lệ (result, withdrawn, stopped, refused hoặc null)", ended)
	}
	if ended != string(EndRefused) && r.AcceptedAt != nil && r.DueAt == nil {
		return errors.New("hồ sơ đã tiếp nhận phải có due_at")
	}
	if ended != "" && ended != string(EndRefused) && r.FinishedAt == nil {
		return errors.New("hồ sơ đã kết thúc phải có finished_at")
	}
	if ended == "" && (r.FinishedAt != nil || r.ReturnedAt != nil) {
		return errors.New("hồ sơ chưa kết thúc (ended null) không được có finished_at, returned_at")
	}
	if r.ReturnedAt != nil && ended != string(EndResult) {
		return errors.New("chỉ hồ sơ có kết quả (ended = result) mới có returned_at")
	}
	order := []*time.Time{r.SubmittedAt, r.AcceptedAt, r.FinishedAt, r.ReturnedAt}
	var last *time.Time
	for _, t := range order {
		if t == nil {
			continue
		}
		if last != nil && t.Before(*last) {
			return errors.New("các mốc thời gian phải theo thứ tự submitted_at ≤ accepted_at ≤ finished_at ≤ returned_at")
		}
		last = t
	}
	if r.AcceptedAt != nil && r.DueAt != nil && r.DueAt.Before(*r.AcceptedAt) {
		return errors.New("due_at phải sau accepted_at")
	}
	return nil
}

// FromRecord makes a dossier of an imported record. procedureID is the
// tenant's procedure (a legacy entry for unknown codes).
func FromRecord(tenantID, id, procedureID string, r Record) Dossier {
	utc := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		v := t.UTC()
		return &v
	}
	d := Dossier{TenantID: tenantID, ID: id, Ref: id, Code: strings.ToUpper(strings.TrimSpace(r.Code)), ProcedureID: procedureID,
		ProcedureCode: r.ProcedureCode, ProcedureName: r.ProcedureName, FieldCode: r.Field, Channel: catalog.Channel(r.Channel),
		Applicant: Applicant{FullName: r.ApplicantName, IDNumber: r.ApplicantID}, SubmittedAt: r.SubmittedAt.UTC(),
		AcceptedAt: utc(r.AcceptedAt), ClockStart: utc(r.AcceptedAt), DueAt: utc(r.DueAt), FinishedAt: utc(r.FinishedAt),
		ReturnedAt: utc(r.ReturnedAt), HandlingUnit: r.Unit, LateUnit: r.LateUnit, PaidOnline: r.PaidOnline, Current: -1,
		Imported: true}
	if r.Ended != nil {
		d.Ended = Ended(*r.Ended)
	}
	switch {
	case d.Ended == EndRefused:
		d.Status = Refused
	case d.Ended == EndWithdrawn:
		d.Status = Withdrawn
	case d.Ended == EndStopped:
		d.Status = Stopped
	case d.Ended == EndResult && d.ReturnedAt != nil:
		d.Status = Returned
	case d.Ended == EndResult:
		d.Status = ResultReady
	case d.AcceptedAt != nil:
		d.Status = Processing
	default:
		d.Status = Submitted
	}
	if r.Satisfied != nil && d.ReturnedAt != nil {
		d.Rating = &Rating{Satisfied: *r.Satisfied, At: *d.ReturnedAt}
	}
	d.CreatedAt, d.UpdatedAt = d.SubmittedAt, d.SubmittedAt
	return d
}

// ToRecord writes a dossier in the interchange format.
func ToRecord(d *Dossier) Record {
	r := Record{Code: d.Code, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName, Field: d.FieldCode,
		Channel: string(d.Channel), AcceptedAt: d.AcceptedAt, DueAt: d.DueAt, FinishedAt: d.FinishedAt, ReturnedAt: d.ReturnedAt,
		Unit: d.Unit(), LateUnit: d.LateUnit, PaidOnline: d.PaidOnline}
	sub := d.SubmittedAt
	r.SubmittedAt = &sub
	if r.ProcedureCode == "" {
		r.ProcedureCode = d.ProcedureID
	}
	if d.Ended != "" {
		e := string(d.Ended)
		r.Ended = &e
	}
	if d.Rating != nil {
		s := d.Rating.Satisfied
		r.Satisfied = &s
	}
	return r
}

// Unit is the dossier's handling unit: the unit of its first step after the
// reception desk, or the imported unit.
func (d *Dossier) Unit() string {
	if d.HandlingUnit != "" {
		return d.HandlingUnit
	}
	for i, s := range d.Steps {
		if i > 0 && s.UnitCode != "" && s.UnitCode != "MOTCUA" {
			return s.UnitCode
		}
	}
	return ""
}

package legalaid

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"tuphap/internal/apperr"
)

// Record is one case as a line of the JSON Lines interchange (tuphap
// import|export legalaid, GET /api/v1/legalaid/cases). Days are
// YYYY-MM-DD; absent days are omitted.
type Record struct {
	Code        string            `json:"code,omitempty"`
	Ref         string            `json:"ref,omitempty"`
	Unit        string            `json:"unit"`
	Channel     Channel           `json:"channel"`
	RequestedOn string            `json:"requested_on"`
	Requester   Person            `json:"requester"`
	Persons     int               `json:"persons,omitempty"`
	Group       string            `json:"group"`
	Proofs      string            `json:"proofs,omitempty"`
	ProofOK     bool              `json:"proof_ok"`
	ProofOn     string            `json:"proof_on,omitempty"`
	Urgent      Urgent            `json:"urgent,omitempty"`
	Extended    bool              `json:"extended,omitempty"`
	Form        Form              `json:"form"`
	Field       Field             `json:"field"`
	Summary     string            `json:"summary,omitempty"`
	OtherParty  *Person           `json:"other_party,omitempty"`
	AcceptedOn  string            `json:"accepted_on,omitempty"`
	ProofDue    string            `json:"proof_due,omitempty"`
	RefusedOn   string            `json:"refused_on,omitempty"`
	Reason      string            `json:"reason,omitempty"`
	Provider    string            `json:"provider,omitempty"` // the provider's full name
	AssignedOn  string            `json:"assigned_on,omitempty"`
	Status      Status            `json:"status"`
	StatusOn    string            `json:"status_on,omitempty"`
	ClosedOn    string            `json:"closed_on,omitempty"`
	Result      string            `json:"result,omitempty"`
	Assessment  *RecordAssessment `json:"assessment,omitempty"`
	FeeVND      int64             `json:"fee_vnd,omitempty"`
}

// RecordAssessment is a quality assessment in the interchange.
type RecordAssessment struct {
	Method string `json:"method"`
	Rating string `json:"rating"`
	On     string `json:"on"`
	By     string `json:"by,omitempty"`
	Note   string `json:"note,omitempty"`
}

func iso(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// RecordOf turns a case into its record; provider names its provider.
func RecordOf(c Case, provider string) Record {
	r := Record{Code: c.Code, Ref: c.Ref, Unit: c.UnitCode, Channel: c.Channel, RequestedOn: c.RequestedOn.Format("2006-01-02"),
		Requester: c.Requester, Persons: c.Persons, Group: c.Group, Proofs: c.Proofs, ProofOK: c.ProofOK, ProofOn: iso(c.ProofOn),
		Urgent: c.Urgent, Extended: c.Extended, Form: c.Form, Field: c.Field, Summary: c.Summary, AcceptedOn: iso(c.AcceptedOn),
		ProofDue: iso(c.ProofDue), RefusedOn: iso(c.RefusedOn), Reason: c.Reason, Provider: provider, AssignedOn: iso(c.AssignedOn),
		Status: c.Status, StatusOn: iso(c.StatusOn), ClosedOn: iso(c.ClosedOn), Result: c.Result, FeeVND: c.FeeVND}
	if c.OtherParty.FullName != "" {
		o := c.OtherParty
		r.OtherParty = &o
	}
	if c.Assessment.Rating != "" {
		r.Assessment = &RecordAssessment{Method: c.Assessment.Method, Rating: c.Assessment.Rating, On: iso(c.Assessment.On), By: c.Assessment.By, Note: c.Assessment.Note}
	}
	return r
}

// LineError is a refused line of an import, in Vietnamese.
type LineError struct {
	Line    int
	Message string
}

func (e *LineError) Error() string { return fmt.Sprintf("Dòng %d: %s", e.Line, e.Message) }

// Imported is a validated record with its line.
type Imported struct {
	Line     int
	Case     Case
	Provider string
}

func day(field, v string, required bool) (*time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			return nil, fmt.Errorf("thiếu %s", field)
		}
		return nil, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return nil, fmt.Errorf("%s “%s” không phải ngày YYYY-MM-DD", field, v)
	}
	return &t, nil
}

// ParseRecords reads JSON Lines and checks every record by itself (types,
// dates in order, the group in force on the request date, the file code's
// shape); it stops at the first bad line.
func ParseRecords(r io.Reader) ([]Imported, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var out []Imported
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec Record
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return nil, &LineError{n, "không đọc được JSON: " + err.Error()}
		}
		c, err := rec.toCase()
		if err != nil {
			return nil, &LineError{n, err.Error()}
		}
		out = append(out, Imported{Line: n, Case: c, Provider: strings.TrimSpace(rec.Provider)})
	}
	if err := sc.Err(); err != nil {
		return nil, &LineError{n + 1, "không đọc được tệp: " + err.Error()}
	}
	return out, nil
}

func (rec Record) toCase() (Case, error) {
	c := Case{Code: strings.TrimSpace(rec.Code), UnitCode: strings.TrimSpace(rec.Unit), Channel: rec.Channel, Requester: rec.Requester,
		Persons: rec.Persons, Group: rec.Group, Proofs: rec.Proofs, ProofOK: rec.ProofOK, Urgent: rec.Urgent, Extended: rec.Extended,
		Form: rec.Form, Field: rec.Field, Summary: rec.Summary, Reason: rec.Reason, Status: rec.Status, Result: rec.Result, FeeVND: rec.FeeVND}
	if rec.OtherParty != nil {
		c.OtherParty = *rec.OtherParty
	}
	if !ValidUnitCode(c.UnitCode) {
		return c, fmt.Errorf("đơn vị “%s” không hợp lệ", c.UnitCode)
	}
	if c.Channel == "" {
		c.Channel = ChannelCentre
	}
	if !c.Channel.Valid() || !c.Form.Valid() || !c.Field.Valid() || !c.Status.Valid() || !c.Urgent.Valid() {
		return c, fmt.Errorf("channel, form, field, status hoặc urgent không hợp lệ")
	}
	if strings.TrimSpace(c.Requester.FullName) == "" {
		return c, fmt.Errorf("thiếu họ tên người được trợ giúp pháp lý")
	}
	if c.Persons <= 0 {
		c.Persons = 1
	}
	var err error
	req, err := day("requested_on", rec.RequestedOn, true)
	if err != nil {
		return c, err
	}
	c.RequestedOn = *req
	if msg := CheckGroup(c.Group, c.RequestedOn); msg != "" {
		return c, fmt.Errorf("%s", msg)
	}
	for _, d := range []struct {
		name, v string
		dst     **time.Time
	}{{"proof_on", rec.ProofOn, &c.ProofOn}, {"accepted_on", rec.AcceptedOn, &c.AcceptedOn}, {"proof_due", rec.ProofDue, &c.ProofDue},
		{"refused_on", rec.RefusedOn, &c.RefusedOn}, {"assigned_on", rec.AssignedOn, &c.AssignedOn}, {"status_on", rec.StatusOn, &c.StatusOn},
		{"closed_on", rec.ClosedOn, &c.ClosedOn}} {
		if *d.dst, err = day(d.name, d.v, false); err != nil {
			return c, err
		}
	}
	before := func(a, b *time.Time) bool { return a != nil && b != nil && b.Before(*a) }
	if before(&c.RequestedOn, c.AcceptedOn) || before(&c.RequestedOn, c.RefusedOn) || before(c.AcceptedOn, c.ClosedOn) || before(c.AcceptedOn, c.AssignedOn) {
		return c, fmt.Errorf("ngày không theo thứ tự (yêu cầu ≤ thụ lý ≤ phân công, kết thúc)")
	}
	switch {
	case c.Status == StatusRefused:
		if c.RefusedOn == nil || strings.TrimSpace(c.Reason) == "" {
			return c, fmt.Errorf("từ chối thụ lý cần refused_on và reason (khoản 3 Điều 30 Luật Trợ giúp pháp lý)")
		}
		c.EndedOn, c.StatusOn = c.RefusedOn, c.RefusedOn
	case c.Status == StatusRequested:
		if c.AcceptedOn != nil || c.Code != "" {
			return c, fmt.Errorf("yêu cầu chưa thụ lý không có accepted_on hay mã số hồ sơ")
		}
	default:
		if c.AcceptedOn == nil {
			return c, fmt.Errorf("vụ việc đã thụ lý cần accepted_on")
		}
		if c.Status == StatusClosed {
			if c.ClosedOn == nil || ResultName(c.Result) == "" {
				return c, fmt.Errorf("vụ việc đã kết thúc cần closed_on và result")
			}
			c.EndedOn, c.StatusOn = c.ClosedOn, c.ClosedOn
		} else if c.Status.Ended() {
			if c.StatusOn == nil {
				return c, fmt.Errorf("trạng thái %s cần status_on", c.Status)
			}
			c.EndedOn = c.StatusOn
		}
		if c.StatusOn == nil {
			c.StatusOn = c.AcceptedOn
		}
	}
	if c.Code != "" {
		u, f, seq, year, ok := ParseFileCode(c.Code)
		if !ok || u != c.UnitCode || f != c.Form || year != c.RequestedOn.Year() {
			return c, fmt.Errorf("mã số hồ sơ “%s” không đúng dạng <đơn vị>.<hình thức>.<số thứ tự>.<năm tiếp nhận> của vụ việc (Điều 11 Thông tư 12/2018/TT-BTP)", c.Code)
		}
		c.Seq, c.Year = seq, year
	}
	if a := rec.Assessment; a != nil {
		on, err := day("assessment.on", a.On, true)
		if err != nil {
			return c, err
		}
		if _, ok := AssessMethods[a.Method]; !ok || RatingName(a.Rating) == "" || c.Status != StatusClosed {
			return c, fmt.Errorf("đánh giá chất lượng không hợp lệ (chỉ cho vụ việc đã kết thúc)")
		}
		c.Assessment = Assessment{Method: a.Method, Rating: a.Rating, On: on, By: a.By, Note: a.Note}
	}
	return c, nil
}

// Import adds validated records in one transaction: all or nothing. A
// record without a file code but accepted gets the next one of its unit
// and year; a code already used is refused with its line; a provider is
// found by full name. It returns the number of cases.
func (s *Service) Import(ctx context.Context, a Actor, tenantID string, recs []Imported) (int, error) {
	units, err := s.Store.Units(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	known := map[string]bool{}
	for _, u := range units {
		known[u.Code] = true
	}
	ps, err := s.Store.Providers(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	byName := map[string]string{}
	for _, p := range ps {
		byName[fold(p.FullName)] = p.ID
	}
	seen := map[string]int{}
	for i := range recs {
		r := &recs[i]
		if !known[r.Case.UnitCode] {
			return 0, &LineError{r.Line, "đơn vị " + r.Case.UnitCode + " chưa được khai báo (tuphap legalaid units hoặc màn hình Đơn vị)"}
		}
		if r.Provider != "" {
			id, ok := byName[fold(r.Provider)]
			if !ok {
				return 0, &LineError{r.Line, "không có người thực hiện trợ giúp pháp lý tên " + r.Provider}
			}
			r.Case.ProviderID = id
		}
		if r.Case.Code != "" {
			if l, dup := seen[r.Case.Code]; dup {
				return 0, &LineError{r.Line, fmt.Sprintf("mã số hồ sơ %s trùng dòng %d", r.Case.Code, l)}
			}
			seen[r.Case.Code] = r.Line
		}
	}
	n := 0
	err = s.Store.TransactLegalAid(ctx, func(tx Tx) error {
		next := map[string]int{}
		batch := make([]Case, 0, 16)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			err := tx.InsertCases(ctx, tenantID, batch)
			n += len(batch)
			batch = batch[:0]
			return err
		}
		for _, r := range recs {
			c := r.Case
			c.ID, c.ReceivedAt = newID(), tx.Now()
			c.Ref = newRef(c.RequestedOn)
			if c.AcceptedOn != nil && c.Code == "" {
				key := fmt.Sprintf("%s|%d", c.UnitCode, c.RequestedOn.Year())
				if next[key] == 0 {
					if err := flush(); err != nil {
						return err
					}
					seq, err := tx.NextSeq(ctx, tenantID, c.UnitCode, c.RequestedOn.Year())
					if err != nil {
						return err
					}
					next[key] = seq
				}
				c.Seq, c.Year = next[key], c.RequestedOn.Year()
				c.Code = FileCode(c.UnitCode, c.Form, c.Seq, c.Year)
				next[key]++
			}
			batch = append(batch, c)
			if len(batch) == cap(batch) {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			if apperr.CodeOf(err) == apperr.Conflict {
				return apperr.New(apperr.Conflict, "Mã số hồ sơ đã có trong sổ (trùng đơn vị, năm và số thứ tự).")
			}
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "legalaid.import", "legalaid", fmt.Sprintf("%d vụ việc", n))
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

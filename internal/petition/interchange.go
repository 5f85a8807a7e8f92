package petition

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Record is a petition as interchange (JSON Lines import and export, the
// API). Exports never carry a denouncer's identity: Denouncer is read on
// import only.
type Record struct {
	Code          string         `json:"code,omitempty"`
	Kind          Kind           `json:"kind"`
	Channel       Channel        `json:"channel"`
	Field         Field          `json:"field,omitempty"`
	ReceivedOn    calendar.Date  `json:"received_on"`
	Summary       string         `json:"summary"`
	Petitioner    *Person        `json:"petitioner,omitempty"`
	Denouncer     *Identity      `json:"denouncer,omitempty"`
	Anonymous     bool           `json:"anonymous,omitempty"`
	GroupSize     int            `json:"group_size,omitempty"`
	ForwardedFrom string         `json:"forwarded_from,omitempty"`
	Instance      int            `json:"instance,omitempty"`
	Status        Status         `json:"status,omitempty"`
	Decision      Handling       `json:"decision,omitempty"`
	DecidedOn     *calendar.Date `json:"decided_on,omitempty"`
	ForwardTo     string         `json:"forward_to,omitempty"`
	LetterNo      string         `json:"letter_no,omitempty"`
	AcceptedOn    *calendar.Date `json:"accepted_on,omitempty"`
	Complex       bool           `json:"complex,omitempty"`
	ComplexGround string         `json:"complex_ground,omitempty"`
	Especially    bool           `json:"especially_complex,omitempty"`
	Remote        bool           `json:"remote,omitempty"`
	ResolvedOn    *calendar.Date `json:"resolved_on,omitempty"`
	Conclusion    Conclusion     `json:"conclusion,omitempty"`
	DecisionNo    string         `json:"decision_no,omitempty"`
	AmountVND     int64          `json:"amount_vnd,omitempty"`
	LandM2        int64          `json:"land_m2,omitempty"`
	DuplicateOf   string         `json:"duplicate_of,omitempty"` // id
}

// RecordOf is a petition's interchange record, without any denouncer.
func RecordOf(p Petition) Record {
	r := Record{Code: p.Code, Kind: p.Kind, Channel: p.Channel, Field: p.Field, ReceivedOn: p.ReceivedOn, Summary: p.Summary,
		Anonymous: p.Anonymous, GroupSize: p.GroupSize, ForwardedFrom: p.ForwardedFrom, Instance: p.Instance, Status: p.Status,
		Decision: p.Decision, DecidedOn: p.DecidedOn, ForwardTo: p.ForwardTo, LetterNo: p.LetterNo, AcceptedOn: p.AcceptedOn,
		Complex: p.Complex, ComplexGround: p.ComplexGround, Especially: p.EspeciallyComplex, Remote: p.Remote,
		ResolvedOn: p.ResolvedOn, Conclusion: p.Conclusion, DecisionNo: p.DecisionNo, AmountVND: p.AmountVND, LandM2: p.LandM2,
		DuplicateOf: p.DuplicateOf}
	if p.Kind != KindDenunciation && p.Petitioner != (Person{}) {
		who := p.Petitioner
		r.Petitioner = &who
	}
	return r
}

// Intake is the record as a new petition (API intake).
func (r Record) Intake() (Intake, error) {
	in := Intake{Petition: Petition{Kind: r.Kind, Channel: r.Channel, Field: r.Field, ReceivedOn: r.ReceivedOn, Summary: r.Summary,
		Anonymous: r.Anonymous, GroupSize: r.GroupSize, ForwardedFrom: r.ForwardedFrom, Instance: r.Instance, Remote: r.Remote}}
	if r.Petitioner != nil {
		in.Petitioner = *r.Petitioner
	}
	if r.Denouncer != nil {
		if r.Kind != KindDenunciation {
			return in, apperr.Field("denouncer", "Chỉ đơn tố cáo có thông tin người tố cáo (denouncer); dùng petitioner.")
		}
		in.Identity = *r.Denouncer
	}
	if r.Kind == KindDenunciation && r.Petitioner != nil {
		in.Identity.Person, in.Petitioner = *r.Petitioner, Person{}
	}
	return in, nil
}

// Import reads JSON Lines and records every petition in one transaction,
// its state as recorded (status, decision, acceptance, resolution): all or
// nothing, the first bad line named.
func (s *Service) Import(ctx context.Context, a Actor, tenantID string, in io.Reader) (int, error) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	type item struct {
		p   Petition
		id  *Identity
		dup string
	}
	var items []item
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var r Record
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			msg := err.Error()
			if i := strings.Index(msg, "unknown field "); i >= 0 {
				msg = "trường không được hỗ trợ " + strings.TrimPrefix(msg[i:], "unknown field ")
			}
			return 0, apperr.Textf("Dòng %d: không đọc được JSON (%s).", line, msg)
		}
		p, id, err := r.petition(s.Today())
		if err != nil {
			return 0, apperr.Textf("Dòng %d: %s", line, apperr.As(err).Message)
		}
		who := p.Petitioner
		if id != nil {
			who = id.Person
		}
		items = append(items, item{p, id, DupKey(p.Kind, who, p.Summary)})
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	err := s.Store.TransactPetitions(ctx, func(tx Tx) error {
		for i, it := range items {
			p := it.p
			p.ID = newID()
			if p.Code == "" {
				n, err := tx.NextNumber(ctx, tenantID, series[p.Kind], p.ReceivedOn.Year)
				if err != nil {
					return err
				}
				p.Code = fmt.Sprintf("%s-%d-%06d", series[p.Kind], p.ReceivedOn.Year, n)
			}
			if it.dup != "" {
				d, err := tx.Duplicate(ctx, tenantID, it.dup)
				if err != nil {
					return err
				}
				p.DuplicateOf = d
			}
			key := it.dup
			if p.Kind == KindDenunciation {
				key = ""
			}
			if err := tx.InsertPetition(ctx, tenantID, withDup(p, key)); err != nil {
				return fmt.Errorf("bản ghi %d (%s): %w", i+1, p.Code, err)
			}
			if it.id != nil {
				if err := tx.InsertIdentity(ctx, tenantID, p.ID, it.dup, *it.id); err != nil {
					return err
				}
			}
			if err := event(tx, ctx, tenantID, p.ID, p.ReceivedOn, "imported", "Nhập từ sổ cũ ("+p.Status.Name()+").", true); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, tenantID, a, "petition.import", "petitions", fmt.Sprintf("%d đơn", len(items)))
	})
	if err != nil {
		return 0, err
	}
	return len(items), nil
}

// petition validates an imported record.
func (r Record) petition(today calendar.Date) (Petition, *Identity, error) {
	p := Petition{Code: strings.ToUpper(strings.TrimSpace(r.Code)), Kind: r.Kind, Channel: r.Channel, Field: r.Field, ReceivedOn: r.ReceivedOn,
		Summary: strings.TrimSpace(r.Summary), Anonymous: r.Anonymous, GroupSize: r.GroupSize, ForwardedFrom: r.ForwardedFrom,
		Instance: r.Instance, Status: r.Status, Decision: r.Decision, DecidedOn: r.DecidedOn, ForwardTo: r.ForwardTo, LetterNo: r.LetterNo,
		AcceptedOn: r.AcceptedOn, Complex: r.Complex || r.Especially, ComplexGround: r.ComplexGround, EspeciallyComplex: r.Especially,
		Remote: r.Remote, ResolvedOn: r.ResolvedOn, Conclusion: r.Conclusion, DecisionNo: r.DecisionNo, AmountVND: r.AmountVND, LandM2: r.LandM2}
	switch {
	case !p.Kind.Valid():
		return p, nil, apperr.Field("kind", "kind phải là complaint, denunciation, feedback hoặc mixed.")
	case !p.Channel.Valid():
		return p, nil, apperr.Field("channel", "channel không hợp lệ.")
	case p.ReceivedOn.IsZero() || p.ReceivedOn.After(today):
		return p, nil, apperr.Field("received_on", "received_on thiếu hoặc sau hôm nay.")
	case p.Summary == "":
		return p, nil, apperr.Field("summary", "Thiếu nội dung đơn (summary).")
	}
	if p.Field == "" {
		p.Field = "other"
	}
	if !p.Field.Valid() {
		return p, nil, apperr.Field("field", "field không hợp lệ.")
	}
	if p.Status == "" {
		p.Status = StatusReceived
	}
	if !p.Status.Valid() {
		return p, nil, apperr.Field("status", "status không hợp lệ.")
	}
	if p.Decision != "" && (!p.Decision.Valid() || p.DecidedOn == nil) {
		return p, nil, apperr.Field("decision", "decision không hợp lệ hoặc thiếu decided_on.")
	}
	if p.Status == StatusResolved && (p.ResolvedOn == nil || !p.Conclusion.Valid()) {
		return p, nil, apperr.Field("resolved_on", "Đơn đã giải quyết cần resolved_on và conclusion.")
	}
	if (p.Status == StatusAccepted || p.Status == StatusResolved) && p.Kind != KindFeedback && p.AcceptedOn == nil {
		return p, nil, apperr.Field("accepted_on", "Vụ việc đã thụ lý cần accepted_on.")
	}
	for _, d := range []*calendar.Date{p.DecidedOn, p.AcceptedOn, p.ResolvedOn} {
		if d != nil && d.Before(p.ReceivedOn) {
			return p, nil, apperr.Field("received_on", "Ngày xử lý, thụ lý, giải quyết không được trước ngày tiếp nhận.")
		}
	}
	if p.Kind == KindComplaint && p.Instance != 2 {
		p.Instance = 1
	}
	var id *Identity
	switch {
	case p.Kind == KindDenunciation && r.Denouncer != nil:
		d := *r.Denouncer
		id = &d
	case p.Kind == KindDenunciation && r.Petitioner != nil:
		id = &Identity{Person: *r.Petitioner}
	case r.Denouncer != nil:
		return p, nil, apperr.Field("denouncer", "Chỉ đơn tố cáo có denouncer.")
	case r.Petitioner != nil:
		p.Petitioner = *r.Petitioner
	}
	if p.Kind == KindDenunciation && id == nil {
		p.Anonymous = true
	}
	return p, id, nil
}

// Export writes the petitions as JSON Lines, never with a denouncer.
func Export(w io.Writer, ps []Petition) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range ps {
		if err := enc.Encode(RecordOf(p)); err != nil {
			return err
		}
	}
	return nil
}

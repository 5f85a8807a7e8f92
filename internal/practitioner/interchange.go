package practitioner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"tuphap/internal/apperr"
)

// Record is one line of the register's JSON Lines interchange (`tuphap
// import practitioners`, `tuphap export practitioners`): an organisation
// or a practitioner, as the department's books keep them today. Lines of
// organisations come before the practitioners who name them by reg_no.
type Record struct {
	Type string `json:"type"` // "organisation" or "person"
	// Organisation.
	Kind         string `json:"kind,omitempty"`
	Name         string `json:"name,omitempty"`
	RegNo        string `json:"reg_no,omitempty"`
	RegisteredOn string `json:"registered_on,omitempty"`
	CommuneCode  string `json:"commune_code,omitempty"`
	Address      string `json:"address,omitempty"`
	Head         string `json:"head,omitempty"`
	Phone        string `json:"phone,omitempty"`
	TaxCode      string `json:"tax_code,omitempty"`
	// Person.
	Profession   string `json:"profession,omitempty"`
	FullName     string `json:"full_name,omitempty"`
	BirthDate    string `json:"birth_date,omitempty"`
	Female       bool   `json:"female,omitempty"`
	CardNo       string `json:"card_no,omitempty"`
	AppointedOn  string `json:"appointed_on,omitempty"`
	OrgRegNo     string `json:"org_reg_no,omitempty"`
	PractisingOn bool   `json:"practising_on_2025_07_01,omitempty"`
	// Both: the cause of the registration, and the present status when it
	// is not active, with the day and decision of that change.
	DecisionNo string `json:"decision_no,omitempty"`
	DecisionOn string `json:"decision_on,omitempty"`
	Status     string `json:"status,omitempty"`
	StatusOn   string `json:"status_on,omitempty"`
	StatusNo   string `json:"status_decision_no,omitempty"`
}

// LineError is an import refused at a line.
type LineError struct {
	Line    int
	Message string
}

func (e *LineError) Error() string { return fmt.Sprintf("Dòng %d: %s", e.Line, e.Message) }

// Numbered is a record with its line.
type Numbered struct {
	Line int
	Record
}

// ReadRecords reads every line of r (JSON Lines; blank lines skipped).
func ReadRecords(r io.Reader) ([]Numbered, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var out []Numbered
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(b) == 0 {
			continue
		}
		var rec Record
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			msg := err.Error()
			if i := strings.Index(msg, "unknown field "); i >= 0 {
				msg = "trường không được hỗ trợ " + strings.TrimPrefix(msg[i:], "unknown field ")
			}
			return nil, &LineError{line, "không đọc được JSON (" + msg + ")."}
		}
		out = append(out, Numbered{line, rec})
	}
	if err := sc.Err(); err != nil {
		return nil, &LineError{line + 1, "dòng dài quá 1 MiB hoặc không đọc được."}
	}
	return out, nil
}

func isoDay(field, s string, required bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			return time.Time{}, apperr.Textf("thiếu %s (YYYY-MM-DD).", field)
		}
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, apperr.Textf("%s phải có dạng YYYY-MM-DD.", field)
	}
	return t, nil
}

var endKinds = map[Status]EventKind{StatusSuspended: EvSuspended, StatusRevoked: EvRevoked, StatusDissolved: EvDissolved,
	StatusMerged: EvMerged, StatusConverted: EvConverted, StatusRemoved: EvRemoved}

// Import enters every record in one transaction: a line that fails stops
// the import and nothing is kept (the error names the line).
func (s *Service) Import(ctx context.Context, a Actor, sc Scope, recs []Numbered) (orgs, people int, err error) {
	err = s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		orgs, people = 0, 0
		for _, r := range recs {
			if err := s.importOne(ctx, tx, a, sc, r.Record); err != nil {
				msg := err.Error()
				if e := apperr.As(err); e.Code != apperr.Internal {
					msg = e.Message
				}
				return &LineError{r.Line, msg}
			}
			if r.Type == "organisation" {
				orgs++
			} else {
				people++
			}
		}
		return s.audit(ctx, tx, sc, a, "practitioner.import", "practitioners", fmt.Sprintf("%d tổ chức, %d người", orgs, people))
	})
	return orgs, people, err
}

func (s *Service) importOne(ctx context.Context, tx Tx, a Actor, sc Scope, r Record) error {
	dec, err := isoDay("decision_on", r.DecisionOn, false)
	if err != nil {
		return err
	}
	c := Cause{DecisionNo: r.DecisionNo, Note: "Nhập từ sổ cũ"}
	if c.DecisionNo == "" {
		c.DecisionNo = "(sổ cũ)"
	}
	if !dec.IsZero() {
		c.DecisionOn = &dec
	}
	st := Status(r.Status)
	if st != "" && st != StatusActive && endKinds[st] == "" {
		return apperr.Textf("trạng thái %q không hợp lệ.", r.Status)
	}
	var stOn time.Time
	if st != "" && st != StatusActive {
		if stOn, err = isoDay("status_on", r.StatusOn, true); err != nil {
			return err
		}
	}
	switch r.Type {
	case "organisation":
		reg, err := isoDay("registered_on", r.RegisteredOn, true)
		if err != nil {
			return err
		}
		if c.DecisionOn == nil {
			c.DecisionOn = &reg
		}
		o := Organisation{Kind: OrgKind(r.Kind), Name: r.Name, RegNo: r.RegNo, RegisteredOn: reg, CommuneCode: r.CommuneCode,
			Address: r.Address, Head: r.Head, Phone: r.Phone, TaxCode: r.TaxCode}
		if err := s.validOrg(sc, &o); err != nil {
			return err
		}
		if o, err = s.registerOrg(ctx, tx, a, sc, o, c); err != nil {
			return err
		}
		if st != "" && st != StatusActive {
			return s.importStatus(ctx, tx, sc, SubjectOrg, o.ID, o.Status, endKinds[st], stOn, r.StatusNo, func(to Status) error {
				o.Status = to
				return tx.UpdateOrg(ctx, sc.TenantID, o)
			})
		}
		return nil
	case "person":
		p := Person{Profession: Profession(r.Profession), FullName: r.FullName, Female: r.Female, CardNo: r.CardNo, PractisingOn: r.PractisingOn}
		if p.BirthDate, err = isoDay("birth_date", r.BirthDate, true); err != nil {
			return err
		}
		if p.AppointedOn, err = isoDay("appointed_on", r.AppointedOn, true); err != nil {
			return err
		}
		if c.DecisionOn == nil {
			c.DecisionOn = &p.AppointedOn
		}
		if r.OrgRegNo != "" {
			o, err := tx.OrgByRegNo(ctx, sc.TenantID, r.OrgRegNo, "")
			if err != nil {
				return apperr.Textf("không có tổ chức số đăng ký %s (dòng tổ chức phải đứng trước).", r.OrgRegNo)
			}
			p.OrgID = o.ID
		}
		if err := s.validPerson(ctx, tx, sc, &p); err != nil {
			return err
		}
		p.ID, p.Status = newID(), StatusActive
		if err := tx.InsertPerson(ctx, sc.TenantID, p); err != nil {
			return err
		}
		if err := tx.InsertEvent(ctx, sc.TenantID, Event{ID: newID(), Subject: SubjectPerson, SubjectID: p.ID, Kind: EvRegistered,
			On: dateOf(p.AppointedOn), To: StatusActive, DecisionNo: c.DecisionNo, DecisionOn: c.DecisionOn, Note: c.Note, Officer: a.Name}); err != nil {
			return err
		}
		if st != "" && st != StatusActive {
			return s.importStatus(ctx, tx, sc, SubjectPerson, p.ID, p.Status, endKinds[st], stOn, r.StatusNo, func(to Status) error {
				p.Status = to
				return tx.UpdatePerson(ctx, sc.TenantID, p)
			})
		}
		return nil
	}
	return apperr.Textf("type phải là \"organisation\" hoặc \"person\".")
}

func (s *Service) importStatus(ctx context.Context, tx Tx, sc Scope, subj Subject, id string, cur Status, kind EventKind, on time.Time, no string, save func(Status) error) error {
	to, err := Next(subj, cur, kind)
	if err != nil {
		return err
	}
	if no == "" {
		no = "(sổ cũ)"
	}
	if err := save(to); err != nil {
		return err
	}
	return tx.InsertEvent(ctx, sc.TenantID, Event{ID: newID(), Subject: subj, SubjectID: id, Kind: kind, On: dateOf(on), From: cur, To: to,
		DecisionNo: no, DecisionOn: &on, Note: "Nhập từ sổ cũ"})
}

// RecordOfOrg is an organisation as an export line.
func RecordOfOrg(o Organisation, hist []Event) Record {
	r := Record{Type: "organisation", Kind: string(o.Kind), Name: o.Name, RegNo: o.RegNo, RegisteredOn: o.RegisteredOn.Format("2006-01-02"),
		CommuneCode: o.CommuneCode, Address: o.Address, Head: o.Head, Phone: o.Phone, TaxCode: o.TaxCode}
	fillCause(&r, o.Status, hist)
	return r
}

// RecordOfPerson is a practitioner as an export line.
func RecordOfPerson(p Person, orgRegNo string, hist []Event) Record {
	r := Record{Type: "person", Profession: string(p.Profession), FullName: p.FullName, BirthDate: p.BirthDate.Format("2006-01-02"),
		Female: p.Female, CardNo: p.CardNo, AppointedOn: p.AppointedOn.Format("2006-01-02"), OrgRegNo: orgRegNo, PractisingOn: p.PractisingOn}
	fillCause(&r, p.Status, hist)
	return r
}

func fillCause(r *Record, st Status, hist []Event) {
	for _, e := range hist {
		if e.Kind == EvRegistered {
			r.DecisionNo = e.DecisionNo
			if r.DecisionNo == "" && e.DossierCode != "" {
				r.DecisionNo = "Hồ sơ " + e.DossierCode
			}
			if e.DecisionOn != nil {
				r.DecisionOn = e.DecisionOn.Format("2006-01-02")
			}
		}
	}
	if st != StatusActive && len(hist) > 0 {
		last := hist[len(hist)-1]
		r.Status, r.StatusOn, r.StatusNo = string(st), last.On.Format("2006-01-02"), last.DecisionNo
	}
}

package legaldoc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"tuphap/internal/apperr"
)

// Record is one line of the JSON Lines interchange (tuphap import lawdocs,
// tuphap export lawdocs): a document with the relations it makes, naming
// the documents it acts on by their number.
type Record struct {
	Kind        string      `json:"kind"`
	Number      string      `json:"number"`
	Title       string      `json:"title"`
	Issuer      string      `json:"issuer"`
	CommuneCode string      `json:"commune_code,omitempty"`
	Signer      string      `json:"signer,omitempty"`
	SignedOn    string      `json:"signed_on"`
	PublishedOn string      `json:"published_on,omitempty"`
	InForceOn   string      `json:"in_force_on"`
	EndsOn      string      `json:"ends_on,omitempty"`
	Gazette     string      `json:"gazette,omitempty"`
	Field       string      `json:"field,omitempty"`
	Body        string      `json:"body,omitempty"`
	File        string      `json:"file,omitempty"`
	Relations   []RecordRel `json:"relations,omitempty"`
}

// RecordRel is a relation in a record.
type RecordRel struct {
	Kind         string   `json:"kind"`
	Target       string   `json:"target"`                  // the number of the document acted on
	TargetIssuer string   `json:"target_issuer,omitempty"` // its issuer, when not the acting document's
	Articles     []string `json:"articles,omitempty"`
	EffectiveOn  string   `json:"effective_on,omitempty"`
	Note         string   `json:"note,omitempty"`
}

// LineError is a problem on one line of an import file, in Vietnamese.
type LineError struct {
	Line    int
	Message string
}

func (e *LineError) Error() string { return fmt.Sprintf("Dòng %d: %s", e.Line, e.Message) }

// Imported is a validated record with its line.
type Imported struct {
	Line     int
	Document Document
	Rels     []RecordRel
}

func parseDay(field, s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return t, fmt.Errorf("%s phải có dạng YYYY-MM-DD (%q)", field, s)
	}
	return t, nil
}

func optDay(field, s string) (*time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	t, err := parseDay(field, s)
	return &t, err
}

// ReadRecords reads a JSON Lines file; the first bad line stops it.
func ReadRecords(r io.Reader) ([]Imported, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	var out []Imported
	seen := map[string]int{}
	for n := 1; sc.Scan(); n++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rec Record
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return nil, &LineError{n, "JSON không hợp lệ: " + err.Error()}
		}
		d, err := rec.document()
		if err != nil {
			return nil, &LineError{n, err.Error()}
		}
		if l, dup := seen[d.Number+"|"+d.Issuer]; dup {
			return nil, &LineError{n, fmt.Sprintf("văn bản số %s trùng với dòng %d", d.Number, l)}
		}
		seen[d.Number+"|"+d.Issuer] = n
		for _, rr := range rec.Relations {
			if !RelationKind(rr.Kind).Valid() {
				return nil, &LineError{n, fmt.Sprintf("loại tác động %q không hợp lệ", rr.Kind)}
			}
			if strings.TrimSpace(rr.Target) == "" {
				return nil, &LineError{n, "tác động thiếu số văn bản bị tác động (target)"}
			}
			if _, err := optDay("effective_on", rr.EffectiveOn); err != nil {
				return nil, &LineError{n, err.Error()}
			}
		}
		out = append(out, Imported{Line: n, Document: d, Rels: rec.Relations})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (rec Record) document() (Document, error) {
	d := Document{Kind: Kind(rec.Kind), Number: rec.Number, Title: rec.Title, Issuer: rec.Issuer, CommuneCode: rec.CommuneCode,
		Signer: rec.Signer, Gazette: rec.Gazette, Field: rec.Field, Body: rec.Body, File: rec.File}
	if !d.Kind.Valid() {
		return d, fmt.Errorf("loại văn bản %q không hợp lệ", rec.Kind)
	}
	var err error
	if d.SignedOn, err = parseDay("signed_on", rec.SignedOn); err != nil {
		return d, err
	}
	if d.InForceOn, err = parseDay("in_force_on", rec.InForceOn); err != nil {
		return d, err
	}
	if d.PublishedOn, err = optDay("published_on", rec.PublishedOn); err != nil {
		return d, err
	}
	if d.EndsOn, err = optDay("ends_on", rec.EndsOn); err != nil {
		return d, err
	}
	return d, nil
}

// RecordOf is a document as a record, with the relations it makes
// (targets named by number).
func RecordOf(d Document, rels []Relation, target func(id string) Document) Record {
	r := Record{Kind: string(d.Kind), Number: d.Number, Title: d.Title, Issuer: d.Issuer, CommuneCode: d.CommuneCode, Signer: d.Signer,
		SignedOn: d.SignedOn.Format("2006-01-02"), InForceOn: d.InForceOn.Format("2006-01-02"), Gazette: d.Gazette, Field: d.Field, Body: d.Body, File: d.File}
	if d.PublishedOn != nil {
		r.PublishedOn = d.PublishedOn.Format("2006-01-02")
	}
	if d.EndsOn != nil {
		r.EndsOn = d.EndsOn.Format("2006-01-02")
	}
	for _, x := range rels {
		if x.SourceID != d.ID {
			continue
		}
		t := target(x.TargetID)
		rr := RecordRel{Kind: string(x.Kind), Target: t.Number, Articles: x.Articles, EffectiveOn: x.EffectiveOn.Format("2006-01-02"), Note: x.Note}
		if t.Issuer != d.Issuer {
			rr.TargetIssuer = t.Issuer
		}
		r.Relations = append(r.Relations, rr)
	}
	return r
}

// Import adds the records to the law book in one transaction, all or
// nothing: first the documents, then their relations, whose targets are
// found by number in the file or in the book.
func (s *Service) Import(ctx context.Context, a Actor, sc Scope, recs []Imported) (docs, rels int, err error) {
	for i := range recs {
		if err := s.validDocument(sc, &recs[i].Document); err != nil {
			return 0, 0, &LineError{recs[i].Line, fieldMessage(err)}
		}
	}
	err = s.Store.TransactLegalDoc(ctx, func(tx Tx) error {
		docs, rels = 0, 0
		ids := map[string]Document{}
		for i := range recs {
			d := &recs[i].Document
			if _, err := tx.DocumentByNumber(ctx, sc.TenantID, d.Number, d.Issuer); err == nil {
				return &LineError{recs[i].Line, "văn bản số " + d.Number + " đã có trong cơ sở dữ liệu"}
			} else if apperr.CodeOf(err) != apperr.NotFound {
				return err
			}
			d.ID = newID()
			if err := tx.InsertDocument(ctx, sc.TenantID, *d); err != nil {
				return err
			}
			ids[d.Number+"|"+d.Issuer] = *d
			docs++
		}
		for _, rec := range recs {
			for _, rr := range rec.Rels {
				issuer := strings.TrimSpace(rr.TargetIssuer)
				if issuer == "" {
					issuer = rec.Document.Issuer
				}
				tgt, ok := ids[strings.TrimSpace(rr.Target)+"|"+issuer]
				if !ok {
					t, err := tx.DocumentByNumber(ctx, sc.TenantID, strings.TrimSpace(rr.Target), issuer)
					if err != nil {
						if apperr.CodeOf(err) == apperr.NotFound {
							return &LineError{rec.Line, "không tìm thấy văn bản bị tác động số " + rr.Target + " của " + issuer}
						}
						return err
					}
					tgt = t
				}
				on, _ := optDay("effective_on", rr.EffectiveOn)
				r := Relation{ID: newID(), Kind: RelationKind(rr.Kind), SourceID: rec.Document.ID, TargetID: tgt.ID, Articles: rr.Articles, Note: rr.Note}
				if on != nil {
					r.EffectiveOn = *on
				} else {
					r.EffectiveOn = rec.Document.InForceOn
				}
				if r.TargetID == r.SourceID {
					return &LineError{rec.Line, "văn bản không thể tác động đến chính nó"}
				}
				if err := tx.InsertRelation(ctx, sc.TenantID, r); err != nil {
					return err
				}
				rels++
			}
		}
		return s.audit(ctx, tx, sc, a, "legaldoc.import", "legal_document", fmt.Sprintf("%d văn bản, %d tác động", docs, rels))
	})
	if err != nil {
		return 0, 0, err
	}
	return docs, rels, nil
}

func fieldMessage(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	return err.Error()
}

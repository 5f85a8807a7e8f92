package dossier

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
)

// LetterReader reads the outgoing letters.
type LetterReader interface {
	Letter(ctx context.Context, tenantID, id string) (Letter, error)
	// DossierLetters lists a dossier's letters, oldest first.
	DossierLetters(ctx context.Context, tenantID, dossierID string) ([]Letter, error)
	// SubmittedLetters lists the tenant's letters waiting for a leader,
	// oldest first.
	SubmittedLetters(ctx context.Context, tenantID string) ([]Letter, error)
	// LetterPDF is the signed PDF of an approved letter.
	LetterPDF(ctx context.Context, tenantID, id string) ([]byte, error)
}

// LetterTx is a dossier transaction that also writes letters.
type LetterTx interface {
	Tx
	InsertLetter(ctx context.Context, l *Letter) error
	// LockLetter reads a letter for update.
	LockLetter(ctx context.Context, tenantID, id string) (Letter, error)
	// SaveLetter writes l, and its signed PDF when pdf is not nil.
	SaveLetter(ctx context.Context, l *Letter, pdf []byte) error
	// PendingLetters lists the tenant's letters not yet sent (draft,
	// submitted, sent back), for update.
	PendingLetters(ctx context.Context, tenantID string) ([]Letter, error)
}

// MoveLetterDrafts is the Service's MoveDrafts for the letters: the
// departing officer's letters not yet sent (drafts, letters waiting for
// the leader or sent back to him) get the new officer as their drafter,
// in the Reassign's transaction, so that he edits, submits or cancels
// them.
func MoveLetterDrafts(ctx context.Context, tx Tx, tenantID string, from, to Officer) (int, error) {
	lt, ok := tx.(LetterTx)
	if !ok {
		return 0, nil
	}
	ls, err := lt.PendingLetters(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range ls {
		l := &ls[i]
		if from.ID == "" || l.Drafter.ID != from.ID {
			continue
		}
		l.Drafter = Actor{ID: to.ID, Name: to.Username, Role: to.Role, UnitCode: to.UnitCode}
		l.UpdatedAt = tx.Now()
		if err := lt.SaveLetter(ctx, l, nil); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Letters holds the use cases of the outgoing letters.
type Letters struct {
	Dossiers *Service
	Store    LetterReader
}

// SignLetter renders and signs a letter: preview is the dossier as it
// will be once the letter's action is performed, with its events (the
// letter's event last), so the PDF prints what the applicant is told; the
// signer is the leader's. It returns the signed PDF, the certificate's
// subject and the method ("server", "remote").
type SignLetter func(ctx context.Context, l *Letter, preview *Dossier, evs []Event) (pdf []byte, signer, method string, err error)

func (s *Letters) tx(ctx context.Context, fn func(LetterTx) error) error {
	return s.Dossiers.Store.Transact(ctx, func(tx Tx) error {
		lt, ok := tx.(LetterTx)
		if !ok {
			return errors.New("dossier: the store cannot write letters")
		}
		return fn(lt)
	})
}

// cloneDossier copies d deeply enough for Apply not to touch d.
func cloneDossier(d Dossier) Dossier {
	c := d
	c.Steps = slices.Clone(d.Steps)
	c.Supplements = slices.Clone(d.Supplements)
	if d.Completion != nil {
		x := *d.Completion
		c.Completion = &x
	}
	if d.Apology != nil {
		x := *d.Apology
		c.Apology = &x
	}
	return c
}

// preview applies act to a copy of d as the rules in force at acceptance
// see it now: the action's own rules are checked before a letter is
// drafted or signed.
func (s *Letters) preview(ctx context.Context, d Dossier, act Action, a Actor, in Input, now time.Time) (Dossier, Event, error) {
	book, err := s.Dossiers.Calendar(ctx, d.TenantID)
	if err != nil {
		return d, Event{}, err
	}
	at := now
	if d.AcceptedAt != nil {
		at = *d.AcceptedAt
	}
	c := cloneDossier(d)
	ev, err := Apply(&c, act, a, in, Env{Now: now, Cal: book.At(at)})
	return c, ev, err
}

// recordLetter appends the letter's step to the dossier's history (the
// dossier's status unchanged) and to the audit log.
func (s *Letters) recordLetter(ctx context.Context, tx LetterTx, d *Dossier, l *Letter, op LetterOp, a Actor, comment string) error {
	ev := Event{TenantID: d.TenantID, DossierID: d.ID, At: tx.Now(), Action: letterEventOf(op), ActorID: a.ID, Actor: a.Name,
		UnitCode: a.UnitCode, From: d.Status, To: d.Status, Reason: strings.TrimSpace(comment), Detail: l.Kind.Label()}
	if err := tx.AppendEvent(ctx, &ev); err != nil {
		return err
	}
	ref := d.Code
	if ref == "" {
		ref = d.Ref
	}
	detail := l.Kind.Label() + "; hồ sơ " + ref
	if c := strings.TrimSpace(comment); c != "" {
		detail += "; " + c
	}
	return tx.Audit(ctx, audit.Entry{TenantID: d.TenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
		Action: "letter." + string(op), Object: "letter:" + l.ID, Detail: detail})
}

// Draft writes a new letter for a dossier (and submits it when submit is
// set). The officer must be able to perform the letter's action on the
// dossier now (his step, the status); an apology's drafter must hold the
// step, the leader signing it.
func (s *Letters) Draft(ctx context.Context, a Actor, tenantID, codeOrID string, k LetterKind, in Input, submit bool) (Letter, error) {
	if err := CheckLetterDraft(k, in); err != nil {
		return Letter{}, err
	}
	var l Letter
	err := s.tx(ctx, func(tx LetterTx) error {
		d, err := tx.LockDossier(ctx, tenantID, codeOrID)
		if err != nil {
			return err
		}
		act, err := LetterAction(k, d.Status)
		if err != nil {
			return err
		}
		if k == LetterApology {
			if HoldingOf(a, d.CurrentStep()) == NotHolder {
				return forbidden("Chỉ người đang giữ hồ sơ soạn được văn bản xin lỗi của hồ sơ này.")
			}
		} else if _, _, err := s.preview(ctx, d, act, a, in, tx.Now()); err != nil {
			return err
		}
		now := tx.Now()
		l = Letter{TenantID: tenantID, ID: uuid.Must(uuid.NewV7()).String(), DossierID: d.ID, DossierCode: d.Code, Kind: k,
			State: LetterDraft, Input: in, Drafter: a, UnitCode: a.UnitCode, CreatedAt: now, UpdatedAt: now, Action: act}
		l.Drafter.IP = ""
		l.Steps = []LetterStep{{At: now, Op: "draft", ActorID: a.ID, Actor: a.Name}}
		if err := tx.InsertLetter(ctx, &l); err != nil {
			return err
		}
		if err := s.recordLetter(ctx, tx, &d, &l, "draft", a, ""); err != nil {
			return err
		}
		if submit {
			StepLetter(&l, OpSubmit, a, "", now)
			if err := tx.SaveLetter(ctx, &l, nil); err != nil {
				return err
			}
			return s.recordLetter(ctx, tx, &d, &l, OpSubmit, a, "")
		}
		return nil
	})
	return l, err
}

// Edit rewrites a draft (or a letter sent back) with new fields, checked
// as a new draft is.
func (s *Letters) Edit(ctx context.Context, a Actor, tenantID, letterID string, in Input) (Letter, error) {
	var l Letter
	err := s.tx(ctx, func(tx LetterTx) error {
		var err error
		if l, err = tx.LockLetter(ctx, tenantID, letterID); err != nil {
			return err
		}
		if err := LetterRule(&l, OpEdit, a, ""); err != nil {
			return err
		}
		if err := CheckLetterDraft(l.Kind, in); err != nil {
			return err
		}
		d, err := tx.LockDossier(ctx, tenantID, l.DossierID)
		if err != nil {
			return err
		}
		act, err := LetterAction(l.Kind, d.Status)
		if err != nil {
			return err
		}
		if l.Kind != LetterApology {
			if _, _, err := s.preview(ctx, d, act, a, in, tx.Now()); err != nil {
				return err
			}
		}
		l.Input, l.Action = in, act
		StepLetter(&l, OpEdit, a, "", tx.Now())
		if err := tx.SaveLetter(ctx, &l, nil); err != nil {
			return err
		}
		return s.recordLetter(ctx, tx, &d, &l, OpEdit, a, "")
	})
	return l, err
}

// Step submits, cancels or sends back a letter (not the approval: Approve).
func (s *Letters) Step(ctx context.Context, a Actor, tenantID, letterID string, op LetterOp, comment string) (Letter, error) {
	if op == OpApprove {
		return Letter{}, apperr.New(apperr.Invalid, "Duyệt văn bản cần ký số: dùng thao tác Duyệt và ký.")
	}
	var l Letter
	err := s.tx(ctx, func(tx LetterTx) error {
		var err error
		if l, err = tx.LockLetter(ctx, tenantID, letterID); err != nil {
			return err
		}
		if err := LetterRule(&l, op, a, comment); err != nil {
			return err
		}
		d, err := tx.LockDossier(ctx, tenantID, l.DossierID)
		if err != nil {
			return err
		}
		StepLetter(&l, op, a, comment, tx.Now())
		if err := tx.SaveLetter(ctx, &l, nil); err != nil {
			return err
		}
		return s.recordLetter(ctx, tx, &d, &l, op, a, comment)
	})
	return l, err
}

// Approve has a leader approve a letter: the letter's action is checked
// on the dossier as it stands, the PDF is rendered from the dossier as the
// action leaves it and signed by sign (which may wait for the leader's
// approval on the phone, outside any transaction), then, in one
// transaction, the action is performed (with its notification to the
// applicant), the letter is marked approved with its signed PDF, and both
// are recorded. If the dossier moved meanwhile, the action's rules refuse
// it and nothing is sent.
func (s *Letters) Approve(ctx context.Context, leader Actor, tenantID, letterID string, sign SignLetter) (Letter, Dossier, error) {
	l, err := s.Store.Letter(ctx, tenantID, letterID)
	if err != nil {
		return l, Dossier{}, err
	}
	if err := LetterRule(&l, OpApprove, leader, ""); err != nil {
		return l, Dossier{}, err
	}
	d, evs, err := s.Dossiers.Get(ctx, tenantID, l.DossierID)
	if err != nil {
		return l, d, err
	}
	act, err := LetterAction(l.Kind, d.Status)
	if err != nil {
		return l, d, err
	}
	actor := LetterActor(&l, leader)
	in := l.Input
	prev, ev, err := s.preview(ctx, d, act, actor, in, s.Dossiers.now())
	if err != nil {
		return l, d, err
	}
	if act == ActApologize && prev.Apology != nil {
		// The signature covers the letter's number: reserve it first.
		if in.ApologyNumber, err = s.Dossiers.ReserveApologyNumber(ctx, tenantID, prev.Apology.UnitCode); err != nil {
			return l, d, err
		}
		prev.Apology.Number = in.ApologyNumber
	}
	signed := l
	signed.Action = act
	pdf, signer, method, err := sign(ctx, &signed, &prev, append(slices.Clone(evs), ev))
	if err != nil {
		return l, d, err
	}
	version := l.UpdatedAt
	nd, err := s.Dossiers.ActWith(ctx, actor, tenantID, l.DossierID, act, in, func(ctx context.Context, tx Tx, d *Dossier) error {
		lt, ok := tx.(LetterTx)
		if !ok {
			return errors.New("dossier: the store cannot write letters")
		}
		cur, err := lt.LockLetter(ctx, tenantID, letterID)
		if err != nil {
			return err
		}
		if !cur.UpdatedAt.Equal(version) {
			return refuse("Văn bản vừa được thay đổi trong lúc ký; hãy mở lại và duyệt lại.")
		}
		if err := LetterRule(&cur, OpApprove, leader, ""); err != nil {
			return err
		}
		cur.Action, cur.Signer, cur.SignMethod = act, signer, method
		StepLetter(&cur, OpApprove, leader, "", lt.Now())
		if err := lt.SaveLetter(ctx, &cur, pdf); err != nil {
			return err
		}
		l = cur
		return s.recordLetter(ctx, lt, d, &cur, OpApprove, leader, "")
	})
	return l, nd, err
}

// SendAtOnce is the one-click path of a leader: his own letter is drafted,
// signed and sent at once.
func (s *Letters) SendAtOnce(ctx context.Context, leader Actor, tenantID, codeOrID string, k LetterKind, in Input, sign SignLetter) (Letter, Dossier, error) {
	if !IsLeader(leader) {
		return Letter{}, Dossier{}, forbidden("Chỉ lãnh đạo gửi ngay văn bản do mình ký; hãy trình dự thảo để lãnh đạo duyệt.")
	}
	l, err := s.Draft(ctx, leader, tenantID, codeOrID, k, in, false)
	if err != nil {
		return l, Dossier{}, err
	}
	al, d, err := s.Approve(ctx, leader, tenantID, l.ID, sign)
	if err != nil {
		// The draft stays: the leader sees it with the reason and signs
		// it again or cancels it.
		return l, d, err
	}
	return al, d, nil
}

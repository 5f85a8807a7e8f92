package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/external/remotesign"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
)

// Outgoing letters signed off by a leader (issue 25 item 4): the officer
// drafts a dossier's supplement request, refusal, apology or return
// letter, submits it; the unit head or the director approves it — signing
// the PDF with his signer — or sends it back. The rules are package
// dossier's (letter.go); this file has the screens and the signers.

// LetterSigning configures who signs letters and how.
type LetterSigning struct {
	// Remote is the remote-signing service (nil: none); RemoteUsers are
	// the officers (usernames) who sign through it, their account at the
	// provider being their username. The others sign with the agency's
	// key (the judicial records' signer, a PKCS#12 file on the server).
	Remote      remotesign.Provider
	RemoteUsers map[string]bool
	// Wait is how long a remote signature waits for the officer's approval
	// on the phone (default 2 minutes).
	Wait time.Duration
	// Required: officers who are not leaders do not send these letters
	// directly; they draft and submit them (LetterRequiredRule).
	Required bool
}

// EnableLetters turns the letters' signing on: a leader's letters are
// signed as he approves them or acts, and, when cfg.Required, the others'
// need a leader's approval.
func (s *Server) EnableLetters(cfg LetterSigning) { s.letterCfg = &cfg }

func (s *Server) letters() *dossier.Letters {
	return &dossier.Letters{Dossiers: s.dossier, Store: s.db.Dossiers()}
}

// officerSigner is the signer of the signed-in officer (a leader signing
// a letter, the desk signing a receipt): remote signing when he is
// configured for it, else the agency's key.
func (s *Server) officerSigner(r *http.Request) (signature.Signer, string, error) {
	p := principalFrom(r.Context())
	if c := s.letterCfg; c != nil && c.Remote != nil && c.RemoteUsers[p.Username] {
		return &remotesign.Signer{Provider: c.Remote, UserID: p.Username, Ctx: r.Context(), Wait: c.Wait}, "remote", nil
	}
	if s.jr != nil && s.jr.Issuing.Signer != nil {
		return s.jr.Issuing.Signer, "server", nil
	}
	return nil, "", apperr.New(apperr.Conflict, "Chưa cấu hình chữ ký số cho lãnh đạo (chứng thư số của cơ quan hoặc ký số từ xa): chưa ký được văn bản.")
}

// signLetter renders the letter's form from the dossier as the letter
// leaves it and signs it with the leader's signer.
func (s *Server) signLetter(r *http.Request) dossier.SignLetter {
	return func(ctx context.Context, l *dossier.Letter, prev *dossier.Dossier, evs []dossier.Event) ([]byte, string, string, error) {
		pdf, err := s.renderLetter(r, l, prev, evs)
		if err != nil {
			return nil, "", "", err
		}
		signer, method, err := s.officerSigner(r)
		if err != nil {
			return nil, "", "", err
		}
		p := principalFrom(r.Context())
		ref := prev.Code
		if ref == "" {
			ref = prev.Ref
		}
		// The signing time is the wall clock's, whatever the server's
		// business clock says: it is checked against the certificate's
		// validity.
		signed, err := signer.Sign(pdf, signature.Info{Name: p.FullName, Reason: l.Kind.Label() + " - hồ sơ " + ref, Date: time.Now()})
		if err != nil {
			if e := (*apperr.Error)(nil); errors.As(err, &e) {
				return nil, "", "", err // the remote-signing service's own message
			}
			return nil, "", "", apperr.Wrap(apperr.Conflict, "Không ký số được văn bản; vui lòng thử lại hoặc báo quản trị viên kiểm tra chứng thư số của cơ quan.", err)
		}
		if err := s.registerSigner(r, signer, method); err != nil {
			return nil, "", "", err
		}
		subject := p.FullName
		if c := signer.Certificate(); c != nil {
			subject = c.Subject.CommonName
		}
		return signed, subject, method, nil
	}
}

// renderLetter prints the letter in its form (Mẫu 02, 03, 04, the refusal
// after appraisal, the return), as the dossier's slips print them.
func (s *Server) renderLetter(r *http.Request, l *dossier.Letter, d *dossier.Dossier, evs []dossier.Event) ([]byte, error) {
	p := principalFrom(r.Context())
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return nil, err
	}
	names, err := s.slipNames(r, p.TenantID)
	if err != nil {
		return nil, err
	}
	receivers, err := s.db.Org().Receivers(r.Context(), p.TenantID)
	if err != nil {
		return nil, err
	}
	received := d.SubmittedAt
	if d.AcceptedAt != nil {
		received = *d.AcceptedAt
	}
	m := slipMapper{d: d, evs: evs, agency: slipAgencyFor(t, org.ReceiverAt(receivers, t, calendar.DateOf(received))), names: names, lookup: s.lookupURL(d)}
	switch dossier.LetterForm(l.Action) {
	case "mau-02":
		return render.Supplement(m.supplement())
	case "mau-03":
		return render.Refuse(m.refusal())
	case "mau-04":
		return render.ApologyPDF(m.apology())
	case "tu-choi-giai-quyet":
		return render.Stop(m.stopAs(render.StopRefusal, dossier.ActRefuseResolution))
	case "tra-lai":
		return render.Stop(m.stopAs(render.StopIncomplete, dossier.ActReturnIncomplete))
	}
	return nil, apperr.New(apperr.Conflict, "Văn bản này không có mẫu in.")
}

// letterRow is a letter on a screen.
type letterRow struct {
	dossier.Letter
	DossierRef string
	CanSubmit  bool // the drafter may edit, submit or cancel it
	CanSign    bool // the officer may approve or send it back
	// CSRF and From ("queue") for the row's forms.
	CSRF, From string
}

// letterSection is the dossier page's "letters" card.
type letterSection struct {
	Ref   string
	Rows  []letterRow
	Kinds []dossier.LetterKind
	// CanDraft: the officer handles dossiers; Leader: his letters are
	// signed as he sends them.
	CanDraft bool
	Leader   bool
	Signing  bool
	// SignForms are the slips the desk officer may download signed.
	SignForms []formLink
}

func (s *Server) letterRowOf(r *http.Request, l dossier.Letter) letterRow {
	a := dossierActor(r)
	row := letterRow{Letter: l, DossierRef: l.DossierCode, CSRF: principalFrom(r.Context()).CSRFToken}
	if row.DossierRef == "" {
		row.DossierRef = l.DossierID
	}
	row.CanSubmit = dossier.LetterRule(&l, dossier.OpSubmit, a, "") == nil && !dossier.IsLeader(a)
	row.CanSign = dossier.LetterRule(&l, dossier.OpApprove, a, "") == nil
	return row
}

// lettersOf is the dossier page's letters card (nil: the card is not shown).
func (s *Server) lettersOf(r *http.Request, d *dossier.Dossier) *letterSection {
	p := principalFrom(r.Context())
	ls, err := s.db.Dossiers().DossierLetters(r.Context(), d.TenantID, d.ID)
	if err != nil {
		s.log.Error("letters", "error", err)
		return nil
	}
	sec := &letterSection{Ref: dossierRef(d), Kinds: dossier.LetterKinds, CanDraft: p.Can(auth.HandleDossier) && d.Status.Open(),
		Leader: dossier.IsLeader(dossierActor(r)), Signing: s.letterCfg != nil}
	for _, l := range ls {
		if l.State == dossier.LetterCancelled {
			continue
		}
		sec.Rows = append(sec.Rows, s.letterRowOf(r, l))
	}
	if _, _, err := s.officerSigner(r); err == nil && p.Can(auth.ReceiveDossier) {
		for _, f := range slipForms {
			if signableForms[f.key] && f.has(d) {
				sec.SignForms = append(sec.SignForms, formLink{Key: f.key, Name: f.name})
			}
		}
	}
	return sec
}

// letterDraft drafts a letter on the dossier page (and submits it, or,
// for a leader, signs and sends it at once).
func (s *Server) letterDraft(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	d, evs, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	kind, err := dossier.ParseLetterKind(r.PostFormValue("kind"))
	var in dossier.Input
	if err == nil {
		in, err = inputFromForm(r)
	}
	flash := "letter-saved"
	if err == nil {
		switch r.PostFormValue("then") {
		case "send":
			_, _, err = s.letters().SendAtOnce(r.Context(), dossierActor(r), p.TenantID, d.ID, kind, in, s.signLetter(r))
			flash = "letter-sent"
		case "submit":
			_, err = s.letters().Draft(r.Context(), dossierActor(r), p.TenantID, d.ID, kind, in, true)
			flash = "letter-submitted"
		default:
			_, err = s.letters().Draft(r.Context(), dossierActor(r), p.TenantID, d.ID, kind, in, false)
		}
	}
	if e := userError(err); e != nil {
		if cur, evs2, lerr := s.loadDossier(r, d.ID); lerr == nil {
			d, evs = cur, evs2
		}
		return s.showDossier(w, r, status(e.Code), d, evs, e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&d))+"#van-ban", flash)
}

// loadLetter reads a letter of a dossier the officer may see.
func (s *Server) loadLetter(r *http.Request) (dossier.Letter, dossier.Dossier, []dossier.Event, error) {
	p := principalFrom(r.Context())
	l, err := s.db.Dossiers().Letter(r.Context(), p.TenantID, r.PathValue("id"))
	if err != nil {
		return l, dossier.Dossier{}, nil, notFoundAs(err, "Không tìm thấy văn bản.")
	}
	d, evs, err := s.loadDossier(r, l.DossierID)
	if err != nil {
		return l, d, nil, apperr.New(apperr.NotFound, "Không tìm thấy văn bản.")
	}
	return l, d, evs, nil
}

// letterStep submits, cancels, approves (and signs) or sends back a letter.
func (s *Server) letterStep(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	l, d, evs, err := s.loadLetter(r)
	if err != nil {
		return err
	}
	flash := ""
	switch op := r.PathValue("op"); op {
	case "trinh":
		err, flash = s.letterStepOp(r, l, dossier.OpSubmit), "letter-submitted"
	case "huy":
		err, flash = s.letterStepOp(r, l, dossier.OpCancel), "letter-cancelled"
	case "tra-lai":
		err, flash = s.letterStepOp(r, l, dossier.OpSendBack), "letter-sent-back"
	case "sua":
		var in dossier.Input
		if in, err = inputFromForm(r); err == nil {
			_, err = s.letters().Edit(r.Context(), dossierActor(r), p.TenantID, l.ID, in)
		}
		flash = "letter-saved"
	case "duyet":
		_, _, err = s.letters().Approve(r.Context(), dossierActor(r), p.TenantID, l.ID, s.signLetter(r))
		flash = "letter-sent"
	default:
		return apperr.New(apperr.NotFound, "Thao tác không tồn tại.")
	}
	if e := userError(err); e != nil {
		if r.PostFormValue("from") == "queue" {
			return s.showLetterQueue(w, r, status(e.Code), e)
		}
		if cur, evs2, lerr := s.loadDossier(r, d.ID); lerr == nil {
			d, evs = cur, evs2
		}
		return s.showDossier(w, r, status(e.Code), d, evs, e)
	}
	if err != nil {
		return err
	}
	if r.PostFormValue("from") == "queue" {
		return s.redirectFlash(w, r, "/admin/van-ban-gui", flash)
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&d))+"#van-ban", flash)
}

// ItemsText, DeadlineText and NewDueText fill the edit form as typed.
func (l letterRow) ItemsText() string { return strings.Join(l.Input.Items, "\n") }

func (l letterRow) DeadlineText() string { return formTime(l.Input.Deadline) }

func (l letterRow) NewDueText() string { return formTime(l.Input.NewDueAt) }

func formTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(calendar.Zone()).Format("02/01/2006 15:04")
}

func (s *Server) letterStepOp(r *http.Request, l dossier.Letter, op dossier.LetterOp) error {
	_, err := s.letters().Step(r.Context(), dossierActor(r), l.TenantID, l.ID, op, r.PostFormValue("comment"))
	return err
}

// letterPDF sends an approved letter's signed PDF.
func (s *Server) letterPDF(w http.ResponseWriter, r *http.Request) error {
	l, _, _, err := s.loadLetter(r)
	if err != nil {
		return err
	}
	pdf, err := s.db.Dossiers().LetterPDF(r.Context(), l.TenantID, l.ID)
	if errors.Is(err, apperr.ErrNotFound) {
		return apperr.New(apperr.Conflict, "Văn bản chưa được lãnh đạo ký.")
	}
	if err != nil {
		return err
	}
	name := asciiNameRe.ReplaceAllString(l.DossierCode, "_") + "-" + dossier.LetterForm(l.Action) + "-da-ky.pdf"
	return writePDF(w, name, pdf)
}

// letterQueuePage lists the letters waiting for a leader: those the
// officer may sign, and those he submitted.
type letterQueuePage struct {
	Sign  []letterRow
	Mine  []letterRow
	Error *apperr.Error
}

func (*letterQueuePage) title() string { return "Văn bản chờ lãnh đạo duyệt, ký" }

func (s *Server) letterQueue(w http.ResponseWriter, r *http.Request) error {
	return s.showLetterQueue(w, r, http.StatusOK, nil)
}

func (s *Server) showLetterQueue(w http.ResponseWriter, r *http.Request, code int, e *apperr.Error) error {
	p := principalFrom(r.Context())
	ls, err := s.db.Dossiers().SubmittedLetters(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	page := &letterQueuePage{Error: e}
	a := dossierActor(r)
	for _, l := range ls {
		switch {
		case dossier.MaySignLetter(&l, a) == nil:
			row := s.letterRowOf(r, l)
			row.From = "queue"
			page.Sign = append(page.Sign, row)
		case l.Drafter.ID == a.ID:
			row := s.letterRowOf(r, l)
			row.From = "queue"
			page.Mine = append(page.Mine, row)
		}
	}
	s.renderPage(w, r, code, "letters", page)
	return nil
}

// actByLetter is the one-click path of the dossier page where letters are
// signed (EnableLetters): a leader's action that sends a letter signs the
// letter and sends it at once (sent reports it); an officer who is not a
// leader is told to draft it when letters need a leader's approval.
func (s *Server) actByLetter(r *http.Request, d *dossier.Dossier, act dossier.Action, in dossier.Input) (sent bool, err error) {
	c := s.letterCfg
	kind := dossier.LetterKindOf(act)
	if c == nil || kind == "" {
		return false, nil
	}
	a := dossierActor(r)
	if err := dossier.LetterRequiredRule(act, a, c.Required); err != nil {
		return false, err
	}
	if !dossier.IsLeader(a) {
		return false, nil
	}
	if want, err := dossier.LetterAction(kind, d.Status); err != nil || want != act {
		return false, nil // not a letter of this state: the action's own rules answer
	}
	_, nd, lerr := s.letters().SendAtOnce(r.Context(), a, d.TenantID, d.ID, kind, in, s.signLetter(r))
	if lerr != nil {
		return false, lerr
	}
	*d = nd
	return true, nil
}

// approvalSigner signs the result the director approves: the leader's own
// signer when letters are signed (remote signing for those configured),
// else the agency's key; nil when there is none.
func (s *Server) approvalSigner(r *http.Request) (signature.Signer, string) {
	if s.letterCfg != nil {
		if sg, m, err := s.officerSigner(r); err == nil {
			return sg, m
		}
	}
	if s.jr != nil && s.jr.Issuing.Signer != nil {
		return s.jr.Issuing.Signer, "server"
	}
	return nil, ""
}

// registerSigner records the certificate of a leader who has just signed
// through the remote-signing service as his signing identity: the
// provider authenticated him and issued it in his name, and tuphap signed
// in as him; so results he signs this way are trusted
// (signature.Trusted). The agency's key needs no registration.
func (s *Server) registerSigner(r *http.Request, signer signature.Signer, method string) error {
	if method != "remote" {
		return nil
	}
	c := signer.Certificate()
	if c == nil {
		return nil
	}
	p := principalFrom(r.Context())
	id := signature.IdentityOf(c, method)
	id.TenantID, id.OfficerID, id.Username = p.TenantID, p.OfficerID, p.Username
	_, err := s.db.Signing().RegisterIdentity(r.Context(), id, audit.Entry{ActorID: p.OfficerID, Actor: p.Username, IP: clientIP(r)})
	return err
}

// citizenLetters are the letters sent to the applicant: approved, signed.
func (s *Server) citizenLetters(r *http.Request, tenantID, dossierID string) ([]dossier.Letter, error) {
	ls, err := s.db.Dossiers().DossierLetters(r.Context(), tenantID, dossierID)
	if err != nil {
		return nil, err
	}
	var out []dossier.Letter
	for _, l := range ls {
		if l.State == dossier.LetterApproved {
			out = append(out, l)
		}
	}
	return out, nil
}

// myLetter sends the applicant a signed letter of his own dossier.
func (s *Server) myLetter(w http.ResponseWriter, r *http.Request) error {
	c := citizenFrom(r.Context())
	d, _, err := s.portalCfg.Service.OwnDossier(r.Context(), *c, r.PathValue("ref"))
	if err != nil {
		return err
	}
	l, err := s.db.Dossiers().Letter(r.Context(), c.TenantID, r.PathValue("id"))
	if err != nil || l.DossierID != d.ID || l.State != dossier.LetterApproved {
		return apperr.New(apperr.NotFound, "Không tìm thấy văn bản.")
	}
	pdf, err := s.db.Dossiers().LetterPDF(r.Context(), c.TenantID, l.ID)
	if err != nil {
		return notFoundAs(err, "Không tìm thấy văn bản.")
	}
	serveBlob(w, pdf, "application/pdf", "van-ban-"+asciiNameRe.ReplaceAllString(dossierRef(&d), "-"), r.URL.Query().Get("xem") == "1")
	return nil
}

// lettersToSign counts the letters waiting for the signed-in leader's
// signature, for the dashboard; -1 when he signs none (not a leader) or
// the count cannot be read.
func (s *Server) lettersToSign(r *http.Request) int {
	p := principalFrom(r.Context())
	a := dossierActor(r)
	if !dossier.IsLeader(a) || !p.Can(auth.HandleDossier) {
		return -1
	}
	ls, err := s.db.Dossiers().SubmittedLetters(r.Context(), p.TenantID)
	if err != nil {
		s.log.Error("letters to sign", "error", err)
		return -1
	}
	n := 0
	for _, l := range ls {
		if dossier.MaySignLetter(&l, a) == nil {
			n++
		}
	}
	return n
}

// signableForms are the slips the desk signs itself, as it hands them
// over: the receipt and appointment slip (Mẫu 01) and the fee receipt.
// The letters (Mẫu 02-05) are signed by a leader through the letters'
// approval.
var signableForms = map[string]bool{"mau-01": true, "bien-lai": true}

// pdfCapture keeps what a handler writes, to sign it before sending.
type pdfCapture struct {
	header http.Header
	code   int
	body   []byte
}

func (c *pdfCapture) Header() http.Header  { return c.header }
func (c *pdfCapture) WriteHeader(code int) { c.code = code }
func (c *pdfCapture) Write(b []byte) (int, error) {
	if c.code == 0 {
		c.code = http.StatusOK
	}
	c.body = append(c.body, b...)
	return len(b), nil
}

// dossierFormSigned sends a slip signed by the officer who asks for it
// (his remote-signing account when configured, else the agency's key).
func (s *Server) dossierFormSigned(w http.ResponseWriter, r *http.Request) error {
	form := r.PathValue("form")
	if !signableForms[form] {
		return apperr.New(apperr.NotFound, "Chỉ ký số tại đây Giấy tiếp nhận hồ sơ (Mẫu 01) và biên lai; văn bản gửi người nộp hồ sơ do lãnh đạo ký khi duyệt.")
	}
	d, _, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	c := &pdfCapture{header: http.Header{}}
	if err := s.dossierForm(c, r); err != nil {
		return err
	}
	if c.code != http.StatusOK {
		return apperr.New(apperr.Conflict, "Chưa in được biểu mẫu này.")
	}
	signer, method, err := s.officerSigner(r)
	if err != nil {
		return err
	}
	p := principalFrom(r.Context())
	signed, err := signer.Sign(c.body, signature.Info{Name: p.FullName, Reason: "Ký " + form + " hồ sơ " + dossierRef(&d), Date: time.Now()})
	if err != nil {
		if e := (*apperr.Error)(nil); errors.As(err, &e) {
			return err
		}
		return apperr.Wrap(apperr.Conflict, "Không ký số được biểu mẫu; vui lòng thử lại.", err)
	}
	if err := s.registerSigner(r, signer, method); err != nil {
		return err
	}
	if err := s.db.Transact(r.Context(), func(tx *sqlstore.Tx) error {
		return tx.Audit(r.Context(), audit.Entry{TenantID: p.TenantID, ActorID: p.OfficerID, Actor: p.Username, IP: clientIP(r),
			Action: "form.sign", Object: "dossier:" + dossierRef(&d), Detail: form})
	}); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+asciiNameRe.ReplaceAllString(dossierRef(&d), "_")+"-"+form+`-da-ky.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(signed)))
	w.WriteHeader(http.StatusOK)
	w.Write(signed)
	return nil
}

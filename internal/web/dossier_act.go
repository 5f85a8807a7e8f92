package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/signature"
)

// inputFromForm reads an action's form fields. Dates come from
// datetime-local inputs, in Vietnam time.
func inputFromForm(r *http.Request) (dossier.Input, error) {
	in := dossier.Input{Reason: r.PostFormValue("reason"), Comment: r.PostFormValue("comment"), Note: r.PostFormValue("note"),
		OnBehalf: r.PostFormValue("on_behalf") == "1"}
	for _, line := range strings.Split(r.PostFormValue("items"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Items = append(in.Items, line)
		}
	}
	parse := func(field string) (*time.Time, error) {
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			return nil, nil
		}
		// dd/mm/yyyy [hh:mm] whatever the browser's language; a date alone
		// means the end of that working day.
		t, err := calendar.ParseDateTimeVN(v, 17, 0)
		if err != nil {
			return nil, apperr.Field(field, "Thời điểm không hợp lệ: nhập ngày/tháng/năm và giờ:phút, ví dụ 17/02/2026 16:30.")
		}
		return &t, nil
	}
	var err error
	if in.Deadline, err = parse("deadline"); err != nil {
		return in, err
	}
	if in.NewDueAt, err = parse("new_due_at"); err != nil {
		return in, err
	}
	switch r.PostFormValue("satisfied") {
	case "1":
		t := true
		in.Satisfied = &t
	case "0":
		f := false
		in.Satisfied = &f
	}
	return in, nil
}

// dossierAct performs an action chosen on the dossier page.
func (s *Server) dossierAct(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	key := r.PathValue("code")
	act, ok := dossier.ParseAction(r.PathValue("action"))
	if !ok {
		return apperr.New(apperr.NotFound, "Thao tác không tồn tại.")
	}
	d, evs, err := s.loadDossier(r, key)
	if err != nil {
		return err
	}
	in, err := inputFromForm(r)
	if err == nil {
		err = s.workflowRules(r, &d, act, in)
	}
	if err == nil && act == dossier.ActReturn {
		// Delivered by post: the step records the consignment (delivery.go).
		var note string
		if note, err = s.postReturnNote(r.Context(), &d); note != "" {
			in.Note = note
		}
	}
	if err == nil && act == dossier.ActForward && dossier.IsApproval(&d) {
		err = s.signApprovedResult(r, &d)
	}
	sent := false
	if err == nil {
		sent, err = s.actByLetter(r, &d, act, in) // letters.go
	}
	if err == nil && !sent {
		d, err = s.dossier.Act(r.Context(), dossierActor(r), p.TenantID, key, act, in)
	}
	if e := userError(err); e != nil {
		if e.Code == apperr.NotFound {
			return e
		}
		cur, evs2, lerr := s.loadDossier(r, key)
		if lerr == nil {
			d, evs = cur, evs2
		}
		return s.showDossier(w, r, status(e.Code), d, evs, e)
	}
	if err != nil {
		return err
	}
	ref := d.Code
	if ref == "" {
		ref = d.ID
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(ref), "dossier-saved")
}

// dossierCollectFee records the fee paid at the desk and issues its
// electronic receipt through the e-receipt provider (Decree 123/2020/NĐ-CP,
// Circular 78/2021/TT-BTC); the tenant is the collecting organisation.
func (s *Server) dossierCollectFee(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	d, evs, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	nd, err := s.dossier.CollectFee(r.Context(), dossierActor(r), p.TenantID, d.ID, t.Name, s.receipts.Issue)
	if e := userError(err); e != nil {
		return s.showDossier(w, r, status(e.Code), d, evs, e)
	}
	if err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/dossiers/"+url.PathEscape(dossierRef(&nd)), "fee-collected")
}

// workflowRules are the rules of the internal process checked before an
// officer's action (package dossier has them): a superior acts on someone
// else's step only explicitly, with a reason (OnBehalfRule); the
// director's approval needs the result attached (ApprovalRule), when
// results are kept electronically.
func (s *Server) workflowRules(r *http.Request, d *dossier.Dossier, act dossier.Action, in dossier.Input) error {
	if err := dossier.OnBehalfRule(d, act, dossierActor(r), in); err != nil {
		return err
	}
	if c := s.letterCfg; c != nil { // letters.go: letters need a leader's signature
		if err := dossier.LetterRequiredRule(act, dossierActor(r), c.Required); err != nil {
			return err
		}
	}
	if s.portalCfg == nil || s.portalCfg.Store == nil || !dossier.IsApproval(d) {
		return nil
	}
	results, err := s.portalCfg.Store.Results(r.Context(), d.TenantID, d.ID)
	if err != nil {
		return err
	}
	return dossier.ApprovalRule(d, act, len(results) > 0)
}

// signApprovedResult: the director's approval signs the result it approves
// with the agency's signing certificate (the key that signs judicial-record
// certificates), when one is configured. The latest attached result is
// signed and attached as the signed copy the applicant receives; a file
// that cannot be signed stops the approval with the reason.
func (s *Server) signApprovedResult(r *http.Request, d *dossier.Dossier) error {
	signer, method := s.approvalSigner(r) // letters.go
	if signer == nil || s.portalCfg == nil || s.portalCfg.Service == nil {
		return nil
	}
	results, err := s.portalCfg.Store.Results(r.Context(), d.TenantID, d.ID)
	if err != nil || len(results) == 0 {
		return err
	}
	last := results[len(results)-1]
	for _, res := range results {
		if res.IssuedAt.After(last.IssuedAt) {
			last = res
		}
	}
	if strings.HasSuffix(last.Title, signedSuffix) {
		return nil // already signed
	}
	data, err := s.portalCfg.Store.Blob(r.Context(), d.TenantID, last.SHA256)
	if err != nil {
		return err
	}
	p := principalFrom(r.Context())
	at := s.now()
	if method == "remote" {
		at = time.Now() // the wall clock, checked against the certificate
	}
	signed, err := signer.Sign(data, signature.Info{Name: p.FullName, Reason: "Phê duyệt kết quả giải quyết hồ sơ " + d.Code, Date: at})
	if err != nil {
		if e := (*apperr.Error)(nil); errors.As(err, &e) && method == "remote" {
			return e // the remote-signing service's own message
		}
		return apperr.Wrap(apperr.Conflict, "Không ký số được tệp kết quả \""+last.Title+"\": hãy đính kèm tệp PDF hợp lệ (xuất từ phần mềm soạn thảo) rồi phê duyệt lại.", err)
	}
	if err := s.registerSigner(r, signer, method); err != nil { // letters.go
		return err
	}
	title := []rune(last.Title)
	if max := 200 - len([]rune(signedSuffix)); len(title) > max {
		title = title[:max]
	}
	_, err = s.portalCfg.Service.IssueResult(r.Context(), dossierActor(r), d.TenantID, d.ID, string(title)+signedSuffix, last.Issuer, signed)
	return err
}

// signedSuffix marks the copy of a result signed at the approval.
const signedSuffix = " (đã ký số khi phê duyệt)"

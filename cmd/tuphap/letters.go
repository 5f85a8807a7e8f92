package main

import (
	"context"
	"crypto/x509"
	"flag"
	"io"

	"tuphap/internal/demo"
	"tuphap/internal/dossier"

	"tuphap/internal/portal"
	"tuphap/internal/sqlstore"

	"tuphap/internal/external/remotesign"
	"tuphap/internal/web"
)

// lettersFlag declares --letters-approval.
func lettersFlag(fs *flag.FlagSet, e *env) *bool {
	return fs.Bool("letters-approval", envOr(e, "TUPHAP_LETTERS_APPROVAL", "") == "1",
		"văn bản gửi người nộp hồ sơ (yêu cầu bổ sung, từ chối, xin lỗi, trả lại) phải được lãnh đạo duyệt và ký số trước khi gửi; --demo cũng bật (TUPHAP_LETTERS_APPROVAL=1)")
}

// enableLetters turns the leaders' sign-off of letters on. The letters are
// signed with the agency's key (the judicial records' signer); in the demo
// the director signs through the remote-signing simulator, which approves
// every request as the director's phone would. No remote-signing vendor's
// API is implemented yet (package external/remotesign).
func enableLetters(srv *web.Server, on, withDemo bool) {
	if !on && !withDemo {
		return
	}
	cfg := web.LetterSigning{Required: true}
	if withDemo {
		cfg.Remote = &remotesign.Simulator{Org: "Sở Tư pháp (thử nghiệm)", AutoApprove: true}
		cfg.RemoteUsers = map[string]bool{"giamdoc": true}
	}
	srv.EnableLetters(cfg)
}

// trustSigners makes the rule "the result must be signed" require a
// certificate the tenant trusts: the agency's (the judicial records'
// signing key) or an officer's registered signing identity (portal.
// TrustedSigners), not any intact signature.
func (a *app) trustSigners() {
	var agency *x509.Certificate
	if a.jr != nil && a.jr.issuing.Signer != nil {
		agency = a.jr.issuing.Signer.Certificate()
	}
	a.dossiers.ResultSignature = portal.ResultSignatureTrusted(sqlstore.PortalStore{DB: a.db},
		portal.TrustedSigners(agency, a.db.Signing().Identity))
}

// loadLettersDemo leaves a letter waiting for the leaders' signature.
func loadLettersDemo(ctx context.Context, svc *dossier.Service, db *sqlstore.DB, tenantID string, out io.Writer) error {
	atDivision, err := db.Dossiers().Queue(ctx, tenantID, sqlstore.QueueFilter{Units: []string{"HCTP", "BTTP"},
		Statuses: []dossier.Status{dossier.Processing}, Limit: 20})
	if err != nil {
		return err
	}
	return demo.LoadLetters(ctx, svc, db.Dossiers(), tenantID, atDivision, out)
}

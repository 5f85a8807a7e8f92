package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/digitise"
	"tuphap/internal/dossier"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

var pdfBytes = []byte("%PDF-1.4\n% bản quét\n")

// A returning applicant's second dossier reuses a paper digitised for the
// first (Decree 107/2021/NĐ-CP: papers digitised and still valid are not
// asked again); an expired one is not offered; the 766 group-4 indicators
// are computed from the records.
func TestDigitisationAndReuse(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		svc := &digitise.Service{Store: e.db.Digitised(), Now: e.clock.Now}
		by := audit.Actor{ID: "o1", Name: "motcua"}
		code := nationalCode(t, "notary.card_issue")
		intake := func() dossier.Dossier {
			d, err := e.svc.Intake(ctx, clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: code, Channel: catalog.ChannelDirect, Applicant: applicant})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		resolve := func(d dossier.Dossier) dossier.Dossier {
			d = e.act(t, clerk, d, dossier.ActForward, dossier.Input{})
			d = e.act(t, specialist, d, dossier.ActForward, dossier.Input{})
			d = e.act(t, head, d, dossier.ActForward, dossier.Input{})
			return e.act(t, director, d, dossier.ActForward, dossier.Input{})
		}
		d1 := intake()
		id, err := svc.Digitise(ctx, by, digitise.Copy{TenantID: e.tenant.ID, DossierID: d1.ID, OwnerID: d1.Applicant.IDNumber, Kind: digitise.Component,
			Component: "Căn cước công dân", MediaType: "application/pdf", ValidUntil: calendar.Date{Year: 2036, Month: 1, Day: 1}}, d1.Code, pdfBytes)
		if err != nil || id.DocCode != d1.Code+"-TP1" || id.SHA256 != digitise.Sum(pdfBytes) || id.Officer != "motcua" {
			t.Fatalf("digitise: %+v %v", id, err)
		}
		if _, err := svc.Digitise(ctx, by, digitise.Copy{TenantID: e.tenant.ID, DossierID: d1.ID, OwnerID: d1.Applicant.IDNumber, Kind: digitise.Component,
			Component: "Giấy khám sức khỏe", MediaType: "application/pdf", ValidUntil: calendar.Date{Year: 2026, Month: 11, Day: 27}}, d1.Code, pdfBytes); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Digitise(ctx, by, digitise.Copy{TenantID: e.tenant.ID, DossierID: d1.ID, OwnerID: "x", Kind: digitise.Component,
			Component: "", MediaType: "text/plain"}, d1.Code, nil); apperr.CodeOf(err) != apperr.Invalid || len(apperr.As(err).Fields) < 2 {
			t.Fatalf("bad copy: %v", err)
		}
		d1 = resolve(d1)
		if _, err := svc.Digitise(ctx, by, digitise.Copy{TenantID: e.tenant.ID, DossierID: d1.ID, OwnerID: d1.Applicant.IDNumber, Kind: digitise.Result,
			Component: "Thẻ công chứng viên", MediaType: "application/pdf"}, d1.Code, pdfBytes); err != nil {
			t.Fatal(err)
		}

		// A week later the same applicant files again: the ID card is
		// offered (the health certificate has expired), and reused.
		e.clock.Add(7 * 24 * time.Hour)
		d2 := intake()
		offer, err := svc.Offer(ctx, e.tenant.ID, d2.Applicant.IDNumber, d2.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range offer {
			names = append(names, c.Component)
		}
		if len(offer) != 2 || !strings.Contains(strings.Join(names, ","), "Căn cước công dân") || strings.Contains(strings.Join(names, ","), "sức khỏe") {
			t.Fatalf("offer %v", names)
		}
		re, err := svc.ReuseFor(ctx, by, e.tenant.ID, id.ID, d2.ID, d2.Applicant.IDNumber, d2.Code)
		if err != nil || re.ReusedFrom != id.ID || re.DocCode != d2.Code+"-TP1" || re.SHA256 != id.SHA256 {
			t.Fatalf("reuse %+v %v", re, err)
		}
		if _, err := svc.ReuseFor(ctx, by, e.tenant.ID, id.ID, d2.ID, "079099000001", d2.Code); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("another applicant's copy: %v", err)
		}
		copies, err := e.db.Digitised().DossierCopies(ctx, e.tenant.ID, d2.ID)
		if err != nil || len(copies) != 1 || copies[0].ReusedFrom != id.ID {
			t.Fatalf("dossier 2 copies %+v %v", copies, err)
		}
		d2 = resolve(d2)

		// Group 4 over the two dossiers resolved.
		from := calendar.DateOf(e.clock.Now().Add(-30 * 24 * time.Hour))
		c, err := e.db.Reports().IndexCounts(ctx, sqlstore.ReportScope{TenantID: e.tenant.ID}, report.Period{From: from, To: calendar.DateOf(e.clock.Now())})
		if err == nil {
			err = e.db.Reports().IndexExtras(ctx, sqlstore.ReportScope{TenantID: e.tenant.ID}, report.Period{From: from, To: calendar.DateOf(e.clock.Now())}, &c)
		}
		if err != nil || !c.DigitOn || c.DigitResolved != 2 || c.DigitResult != 1 || c.DigitBoth != 1 || c.DigitReused != 1 {
			t.Fatalf("counts %+v %v", c, err)
		}
		for _, in := range report.ComputeIndex(report.Report{}, c).Indicators {
			if (in.Code == "4.1" || in.Code == "4.2" || in.Code == "4.3") && (!in.Available || in.Denominator != 2) {
				t.Errorf("%s: %+v", in.Code, in)
			}
		}
		if _, err := e.db.Audit().VerifyAudit(ctx, e.tenant.ID); err != nil {
			t.Fatal(err)
		}
	})
}

package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/portal"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// The portal's storage on both engines: citizen sessions expire, blobs are
// stored once per SHA-256, drafts keep their files, payments are locked and
// updated, and a citizen's dossiers are found by ID number within the
// tenant only.
func TestPortalStore(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) {
			env := newDossierEnv(t, e)
			ctx := context.Background()
			store := sqlstore.PortalStore{DB: env.db}
			svc := &portal.Service{Store: store, Dossiers: env.svc, Procedure: env.svc.Procedure, Now: env.clock.Now}
			who := portal.Identity{Subject: "s1", IDNumber: applicant.IDNumber, FullName: applicant.FullName, BirthDate: "1990-01-31"}

			// Sessions.
			token, c, err := svc.SignIn(ctx, env.tenant.ID, who, "127.0.0.1")
			if err != nil {
				t.Fatal(err)
			}
			got, err := svc.Authenticate(ctx, token)
			if err != nil || got.Identity != who || got.CSRF != c.CSRF {
				t.Fatalf("Authenticate = %+v, %v", got, err)
			}
			if _, err := svc.Authenticate(ctx, token+"x"); !errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("a wrong secret: %v", err)
			}
			env.clock.Add(portal.SessionTTL + time.Second)
			if _, err := svc.Authenticate(ctx, token); !errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("an expired session: %v", err)
			}
			if n, err := env.db.Portal().DeleteExpiredCitizenSessions(ctx); err != nil || n != 1 {
				t.Errorf("sweep removed %d, %v", n, err)
			}
			env.clock.Add(-portal.SessionTTL - time.Second)
			_, c, _ = svc.SignIn(ctx, env.tenant.ID, who, "127.0.0.1")

			// A draft with two files of the same content: one blob.
			proc, err := env.svc.Procedure(ctx, env.tenant.ID, "lawyer.firm_registration", calendar.DateOf(env.clock.Now()))
			if err != nil {
				t.Fatal(err)
			}
			d, err := svc.NewDraft(ctx, c, proc)
			if err != nil {
				t.Fatal(err)
			}
			pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
			f1, err := svc.AddFile(ctx, c, d.ID, proc, 0, "a.pdf", pdf, "")
			if err != nil {
				t.Fatal(err)
			}
			f2, err := svc.AddFile(ctx, c, d.ID, proc, 3, "b.pdf", pdf, "")
			if err != nil || f1.SHA256 != f2.SHA256 || f1.ID == f2.ID {
				t.Fatalf("second file: %+v %v", f2, err)
			}
			var blobs int
			env.db.QueryRowForTest(ctx, `SELECT COUNT(*) FROM blobs WHERE tenant_id = $1`, env.tenant.ID).Scan(&blobs)
			if blobs != 1 {
				t.Errorf("%d blobs for one content, want 1", blobs)
			}
			back, err := store.Blob(ctx, env.tenant.ID, f1.SHA256)
			if err != nil || !bytes.Equal(back, pdf) {
				t.Errorf("blob round trip: %v", err)
			}
			if _, err := svc.SaveDraft(ctx, c, d.ID, portal.Contact{Phone: "0912345678", Address: "12 Lê Lợi, Phường 1, Đồng Tháp", Delivery: portal.Deliveries[1]}); err != nil {
				t.Fatal(err)
			}
			got2, err := store.Draft(ctx, env.tenant.ID, d.ID)
			if err != nil || len(got2.Files) != 2 || got2.Phone != "0912345678" || got2.Delivery != portal.Deliveries[1] || got2.OwnerID != who.IDNumber {
				t.Fatalf("draft = %+v, %v", got2, err)
			}
			if list, err := store.Drafts(ctx, env.tenant.ID, who.IDNumber); err != nil || len(list) != 1 || len(list[0].Files) != 2 {
				t.Errorf("drafts of the owner: %d, %v", len(list), err)
			}
			if err := svc.RemoveFile(ctx, c, d.ID, f2.ID); err != nil {
				t.Fatal(err)
			}
			// Submission needs a file for every required document.
			if _, err := svc.Submit(ctx, c, d.ID, ""); err == nil {
				t.Fatal("submitted without the required documents")
			}
			for _, i := range []int{2, 3} {
				if _, err := svc.AddFile(ctx, c, d.ID, proc, i, "c.pdf", pdf, ""); err != nil {
					t.Fatal(err)
				}
			}
			// The dossier is the citizen's, found by ID number.
			dos, err := svc.Submit(ctx, c, d.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			if of, err := store.DraftOfDossier(ctx, env.tenant.ID, dos.ID); err != nil || of.ID != d.ID || of.Status != portal.DraftSubmitted {
				t.Errorf("draft of the dossier: %+v, %v", of, err)
			}
			mine, err := env.db.Dossiers().DossiersOf(ctx, env.tenant.ID, who.IDNumber, 10)
			if err != nil || len(mine) != 1 || mine[0].ID != dos.ID {
				t.Errorf("dossiers of the citizen: %d, %v", len(mine), err)
			}
			other := mustTenant(t, newService(env.db), "STP-B", "000.00.00.H15")
			if mine, _ := env.db.Dossiers().DossiersOf(ctx, other.ID, who.IDNumber, 10); len(mine) != 0 {
				t.Error("another tenant sees the citizen's dossier")
			}

			// Payments.
			pay, err := svc.StartPayment(ctx, c, dos.ID)
			if err != nil || pay.Amount != 50000 || pay.Status != portal.PaymentPending {
				t.Fatalf("StartPayment = %+v, %v", pay, err)
			}
			late, err := svc.StartPayment(ctx, c, dos.ID) // abandoned
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := svc.Confirm(ctx, env.tenant.ID, portal.Callback{TxnRef: pay.ID, GatewayRef: "G1", Amount: 49999, Success: true}, "thử"); err == nil {
				t.Error("a wrong amount was accepted")
			}
			p1, changed, err := svc.Confirm(ctx, env.tenant.ID, portal.Callback{TxnRef: pay.ID, GatewayRef: "G1", Amount: 50000, Success: true}, "thử")
			if err != nil || !changed || p1.Status != portal.PaymentPaid || p1.PaidAt == nil {
				t.Fatalf("Confirm = %+v, %v, %v", p1, changed, err)
			}
			if _, changed, err := svc.Confirm(ctx, env.tenant.ID, portal.Callback{TxnRef: pay.ID, GatewayRef: "G1", Amount: 50000, Success: true}, "thử"); err != nil || changed {
				t.Errorf("replayed Confirm changed=%v, %v", changed, err)
			}
			_, evsPaid, _ := env.svc.Get(ctx, env.tenant.ID, dos.ID)
			eventsPaid := len(evsPaid)
			stored, err := store.Payment(ctx, env.tenant.ID, pay.ID)
			if err != nil || stored.Status != portal.PaymentPaid || stored.GatewayRef != "G1" {
				t.Errorf("stored payment %+v, %v", stored, err)
			}
			// An abandoned payment expires (issue 14 item 5): a report
			// arriving after portal.PaymentTTL is refused, the payment is
			// recorded expired, and nothing else changes.
			env.clock.Add(portal.PaymentTTL + time.Minute)
			if _, _, err := svc.Confirm(ctx, env.tenant.ID, portal.Callback{TxnRef: late.ID, GatewayRef: "G2", Amount: 50000, Success: true}, "thử"); apperr.CodeOf(err) != apperr.Conflict {
				t.Errorf("a report after the payment's time: %v", err)
			}
			if p, _ := store.Payment(ctx, env.tenant.ID, late.ID); p.Status != portal.PaymentExpired || !strings.Contains(p.Status.Label(), "hết hạn") {
				t.Errorf("abandoned payment %+v", p)
			}
			if _, evs, _ := env.svc.Get(ctx, env.tenant.ID, dos.ID); len(evs) != eventsPaid {
				t.Errorf("an expired payment changed the dossier: %d events, want %d", len(evs), eventsPaid)
			}
			env.clock.Add(-portal.PaymentTTL - time.Minute)
			stored, err = store.Payment(ctx, env.tenant.ID, pay.ID)
			if err != nil || stored.Status != portal.PaymentPaid {
				t.Errorf("stored payment %+v, %v", stored, err)
			}
			paid, _, _ := env.svc.Get(ctx, env.tenant.ID, dos.ID)
			if !paid.PaidOnline {
				t.Error("the dossier does not record the online payment")
			}
			var paidCol bool
			env.db.QueryRowForTest(ctx, `SELECT paid_online FROM dossiers WHERE tenant_id = $1 AND id = $2`, env.tenant.ID, dos.ID).Scan(&paidCol)
			if !paidCol {
				t.Error("paid_online column not set (the statistics read it)")
			}
		})
	}
}

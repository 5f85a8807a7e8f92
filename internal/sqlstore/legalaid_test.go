package sqlstore_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/legalaid"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

var laOfficer = legalaid.Actor{ID: "o1", Name: "tgv.lan", IP: "127.0.0.1"}

func newLegalAid(t *testing.T, db *sqlstore.DB, today time.Time) (*legalaid.Service, string) {
	t.Helper()
	ten := mustTenant(t, newService(db), "STP-LA", "000.00.00.H82")
	cal, err := calendar.New(calendar.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	svc := &legalaid.Service{Store: db.LegalAid(), Working: cal.IsWorkingDay, Now: func() time.Time { return today.Add(10 * time.Hour) }}
	ctx := context.Background()
	for _, u := range []legalaid.Unit{{Code: "TT", Name: "Trung tâm Trợ giúp pháp lý nhà nước"}, {Code: "CN1", Name: "Chi nhánh số 1"}} {
		if _, err := svc.SaveUnit(ctx, laOfficer, ten.ID, u); err != nil {
			t.Fatal(err)
		}
	}
	return svc, ten.ID
}

// A request to a closed, assessed and paid case; file codes per unit and
// year; the provider's dates and the conflict of interest; the urgent
// case's proof; both engines.
func TestLegalAidFlow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, ten := newLegalAid(t, db, mday(2026, 3, 20))
		to := mday(2026, 2, 28)
		expired, err := svc.SaveProvider(ctx, laOfficer, ten, legalaid.Provider{Kind: legalaid.ProviderContracted, FullName: "Luật sư Hết Hạn",
			UnitCode: "TT", Organisation: "VP Luật sư A", ContractNo: "05/HĐ-TGPL", From: mday(2025, 1, 1), To: &to})
		if err != nil {
			t.Fatal(err)
		}
		lawyer, err := svc.SaveProvider(ctx, laOfficer, ten, legalaid.Provider{Kind: legalaid.ProviderContracted, FullName: "Lê Văn Luật",
			UnitCode: "TT", Organisation: "VP Luật sư B", ContractNo: "06/HĐ-TGPL", From: mday(2026, 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SaveProvider(ctx, laOfficer, ten, legalaid.Provider{Kind: "x", UnitCode: "ZZ"}); apperr.CodeOf(err) != apperr.Invalid || len(apperr.As(err).Fields) < 3 {
			t.Fatalf("bad provider: %v", err)
		}
		a := legalaid.Person{FullName: "Nguyễn Văn An", IDNumber: "087090000001", BirthYear: 1950}
		b := legalaid.Person{FullName: "Trần Thị Bình", IDNumber: "087090000002"}
		c, _, err := svc.Request(ctx, laOfficer, ten, legalaid.Case{UnitCode: "TT", Channel: legalaid.ChannelCentre, RequestedOn: mday(2026, 3, 2),
			Requester: a, OtherParty: b, Group: "K7c", ProofOK: true, Proofs: "Sổ hộ cận nghèo", Form: legalaid.FormProceedings,
			Field: legalaid.FieldLand, Summary: "Tranh chấp quyền sử dụng đất"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != legalaid.StatusRequested || !strings.HasPrefix(c.Ref, "TGPL-2026-") {
			t.Fatalf("request: %+v", c)
		}
		if c, err = svc.Accept(ctx, laOfficer, ten, c.ID, mday(2026, 3, 3)); err != nil {
			t.Fatal(err)
		}
		if c.Code != "TT.TGTT.01.2026" {
			t.Fatalf("code = %s", c.Code)
		}
		if _, err := svc.Assign(ctx, laOfficer, ten, c.ID, expired.ID, mday(2026, 3, 3), false); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("assigned outside the contract: %v", err)
		}
		if c, err = svc.Assign(ctx, laOfficer, ten, c.ID, lawyer.ID, mday(2026, 3, 3), false); err != nil {
			t.Fatal(err)
		}
		// The other party asks for help in the same matter: not the same lawyer.
		c2, _, err := svc.Request(ctx, laOfficer, ten, legalaid.Case{UnitCode: "TT", Channel: legalaid.ChannelCentre, RequestedOn: mday(2026, 3, 4),
			Requester: b, OtherParty: a, Group: "K2", ProofOK: true, Form: legalaid.FormAdvice, Field: legalaid.FieldLand, Summary: "Tư vấn tranh chấp đất"})
		if err != nil {
			t.Fatal(err)
		}
		if c2, err = svc.Accept(ctx, laOfficer, ten, c2.ID, mday(2026, 3, 4)); err != nil {
			t.Fatal(err)
		}
		if c2.Code != "TT.TV.02.2026" {
			t.Fatalf("second code = %s", c2.Code)
		}
		if _, err := svc.Assign(ctx, laOfficer, ten, c2.ID, lawyer.ID, mday(2026, 3, 4), false); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "Điều 25") {
			t.Fatalf("conflict not refused: %v", err)
		}
		// A branch has its own sequence.
		c3, _, err := svc.Request(ctx, laOfficer, ten, legalaid.Case{UnitCode: "CN1", Channel: legalaid.ChannelCourt, RequestedOn: mday(2026, 3, 6),
			Requester: legalaid.Person{FullName: "Bị cáo C", BirthYear: 2009}, Group: "K5", Form: legalaid.FormProceedings,
			Field: legalaid.FieldCriminal, Summary: "Tòa án thông báo chỉ định"})
		if err != nil {
			t.Fatal(err)
		}
		// Referred by a court: accepted at once, proof due in 5 working days.
		if c3.Code != "CN1.TGTT.01.2026" || c3.Status != legalaid.StatusInProgress || c3.ProofDue == nil || !c3.ProofDue.Equal(mday(2026, 3, 13)) {
			t.Fatalf("urgent case: code %s status %s due %v", c3.Code, c3.Status, c3.ProofDue)
		}
		missing, err := svc.Store.Cases(ctx, ten, legalaid.CaseFilter{ProofMissing: true})
		if err != nil || len(missing) != 1 || missing[0].ID != c3.ID {
			t.Fatalf("proof missing list: %v %v", missing, err)
		}
		// A group repealed before the request date is refused.
		if _, _, err := svc.Request(ctx, laOfficer, ten, legalaid.Case{UnitCode: "TT", Channel: legalaid.ChannelCentre, RequestedOn: mday(2026, 3, 2),
			Requester: a, Group: "K7g", Form: legalaid.FormAdvice, Field: legalaid.FieldCivil, Summary: "x"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("K7g in 2026: %v", err)
		}
		if _, err := svc.Close(ctx, laOfficer, ten, c.ID, mday(2026, 3, 18), "favourable", "Tòa án chấp nhận yêu cầu"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Pay(ctx, laOfficer, ten, c.ID, 3_000_000); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("paid before assessment: %v", err)
		}
		on := mday(2026, 3, 19)
		if _, err := svc.Assess(ctx, laOfficer, ten, c.ID, legalaid.Assessment{Method: "result", Rating: "good", On: &on, By: "Giám đốc Trung tâm"}); err != nil {
			t.Fatal(err)
		}
		if c, err = svc.Pay(ctx, laOfficer, ten, c.ID, 3_000_000); err != nil || c.FeeVND != 3_000_000 {
			t.Fatalf("pay: %v %d", err, c.FeeVND)
		}
		evs, err := svc.Store.Events(ctx, ten, c.ID)
		if err != nil || len(evs) < 6 {
			t.Fatalf("events: %d %v", len(evs), err)
		}
		got, err := svc.Store.Case(ctx, ten, c.ID)
		if err != nil || got.Assessment.Rating != "good" || got.Status != legalaid.StatusClosed || got.Requester.IDNumber != a.IDNumber {
			t.Fatalf("stored case: %+v %v", got, err)
		}
		rep, err := svc.Figures(ctx, ten, "", legalaid.Period{From: mday(2026, 1, 1), To: mday(2026, 3, 31)})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Requests != 3 || rep.Accepted != 3 || rep.Closed != 1 || rep.InProgress != 2 || rep.Good != 1 || rep.ProofMissing != 1 || rep.Persons != 3 {
			t.Fatalf("figures: %+v", rep.Figures)
		}
		// Online request with a PIN; only its owner sees it.
		oc, pin, err := svc.Request(ctx, laOfficer, ten, legalaid.Case{UnitCode: "TT", Channel: legalaid.ChannelOnline, RequestedOn: mday(2026, 3, 20),
			Requester: a, Group: "K7c", Form: legalaid.FormAdvice, Field: legalaid.FieldFamily, Summary: "Hỏi về thừa kế", PortalSub: "sub-a"})
		if err != nil || len(pin) != 6 {
			t.Fatalf("online: %v %q", err, pin)
		}
		if _, err := svc.Lookup(ctx, ten, oc.Ref, pin); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Lookup(ctx, ten, oc.Ref, "000000"+pin[:0]); err == nil && pin != "000000" {
			t.Fatal("wrong PIN opened the request")
		}
		if _, err := svc.Mine(ctx, ten, "sub-b", oc.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another citizen sees the request: %v", err)
		}
		mine, err := svc.Store.PortalCases(ctx, ten, "sub-a")
		if err != nil || len(mine) != 1 {
			t.Fatalf("portal cases: %d %v", len(mine), err)
		}
		if _, err := svc.AddDocument(ctx, laOfficer, ten, oc.ID, legalaid.Document{Name: "so-ho.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4"), Proof: true, ByCitizen: true}); err != nil {
			t.Fatal(err)
		}
		docs, err := svc.Store.Documents(ctx, ten, oc.ID)
		if err != nil || len(docs) != 1 || docs[0].Size != 8 {
			t.Fatalf("documents: %+v %v", docs, err)
		}
		d, err := svc.Store.Document(ctx, ten, oc.ID, docs[0].ID)
		if err != nil || string(d.Data) != "%PDF-1.4" {
			t.Fatalf("document: %v", err)
		}
	})
}

// The SQL tally equals the direct definition (legalaid.Compute) for random
// books and periods, and every drill-down lists exactly the cases a figure
// counts, on both engines.
func TestLegalAidFiguresProperty(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc, ten := newLegalAid(t, db, mday(2026, 12, 31))
		rng := rand.New(rand.NewPCG(7, 11))
		var cs []legalaid.Case
		seq := map[string]int{}
		pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
		for i := 0; i < 300; i++ {
			req := mday(2025, 1, 1).AddDate(0, 0, rng.IntN(700))
			c := legalaid.Case{ID: "c" + itoa(i), Ref: "R" + itoa(i), UnitCode: pick([]string{"TT", "CN1"}), Channel: legalaid.ChannelCentre,
				RequestedOn: req, Requester: legalaid.Person{FullName: "P"}, Persons: 1 + rng.IntN(3), Group: pick([]string{"K1", "K2", "K7c"}),
				Form: legalaid.Forms[rng.IntN(3)], Field: legalaid.Fields[rng.IntN(8)], Status: legalaid.StatusRequested, ReceivedAt: req}
			day := func(base time.Time, n int) *time.Time { d := base.AddDate(0, 0, rng.IntN(n)); return &d }
			switch rng.IntN(6) {
			case 0:
			case 1:
				c.Status, c.RefusedOn = legalaid.StatusRefused, day(req, 10)
				c.EndedOn = c.RefusedOn
			default:
				c.AcceptedOn, c.Status = day(req, 5), legalaid.StatusInProgress
				seq[c.UnitCode]++
				c.Seq, c.Year = seq[c.UnitCode], req.Year()
				c.Code = legalaid.FileCode(c.UnitCode, c.Form, c.Seq, c.Year)
				if rng.IntN(3) == 0 {
					c.Urgent, c.ProofDue = legalaid.UrgentTrial, day(*c.AcceptedOn, 10)
					if rng.IntN(2) == 0 {
						c.ProofOK, c.ProofOn = true, day(*c.AcceptedOn, 20)
					}
				}
				switch rng.IntN(4) {
				case 0:
				case 1:
					c.Status, c.EndedOn = legalaid.StatusWithdrawn, day(*c.AcceptedOn, 60)
				default:
					c.Status, c.ClosedOn = legalaid.StatusClosed, day(*c.AcceptedOn, 120)
					c.EndedOn = c.ClosedOn
					if rng.IntN(2) == 0 {
						c.Assessment = legalaid.Assessment{Method: "peer", Rating: legalaid.AssessRatings[rng.IntN(3)], On: day(*c.ClosedOn, 40), By: "X"}
					}
				}
			}
			cs = append(cs, c)
		}
		if err := svc.Store.TransactLegalAid(ctx, func(tx legalaid.Tx) error { return tx.InsertCases(ctx, ten, cs) }); err != nil {
			t.Fatal(err)
		}
		periods := []legalaid.Period{{From: mday(2025, 1, 1), To: mday(2025, 12, 31)}, {From: mday(2026, 1, 1), To: mday(2026, 6, 30)},
			{From: mday(2025, 6, 15), To: mday(2025, 9, 14)}, {From: mday(2026, 3, 1), To: mday(2026, 3, 31)}}
		for _, p := range periods {
			for _, unit := range []string{"", "CN1"} {
				got, err := svc.Store.Tally(ctx, ten, unit, p)
				if err != nil {
					t.Fatal(err)
				}
				var sub []legalaid.Case
				for _, c := range cs {
					if unit == "" || c.UnitCode == unit {
						sub = append(sub, c)
					}
				}
				want := legalaid.Compute(sub, p)
				norm := func(ts []legalaid.Tally) []legalaid.Tally {
					sort.Slice(ts, func(i, j int) bool {
						a, b := ts[i], ts[j]
						return a.Unit+string(a.Form)+string(a.Field)+a.Group < b.Unit+string(b.Form)+string(b.Field)+b.Group
					})
					for i := range ts {
						for k, v := range ts[i].Counts {
							if v == 0 {
								delete(ts[i].Counts, k)
							}
						}
					}
					return ts
				}
				if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
					t.Fatalf("period %v unit %q:\n sql  %+v\n want %+v", p, unit, g, w)
				}
				rep := legalaid.FromTallies(got, nil)
				for _, k := range legalaid.Counted {
					list, err := svc.Store.Cases(ctx, ten, legalaid.CaseFilter{Unit: unit, Counted: k, In: p, Limit: 1000})
					if err != nil {
						t.Fatal(err)
					}
					if len(list) != rep.Get(k) {
						t.Fatalf("period %v unit %q: drill-down %s lists %d, figure %d", p, unit, k, len(list), rep.Get(k))
					}
				}
			}
		}
	})
}

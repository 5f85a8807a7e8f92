package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/practitioner"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
)

func prDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var prOfficer = practitioner.Actor{ID: "o1", Name: "chuyenvien.bttp", IP: "127.0.0.1"}

func newPractitioners(t *testing.T, db *sqlstore.DB, today time.Time) (*practitioner.Service, practitioner.Scope) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ten := mustTenant(t, newService(db), "STP-DT", "000.00.00.H82")
	return &practitioner.Service{Store: db.Practitioners(), InProvince: units.InProvince, Now: func() time.Time { return today }},
		practitioner.Scope{TenantID: ten.ID, ProvinceCode: "82"}
}

// The register's life: an office registered by a decision, its notaries,
// a suspension and a resumption with their history; a merger names its
// successor; the age list; a filing, replaced, rolled up; a vi bằng
// registered and found; a check concluded and followed up; the figures and
// their drill-down. Another department sees none of it.
func TestPractitionerRegisterFlow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		today := prDay(2026, 12, 6)
		svc, sc := newPractitioners(t, db, today)
		dec := practitioner.Cause{DecisionNo: "125/QĐ-STP", DecisionOn: ptr(prDay(2020, 3, 1))}
		office, err := svc.RegisterOrg(ctx, prOfficer, sc, practitioner.Organisation{Kind: "notary_office", Name: "Văn phòng công chứng Sa Đéc",
			RegNo: "41.01/TP-CC", RegisteredOn: prDay(2020, 3, 1), CommuneCode: "29905", Address: "1 Hùng Vương", Head: "Lê Văn Tâm"}, dec)
		if err != nil {
			t.Fatal(err)
		}
		if office.Profession != practitioner.Notary || office.Status != practitioner.StatusActive {
			t.Fatalf("office %+v", office)
		}
		if _, err := svc.RegisterOrg(ctx, prOfficer, sc, practitioner.Organisation{Kind: "notary_office", Name: "Trùng số", RegNo: "41.01/TP-CC",
			RegisteredOn: prDay(2021, 1, 1), CommuneCode: "29905"}, dec); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("duplicate registration number: %v", err)
		}
		if _, err := svc.RegisterOrg(ctx, prOfficer, sc, practitioner.Organisation{Kind: "notary_office", Name: "Không căn cứ",
			RegisteredOn: prDay(2021, 1, 1), CommuneCode: "00004"}, practitioner.Cause{}); apperr.CodeOf(err) != apperr.Invalid ||
			!strings.Contains(apperr.As(err).Fields["decision_no"], "căn cứ") || apperr.As(err).Fields["commune_code"] == "" {
			t.Fatalf("no cause, commune of another province: %v", err)
		}
		old, err := svc.RegisterPerson(ctx, prOfficer, sc, practitioner.Person{Profession: practitioner.Notary, FullName: "Trần Văn Lộc",
			BirthDate: prDay(1955, 6, 30), AppointedOn: prDay(2010, 1, 1), OrgID: office.ID, PractisingOn: true}, dec)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RegisterPerson(ctx, prOfficer, sc, practitioner.Person{Profession: practitioner.Notary, FullName: "Quá tuổi",
			BirthDate: prDay(1955, 1, 1), AppointedOn: prDay(2026, 1, 1), OrgID: office.ID}, dec); apperr.CodeOf(err) != apperr.Invalid ||
			!strings.Contains(apperr.As(err).Fields["birth_date"], "Điều 10") {
			t.Fatalf("a notary appointed over 70 (Law 46/2024 Art. 10(1)): %v", err)
		}
		if _, err := svc.RegisterPerson(ctx, prOfficer, sc, practitioner.Person{Profession: practitioner.Lawyer, FullName: "Sai nghề",
			BirthDate: prDay(1980, 1, 1), AppointedOn: prDay(2026, 1, 1), OrgID: office.ID}, dec); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a lawyer in a notary office: %v", err)
		}
		susp := practitioner.Cause{DecisionNo: "12/QĐ-STP", DecisionOn: ptr(prDay(2026, 5, 1))}
		if _, err := svc.ChangeOrg(ctx, prOfficer, sc, office.ID, practitioner.EvSuspended, prDay(2026, 5, 1), nil, "", susp); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ChangeOrg(ctx, prOfficer, sc, office.ID, practitioner.EvSuspended, prDay(2026, 5, 2), nil, "", susp); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("suspending a suspended office: %v", err)
		}
		if _, err := svc.ChangeOrg(ctx, prOfficer, sc, office.ID, practitioner.EvResumed, prDay(2026, 8, 1), nil, "", practitioner.Cause{DossierCode: "000.00.00.H82-260801-0001"}); err != nil {
			t.Fatal(err)
		}
		hist, err := db.Practitioners().History(ctx, sc.TenantID, practitioner.SubjectOrg, office.ID)
		if err != nil || len(hist) != 3 || hist[1].Kind != practitioner.EvSuspended || hist[1].DecisionNo != "12/QĐ-STP" ||
			hist[2].DossierCode == "" || hist[2].To != practitioner.StatusActive {
			t.Fatalf("history %+v %v", hist, err)
		}
		// A merger names its successor.
		other, err := svc.RegisterOrg(ctx, prOfficer, sc, practitioner.Organisation{Kind: "notary_office", Name: "Văn phòng công chứng Cao Lãnh",
			RegisteredOn: prDay(2022, 1, 1), CommuneCode: "29905"}, dec)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ChangeOrg(ctx, prOfficer, sc, other.ID, practitioner.EvMerged, prDay(2026, 9, 1), nil, "", susp); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a merger without successor: %v", err)
		}
		if m, err := svc.ChangeOrg(ctx, prOfficer, sc, other.ID, practitioner.EvMerged, prDay(2026, 9, 1), nil, office.ID, susp); err != nil ||
			m.Status != practitioner.StatusMerged || m.SuccessorID != office.ID {
			t.Fatalf("merger %+v %v", m, err)
		}
		// Age list: over 70 on 1/7/2025 → must stop from 2/7/2027.
		list, err := svc.AgeList(ctx, sc, 12)
		if err != nil || len(list) != 1 || list[0].Person.ID != old.ID || !list[0].StopOn.Equal(prDay(2027, 7, 2)) {
			t.Fatalf("age list %+v %v", list, err)
		}
		// Filing, replaced, rolled up.
		figs := map[string]int64{"c1": 1, "c2": 10, "c3": 6, "c5": 4}
		if _, err := svc.File(ctx, prOfficer, sc, office.ID, 2026, practitioner.PeriodHalf, map[string]int64{"c2": 5, "c3": 1}, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("col2 ≠ col3 + col5: %v", err)
		}
		if _, err := svc.File(ctx, prOfficer, sc, office.ID, 2026, practitioner.PeriodHalf, figs, ""); err != nil {
			t.Fatal(err)
		}
		figs["c2"], figs["c3"] = 12, 8
		if f, err := svc.File(ctx, prOfficer, sc, office.ID, 2026, practitioner.PeriodHalf, figs, "bổ sung"); err != nil || !f.Late {
			t.Fatalf("refiled %+v %v", f, err)
		}
		// The office files itself with its reporting code: figures typed in
		// another profession's form are refused before anything is stored.
		code, err := svc.IssueFilingKey(ctx, prOfficer, sc, office.ID)
		if err != nil {
			t.Fatal(err)
		}
		before, err := db.Practitioners().FilingsOf(ctx, sc.TenantID, office.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.FileAsOrg(ctx, sc, "41.01/TP-CC", code, practitioner.Lawyer, 2026, practitioner.PeriodYearPrelim, figs, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("another profession's form: %v", err)
		}
		if after, err := db.Practitioners().FilingsOf(ctx, sc.TenantID, office.ID); err != nil || len(after) != len(before) {
			t.Fatalf("a refused filing was stored: %d → %d, %v", len(before), len(after), err)
		}
		if _, _, err := svc.FileAsOrg(ctx, sc, "41.01/TP-CC", "SAI-MA", practitioner.Notary, 2026, practitioner.PeriodYearPrelim, figs, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a wrong code: %v", err)
		}
		if f, o, err := svc.FileAsOrg(ctx, sc, "41.01/TP-CC", code, practitioner.Notary, 2026, practitioner.PeriodYearPrelim, figs, ""); err != nil || o.ID != office.ID || f.OrgID != office.ID {
			t.Fatalf("the office's own filing: %+v %v", f, err)
		}
		ru, err := svc.RollUp(ctx, sc, practitioner.Notary, 2026, practitioner.PeriodHalf)
		if err != nil || ru.Totals["c2"] != 12 || len(ru.Filed) != 1 || ru.Filed[0].Replaced != 1 || ru.Expected != 1 || len(ru.Missing) != 0 {
			t.Fatalf("roll-up %+v %v", ru, err)
		}
		// Vi bằng.
		bo, err := svc.RegisterOrg(ctx, prOfficer, sc, practitioner.Organisation{Kind: "bailiff_office", Name: "Văn phòng thừa phát lại Đồng Tháp",
			RegisteredOn: prDay(2021, 1, 1), CommuneCode: "29905"}, dec)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ReceiveViBang(ctx, prOfficer, sc, practitioner.ViBang{OfficeID: office.ID, No: "1", Title: "x", Requester: "y", MadeOn: prDay(2026, 12, 1)}, true); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("vi bằng from a notary office: %v", err)
		}
		v, err := svc.ReceiveViBang(ctx, prOfficer, sc, practitioner.ViBang{OfficeID: bo.ID, No: "150/2026/VB", Title: "Ghi nhận hiện trạng nhà đất",
			Requester: "Công ty TNHH Minh Phát", MadeOn: prDay(2026, 12, 1), ReceivedOn: prDay(2026, 12, 3)}, true)
		if err != nil || v.RegNo != "1/2026/VB" {
			t.Fatalf("vi bằng %+v %v", v, err)
		}
		if v2, err := svc.ReceiveViBang(ctx, prOfficer, sc, practitioner.ViBang{OfficeID: bo.ID, No: "151/2026/VB", Title: "Ghi nhận giao nhận tiền",
			Requester: "Ông A", MadeOn: prDay(2026, 12, 2)}, true); err != nil || v2.RegNo != "2/2026/VB" {
			t.Fatalf("second vi bằng %+v %v", v2, err)
		}
		found, err := db.Practitioners().ViBangs(ctx, sc.TenantID, practitioner.ViBangFilter{Query: "minh phát"})
		if err != nil || len(found) != 1 || found[0].ID != v.ID {
			t.Fatalf("look-up %+v %v", found, err)
		}
		// A check: planned, concluded with a fine out of range refused, followed up.
		in, err := svc.PlanInspection(ctx, prOfficer, sc, practitioner.Inspection{Year: 2026, OrgID: bo.ID, Planned: true,
			DecisionNo: "30/QĐ-STP", DecisionOn: ptr(prDay(2026, 10, 1)), Team: "Nguyễn A, Trần B"})
		if err != nil || in.Status != practitioner.InspOngoing {
			t.Fatalf("plan %+v %v", in, err)
		}
		fs := []practitioner.Finding{{Article: "Khoản 1 Điều 32 Nghị định 82/2020/NĐ-CP", Text: "Không đeo thẻ"}}
		bad := []practitioner.Sanction{{Code: "82/2020:32.1", Kind: practitioner.SanctionFine, AmountVND: 5_000_000, DecisionNo: "1/QĐ-XPHC"}}
		if _, err := svc.Conclude(ctx, prOfficer, sc, in.ID, prDay(2026, 11, 1), fs, bad, nil); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("fine above Art. 32(1): %v", err)
		}
		good := []practitioner.Sanction{{Code: "82/2020:32.1", Kind: practitioner.SanctionFine, AmountVND: 2_000_000, DecisionNo: "1/QĐ-XPHC"}}
		recs := []practitioner.Recommendation{{Text: "Chấn chỉnh việc đeo thẻ", DueOn: prDay(2026, 12, 31)}}
		if in, err = svc.Conclude(ctx, prOfficer, sc, in.ID, prDay(2026, 11, 1), fs, good, recs); err != nil || in.Status != practitioner.InspConcluded {
			t.Fatalf("conclude %+v %v", in, err)
		}
		if in, err = svc.FollowUp(ctx, prOfficer, sc, in.ID, 0, prDay(2026, 12, 1), "Đã chấn chỉnh"); err != nil || in.Status != practitioner.InspClosed {
			t.Fatalf("follow-up %+v %v", in, err)
		}
		// Figures and drill-down.
		p := practitioner.Period{From: prDay(2026, 1, 1), To: prDay(2026, 12, 31)}
		g, err := svc.Figures(ctx, sc, p)
		if err != nil {
			t.Fatal(err)
		}
		if n := g.Orgs[0]; n.Active != 1 || n.ByStatus[practitioner.StatusMerged] != 1 || n.Ended != 1 {
			t.Fatalf("notary row %+v", n)
		}
		if g.Inspections.Concluded != 1 || g.Inspections.FinesVND != 2_000_000 {
			t.Fatalf("inspections %+v", g.Inspections)
		}
		os, _, err := svc.Drill(ctx, sc, p, practitioner.Match{Subject: practitioner.SubjectOrg, Profession: practitioner.Notary, Count: "ended"})
		if err != nil || len(os) != 1 || os[0].ID != other.ID {
			t.Fatalf("drill %+v %v", os, err)
		}
		// Another department sees nothing.
		ten2 := mustTenant(t, newService(db), "STP-B", "000.00.00.H15")
		if _, err := db.Practitioners().Org(ctx, ten2.ID, office.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another department read the office: %v", err)
		}
		if os, err := db.Practitioners().Orgs(ctx, ten2.ID, practitioner.OrgFilter{}); err != nil || len(os) != 0 {
			t.Fatalf("another department's list: %v %v", os, err)
		}
		if fs, err := db.Practitioners().FilingsOf(ctx, sc.TenantID, office.ID); err != nil || len(fs) != 2 { // the half-year filing (replaced once) and the office's own preliminary year
			t.Fatalf("filings of the office: %v %v", fs, err)
		}
		if ps, err := db.Practitioners().People(ctx, sc.TenantID, practitioner.PersonFilter{OrgID: office.ID, Query: "lộc"}); err != nil || len(ps) != 1 {
			t.Fatalf("people of the office: %v %v", ps, err)
		}
		if x, err := db.Practitioners().ViBang(ctx, sc.TenantID, v.ID); err != nil || x.RegisteredOn == nil {
			t.Fatalf("one vi bằng: %+v %v", x, err)
		}
	})
}

// Resolving a notary-office registration dossier in the one-stop shop
// enters the office in the register in the same transaction; a failure of
// the register rolls the resolution back.
func TestPractitionerDossierHook(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clk := testrig.NewClock(time.Date(2026, 11, 23, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
		rig := testrig.New(t, db, clk)
		ten := mustTenant(t, newService(db), "STP-DT", "000.00.00.H82")
		desk := dossier.Actor{ID: "demo", Name: "giamdoc", Role: "director"}
		d, err := rig.Dossiers.Intake(ctx, desk, ten.ID, dossier.IntakeRequest{Procedure: "notary.office_registration", Channel: catalog.ChannelOnline,
			Applicant: dossier.Applicant{FullName: "Lê Văn Tâm", IDNumber: "082088009900", Phone: "0912345678", Address: "1 Hùng Vương",
				Organisation: "Văn phòng công chứng Lê Tâm", TaxCode: "1401234567", CommuneCode: "29905"}})
		if err != nil {
			t.Fatal(err)
		}
		if d, err = rig.Dossiers.Accept(ctx, desk, ten.ID, d.ID); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 12 && d.Status != dossier.ResultReady; i++ {
			before, _ := db.Practitioners().Orgs(ctx, ten.ID, practitioner.OrgFilter{})
			if len(before) != 0 {
				t.Fatalf("entered before the resolution: %+v", before)
			}
			if d, err = rig.Dossiers.Act(ctx, desk, ten.ID, d.ID, dossier.ActForward, dossier.Input{}); err != nil {
				t.Fatal(err)
			}
		}
		if d.Status != dossier.ResultReady {
			t.Fatalf("dossier not resolved: %v", d.Status)
		}
		os, err := db.Practitioners().Orgs(ctx, ten.ID, practitioner.OrgFilter{Profession: practitioner.Notary})
		if err != nil || len(os) != 1 || os[0].Name != "Văn phòng công chứng Lê Tâm" || os[0].TaxCode != "1401234567" ||
			os[0].CommuneCode != "29905" || os[0].Kind != "notary_office" {
			t.Fatalf("register after resolution: %+v %v", os, err)
		}
		hist, err := db.Practitioners().History(ctx, ten.ID, practitioner.SubjectOrg, os[0].ID)
		if err != nil || len(hist) != 1 || hist[0].DossierCode != d.Code || hist[0].Kind != practitioner.EvRegistered {
			t.Fatalf("history %+v %v", hist, err)
		}
		// The same transaction: a register that fails rolls the resolution back.
		d2, err := rig.Dossiers.Intake(ctx, desk, ten.ID, dossier.IntakeRequest{Procedure: "notary.office_registration", Channel: catalog.ChannelOnline,
			Applicant: dossier.Applicant{FullName: "Phạm B", IDNumber: "082088009901", Phone: "0912345679", Organisation: "Văn phòng công chứng B"}})
		if err != nil {
			t.Fatal(err)
		}
		if d2, err = rig.Dossiers.Accept(ctx, desk, ten.ID, d2.ID); err != nil {
			t.Fatal(err)
		}
		rig.Dossiers.OnResolved = append(rig.Dossiers.OnResolved, func(context.Context, dossier.Tx, *dossier.Dossier) error {
			return apperr.New(apperr.Conflict, "sổ từ chối")
		})
		for i := 0; i < 12 && d2.Status != dossier.ResultReady; i++ {
			next, err := rig.Dossiers.Act(ctx, desk, ten.ID, d2.ID, dossier.ActForward, dossier.Input{})
			if err != nil {
				if !strings.Contains(err.Error(), "sổ từ chối") {
					t.Fatal(err)
				}
				break
			}
			d2 = next
		}
		stored, _, err := rig.Dossiers.Get(ctx, ten.ID, d2.ID)
		if err != nil || stored.Status == dossier.ResultReady {
			t.Fatalf("resolution kept although the register failed: %v %v", stored.Status, err)
		}
		if os, _ := db.Practitioners().Orgs(ctx, ten.ID, practitioner.OrgFilter{Query: "công chứng B"}); len(os) != 0 {
			t.Fatalf("the register kept an entry of a rolled-back resolution: %+v", os)
		}
	})
}

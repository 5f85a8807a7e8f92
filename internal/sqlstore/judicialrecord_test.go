package sqlstore_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/envelope"
	"tuphap/internal/external/verification"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/report"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/testrig"
)

type jrEnv struct {
	db    *sqlstore.DB
	dsn   string
	clock *testClock
	keys  *envelope.Keyring
	raw   map[string][]byte
	jr    *judicialrecord.Service
	org   *org.Service
}

func newJREnv(t *testing.T, e sqlstore.Engine, start time.Time) *jrEnv {
	t.Helper()
	clk := testrig.NewClock(start)
	dsn := storetest.DSN(t, e)
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	k1 := make([]byte, 32)
	rand.Read(k1)
	raw := map[string][]byte{"k1": k1}
	keys, _ := envelope.NewKeyring([]string{"k1"}, raw)
	dsvc := testrig.New(t, db, clk).Dossiers
	jr := &judicialrecord.Service{Store: sqlstore.JRStore{DB: db}, Dossiers: dsvc, Keys: keys, Now: clk.Now}
	return &jrEnv{db: db, dsn: dsn, clock: clk, keys: keys, raw: raw, jr: jr, org: newService(db)}
}

func jrRequest(name, id string) judicialrecord.Request {
	return judicialrecord.Request{Form: judicialrecord.Form1, Purpose: "Xin việc", Copies: 3,
		Person:    judicialrecord.Person{FullName: name, Sex: "Nam", BirthDate: "12/03/1990", BirthPlace: "Đồng Tháp", IDNumber: id, Phone: "0912345678"},
		Permanent: judicialrecord.Address{Text: "Phường Cao Lãnh, Đồng Tháp", Province: "82"},
		Declared:  []judicialrecord.DeclaredRecord{{Text: "Tự khai: bản án 77/2015/HS-ST về Cố ý gây thương tích"}}}
}

var (
	jrClerk    = dossier.Actor{ID: "o1", Name: "motcua", Role: "reception_clerk", UnitCode: "MOTCUA"}
	jrOfficer  = judicialrecord.Reader{Actor: dossier.Actor{ID: "o9", Name: "canbo.lltp", Role: "judicial_record_officer"}, Allowed: true}
	jrOutsider = judicialrecord.Reader{Actor: dossier.Actor{ID: "o8", Name: "chuyenvien", Role: "specialist"}}
)

var theft = judicialrecord.Conviction{FullName: "Phạm Văn Quắn", IDNumber: "082088004321", BirthDate: "02/02/1988",
	Court: "Tòa án nhân dân huyện Kỳ Sơn", JudgmentNo: "45/2019/HS-ST", JudgmentDate: calendar.NewDate(2019, 5, 2),
	Offence: "Trộm cắp tài sản", Article: "Khoản 1 Điều 173 Bộ luật Hình sự 2015", Sentence: "18 tháng tù",
	Completed: calendar.NewDate(2020, 11, 2)}

// rawContains reports whether any needle appears in the raw database: the
// SQLite files on disk (main file, WAL), or on PostgreSQL every row of
// every table cast to text.
func rawContains(t *testing.T, env *jrEnv, needles ...string) []string {
	t.Helper()
	var hay [][]byte
	if p, ok := strings.CutPrefix(env.dsn, "sqlite:"); ok {
		for _, f := range []string{p, p + "-wal"} {
			b, err := os.ReadFile(f)
			if err == nil {
				hay = append(hay, b)
			}
		}
	} else {
		texts, err := env.db.RawTableText(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		hay = append(hay, []byte(texts))
	}
	if len(hay) == 0 {
		t.Fatal("nothing read")
	}
	var found []string
	for _, n := range needles {
		for _, h := range hay {
			if bytes.Contains(h, []byte(n)) {
				found = append(found, n)
				break
			}
		}
	}
	return found
}

func TestJudicialRecordSealedAndLogged(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		env := newJREnv(t, eng, vn(2026, time.November, 23, 8, 0))
		ctx := context.Background()
		police := mustTenant(t, env.org, "CA-DT", "000.00.00.G01")
		d, err := env.jr.Intake(ctx, jrClerk, police.ID, jrRequest("Nguyễn Văn An", "082090001234"))
		if err != nil {
			t.Fatal(err)
		}
		if d.ProcedureID != "judicial_record.certificate_police" || d.Fee != 205_000 || d.TimeLimit.Amount != 10 || d.Status != dossier.Accepted {
			t.Fatalf("dossier: %s fee %d limit %v status %d", d.ProcedureID, d.Fee, d.TimeLimit, d.Status)
		}
		// No. 2 by proxy is refused before anything is stored.
		bad := jrRequest("Nguyễn Văn An", "082090001234")
		bad.Form = judicialrecord.Form2
		bad.Proxy = &judicialrecord.Proxy{FullName: "Nguyễn Thị Bé", IDNumber: "082190009999", Relation: judicialrecord.RelSpouse}
		if _, err := env.jr.Intake(ctx, jrClerk, police.ID, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("No. 2 by proxy: %v", err)
		}
		// Expungement to verify: 15 days, the extra days on the look-up step.
		ext := jrRequest("Trần Thị Bích", "082190004444")
		ext.ExpungementCheck = true
		d2, err := env.jr.Intake(ctx, jrClerk, police.ID, ext)
		if err != nil || d2.TimeLimit.Amount != 15 || d2.Steps[1].Allotted.Amount != 11 {
			t.Fatalf("extended: %v %v %v", err, d2.TimeLimit, d2.Steps[1].Allotted)
		}
		if got := d2.DueAt.Sub(*d2.AcceptedAt); got < 14*24*time.Hour {
			t.Fatalf("due after %v", got)
		}
		// A foreign resident identified by passport: 15 days.
		fr := jrRequest("Kim Min Jun", "M12345678")
		fr.Person.Nationality, fr.Person.IDType = "Hàn Quốc", "HC"
		fr.Declared = nil
		d3, err := env.jr.Intake(ctx, jrClerk, police.ID, fr)
		if err != nil || d3.TimeLimit.Amount != 15 || !d3.Applicant.Passport {
			t.Fatalf("foreigner: %v %v", err, d3.TimeLimit)
		}

		if _, err := env.jr.AddConviction(ctx, jrOutsider, police.ID, theft); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider adds: %v", err)
		}
		c, err := env.jr.AddConviction(ctx, jrOfficer, police.ID, theft)
		if err != nil {
			t.Fatal(err)
		}
		// Without the role: 403 and the attempt is in the audit log.
		if _, err := env.jr.ReadConvictions(ctx, jrOutsider, police.ID, theft.IDNumber, "Kiểm tra hồ sơ"); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider read: %v", err)
		}
		if _, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("read without reason: %v", err)
		}
		got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, " 0820 8800 4321 ", "Xác minh hồ sơ cấp Phiếu số 1")
		if err != nil || len(got) != 1 || got[0].Offence != "Trộm cắp tài sản" || got[0].ID != c.ID {
			t.Fatalf("read: %v %+v", err, got)
		}
		// Another tenant does not see the record.
		other := mustTenant(t, env.org, "CA-KHAC", "000.00.00.G02")
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, other.ID, theft.IDNumber, "Thử tra cứu chéo"); err != nil || len(got) != 0 {
			t.Fatalf("cross-tenant read: %v %d", err, len(got))
		}
		log, err := env.db.AuditLog(ctx, police.ID, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var denied, read int
		for _, e := range log {
			switch e.Action {
			case "jr.read_denied":
				denied++
				if e.Actor != "chuyenvien" {
					t.Errorf("denied entry names %q", e.Actor)
				}
			case "jr.conviction_read":
				read++
				if !strings.Contains(e.Detail, "Xác minh hồ sơ cấp Phiếu số 1") || e.Actor != "canbo.lltp" {
					t.Errorf("read entry: %+v", e)
				}
			}
			if strings.Contains(e.Detail+e.Object, "Trộm") || strings.Contains(e.Detail+e.Object, theft.IDNumber) {
				t.Errorf("audit entry leaks: %+v", e)
			}
		}
		if denied != 2 || read != 1 {
			t.Fatalf("audit: %d denied, %d reads", denied, read)
		}
		// Reading the request: declared records only for the role.
		_, req, _, err := env.jr.Get(ctx, jrOutsider, police.ID, d.Code)
		if err != nil || len(req.Declared) != 0 || req.Person.FullName != "Nguyễn Văn An" {
			t.Fatalf("get as outsider: %v %+v", err, req.Declared)
		}
		_, req, _, err = env.jr.Get(ctx, jrOfficer, police.ID, d.Code)
		if err != nil || len(req.Declared) != 0 {
			t.Fatalf("get as officer shows declared records without a logged read: %v", err)
		}
		if _, err := env.jr.ReadDeclared(ctx, jrOutsider, police.ID, d.Code, "Xem tờ khai"); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider reads declared records: %v", err)
		}
		if _, err := env.jr.ReadDeclared(ctx, jrOfficer, police.ID, d.Code, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("declared records without a reason: %v", err)
		}
		decl, err := env.jr.ReadDeclared(ctx, jrOfficer, police.ID, d.Code, "Đối chiếu tờ khai với kết quả tra cứu")
		if err != nil || len(decl) != 1 || !strings.Contains(decl[0].Text, "77/2015/HS-ST") {
			t.Fatalf("declared records: %v %+v", err, decl)
		}

		env.db.Close() // flush (SQLite WAL) before reading the files
		reopen(t, env)
		if leaks := rawContains(t, env, "Trộm cắp", "Điều 173", "45/2019/HS-ST", "Kỳ Sơn", "Phạm Văn Quắn", theft.IDNumber,
			"77/2015/HS-ST", "Cố ý gây thương tích", "18 tháng tù"); len(leaks) > 0 {
			t.Fatalf("plaintext criminal-record data in the database: %q", leaks)
		}
		// The test can fail: the dossier's applicant is stored, and found.
		if found := rawContains(t, env, "Nguyễn Văn An"); len(found) != 1 {
			t.Fatal("the raw search does not see stored text")
		}

		// Key rotation: a new master key first; old records still open;
		// rewrap moves every data key to it; the old key can be retired.
		k2 := make([]byte, 32)
		rand.Read(k2)
		env.raw["k2"] = k2
		env.jr.Keys, _ = envelope.NewKeyring([]string{"k2", "k1"}, env.raw)
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, "Kiểm tra sau khi đổi khóa"); err != nil || len(got) != 1 {
			t.Fatalf("read after adding a key: %v %d", err, len(got))
		}
		n, err := env.jr.Rewrap(ctx, police.ID)
		if err != nil || n != 4 { // three requests, one conviction
			t.Fatalf("rewrap: %d %v", n, err)
		}
		if n, _ := env.jr.Rewrap(ctx, police.ID); n != 0 {
			t.Fatalf("second rewrap changed %d", n)
		}
		env.jr.Keys, _ = envelope.NewKeyring([]string{"k2"}, map[string][]byte{"k2": k2})
		// Rewrap also re-made the blind index with k2: the record is found
		// and opens with k1 retired.
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, "Kiểm tra sau khi bỏ khóa cũ"); err != nil || len(got) != 1 {
			t.Fatalf("read after retiring k1: %v %d", err, len(got))
		}
		if _, req, _, err := env.jr.Get(ctx, jrOfficer, police.ID, d.Code); err != nil || req.Person.FullName == "" {
			t.Fatalf("request after retiring k1: %v", err)
		}
		if _, err := env.db.VerifyAudit(ctx, police.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func reopen(t *testing.T, env *jrEnv) {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), env.dsn, sqlstore.Options{Now: env.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	env.db = db
	env.jr.Store = sqlstore.JRStore{DB: db}
	env.jr.Dossiers.Store = sqlstore.DossierStore{DB: db}
}

func TestHandoverOfJudicialRecords(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		// February 2025: the department is competent.
		env := newJREnv(t, eng, vn(2025, time.February, 20, 8, 0))
		ctx := context.Background()
		dept := mustTenant(t, env.org, "STP-DT", "000.00.00.H82")
		police := mustTenant(t, env.org, "CA-DT", "000.00.00.G01")
		var open []dossier.Dossier
		for i, id := range []string{"082090000001", "082090000002", "082090000003"} {
			d, err := env.jr.Intake(ctx, jrClerk, dept.ID, jrRequest("Người thứ "+string(rune('A'+i)), id))
			if err != nil {
				t.Fatal(err)
			}
			if d.ProcedureID != "judicial_record.certificate_department" {
				t.Fatal(d.ProcedureID)
			}
			open = append(open, d)
		}
		// One is withdrawn: closed, it stays with the department.
		if _, err := env.jr.Dossiers.Act(ctx, jrClerk, dept.ID, open[2].Code, dossier.ActWithdraw, dossier.Input{Reason: "Người yêu cầu rút"}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.jr.AddConviction(ctx, jrOfficer, dept.ID, theft); err != nil {
			t.Fatal(err)
		}
		before, _ := env.db.DossierCounts(ctx, dept.ID)
		feb := report.Period{From: calendar.NewDate(2025, 2, 1), To: calendar.NewDate(2025, 2, 28)}
		mar := report.Period{From: calendar.NewDate(2025, 3, 1), To: calendar.NewDate(2025, 3, 31)}
		stats := func(tenantID string, p report.Period) report.Report {
			t.Helper()
			r, err := env.db.Report(ctx, sqlstore.ReportScope{TenantID: tenantID}, p)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		febBefore := stats(dept.ID, feb)

		env.clock.Set(vn(2025, time.March, 1, 7, 0))
		hs := &handover.Service{Store: sqlstore.HandoverStore{DB: env.db}, Registers: []handover.Register{judicialrecord.Register{Keys: env.keys}}}
		rec, err := hs.Transfer(ctx, dossier.Actor{ID: "adm", Name: "quantri"},
			handover.Tenant{ID: dept.ID, Code: dept.Code, Name: dept.Name}, handover.Tenant{ID: police.ID, Code: police.Code, Name: police.Name},
			handover.Request{Procedure: "judicial_record.certificate_department", AsOf: calendar.NewDate(2025, 3, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if rec.Dossiers != 2 || rec.Records != 3 {
			t.Fatalf("moved %d dossiers, %d records", rec.Dossiers, rec.Records)
		}
		after, _ := env.db.DossierCounts(ctx, dept.ID)
		recv, _ := env.db.DossierCounts(ctx, police.ID)
		if before[dossier.Accepted] != 2 || after[dossier.Accepted] != 0 || after[dossier.Withdrawn] != 1 || recv[dossier.Accepted] != 2 || recv[dossier.Withdrawn] != 0 {
			t.Fatalf("counts: before %v after %v receiver %v", before, after, recv)
		}
		// The receiver continues with the original code and due time.
		for _, d := range open[:2] {
			b, evs, err := env.jr.Dossiers.Get(ctx, police.ID, d.Code)
			if err != nil || b.ID != d.ID || !b.DueAt.Equal(*d.DueAt) || b.Extra["transferred_from"] != dept.Code {
				t.Fatalf("received dossier: %v %+v", err, b.Extra)
			}
			if len(evs) < 3 || evs[len(evs)-1].Action != dossier.ActTransfer {
				t.Fatalf("history not carried: %d events", len(evs))
			}
			if _, req, _, err := env.jr.Get(ctx, jrOfficer, police.ID, d.Code); err != nil || req.Person.IDNumber == "" {
				t.Fatalf("request at the receiver: %v", err)
			}
			// The sender's copy is history: no action is possible.
			if _, err := env.jr.Dossiers.Act(ctx, jrClerk, dept.ID, d.Code, dossier.ActWithdraw, dossier.Input{}); apperr.CodeOf(err) != apperr.Conflict {
				t.Fatalf("act on the sender's copy: %v", err)
			}
			// The receiver acts on it (role-held steps).
			if _, err := env.jr.Dossiers.Act(ctx, jrClerk, police.ID, d.Code, dossier.ActForward, dossier.Input{}); err != nil {
				t.Fatalf("receiver forwards: %v", err)
			}
		}
		// Statistics: the department's February is what it was; in March
		// the two dossiers leave its books on the day of the hand-over
		// (counted on time, like a dossier returned), and the police count
		// them from that day, not before.
		if a, b := mustJSON(t, febBefore), mustJSON(t, stats(dept.ID, feb)); a != b {
			t.Fatalf("the sender's February changed with the hand-over:\n%s\n%s", a, b)
		}
		if r := stats(dept.ID, mar); r.Total.Received.CarriedOver != 2 || r.Total.Resolved.OnTime != 2 || r.Total.Resolved.Total != 2 || r.Total.InProgress.Total != 0 {
			t.Fatalf("the sender's March: %s", mustJSON(t, r.Total))
		}
		if r := stats(police.ID, feb); r.Total.Received.Total != 0 {
			t.Fatalf("the receiver's February counts dossiers it did not hold: %s", mustJSON(t, r.Total))
		}
		if r := stats(police.ID, mar); r.Total.Received.Total != 2 || r.Total.Received.CarriedOver != 0 || r.Total.InProgress.Total != 2 {
			t.Fatalf("the receiver's March: %s", mustJSON(t, r.Total))
		}
		for _, ten := range []org.Tenant{dept, police} {
			for _, p := range []report.Period{feb, mar} {
				r := stats(ten.ID, p)
				if r.Total.Received.Total != r.Total.Resolved.Total+r.Total.InProgress.Total {
					t.Fatalf("%s %v: received ≠ resolved + in progress: %s", ten.Code, p, mustJSON(t, r.Total))
				}
			}
		}
		// The register moved: the conviction is the police's now.
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, "Sau chuyển giao"); err != nil || len(got) != 1 {
			t.Fatalf("conviction at receiver: %v %d", err, len(got))
		}
		if got, _ := env.jr.ReadConvictions(ctx, jrOfficer, dept.ID, theft.IDNumber, "Sau chuyển giao"); len(got) != 0 {
			t.Fatal("conviction still at sender")
		}
		for _, ten := range []org.Tenant{dept, police} {
			if _, err := env.db.VerifyAudit(ctx, ten.ID); err != nil {
				t.Fatalf("audit chain of %s: %v", ten.Code, err)
			}
			log, _ := env.db.AuditLog(ctx, ten.ID, 0, 200)
			found := false
			for _, e := range log {
				found = found || strings.HasPrefix(e.Action, "function.transfer_")
			}
			if !found {
				t.Fatalf("%s: no hand-over in the audit log", ten.Code)
			}
		}
		_ = audit.Genesis
	})
}

func TestVerificationByPoliceIsACoordinatingStep(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		start := vn(2026, time.November, 23, 8, 0)
		env := newJREnv(t, eng, start)
		ctx := context.Background()
		police := mustTenant(t, env.org, "CA-DT", "000.00.00.G01")
		conv := theft
		conv.IDNumber = "082090001234"
		sim := &verification.Simulator{Delay: 12 * 24 * time.Hour, Now: env.clock.Now,
			Records: map[string]map[string][]judicialrecord.Conviction{judicialrecord.AgencyPoliceRecords: {"082090001234": {conv}}}}
		d, err := env.jr.Intake(ctx, jrClerk, police.ID, jrRequest("Nguyễn Văn An", "082090001234"))
		if err != nil {
			t.Fatal(err)
		}
		spec := judicialrecord.Reader{Actor: dossier.Actor{ID: "s1", Name: "chuyenvien", Role: "specialist"}, Allowed: true}
		act := func(a dossier.Actor, action dossier.Action) {
			t.Helper()
			if _, err := env.jr.Dossiers.Act(ctx, a, police.ID, d.Code, action, dossier.Input{}); err != nil {
				t.Fatalf("%s by %s: %v", action, a.Role, err)
			}
		}
		act(jrClerk, dossier.ActForward)
		if _, err := env.jr.SendCheck(ctx, sim, judicialrecord.Reader{Actor: jrClerk}, police.ID, d.Code, judicialrecord.AgencyPoliceRecords); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a clerk sends the specialist's check: %v", err)
		}
		row, err := env.jr.SendCheck(ctx, sim, spec, police.ID, d.Code, judicialrecord.AgencyPoliceRecords)
		if err != nil {
			t.Fatal(err)
		}
		cur, _, _ := env.jr.Dossiers.Get(ctx, police.ID, d.Code)
		if s := cur.CurrentStep(); s == nil || s.UnitCode != "CA_HSNV" || !s.DueAt.Equal(row.DueAt) {
			t.Fatalf("current step: %+v", s)
		}
		env.clock.Add(6 * 24 * time.Hour)
		if n, err := env.jr.CollectAnswers(ctx, sim, police.ID); err != nil || n != 0 {
			t.Fatalf("early answer: %d %v", n, err)
		}
		env.clock.Add(6 * 24 * time.Hour)
		if n, err := env.jr.CollectAnswers(ctx, sim, police.ID); err != nil || n != 1 {
			t.Fatalf("answer: %d %v", n, err)
		}
		checks, _ := sqlstore.JRStore{DB: env.db}.Checks(ctx, police.ID, d.ID)
		if len(checks) != 1 || checks[0].Result != "answered" || checks[0].AnsweredAt == nil {
			t.Fatalf("checks: %+v", checks)
		}
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, "082090001234", "Lập Phiếu"); err != nil || len(got) != 1 {
			t.Fatalf("found conviction sealed: %v %d", err, len(got))
		}
		// The specialist resumes, then the process runs to the result.
		act(spec.Actor, dossier.ActForward)
		act(dossier.Actor{ID: "h", Name: "truongphong", Role: "unit_head"}, dossier.ActForward)
		act(dossier.Actor{ID: "g", Name: "lanhdao", Role: "director"}, dossier.ActForward)
		fin, _, _ := env.jr.Dossiers.Get(ctx, police.ID, d.Code)
		if fin.Status != dossier.ResultReady || dossier.ResolvedOutcome(&fin) != dossier.Late || fin.LateUnit != "CA_HSNV" {
			t.Fatalf("finished: status %d outcome %s late unit %q", fin.Status, dossier.ResolvedOutcome(&fin), fin.LateUnit)
		}
	})
}

func TestCertificateIssueSignVerify(t *testing.T) {
	p12, err := signature.GenerateDemo("Công an tỉnh Đồng Tháp", "Công an tỉnh Đồng Tháp", time.Now(), "pw")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := signature.LoadPKCS12(p12, "pw")
	if err != nil {
		t.Fatal(err)
	}
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		env := newJREnv(t, eng, vn(2026, time.November, 23, 8, 0))
		ctx := context.Background()
		police := mustTenant(t, env.org, "CA-DT", "000.00.00.G01")
		is := judicialrecord.Issuing{Signer: signer,
			Issuer: func(ctx context.Context, tenantID string) (judicialrecord.Issuer, error) {
				return judicialrecord.Issuer{Agency: render.Agency{Superior: "BỘ CÔNG AN", Name: "CÔNG AN TỈNH ĐỒNG THÁP", FullName: "Công an tỉnh Đồng Tháp", Place: "Đồng Tháp"},
					SignerName: "Lê Văn Bảo", SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"}, nil
			},
			VerifyURL: func(id string) string { return "https://dvc.example.vn/xac-thuc/lltp/" + id }}
		conv := theft
		conv.IDNumber = "082090001234"
		if _, err := env.jr.AddConviction(ctx, jrOfficer, police.ID, conv); err != nil {
			t.Fatal(err)
		}
		d, err := env.jr.Intake(ctx, jrClerk, police.ID, jrRequest("Nguyễn Văn An", "082090001234"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.jr.Dossiers.Act(ctx, jrClerk, police.ID, d.Code, dossier.ActForward, dossier.Input{}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.jr.Issue(ctx, is, jrOutsider, police.ID, d.Code); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider issues: %v", err)
		}
		cert, err := env.jr.Issue(ctx, is, jrOfficer, police.ID, d.Code)
		if err != nil {
			t.Fatal(err)
		}
		if cert.Number != "1/2026/LLTP" || len(cert.ID) != 32 {
			t.Fatalf("certificate: %+v", cert)
		}
		if _, _, err := env.jr.Download(ctx, jrOutsider, police.ID, cert.ID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider downloads: %v", err)
		}
		other := mustTenant(t, env.org, "CA-KHAC", "000.00.00.G02")
		if _, _, err := env.jr.Download(ctx, jrOfficer, other.ID, cert.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another tenant downloads: %v", err)
		}
		pdf, _, err := env.jr.Download(ctx, jrOfficer, police.ID, cert.ID)
		if err != nil {
			t.Fatal(err)
		}
		pub, err := env.jr.Lookup(ctx, cert.ID, func(ctx context.Context, id string) (string, error) { return "Công an tỉnh Đồng Tháp", nil })
		if err != nil || !pub.Valid || pub.SHA256 != judicialrecord.Hash(pdf) {
			t.Fatalf("lookup: %v %+v", err, pub)
		}
		if ok, why := judicialrecord.CheckFile(pub, pdf, signer); !ok {
			t.Fatalf("issued file does not check: %s", why)
		}
		tampered := bytes.Clone(pdf)
		tampered[len(tampered)/3] ^= 0x20
		if ok, _ := judicialrecord.CheckFile(pub, tampered, signer); ok {
			t.Fatal("tampered certificate checks")
		}
		if r := signature.Verify(tampered, signer.Certificate()); r.Valid {
			t.Fatal("tampered certificate's signature verifies")
		}
		// Through to the result: the figures count it by form, channel and class.
		for _, a := range []dossier.Actor{{ID: "s", Name: "cv", Role: "specialist"}, {ID: "h", Name: "tp", Role: "unit_head"}, {ID: "g", Name: "ld", Role: "director"}} {
			if _, err := env.jr.Dossiers.Act(ctx, a, police.ID, d.Code, dossier.ActForward, dossier.Input{}); err != nil {
				t.Fatal(err)
			}
		}
		fig, err := env.jr.Figures(ctx, police.ID, vn(2026, time.November, 1, 0, 0), vn(2026, time.December, 1, 0, 0))
		if err != nil || len(fig) != 1 || fig[0].Form != judicialrecord.Form1 || fig[0].Channel != judicialrecord.SourceCounter || fig[0].Class != "early" || fig[0].Count != 1 {
			t.Fatalf("figures: %v %+v", err, fig)
		}
		env.db.Close()
		reopen(t, env)
		if leaks := rawContains(t, env, "Trộm cắp", "45/2019/HS-ST", "Kỳ Sơn", "%PDF"); len(leaks) > 0 {
			t.Fatalf("plaintext in the database: %q", leaks)
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

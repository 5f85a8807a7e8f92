package sqlstore_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
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

// bankruptcyBan follows from a court's decision declaring a company
// bankrupt: judicial-record data, not a conviction.
var bankruptcyBan = judicialrecord.BankruptcyBan{FullName: "Phạm Văn Quắn", IDNumber: "082088004321", Court: "Tòa án nhân dân tỉnh Đồng Tháp",
	DecisionNo: "07/2024/QĐ-TBPS", DecisionDate: calendar.NewDate(2024, 9, 16), Enterprise: "Công ty Cổ phần Thủy sản Mê Kông Xanh",
	Position: "Chủ tịch Hội đồng quản trị", Ban: "Không được thành lập doanh nghiệp, làm người quản lý doanh nghiệp", To: calendar.NewDate(2027, 9, 16)}

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
	t.Parallel()
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
		if _, err := env.jr.ReadConvictions(ctx, jrOutsider, police.ID, theft.IDNumber, why("Kiểm tra hồ sơ")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider read: %v", err)
		}
		if _, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, why("")); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("read without reason: %v", err)
		}
		// Issue 12 §14: the reason is a legal ground plus words of real
		// length, tied to a request code that exists where the ground
		// serves a request.
		for _, c := range []struct {
			name  string
			why   judicialrecord.ReadReason
			field string
		}{
			{"no ground", judicialrecord.ReadReason{Text: "Đối chiếu án tích khi lập Phiếu số 1"}, "ground"},
			{"unknown ground", judicialrecord.ReadReason{Ground: "curiosity", Text: "Đối chiếu án tích khi lập Phiếu số 1"}, "ground"},
			{"a word", judicialrecord.ReadReason{Ground: "register_update", Text: "Tò mò"}, "reason"},
			{"request ground without a code", judicialrecord.ReadReason{Ground: "certificate_request", Text: "Đối chiếu án tích khi lập Phiếu số 1"}, "request_code"},
			{"unknown request", judicialrecord.ReadReason{Ground: "certificate_request", Text: "Đối chiếu án tích khi lập Phiếu số 1", RequestCode: "000.00.00.G01-260101-9999"}, "request_code"},
		} {
			_, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, c.why)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.Invalid || ae.Fields[c.field] == "" {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
		tied := judicialrecord.ReadReason{Ground: "certificate_request", Text: "Đối chiếu án tích khi lập Phiếu số 1", RequestCode: strings.ToLower(d3.Code)}
		if _, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, tied); err != nil {
			t.Fatalf("read tied to a request: %v", err)
		}
		if log, _ := env.db.Audit().AuditLog(ctx, police.ID, 0, 1); len(log) != 1 || !strings.Contains(log[0].Detail, "hồ sơ "+d3.Code) || !strings.Contains(log[0].Detail, "Giải quyết yêu cầu cấp Phiếu") {
			t.Fatalf("the audit entry does not name the ground and request: %+v", log)
		}
		got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, " 0820 8800 4321 ", why("Xác minh hồ sơ cấp Phiếu số 1"))
		if err != nil || len(got) != 1 || got[0].Offence != "Trộm cắp tài sản" || got[0].ID != c.ID {
			t.Fatalf("read: %v %+v", err, got)
		}
		// Another tenant does not see the record.
		other := mustTenant(t, env.org, "CA-KHAC", "000.00.00.G02")
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, other.ID, theft.IDNumber, why("Thử tra cứu chéo")); err != nil || len(got) != 0 {
			t.Fatalf("cross-tenant read: %v %d", err, len(got))
		}
		log, err := env.db.Audit().AuditLog(ctx, police.ID, 0, 100)
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
				if !(strings.Contains(e.Detail, "Xác minh hồ sơ cấp Phiếu số 1") || strings.Contains(e.Detail, "hồ sơ "+d3.Code)) || e.Actor != "canbo.lltp" {
					t.Errorf("read entry: %+v", e)
				}
			}
			if strings.Contains(e.Detail+e.Object, "Trộm") || strings.Contains(e.Detail+e.Object, theft.IDNumber) {
				t.Errorf("audit entry leaks: %+v", e)
			}
		}
		if denied != 2 || read != 2 {
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
		if _, err := env.jr.ReadDeclared(ctx, jrOutsider, police.ID, d.Code, why("Xem tờ khai")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider reads declared records: %v", err)
		}
		if _, err := env.jr.ReadDeclared(ctx, jrOfficer, police.ID, d.Code, why("")); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("declared records without a reason: %v", err)
		}
		decl, err := env.jr.ReadDeclared(ctx, jrOfficer, police.ID, d.Code, why("Đối chiếu tờ khai với kết quả tra cứu"))
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

		if _, err := env.jr.AddBan(ctx, jrOfficer, police.ID, bankruptcyBan); err != nil {
			t.Fatal(err)
		}
		// Key rotation: a new master key first; old records still open;
		// rewrap moves every data key to it; the old key can be retired.
		k2 := make([]byte, 32)
		rand.Read(k2)
		env.raw["k2"] = k2
		env.jr.Keys, _ = envelope.NewKeyring([]string{"k2", "k1"}, env.raw)
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, why("Kiểm tra sau khi đổi khóa")); err != nil || len(got) != 1 {
			t.Fatalf("read after adding a key: %v %d", err, len(got))
		}
		n, err := env.jr.Rewrap(ctx, police.ID)
		if err != nil || n != 5 { // three requests, one conviction, one bankruptcy ban
			t.Fatalf("rewrap: %d %v", n, err)
		}
		if n, _ := env.jr.Rewrap(ctx, police.ID); n != 0 {
			t.Fatalf("second rewrap changed %d", n)
		}
		env.jr.Keys, _ = envelope.NewKeyring([]string{"k2"}, map[string][]byte{"k2": k2})
		// Rewrap also re-made the blind index with k2: the record is found
		// and opens with k1 retired.
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, why("Kiểm tra sau khi bỏ khóa cũ")); err != nil || len(got) != 1 {
			t.Fatalf("read after retiring k1: %v %d", err, len(got))
		}
		if got, err := env.jr.ReadBans(ctx, jrOfficer, police.ID, bankruptcyBan.IDNumber, why("Kiểm tra sau khi bỏ khóa cũ")); err != nil || len(got) != 1 {
			t.Fatalf("ban after retiring k1: %v %d", err, len(got))
		}
		if _, req, _, err := env.jr.Get(ctx, jrOfficer, police.ID, d.Code); err != nil || req.Person.FullName == "" {
			t.Fatalf("request after retiring k1: %v", err)
		}
		if _, err := env.db.Audit().VerifyAudit(ctx, police.ID); err != nil {
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
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		// February 2025: the department is competent.
		env := newJREnv(t, eng, vn(2025, time.February, 20, 8, 0))
		ctx := context.Background()
		dept := mustTenant(t, env.org, "STP-DT", "000.00.00.H82")
		police := mustTenantOfKind(t, env.org, "CA-DT", "000.00.00.G01", org.KindProvincialPolice)
		dept2 := mustTenant(t, env.org, "STP-AG", "000.00.00.H89")
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
		if _, err := env.jr.AddBan(ctx, jrOfficer, dept.ID, bankruptcyBan); err != nil {
			t.Fatal(err)
		}
		before, _ := env.db.Dossiers().DossierCounts(ctx, dept.ID)
		feb := report.Period{From: calendar.NewDate(2025, 2, 1), To: calendar.NewDate(2025, 2, 28)}
		mar := report.Period{From: calendar.NewDate(2025, 3, 1), To: calendar.NewDate(2025, 3, 31)}
		stats := func(tenantID string, p report.Period) report.Report {
			t.Helper()
			r, err := env.db.Reports().Report(ctx, sqlstore.ReportScope{TenantID: tenantID}, p)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		febBefore := stats(dept.ID, feb)

		env.clock.Set(vn(2025, time.March, 1, 7, 0))
		hs := newHandover(env)
		// From 1/3/2025 judicial records are the police's: another
		// department is not a competent receiver.
		if _, err := hs.Transfer(ctx, dossier.Actor{Name: "cli"}, tenantOf(dept), tenantOf(dept2),
			handover.Request{Procedure: "judicial_record.certificate_department", AsOf: calendar.NewDate(2025, 3, 1)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("hand-over to an agency of the wrong kind: %v", err)
		}
		rec, err := hs.Transfer(ctx, dossier.Actor{ID: "adm", Name: "quantri"}, tenantOf(dept), tenantOf(police),
			handover.Request{Procedure: "judicial_record.certificate_department", AsOf: calendar.NewDate(2025, 3, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if rec.Dossiers != 2 || rec.Records != 4 {
			t.Fatalf("moved %d dossiers, %d records", rec.Dossiers, rec.Records)
		}
		after, _ := env.db.Dossiers().DossierCounts(ctx, dept.ID)
		recv, _ := env.db.Dossiers().DossierCounts(ctx, police.ID)
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
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, theft.IDNumber, why("Sau chuyển giao")); err != nil || len(got) != 1 {
			t.Fatalf("conviction at receiver: %v %d", err, len(got))
		}
		if got, _ := env.jr.ReadConvictions(ctx, jrOfficer, dept.ID, theft.IDNumber, why("Sau chuyển giao")); len(got) != 0 {
			t.Fatal("conviction still at sender")
		}
		if got, err := env.jr.ReadBans(ctx, jrOfficer, police.ID, bankruptcyBan.IDNumber, why("Sau chuyển giao")); err != nil || len(got) != 1 || got[0].DecisionNo != bankruptcyBan.DecisionNo {
			t.Fatalf("bankruptcy ban at receiver: %v %+v", err, got)
		}
		if got, _ := env.jr.ReadBans(ctx, jrOfficer, dept.ID, bankruptcyBan.IDNumber, why("Sau chuyển giao")); len(got) != 0 {
			t.Fatal("bankruptcy ban still at sender")
		}
		for _, ten := range []org.Tenant{dept, police} {
			if _, err := env.db.Audit().VerifyAudit(ctx, ten.ID); err != nil {
				t.Fatalf("audit chain of %s: %v", ten.Code, err)
			}
			log, _ := env.db.Audit().AuditLog(ctx, ten.ID, 0, 200)
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

func newHandover(env *jrEnv) *handover.Service {
	builtin, _ := catalog.Builtin()
	return &handover.Service{Store: sqlstore.HandoverStore{DB: env.db}, Registers: []handover.Register{judicialrecord.Register{Keys: env.keys}}, Procedures: builtin}
}

func tenantOf(t org.Tenant) handover.Tenant {
	return handover.Tenant{ID: t.ID, Code: t.Code, Name: t.Name, Kind: t.Kind}
}

// Issue 12 §1: a hand-over is offered by one tenant and accepted by the
// other; nothing moves before; each chain names only its own officer and
// every record moved; nobody else can accept, and nobody twice.
func TestHandoverIsTwoSided(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		env := newJREnv(t, eng, vn(2025, time.February, 20, 8, 0))
		ctx := context.Background()
		dept := mustTenant(t, env.org, "STP-DT", "000.00.00.H82")
		police := mustTenantOfKind(t, env.org, "CA-DT", "000.00.00.G01", org.KindProvincialPolice)
		other := mustTenantOfKind(t, env.org, "CA-AG", "000.00.00.G89", org.KindProvincialPolice)
		commune := mustTenantOfKind(t, env.org, "UBND-X", "000.00.00.X01", org.KindCommune)
		d, err := env.jr.Intake(ctx, jrClerk, dept.ID, jrRequest("Người thứ nhất", "082090000001"))
		if err != nil {
			t.Fatal(err)
		}
		conv, err := env.jr.AddConviction(ctx, jrOfficer, dept.ID, theft)
		if err != nil {
			t.Fatal(err)
		}
		hs := newHandover(env)
		deptOfficer := dossier.Actor{ID: "dept-officer", Name: "canbo.stp"}
		policeOfficer := dossier.Actor{ID: "police-officer", Name: "canbo.ca"}
		asOf := handover.Request{Procedure: "judicial_record.certificate_department", AsOf: calendar.NewDate(2025, 3, 1)}
		if _, err := hs.Offer(ctx, deptOfficer, tenantOf(dept), tenantOf(commune), asOf); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("offer to a commune: %v", err)
		}
		o, err := hs.Offer(ctx, deptOfficer, tenantOf(dept), tenantOf(police), asOf)
		if err != nil {
			t.Fatal(err)
		}
		// Nothing moved yet.
		if got, _ := env.db.Dossiers().DossierCounts(ctx, police.ID); got[dossier.Accepted] != 0 {
			t.Fatalf("the offer moved dossiers: %v", got)
		}
		offers, err := env.db.Handover().HandoverOffers(ctx, police.ID)
		if err != nil || len(offers) != 1 || offers[0].Status != handover.OfferPending || offers[0].From.Code != dept.Code {
			t.Fatalf("the receiver's offers: %v %+v", err, offers)
		}
		// Another police force cannot accept an offer not made to it.
		if _, err := hs.Accept(ctx, policeOfficer, other.ID, o.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("accepted by a third tenant: %v", err)
		}
		if _, err := hs.Accept(ctx, policeOfficer, dept.ID, o.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("accepted by the sender: %v", err)
		}
		env.clock.Set(vn(2025, time.March, 1, 7, 0))
		rec, err := hs.Accept(ctx, policeOfficer, police.ID, o.ID)
		if err != nil || rec.Dossiers != 1 || rec.Records != 2 {
			t.Fatalf("accept: %v %+v", err, rec)
		}
		if _, err := hs.Accept(ctx, policeOfficer, police.ID, o.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("accepted twice: %v", err)
		}
		chain := func(tenantID, action string) audit.Entry {
			t.Helper()
			if _, err := env.db.Audit().VerifyAudit(ctx, tenantID); err != nil {
				t.Fatal(err)
			}
			log, _ := env.db.Audit().AuditLog(ctx, tenantID, 0, 200)
			for _, e := range log {
				if e.Action == action {
					return e
				}
			}
			t.Fatalf("no %s in the chain", action)
			return audit.Entry{}
		}
		for _, c := range []struct {
			tenant, action, actor string
		}{{dept.ID, "function.transfer_offer", deptOfficer.ID}, {dept.ID, "function.transfer_out", deptOfficer.ID}, {police.ID, "function.transfer_in", policeOfficer.ID}} {
			e := chain(c.tenant, c.action)
			if e.ActorID != c.actor {
				t.Fatalf("%s names %q, want the tenant's own officer %q", c.action, e.ActorID, c.actor)
			}
			if c.action != "function.transfer_offer" && (!strings.Contains(e.Detail, d.Code) || !strings.Contains(e.Detail, "án tích "+conv.ID) || !strings.Contains(e.Detail, "yêu cầu "+d.ID)) {
				t.Fatalf("%s does not name every record moved: %s", c.action, e.Detail)
			}
		}
		if got, _ := env.db.Dossiers().DossierCounts(ctx, police.ID); got[dossier.Accepted] != 1 {
			t.Fatalf("the receiver's counts: %v", got)
		}
	})
}

func TestVerificationByPoliceIsACoordinatingStep(t *testing.T) {
	t.Parallel()
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
		if got, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, "082090001234", why("Lập Phiếu")); err != nil || len(got) != 1 {
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
	t.Parallel()
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
		// The record lacks what Penal Code Art. 70 needs (whether the
		// other decisions of the judgment were carried out): flagged, no
		// certificate until the verification is recorded.
		if _, err := env.jr.Issue(ctx, is, jrOfficer, police.ID, d.Code); apperr.CodeOf(err) != apperr.Conflict || !strings.Contains(err.Error(), "Điều 70") {
			t.Fatalf("issued with an unsettled expungement: %v", err)
		}
		convs, err := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, conv.IDNumber, why("Xác minh xóa án tích"))
		if err != nil || len(convs) != 1 {
			t.Fatal(err)
		}
		facts := judicialrecord.ExpungementFacts{OffenceDate: calendar.NewDate(2018, 12, 1), Penalty: judicialrecord.PenaltyPrison, PrisonMonths: 18,
			Completed: calendar.NewDate(2020, 11, 2), Obligations: judicialrecord.ObligationsOutstanding, Source: "Chi cục THADS huyện Kỳ Sơn"}
		if _, err := env.jr.RecordVerification(ctx, jrOutsider, police.ID, conv.IDNumber, convs[0].ID, facts, why("Ghi kết quả xác minh")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider records a verification: %v", err)
		}
		if _, err := env.jr.RecordVerification(ctx, jrOfficer, police.ID, conv.IDNumber, convs[0].ID, facts, why("Ghi kết quả xác minh")); err != nil {
			t.Fatal(err)
		}
		if _, err := env.jr.Issue(ctx, is, jrOfficer, police.ID, d.Code); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("issued with the compensation unpaid: %v", err)
		}
		facts.Obligations, facts.ObligationsDate = judicialrecord.ObligationsDone, calendar.NewDate(2020, 6, 1)
		if _, err := env.jr.RecordVerification(ctx, jrOfficer, police.ID, conv.IDNumber, convs[0].ID, facts, why("Ghi kết quả xác minh")); err != nil {
			t.Fatal(err)
		}
		convs, err = env.jr.ReadConvictions(ctx, jrOfficer, police.ID, conv.IDNumber, why("Kiểm tra sau xác minh"))
		if err != nil || len(convs) != 1 || convs[0].Obligations != judicialrecord.ObligationsDone || convs[0].Source != "Chi cục THADS huyện Kỳ Sơn" ||
			convs[0].Offence != theft.Offence {
			t.Fatalf("after the verification: %v %+v", err, convs)
		}
		if e := judicialrecord.AssessAll(convs, calendar.NewDate(2026, 11, 23))[0]; e.Status != judicialrecord.ExpExpunged || e.On != calendar.NewDate(2022, 11, 3) {
			t.Fatalf("18 months served on 02/11/2020: %s %s", e.Status, e.On)
		}
		cert, err := env.jr.Issue(ctx, is, jrOfficer, police.ID, d.Code)
		if err != nil {
			t.Fatal(err)
		}
		if cert.Number != "1/2026/LLTP" || len(cert.ID) != 32 {
			t.Fatalf("certificate: %+v", cert)
		}
		if _, _, err := env.jr.Download(ctx, jrOfficer, police.ID, cert.ID, judicialrecord.ReadReason{Ground: "register_update", Text: "tải"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("download without a real reason: %v", err)
		}
		if _, _, err := env.jr.Download(ctx, jrOutsider, police.ID, cert.ID, why("Tải Phiếu để giao cho người yêu cầu")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider downloads: %v", err)
		}
		other := mustTenant(t, env.org, "CA-KHAC", "000.00.00.G02")
		if _, _, err := env.jr.Download(ctx, jrOfficer, other.ID, cert.ID, why("Tải Phiếu để giao cho người yêu cầu")); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another tenant downloads: %v", err)
		}
		pdf, _, err := env.jr.Download(ctx, jrOfficer, police.ID, cert.ID, why("Tải Phiếu để giao cho người yêu cầu"))
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

// TestJudicialRecordRules2026 (issue 16.10): a request received on
// 30/06/2026 keeps the earlier rules (filed at the office of the province of
// residence, Law 28/2009 Art. 44; Circular 244/2016 fee), one received from
// 01/07/2026 follows Law 107/2025/QH15 and Decree 216/2026/NĐ-CP: any
// competent office, a guardian without authorisation, requests by post.
func TestJudicialRecordRules2026(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		env := newJREnv(t, eng, vn(2026, time.June, 30, 9, 0))
		ctx := context.Background()
		police := mustTenant(t, env.org, "CA-DT", "000.00.00.G01") // province 82
		env.jr.OfficeProvince = func(ctx context.Context, tenantID string) (string, error) {
			ten, err := env.db.Org().Tenant(ctx, tenantID)
			return ten.ProvinceCode, err
		}
		far := jrRequest("Nguyễn Văn An", "079090001234")
		far.Permanent = judicialrecord.Address{Text: "Phường Bến Nghé, TP. Hồ Chí Minh", Province: "79"}
		ward := jrRequest("Nguyễn Văn Bé", "082010001234")
		ward.Proxy = &judicialrecord.Proxy{FullName: "Trần Thị Hoa", IDNumber: "082190005678", Relation: judicialrecord.RelGuardian}
		if _, err := env.jr.Intake(ctx, jrClerk, police.ID, far); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "Điều 44") {
			t.Fatalf("another province on 30/06/2026: %v", err)
		}
		if _, err := env.jr.Intake(ctx, jrClerk, police.ID, ward); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a guardian without authorisation on 30/06/2026: %v", err)
		}
		env.clock.Set(vn(2026, time.July, 1, 9, 0))
		d, err := env.jr.Intake(ctx, jrClerk, police.ID, far)
		if err != nil {
			t.Fatalf("the nearest office from 01/07/2026: %v", err)
		}
		if _, err := env.jr.Intake(ctx, jrClerk, police.ID, ward); err != nil {
			t.Fatalf("a guardian from 01/07/2026: %v", err)
		}
		post := jrRequest("Lê Thị Cúc", "082085001234")
		post.Source = judicialrecord.SourcePost
		dp, err := env.jr.Intake(ctx, jrClerk, police.ID, post)
		if err != nil || dp.Channel != catalog.ChannelPostal || dp.Extra["jr_source"] != "post" {
			t.Fatalf("by post: %v %s %v", err, dp.Channel, dp.Extra)
		}
		if d.Fee != 205_000 { // 3 copies: Circular 16/2025/TT-BTC, amounts as before (unverified)
			t.Fatalf("fee %d", d.Fee)
		}
	})
}

// TestBankruptcyBanRegister (issue 16.10): a ban from a bankruptcy decision
// is kept in its own sealed register, read with a reason and logged, stated
// on No. 2 without making it "Có án tích", rewrapped with the rest.
func TestBankruptcyBanRegister(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		env := newJREnv(t, eng, vn(2026, time.November, 23, 8, 0))
		ctx := context.Background()
		police := mustTenant(t, env.org, "CA-DT", "000.00.00.G01")
		if _, err := env.jr.AddBan(ctx, jrOutsider, police.ID, bankruptcyBan); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider adds a ban: %v", err)
		}
		bad := bankruptcyBan
		bad.Enterprise = ""
		if _, err := env.jr.AddBan(ctx, jrOfficer, police.ID, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("ban without the enterprise: %v", err)
		}
		if _, err := env.jr.AddBan(ctx, jrOfficer, police.ID, bankruptcyBan); err != nil {
			t.Fatal(err)
		}
		if _, err := env.jr.ReadBans(ctx, jrOutsider, police.ID, bankruptcyBan.IDNumber, why("Tò mò xem")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("outsider reads: %v", err)
		}
		bans, err := env.jr.ReadBans(ctx, jrOfficer, police.ID, bankruptcyBan.IDNumber, why("Lập Phiếu số 2"))
		if err != nil || len(bans) != 1 || bans[0].Enterprise != bankruptcyBan.Enterprise {
			t.Fatalf("read: %v %+v", err, bans)
		}
		if convs, _ := env.jr.ReadConvictions(ctx, jrOfficer, police.ID, bankruptcyBan.IDNumber, why("Lập Phiếu số 2")); len(convs) != 0 {
			t.Fatal("the ban reads as a conviction")
		}
		c := judicialrecord.CertificateContent(judicialrecord.Form2, false, nil, bans, calendar.NewDate(2026, 11, 23))
		if !c.NoRecord || len(c.Bans) != 1 || !strings.Contains(c.Bans[0], "07/2024/QĐ-TBPS") {
			t.Fatalf("No. 2 content: %+v", c)
		}
		log, _ := env.db.Audit().AuditLog(ctx, police.ID, 0, 100)
		var reads, adds, denied int
		for _, e := range log {
			switch e.Action {
			case "jr.ban_read":
				reads++
			case "jr.ban_add":
				adds++
			case "jr.read_denied":
				denied++
			}
			if strings.Contains(e.Detail, "Mê Kông") || strings.Contains(e.Object, bankruptcyBan.IDNumber) {
				t.Fatalf("audit entry names the ban: %+v", e)
			}
		}
		if reads != 1 || adds != 1 || denied != 2 {
			t.Fatalf("audit: %d reads, %d adds, %d denied", reads, adds, denied)
		}
		vals, err := sqlstore.JRStore{DB: env.db}.SealedValues(ctx, police.ID)
		banVals := 0
		for _, v := range vals {
			if v.Table == "ban" && v.Index != "" && judicialrecord.AAD(v) != "" {
				banVals++
			}
		}
		if err != nil || banVals != 1 {
			t.Fatalf("rewrap does not see the ban: %v %d", err, banVals)
		}
		env.db.Close()
		reopen(t, env)
		if leaks := rawContains(t, env, "Mê Kông", "07/2024/QĐ-TBPS", "Chủ tịch Hội đồng"); len(leaks) > 0 {
			t.Fatalf("plaintext in the database: %q", leaks)
		}
	})
}

// why is a reason of a criminal-record read for tests: a legal ground and
// words of real length (issue 12 §14); an empty text stays empty.
func why(text string) judicialrecord.ReadReason {
	if text == "" {
		return judicialrecord.ReadReason{Ground: "register_update"}
	}
	return judicialrecord.ReadReason{Ground: "register_update", Text: text + " (kiểm thử tự động)"}
}

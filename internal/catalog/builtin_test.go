package catalog

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"testing"

	"tuphap/internal/calendar"
)

var update = flag.Bool("update", false, "rewrite data/procedures.json in canonical form, with the unverified flags derived from the marks")

// encodeProcedures is the canonical form of the data file.
func encodeProcedures(t *testing.T, ps []Procedure) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(ps); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBuiltinCanonical keeps the data file in the form Go writes it, so that
// what the store persists and the API serves reads the same as the file, and
// keeps the derived unverified flags in step with the marks.
func TestBuiltinCanonical(t *testing.T) {
	raw, err := os.ReadFile(builtinFile)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := decodeProcedures(raw)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		for i := range ps {
			ps[i].UpdateVerification()
		}
		if err := os.WriteFile(builtinFile, encodeProcedures(t, ps), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := encodeProcedures(t, ps); !bytes.Equal(got, raw) {
		t.Errorf("%s is not in canonical form; run go test ./internal/catalog -run TestBuiltinCanonical -update", builtinFile)
	}
}

func mustBuiltin(t testing.TB) []Procedure {
	t.Helper()
	ps, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return ps
}

func byID(t *testing.T, ps []Procedure, id string) Procedure {
	t.Helper()
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no built-in procedure %q", id)
	return Procedure{}
}

func TestBuiltinLoadsAndValidates(t *testing.T) {
	ps := mustBuiltin(t)
	if len(ps) < 30 {
		t.Fatalf("Builtin has %d procedures, want at least 30", len(ps))
	}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if p.Local {
			t.Errorf("%s: a built-in procedure must not be local", p.ID)
		}
		// Provinces approve their own internal process; the built-in one is
		// a template and must say so.
		if m := p.Provenance.Mark(FactProcess); m != MarkMemory {
			t.Errorf("%s: process mark = %q, want M", p.ID, m)
		}
		if len(p.Provenance.Sources) == 0 {
			t.Errorf("%s: no source cited", p.ID)
		}
		// A national code is either sourced or left empty, never guessed.
		if (p.Code != "") != (p.Provenance.Mark(FactCode) == MarkSourced) {
			t.Errorf("%s: code %q with mark %q", p.ID, p.Code, p.Provenance.Mark(FactCode))
		}
		// Fees with no source are left out, not invented as 0.
		if len(p.Fees) > 0 && p.Provenance.Mark(FactFee) == MarkNone {
			t.Errorf("%s: fees listed but marked as unknown", p.ID)
		}
		if p.Unverified != (len(p.UnverifiedFields) > 0) {
			t.Errorf("%s: unverified = %v with fields %v", p.ID, p.Unverified, p.UnverifiedFields)
		}
	}
}

func TestBuiltinCoversFields(t *testing.T) {
	ps := mustBuiltin(t)
	count := map[string]int{}
	for _, p := range ps {
		count[p.Field.Code]++
	}
	for _, code := range []string{
		FieldNotary, FieldLawyer, FieldLegalAdvice, FieldAssetAuction, FieldBailiff,
		FieldJudicialExpertise, FieldCommercialArbitration, FieldCommercialMediation,
		FieldInsolvencyAdministrator, FieldLegalAid, FieldStateCompensation, FieldNationality,
		FieldAdoption, FieldCivilStatus, FieldJudicialRecord, FieldLegalDissemination,
	} {
		if count[code] == 0 {
			t.Errorf("no built-in procedure in field %q", code)
		}
	}
}

func TestBuiltinUnique(t *testing.T) {
	ps := mustBuiltin(t)
	ids, codes, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range ps {
		if ids[p.ID] {
			t.Errorf("duplicate id %q", p.ID)
		}
		ids[p.ID] = true
		if p.Code != "" {
			if codes[p.Code] {
				t.Errorf("duplicate code %q", p.Code)
			}
			codes[p.Code] = true
		}
		// The judicial record certificate has one version per competent
		// agency (department until 28/02/2025, police since 01/3/2025);
		// names are unique per agency.
		key := string(p.Agency) + "|" + Fold(p.Name)
		if names[key] {
			t.Errorf("duplicate name %q for %s", p.Name, p.Agency)
		}
		names[key] = true
	}
	if err := ValidateCatalog(ps); err != nil {
		t.Error(err)
	}
}

// TestBuiltinSpotChecks compares entries with the sources listed in
// research/catalog.md (Phụ lục A) and the law.
func TestBuiltinSpotChecks(t *testing.T) {
	ps := mustBuiltin(t)
	wd := func(n int) calendar.Duration { return calendar.Duration{Amount: n, Unit: calendar.WorkingDays} }
	cd := func(n int) calendar.Duration { return calendar.Duration{Amount: n, Unit: calendar.CalendarDays} }
	tests := []struct {
		id, code, cite string
		time           calendar.Duration
		fee            int64
	}{
		{"notary.card_issue", "1.013859", "DVCQG_399157, LAOCAI_97171; lệ phí 100.000 đ/thẻ, TT 257/2016/TT-BTC", wd(5), 100000},
		{"notary.office_registration_reissue", "1.013837", "DONGDIEP_1013837; khoản 3 Điều 26 Luật Công chứng 2024", wd(5), 500000},
		{"lawyer.firm_registration", "1.002010", "TIENGIANG_19208; lệ phí 50.000 đ/hồ sơ, TT 220/2016/TT-BTC", wd(10), 50000},
		{"asset_auction.probation_exam_registration", "2.002139", "MOJ_2002139; phí 2.700.000 đ, TT 106/2017/TT-BTC", cd(10), 2700000},
		{"asset_auction.card_issue", "2.001815", "THAIBINH_22235: 03 ngày làm việc, không thu lệ phí", wd(3), 0},
		{"commercial_arbitration.centre_registration", "1.008889", "GIALAI_1008889: 15 ngày, phí thẩm định 1.500.000 đ", cd(15), 1500000},
		{"commercial_arbitration.centre_establishment", "", "NGHEAN_95980: 20 ngày làm việc, 3.000.000 đ", wd(20), 3000000},
		{"insolvency_administrator.certificate_reissue", "", "DVCQG_3798: 10 ngày; phí 800.000 đ + lệ phí 100.000 đ, TT 224/2016/TT-BTC", cd(10), 900000},
		{"legal_aid.participation_registration", "2.000596", "PHUTHO_2000596: 07 ngày, không thu phí", cd(7), 0},
		{"nationality.naturalisation", "", "DVCQG_175252: 105 ngày; lệ phí 3.000.000 đ, TT 281/2016/TT-BTC", cd(105), 3000000},
		{"nationality.renunciation", "", "DVCQG_175337: 75 ngày; lệ phí 2.500.000 đ", cd(75), 2500000},
		{"bailiff.card_reissue", "1.008928", "DLPL_1008928: 07 ngày làm việc, không thu lệ phí", wd(7), 0},
		{"judicial_record.certificate_department", "", "Điều 48 Luật Lý lịch tư pháp 2009: không quá 10 ngày; TT 244/2016/TT-BTC: 200.000 đ", cd(10), 200000},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := byID(t, ps, tt.id)
			if p.Code != tt.code {
				t.Errorf("code = %q, want %q (%s)", p.Code, tt.code, tt.cite)
			}
			if p.TimeLimit != tt.time {
				t.Errorf("time limit = %v, want %v (%s)", p.TimeLimit, tt.time, tt.cite)
			}
			if got := p.FeeFor(FeeStandard); got != tt.fee {
				t.Errorf("fee = %d, want %d (%s)", got, tt.fee, tt.cite)
			}
		})
	}
}

// TestBuiltinJudicialRecordHandover checks the transfer of judicial records
// to the police on 01/3/2025 (research/catalog.md, mục 2.1).
func TestBuiltinJudicialRecordHandover(t *testing.T) {
	ps := mustBuiltin(t)
	dept := byID(t, ps, "judicial_record.certificate_department")
	police := byID(t, ps, "judicial_record.certificate_police")
	if dept.Agency != AgencyDepartment || police.Agency != AgencyProvincialPolice {
		t.Fatalf("agencies = %s, %s", dept.Agency, police.Agency)
	}
	if want := calendar.NewDate(2025, 2, 28); dept.EffectiveTo != want {
		t.Errorf("department version ends %v, want %v", dept.EffectiveTo, want)
	}
	if want := calendar.NewDate(2025, 3, 1); police.EffectiveFrom != want {
		t.Errorf("police version starts %v, want %v", police.EffectiveFrom, want)
	}
	// Luật Lý lịch tư pháp 2009, Điều 48 khoản 1: 15 ngày in the listed cases.
	for _, p := range []Procedure{dept, police} {
		if p.ExtendedTimeLimit != (calendar.Duration{Amount: 15, Unit: calendar.CalendarDays}) || p.ExtendedWhen == "" {
			t.Errorf("%s: extended = %v %q", p.ID, p.ExtendedTimeLimit, p.ExtendedWhen)
		}
	}
	for _, d := range []calendar.Date{calendar.NewDate(2024, 6, 1), calendar.NewDate(2025, 2, 28), calendar.NewDate(2025, 3, 1), calendar.NewDate(2026, 1, 1)} {
		var in []string
		for _, p := range ps {
			if p.Field.Code == FieldJudicialRecord && p.InForceAt(d) {
				in = append(in, p.ID)
			}
		}
		if len(in) != 1 {
			t.Errorf("%v: judicial record versions in force = %v, want exactly one", d, in)
		}
	}
}

func TestBuiltinFreshValues(t *testing.T) {
	a := mustBuiltin(t)
	a[0].Name = "đổi"
	a[0].Steps[0].Name = "đổi"
	b := mustBuiltin(t)
	if b[0].Name == "đổi" || b[0].Steps[0].Name == "đổi" {
		t.Error("Builtin returned shared values")
	}
}

func TestBuiltinJSONRoundTrip(t *testing.T) {
	ps := mustBuiltin(t)
	b, err := json.Marshal(ps)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeProcedures(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(back)
	if !bytes.Equal(b, b2) {
		t.Error("procedures do not survive a JSON round trip")
	}
	if !slices.ContainsFunc(back, func(p Procedure) bool { return !p.EffectiveTo.IsZero() }) {
		t.Error("effective_to lost in the round trip")
	}
}

func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}

package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuphap/internal/demo"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// `tuphap report annual --format json` on the demo lists every key the
// issue names and the registers' further figures, each with its
// definition; the registers kept in tuphap state a number (never null),
// the one not kept (leaflets) is null and says why. The DOCX and PDF are
// written too.
func TestDemoAnnualReportJSON(t *testing.T) {
	dsn := storetest.DSN(t, sqlstore.SQLite)
	key := filepath.Join(t.TempDir(), "k.key")
	if out, err := runCLI(t, key, "", "demo", "--db", dsn); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	year := fmt.Sprint(time.Now().Year())
	out, err := runCLI(t, key, "", "report", "annual", "--db", dsn, "--tenant", "STP-DEMO", "--year", year, "--format", "json")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var rep struct {
		Figures []struct {
			Key        string   `json:"key"`
			Value      *float64 `json:"value"`
			Definition string   `json:"definition"`
			Drill      string   `json:"drill"`
			NotHeld    string   `json:"not_held"`
		} `json:"figures"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	byKey := map[string]int{}
	for i, f := range rep.Figures {
		byKey[f.Key] = i
		if f.Definition == "" {
			t.Errorf("%s has no definition", f.Key)
		}
	}
	held := []string{"on_time_rate", "online_rate", "dossiers_received", "dossiers_resolved", "jr_certificates_issued",
		"mediation_successful", "mediation_received", "mediation_success_rate", "commendations", "danvan_models",
		// the registers this issue wires
		"legalaid_cases", "legalaid_proceedings", "legalaid_advice", "legalaid_representation", "legalaid_closed",
		"drafts_appraised", "documents_checked", "documents_unlawful", "documents_reviewed",
		"petitions_received", "petitions_accepted", "petitions_resolved", "citizen_reception_visits",
		"practitioner_organisations", "practitioners", "practitioner_organisations_notary", "practitioner_inspections",
		"contest_participants"}
	for _, k := range held {
		i, ok := byKey[k]
		switch {
		case !ok:
			t.Errorf("the report lacks %s", k)
		case rep.Figures[i].Value == nil:
			t.Errorf("%s is null on the demo: %s", k, rep.Figures[i].NotHeld)
		}
	}
	// The demo keeps a year of these registers: their figures are not empty.
	for _, k := range []string{"legalaid_cases", "drafts_appraised", "petitions_received", "practitioner_organisations"} {
		if i, ok := byKey[k]; ok && rep.Figures[i].Value != nil && *rep.Figures[i].Value == 0 {
			t.Errorf("%s = 0 on the demo's year", k)
		}
		if i, ok := byKey[k]; ok && !strings.HasPrefix(rep.Figures[i].Drill, "/admin/") {
			t.Errorf("%s has no drill-down: %q", k, rep.Figures[i].Drill)
		}
	}
	// The dissemination register (issue 23) keeps the demo's year of
	// leaflets and booklets handed out: the figure is held and counted.
	if i, ok := byKey["leaflets_distributed"]; !ok || rep.Figures[i].Value == nil || *rep.Figures[i].Value <= 0 || !strings.HasPrefix(rep.Figures[i].Drill, "/admin/pho-bien") {
		t.Errorf("leaflets_distributed must be counted from the dissemination register: %+v", rep.Figures[i])
	}
	// The demo's contest (seed 002: 66.475 entries) is counted entry by
	// entry from the contest register.
	if cy := demo.ContestYear(time.Now()); fmt.Sprint(cy) == year {
		if i := byKey["contest_participants"]; rep.Figures[i].Value == nil || *rep.Figures[i].Value != demo.DemoContestEntries {
			t.Errorf("contest_participants = %v, want the demo's %d entries", rep.Figures[i].Value, demo.DemoContestEntries)
		}
	} else if out, err := runCLI(t, key, "", "report", "annual", "--db", dsn, "--tenant", "STP-DEMO", "--year", fmt.Sprint(cy), "--format", "json"); err != nil || !strings.Contains(out, fmt.Sprintf(`"value": %d`, demo.DemoContestEntries)) {
		t.Errorf("the report of %d lacks the demo's %d contest entries: %v", cy, demo.DemoContestEntries, err)
	}
	dir := t.TempDir()
	for _, format := range []string{"docx", "pdf"} {
		path := filepath.Join(dir, "bao-cao."+format)
		if out, err := runCLI(t, key, "", "report", "annual", "--db", dsn, "--tenant", "STP-DEMO", "--year", year, "--format", format, "--out", path); err != nil {
			t.Fatalf("%s: %v\n%s", format, err, out)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch format {
		case "docx":
			zr, err := zip.NewReader(strings.NewReader(string(b)), int64(len(b)))
			if err != nil {
				t.Fatalf("DOCX: %v", err)
			}
			var doc string
			for _, zf := range zr.File {
				if zf.Name == "word/document.xml" {
					rc, err := zf.Open()
					if err != nil {
						t.Fatal(err)
					}
					data, err := io.ReadAll(rc)
					rc.Close()
					if err != nil {
						t.Fatal(err)
					}
					doc = string(data)
				}
			}
			for _, k := range []string{"legalaid_cases", "drafts_appraised", "petitions_received", "practitioner_organisations", "contest_participants"} {
				if !strings.Contains(doc, "["+k+"]") {
					t.Errorf("the DOCX lacks the row of %s", k)
				}
			}
		case "pdf":
			if !strings.HasPrefix(string(b), "%PDF") {
				t.Errorf("not a PDF: %q", b[:min(len(b), 8)])
			}
		}
	}
}

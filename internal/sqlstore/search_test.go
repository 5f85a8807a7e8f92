package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// TestSearchDossiers: the officers' search (issue 14 item 3) finds
// dossiers by code, ID number, the start of the applicant's name typed
// without diacritics, procedure, status, unit, received and due days and
// overdue, finished ones included, in the order asked; and a unit's
// officer gets only the dossiers with a step in the unit, filtered in the
// query so that a page is full (issue 15 item 4).
func TestSearchDossiers(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		proc := appointment
		intake := func(name, id string) dossier.Dossier {
			d, err := e.svc.Intake(ctx, clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: proc, Channel: catalog.ChannelDirect,
				Applicant: dossier.Applicant{FullName: name, IDNumber: id}})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		a := intake("Đặng Quốc Bảo", "082001001357")
		e.clock.Set(e.clock.Now().Add(7 * 24 * time.Hour))
		proc = "nationality.certificate" // a process through HCTP
		b := intake("Đỗ Thị Hoa", "082199008642")
		b = e.act(t, clerk, b, dossier.ActForward, dossier.Input{}) // now at HCTP
		proc = appointment
		c := intake("Trần Văn Bảy", "082085004321")
		c = e.act(t, clerk, c, dossier.ActWithdraw, dossier.Input{Reason: "Người nộp xin rút"}) // finished
		codes := func(ds []dossier.Dossier) []string {
			var out []string
			for _, d := range ds {
				out = append(out, d.Code)
			}
			return out
		}
		all := sqlstore.DossierSearch{AllVisible: true}
		day := func(d *time.Time) calendar.Date { return calendar.DateOf(*d) }
		for _, tc := range []struct {
			name string
			f    func(sqlstore.DossierSearch) sqlstore.DossierSearch
			want []string
		}{
			{"everything, finished included, soonest due first", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { return f }, []string{b.Code, a.Code, c.Code}},
			{"by code", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.Code = b.Code; return f }, []string{b.Code}},
			{"by ID number", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.IDNumber = "082085004321"; return f }, []string{c.Code}},
			{"by name without diacritics", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.Name = "dang quoc"; return f }, []string{a.Code}},
			{"by name with diacritics, upper case", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.Name = "ĐỖ THỊ"; return f }, []string{b.Code}},
			{"a wildcard is not one", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.Name = "%"; return f }, []string{b.Code, a.Code, c.Code}},
			{"by status", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.Status = dossier.Withdrawn; return f }, []string{c.Code}},
			{"by procedure", func(f sqlstore.DossierSearch) sqlstore.DossierSearch {
				f.Procedure = "nationality.certificate"
				return f
			}, []string{b.Code}},
			{"by an unknown procedure", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.Procedure = "khong-co"; return f }, nil},
			{"received on the first day", func(f sqlstore.DossierSearch) sqlstore.DossierSearch {
				f.ReceivedFrom, f.ReceivedTo = day(a.AcceptedAt), day(a.AcceptedAt)
				return f
			}, []string{a.Code}},
			{"due from a's due day", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.DueFrom = day(a.DueAt); return f }, []string{a.Code, c.Code}},
			{"due up to b's due day", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.DueTo = day(b.DueAt); return f }, []string{b.Code}},
			{"newest first", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.Sort = "received"; return f }, []string{c.Code, b.Code, a.Code}},
			{"overdue a year on, the withdrawn one not", func(f sqlstore.DossierSearch) sqlstore.DossierSearch {
				f.Overdue, f.Now = true, e.clock.Now().AddDate(1, 0, 0)
				return f
			}, []string{b.Code, a.Code}},
			{"overdue today: none", func(f sqlstore.DossierSearch) sqlstore.DossierSearch {
				f.Overdue, f.Now = true, e.clock.Now()
				return f
			}, nil},
			{"an HCTP officer sees only b", func(f sqlstore.DossierSearch) sqlstore.DossierSearch {
				f.AllVisible, f.VisibleTo = false, "HCTP"
				return f
			}, []string{b.Code}},
			{"a BTTP officer sees a and c", func(f sqlstore.DossierSearch) sqlstore.DossierSearch {
				f.AllVisible, f.VisibleTo = false, "BTTP"
				return f
			}, []string{a.Code, c.Code}},
			{"an officer of no unit sees nothing", func(f sqlstore.DossierSearch) sqlstore.DossierSearch { f.AllVisible = false; return f }, nil},
			{"pages are full for a unit's officer", func(f sqlstore.DossierSearch) sqlstore.DossierSearch {
				f.AllVisible, f.VisibleTo, f.Limit = false, "MOTCUA", 2
				return f
			}, []string{b.Code, a.Code}},
		} {
			got, err := e.db.Dossiers().SearchDossiers(ctx, e.tenant.ID, tc.f(all))
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if g := codes(got); len(g) != len(tc.want) || (len(g) > 0 && !equal(g, tc.want)) {
				t.Errorf("%s: %v, want %v", tc.name, g, tc.want)
			}
		}
	})
}

// TestSearchBackfill: dossiers stored before migration 00011 get their
// folded applicant name when the server next migrates, and are found.
func TestSearchBackfill(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		d := e.intake(t, catalog.ChannelDirect)
		if err := e.db.ExecForTest(ctx, `UPDATE dossiers SET applicant_key = NULL`); err != nil {
			t.Fatal(err)
		}
		f := sqlstore.DossierSearch{AllVisible: true, Name: "nguyen thi hong"}
		if got, _ := e.db.Dossiers().SearchDossiers(ctx, e.tenant.ID, f); len(got) != 0 {
			t.Fatalf("found before the backfill: %d", len(got))
		}
		if _, err := e.db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if got, err := e.db.Dossiers().SearchDossiers(ctx, e.tenant.ID, f); err != nil || len(got) != 1 || got[0].Code != d.Code {
			t.Fatalf("after the backfill: %v %v", got, err)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

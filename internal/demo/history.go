package demo

import (
	"context"
	"fmt"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/gen"
	"tuphap/internal/org"
)

// HistoryStore is what LoadHistory writes through (sqlstore.DossierStore).
type HistoryStore interface {
	BulkInsertDossiers(ctx context.Context, ds []*dossier.Dossier, entries ...audit.Entry) error
	RaiseSeqs(ctx context.Context, tenantID, agencyID string, last map[calendar.Date]int) error
}

// HistoryCount is about how many dossiers a provincial Department of
// Justice receives in a year.
const HistoryCount = 9000

// LoadHistory gives the demo department a year of past dossiers up to now
// (generated with the realistic mix of package gen), so that its
// statistics dashboards read like a real department's. The daily code
// sequences are raised past the generated codes, so the dossiers played
// afterwards get fresh numbers.
func LoadHistory(ctx context.Context, st HistoryStore, t org.Tenant, now time.Time) error {
	procs, err := gen.Procedures()
	if err != nil {
		return err
	}
	today := calendar.DateOf(now)
	cfg := gen.Config{TenantID: t.ID, AgencyID: t.AgencyID, IDPrefix: "hist-", From: today.AddDays(-365), To: today.AddDays(-1),
		Today: today, Count: HistoryCount, Seed: 2026}
	entry := func(n int) audit.Entry {
		return audit.Entry{TenantID: t.ID, Actor: "demo", Action: "dossier.import", Object: "dossiers",
			Detail: fmt.Sprintf("%d hồ sơ lịch sử mẫu", n)}
	}
	var batch []*dossier.Dossier
	last := map[calendar.Date]int{}
	err = gen.Dossiers(cfg, procs, func(d *dossier.Dossier) error {
		day := calendar.DateOf(*d.AcceptedAt)
		last[day]++
		batch = append(batch, d)
		if len(batch) == 5000 {
			err := st.BulkInsertDossiers(ctx, batch, entry(len(batch)))
			batch = nil
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := st.BulkInsertDossiers(ctx, batch, entry(len(batch))); err != nil {
		return err
	}
	return st.RaiseSeqs(ctx, t.ID, t.AgencyID, last)
}

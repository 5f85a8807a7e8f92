package sources

import (
	"context"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/dissemination"
	"tuphap/internal/emulation"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/mediation"
	"tuphap/internal/report"
)

// Deps are the registers a deployment has; a nil one leaves its field
// "not kept in tuphap" in the report.
type Deps struct {
	// Report is the one-stop Biểu 06 of a tenant (sqlstore.DB.Report).
	Report func(ctx context.Context, tenantID string, p report.Period) (report.Report, error)
	// Index counts the portal's ratings (sqlstore.DB.IndexCounts).
	Index func(ctx context.Context, tenantID string, p report.Period) (report.IndexCounts, error)
	// JudicialRecords is the judicial-record service, when that function
	// is the tenant's.
	JudicialRecords *judicialrecord.Service
	// Mediation and Communes: the grassroots mediation of the province's
	// communes (adminunit.List.Communes).
	Mediation *mediation.Service
	Communes  func(province string) []string
	Emulation emulation.Store
	// Dissemination is the legal dissemination register.
	Dissemination *dissemination.Service
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Wire registers the sources of the registers in d.
func Wire(d Deps) *annualreport.Builder {
	b := &annualreport.Builder{}
	if d.Report != nil {
		b.Register(OneStop{Report: d.Report})
	}
	if jr := d.JudicialRecords; jr != nil {
		b.Register(JudicialRecords{Figures: func(ctx context.Context, tenantID string, from, to time.Time) ([]judicialrecord.FigureRow, error) {
			return jr.Figures(ctx, tenantID, from, to)
		}})
	}
	if m := d.Mediation; m != nil {
		b.Register(Mediation{Figures: func(ctx context.Context, sc annualreport.Scope, p mediation.Period) (mediation.Report, error) {
			var communes []string
			if d.Communes != nil {
				communes = d.Communes(sc.ProvinceCode)
			}
			return m.Figures(ctx, mediation.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode}, p, communes)
		}})
	}
	if ds := d.Dissemination; ds != nil {
		b.Register(Dissemination{Report: func(ctx context.Context, sc annualreport.Scope, p dissemination.Period) (dissemination.Report, error) {
			return ds.Report(ctx, dissemination.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode}, p)
		}})
	}
	if d.Emulation != nil {
		b.Register(Emulation{Store: d.Emulation})
		b.Register(Reform{Store: d.Emulation, Index: d.Index, Now: d.Now})
	}
	return b
}

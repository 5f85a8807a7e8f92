package sources

import (
	"context"
	"time"

	"tuphap/internal/annualreport"
	"tuphap/internal/contest"
	"tuphap/internal/dissemination"
	"tuphap/internal/emulation"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/legalaid"
	"tuphap/internal/legaldoc"
	"tuphap/internal/mediation"
	"tuphap/internal/org"
	"tuphap/internal/petition"
	"tuphap/internal/practitioner"
	"tuphap/internal/report"
)

// Deps are the registers a deployment has; a nil one leaves its field
// "not kept in tuphap" in the report.
type Deps struct {
	// Report is the one-stop Biểu 06 of a tenant (sqlstore.ReportStore.Report).
	Report func(ctx context.Context, tenantID string, p report.Period) (report.Report, error)
	// Index counts the portal's ratings (sqlstore.ReportStore.IndexCounts).
	Index func(ctx context.Context, tenantID string, p report.Period) (report.IndexCounts, error)
	// JudicialRecords is the judicial-record service, when that function
	// is the tenant's.
	JudicialRecords *judicialrecord.Service
	// Mediation and Communes: the grassroots mediation of the province's
	// communes (adminunit.List.Communes).
	Mediation *mediation.Service
	Communes  func(province string) []string
	Emulation emulation.Store
	// LegalAid, LegalDocs, Petitions, Practitioners and Contests are the
	// other registers' services and store.
	LegalAid      *legalaid.Service
	LegalDocs     *legaldoc.Service
	Petitions     *petition.Service
	Practitioners *practitioner.Service
	Contests      contest.Store
	// CommuneTenants lists the tenants of the communes attached to a
	// department (sqlstore.DB.CommuneLinks), for the registers a commune
	// keeps in its own partition (petitions).
	CommuneTenants func(ctx context.Context, departmentID string) ([]string, error)
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
	if la := d.LegalAid; la != nil {
		b.Register(LegalAid{Figures: func(ctx context.Context, tenantID string, p legalaid.Period) (legalaid.Report, error) {
			return la.Figures(ctx, tenantID, "", p)
		}})
	}
	if ld := d.LegalDocs; ld != nil {
		b.Register(LegalDocs{Figures: func(ctx context.Context, sc annualreport.Scope, p legaldoc.Period) (legaldoc.Report, error) {
			return ld.Figures(ctx, legaldoc.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode}, p)
		}})
	}
	if pt := d.Petitions; pt != nil {
		b.Register(Petitions{Figures: pt.Figures, Communes: d.CommuneTenants})
	}
	if pr := d.Practitioners; pr != nil {
		b.Register(Practitioners{Figures: func(ctx context.Context, sc annualreport.Scope, p practitioner.Period) (practitioner.Figures, error) {
			return pr.Figures(ctx, practitioner.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode}, p)
		}})
	}
	if d.Contests != nil {
		b.Register(Contests{Entries: d.Contests.EntriesIn})
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

// CommuneTenantsOf turns the department's commune links
// (sqlstore.DB.CommuneLinks) into Deps.CommuneTenants.
func CommuneTenantsOf(links func(ctx context.Context, departmentID string) ([]org.CommuneLink, error)) func(context.Context, string) ([]string, error) {
	return func(ctx context.Context, departmentID string) ([]string, error) {
		ls, err := links(ctx, departmentID)
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, len(ls))
		for _, l := range ls {
			ids = append(ids, l.TenantID)
		}
		return ids, nil
	}
}

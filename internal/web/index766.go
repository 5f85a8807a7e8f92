package web

import (
	"context"
	"net/http"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/render"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/survey"
	"tuphap/internal/web/kit"
)

// tenantCatalogue is the procedures of the tenant's catalogue (with its
// overrides and local procedures), or the built-in one.
func (s *Server) tenantCatalogue(ctx context.Context, tenantID string) ([]catalog.Procedure, error) {
	if s.procs == nil {
		return s.catalog, nil
	}
	return s.procs.Procedures(ctx, tenantID)
}

// indexCounts gathers every count the service-quality index of Decision
// 766 needs for the report rep of period p: the roll-ups' counts, the
// national portal, exemptions and digitisation (IndexExtras), the
// catalogue (1.3, 3.1, 3.2, 3.4, 3.5) and the satisfaction surveys
// (5.3, 5.4).
func (s *Server) indexCounts(ctx context.Context, scope sqlstore.ReportScope, p report.Period, rep report.Report) (report.IndexCounts, error) {
	c, err := s.db.Reports().IndexCounts(ctx, scope, p)
	if err == nil {
		err = s.db.Reports().IndexExtras(ctx, scope, p, &c)
	}
	if err == nil {
		err = s.db.Reports().SurveyIndex(ctx, scope, p, &c)
	}
	if err != nil {
		return c, err
	}
	procs, err := s.tenantCatalogue(ctx, scope.TenantID)
	if err != nil {
		return c, err
	}
	if scope.Field != "" {
		var kept []catalog.Procedure
		for _, pr := range procs {
			if pr.Field.Code == scope.Field {
				kept = append(kept, pr)
			}
		}
		procs = kept
	}
	pay := s.portalCfg != nil && s.portalCfg.Payments != nil
	c.Catalog, c.CatalogOn = report.CountCatalogue(procs, p.To, report.OnlineByProcedure(rep), pay), scope.Unit == ""
	return c, nil
}

// form07bExport downloads Biểu II.07b (the catalogue on today's date) as
// XLSX or PDF.
func (s *Server) form07bExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	tid := principalFrom(ctx).TenantID
	t, err := s.db.Org().Tenant(ctx, tid)
	if err != nil {
		return err
	}
	procs, err := s.tenantCatalogue(ctx, tid)
	if err != nil {
		return err
	}
	info, err := s.form06Info(r, t, report.Filter{})
	if err != nil {
		return err
	}
	day := calendar.DateOf(s.now())
	sheet := render.Form07bSheet(report.CountForm07b(procs, day), info, day)
	sheet.Generated = s.now()
	return kit.SendSheet(w, r.PathValue("format"), "bieu07b_"+day.String(), sheet)
}

// otherForms are what the reports page shows beside Biểu 06: Biểu II.07b
// and the latest quarter's satisfaction index.
type otherForms struct {
	Form07b []report.Row07b
	Day     calendar.Date
	Survey  *survey.Results
}

// Groups766 lists the index's groups with their indicators.
func (p *reportsPage) Groups766() []indexGroup {
	var out []indexGroup
	for _, g := range report.Groups766 {
		ig := indexGroup{Name: g.Name, MaxPoints: g.MaxPoints}
		for _, in := range p.Index.Indicators {
			if in.Group == g.Name {
				ig.Indicators = append(ig.Indicators, in)
				if in.Points != nil {
					ig.Points += *in.Points
				}
			}
		}
		out = append(out, ig)
	}
	return out
}

type indexGroup struct {
	Name              string
	MaxPoints, Points float64
	Indicators        []report.Indicator
}

// Form07bGroups are the column groups of Biểu II.07b.
func (p *reportsPage) Form07bGroups() []struct {
	Title string
	Cols  []string
} {
	return report.Form07b.Groups
}

func (s *Server) otherForms(ctx context.Context, page *reportsPage) error {
	procs, err := s.tenantCatalogue(ctx, page.Tenant.ID)
	if err != nil {
		return err
	}
	page.Others.Day = calendar.DateOf(s.now())
	page.Others.Form07b = report.CountForm07b(procs, page.Others.Day)
	q := survey.QuarterOf(page.Period.To)
	res, err := s.surveys().Results(ctx, page.Tenant.ID, q)
	if err != nil {
		return err
	}
	page.Others.Survey = &res
	return nil
}

package web

import (
	"io/fs"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"tuphap/internal/auth"
)

// Handler returns the whole HTTP handler with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	public := func(pattern string, h handlerFunc) { mux.Handle(pattern, s.wrap(pattern, h)) }
	// officer routes need a signed-in officer holding the permission.
	officer := func(pattern string, perm auth.Permission, h handlerFunc) {
		mux.Handle(pattern, s.wrap(pattern, s.require(perm, h)))
	}
	staticFS, _ := fs.Sub(assets, "static")

	// Public.
	public("GET /{$}", s.home)
	public("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}))
	mux.Handle("GET /static/", s.static(http.StripPrefix("/static/", http.FileServerFS(staticFS))))

	// Back office: sign-in.
	public("GET /admin/login", s.loginForm)
	public("POST /admin/login", s.loginSubmit)
	public("POST /admin/logout", s.logout)

	// Back office.
	officer("GET /admin/{$}", auth.ViewDashboard, s.dashboard)
	officer("GET /admin/units", auth.ViewOrg, s.unitList)
	officer("POST /admin/units", auth.ManageOrg, s.unitCreate)
	officer("GET /admin/units/{id}", auth.ViewOrg, s.unitEdit)
	officer("POST /admin/units/{id}", auth.ManageOrg, s.unitUpdate)
	officer("GET /admin/officers", auth.ViewOrg, s.officerList)
	officer("POST /admin/officers", auth.ManageOrg, s.officerCreate)
	officer("GET /admin/officers/{id}", auth.ViewOrg, s.officerEdit)
	officer("POST /admin/officers/{id}", auth.ManageOrg, s.officerUpdate)
	officer("GET /admin/audit", auth.ViewAudit, s.auditList)
	officer("GET /admin/reception", auth.ReceiveDossier, s.reception)
	officer("POST /admin/reception", auth.ReceiveDossier, s.receptionSubmit)
	officer("GET /admin/dossiers", auth.ViewDossiers, s.dossierQueue)
	officer("GET /admin/dossiers/{code}", auth.ViewDossiers, s.dossierShow)
	officer("POST /admin/dossiers/{code}/{action}", auth.HandleDossier, s.dossierAct)
	// FORMS-ROUTE
	officer("GET /admin/calendar", auth.ViewDashboard, s.calendarShow)
	officer("GET /admin/reports", auth.ViewReports, s.reports)
	officer("GET /admin/reports/dossiers", auth.ViewReports, s.reportDossiers)
	officer("GET /admin/reports/export/{format}", auth.ViewReports, s.reportExport)
	officer("POST /admin/calendar/schedule", auth.ManageCatalog, s.calendarSchedule)
	officer("POST /admin/calendar/schedule/{year}/delete", auth.ManageCatalog, s.calendarScheduleRemove)
	officer("POST /admin/calendar/rules", auth.ManageCatalog, s.calendarRules)
	officer("GET /admin/account", auth.ViewDashboard, s.accountShow)
	officer("POST /admin/account/password", auth.ViewDashboard, s.accountPassword)
	officer("POST /admin/account/totp", auth.ViewDashboard, s.accountTOTP)

	// JSON API.
	public("GET /api/v1/openapi.json", s.openapi)
	public("GET /api/v1/procedures", s.apiProcedures)
	officer("POST /api/v1/dossiers", auth.ReceiveDossier, s.apiDossierCreate)
	officer("GET /api/v1/dossiers/{code}", auth.ViewDossiers, s.apiDossierGet)
	officer("POST /api/v1/dossiers/{code}/{action}", auth.HandleDossier, s.apiDossierAct)
	officer("GET /api/v1/me", auth.ViewDashboard, s.apiMe)
	officer("GET /api/v1/units", auth.ViewOrg, s.apiUnitList)
	officer("POST /api/v1/units", auth.ManageOrg, s.apiUnitCreate)
	officer("GET /api/v1/units/{id}", auth.ViewOrg, s.apiUnitGet)
	officer("GET /api/v1/officers", auth.ViewOrg, s.apiOfficerList)
	officer("GET /api/v1/audit/verify", auth.ViewAudit, s.apiAuditVerify)
	officer("GET /api/v1/calendar/holidays", auth.ViewDashboard, s.apiHolidays)
	officer("GET /api/v1/calendar/due", auth.ViewDashboard, s.apiDue)
	officer("GET /api/v1/reports/tthc", auth.ViewReports, s.apiReportTTHC)
	officer("GET /api/v1/reports/index", auth.ViewReports, s.apiReportIndex)

	// Anything else: a Vietnamese 404 (HTML or JSON).
	public("/", s.notFound)

	return s.outer(http.NewCrossOriginProtection().Handler(mux))
}

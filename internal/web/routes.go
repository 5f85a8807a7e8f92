package web

import (
	"io/fs"
	"net/http"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
)

// Handler returns the whole HTTP handler with its middleware.
func (s *Server) Handler() http.Handler {
	mux := s.newRouteMux() // records every route (routetable.go)
	public := func(pattern string, h handlerFunc) { mux.Handle(pattern, s.wrap(pattern, h)) }
	// officer routes need a signed-in officer holding the permission.
	officer := func(pattern string, perm auth.Permission, h handlerFunc) {
		mux.handle(pattern, OfficerRoute, perm, s.wrap(pattern, s.require(perm, h)))
	}
	staticFS, _ := fs.Sub(assets, "static")

	// Public.
	public("GET /{$}", s.home)
	public("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metricsGuard(s.MetricsHandler()))
	mux.Handle("GET /static/", s.static(http.StripPrefix("/static/", http.FileServerFS(noDirs{staticFS}))))

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
	officer("POST /admin/officers/{id}/tokens/{token}/revoke", auth.ManageOrg, s.officerTokenRevoke)
	officer("GET /admin/audit", auth.ViewAudit, s.auditList)
	officer("GET /admin/outbox", auth.ViewAudit, s.outboxList)
	officer("POST /admin/outbox/{id}/requeue", auth.ManageOrg, s.outboxRequeue)
	officer("GET /admin/reception", auth.ReceiveDossier, s.reception)
	officer("POST /admin/reception", auth.ReceiveDossier, s.receptionSubmit)
	officer("POST /admin/reception/slip", auth.ReceiveDossier, s.receptionSlip)
	officer("POST /admin/reception/lookup", auth.ReceiveDossier, s.receptionLookup)
	officer("GET /admin/dossiers", auth.ViewDossiers, s.dossierQueue)
	officer("GET /admin/dossiers/{code}", auth.ViewDossiers, s.dossierShow)
	officer("POST /admin/dossiers/{code}/{action}", auth.HandleDossier, s.dossierAct)
	officer("POST /admin/dossiers/{code}/results", auth.HandleDossier, s.dossierResultUpload)
	officer("POST /admin/dossiers/{code}/fee", auth.ReceiveDossier, s.dossierCollectFee)
	officer("POST /admin/dossiers/{code}/mien-phi", auth.ReceiveDossier, s.dossierExemptFee)
	officer("GET /admin/dossiers/{code}/supplements/{file}", auth.ViewDossiers, s.dossierSupplementFile)
	// Outgoing letters signed off by a leader (letters.go).
	officer("POST /admin/dossiers/{code}/letters", auth.HandleDossier, s.letterDraft)
	officer("GET /admin/van-ban-gui", auth.HandleDossier, s.letterQueue)
	officer("POST /admin/van-ban-gui/{id}/{op}", auth.HandleDossier, s.letterStep)
	officer("GET /admin/van-ban-gui/{id}/pdf", auth.ViewDossiers, s.letterPDF)
	officer("GET /admin/chung-thu", auth.ViewOrg, s.signerList)
	officer("POST /admin/chung-thu", auth.ManageOrg, s.signerRegister)
	officer("POST /admin/chung-thu/{fp}/thu-hoi", auth.ManageOrg, s.signerRevoke)
	// FORMS-ROUTE
	// Judicial records (judicialrecord.go). Reads of criminal-record data
	// check the judicial-record permission inside, so that a refused
	// attempt is logged.
	// Judicial records (web/judicialrecordweb): a register that is off
	// registers no routes.
	if jr := s.jrScreens; jr != nil {
		officer("GET /admin/lltp", auth.ViewDossiers, jr.IntakeForm)
		officer("POST /admin/lltp", auth.ReceiveDossier, jr.IntakeSubmit)
		officer("POST /admin/lltp/vneid", auth.ReceiveDossier, jr.VNeID)
		officer("GET /admin/lltp/an-tich", auth.ViewDossiers, jr.ConvictionsForm)
		officer("POST /admin/lltp/an-tich", auth.ViewDossiers, jr.ConvictionsRead)
		officer("POST /admin/lltp/an-tich/them", auth.ViewDossiers, jr.ConvictionAdd)
		officer("POST /admin/lltp/an-tich/xac-minh", auth.ViewDossiers, jr.ConvictionVerify)
		officer("POST /admin/lltp/an-tich/cam", auth.ViewDossiers, jr.BanAdd)
		officer("GET /admin/lltp/phieu/{id}", auth.ViewDossiers, jr.DownloadForm)
		officer("POST /admin/lltp/phieu/{id}/tai", auth.ViewDossiers, jr.Download)
		officer("GET /admin/lltp/{code}", auth.ViewDossiers, jr.Show)
		officer("POST /admin/lltp/{code}/check", auth.HandleDossier, jr.SendCheck)
		officer("POST /admin/lltp/{code}/collect", auth.HandleDossier, jr.Collect)
		officer("POST /admin/lltp/{code}/issue", auth.ViewDossiers, jr.Issue)
		officer("POST /admin/lltp/{code}/declared", auth.ViewDossiers, jr.Declared)
		// The hand-over of the judicial-record function between agencies
		// (police since 1/3/2025): only with the judicial records on.
		officer("GET /admin/transfer", auth.TransferFunction, s.transferForm)
		officer("POST /admin/transfer", auth.TransferFunction, s.transferSubmit)
		officer("POST /admin/transfer/{id}/accept", auth.TransferFunction, s.transferAccept)
	}
	officer("GET /admin/dossiers/{code}/forms/{form}", auth.ViewDossiers, s.dossierForm)
	officer("POST /admin/dossiers/{code}/forms/{form}/ky-so", auth.ReceiveDossier, s.dossierFormSigned) // letters.go
	officer("GET /admin/register", auth.ViewDossiers, s.register)
	officer("GET /admin/register/{format}", auth.ViewDossiers, s.registerExport)
	officer("GET /admin/calendar", auth.ViewDashboard, s.calendarShow)
	officer("GET /admin/receivers", auth.ViewOrg, s.receiverShow)
	officer("POST /admin/receivers", auth.ManageOrg, s.receiverSave)
	officer("GET /admin/reports", auth.ViewReports, s.reports)
	officer("GET /admin/reports/dossiers", auth.ViewReports, s.reportDossiers)
	officer("GET /admin/reports/export/{format}", auth.ViewReports, s.reportExport)
	// Decision 766's other forms and the satisfaction surveys (issue 25
	// items 8–9: index766.go, survey.go, portal_survey.go).
	officer("GET /admin/reports/bieu07b/{format}", auth.ViewReports, s.form07bExport)
	officer("GET /admin/khao-sat", auth.ViewReports, s.surveyResults)
	officer("GET /admin/khao-sat/xuat/{format}", auth.ViewReports, s.surveyExport)
	officer("GET /admin/khao-sat/phieu", auth.ViewDashboard, s.surveyQuestionnaire)
	officer("POST /admin/khao-sat/phieu", auth.ManageCatalog, s.surveyQuestionnaireSave)
	officer("GET /admin/khao-sat/nhap", auth.ReceiveDossier, s.surveyEntry)
	officer("POST /admin/khao-sat/nhap", auth.ReceiveDossier, s.surveyEntrySave)
	officer("GET /api/v1/surveys/results", auth.ViewReports, s.apiSurveyResults)
	officer("POST /api/v1/surveys", auth.ReceiveDossier, s.apiSurveyAnswer)
	officer("POST /admin/calendar/schedule", auth.ManageCatalog, s.calendarSchedule)
	officer("POST /admin/calendar/schedule/{year}/delete", auth.ManageCatalog, s.calendarScheduleRemove)
	officer("POST /admin/calendar/rules", auth.ManageCatalog, s.calendarRules)
	// The tenant's catalogue, when the server keeps one (Config.Procedures).
	if s.procs != nil {
		officer("GET /admin/procedures", auth.ManageCatalog, s.procedureList)
		officer("POST /admin/procedures", auth.ManageCatalog, s.procedureCreate)
		officer("GET /admin/procedures/new", auth.ManageCatalog, s.procedureNew)
		officer("GET /admin/procedures/{id}", auth.ManageCatalog, s.procedureEdit)
		officer("POST /admin/procedures/{id}", auth.ManageCatalog, s.procedureUpdate)
	}
	officer("GET /admin/account", auth.ViewDashboard, s.accountShow)
	officer("POST /admin/account/password", auth.ViewDashboard, s.accountPassword)
	officer("POST /admin/account/totp", auth.ViewDashboard, s.accountTOTP)
	officer("POST /admin/account/totp/disable", auth.ViewDashboard, s.accountTOTPDisable)
	officer("POST /admin/officers/{id}/totp/reset", auth.ManageOrg, s.officerTOTPReset)
	// The administrator's audited corrections (corrections.go).
	officer("GET /admin/officers/{id}/cong-viec", auth.CorrectDossiers, s.officerWork)
	officer("POST /admin/officers/{id}/cong-viec", auth.CorrectDossiers, s.officerWorkMove)
	officer("GET /admin/sua-sai", auth.CorrectDossiers, s.correctionFind)
	officer("GET /admin/dossiers/{code}/sua-sai", auth.CorrectDossiers, s.correctionShow)
	officer("POST /admin/dossiers/{code}/sua-sai/han", auth.CorrectDossiers, s.correctionDue)
	officer("POST /admin/dossiers/{code}/sua-sai/khoi-phuc", auth.CorrectDossiers, s.correctionRestore)

	// JSON API.
	public("GET /api/v1/openapi.json", s.openapi)
	public("GET /api/v1/procedures", s.apiProcedures)
	officer("POST /api/v1/dossiers", auth.ReceiveDossier, s.apiDossierCreate)
	officer("GET /api/v1/dossiers/{code}", auth.ViewDossiers, s.apiDossierGet)
	officer("POST /api/v1/dossiers/{code}/{action}", auth.HandleDossier, s.apiDossierAct)
	officer("POST /api/v1/dossiers/{code}/corrections/due", auth.CorrectDossiers, s.apiCorrectionDue)
	officer("POST /api/v1/dossiers/{code}/corrections/restore", auth.CorrectDossiers, s.apiCorrectionRestore)
	officer("GET /api/v1/me", auth.ViewDashboard, s.apiMe)
	officer("GET /api/v1/tokens", auth.ViewDashboard, s.apiTokenList)
	officer("DELETE /api/v1/tokens/{id}", auth.ViewDashboard, s.apiTokenRevoke)
	officer("GET /api/v1/units", auth.ViewOrg, s.apiUnitList)
	officer("POST /api/v1/units", auth.ManageOrg, s.apiUnitCreate)
	officer("GET /api/v1/units/{id}", auth.ViewOrg, s.apiUnitGet)
	officer("GET /api/v1/officers", auth.ViewOrg, s.apiOfficerList)
	officer("GET /api/v1/audit/verify", auth.ViewAudit, s.apiAuditVerify)
	officer("GET /api/v1/calendar/holidays", auth.ViewDashboard, s.apiHolidays)
	officer("GET /api/v1/calendar/due", auth.ViewDashboard, s.apiDue)

	// Citizens' portal (issue 6): catalogue, e-ID sign-in, online filing,
	// payment, following a dossier, results and their verification.
	citizen := func(pattern string, h handlerFunc) { mux.handle(pattern, CitizenRoute, "", s.citizenRoute(pattern, h)) }
	citizen("GET /thu-tuc", s.portalProcedureList)
	citizen("GET /thu-tuc/{id}", s.procedureShow)
	citizen("GET /dang-nhap", s.citizenSignIn)
	citizen("GET /dang-nhap/vneid", s.citizenSignInStart)
	citizen("GET /dang-nhap/xong", s.citizenSignInDone)
	citizen("POST /dang-xuat", s.citizenSignOut)
	citizen("GET /thu-tuc/{id}/nop", s.requireCitizen(s.fileStart))
	citizen("POST /thu-tuc/{id}/nop", s.requireCitizen(s.fileCreate))
	citizen("GET /ho-so-nhap/{id}", s.requireCitizen(s.draftShow))
	citizen("POST /ho-so-nhap/{id}", s.requireCitizen(s.draftSave))
	citizen("POST /ho-so-nhap/{id}/tep", s.requireCitizen(s.draftUpload))
	citizen("GET /ho-so-nhap/{id}/tep/{file}", s.requireCitizen(s.draftFile))
	citizen("POST /ho-so-nhap/{id}/tep/{file}/xoa", s.requireCitizen(s.draftFileRemove))
	citizen("GET /ho-so-cua-toi", s.requireCitizen(s.myDossiers))
	citizen("GET /ho-so-cua-toi/{ref}", s.requireCitizen(s.myDossier))
	citizen("GET /ho-so-cua-toi/{ref}/tep/{file}", s.requireCitizen(s.myDossierFile))
	citizen("POST /ho-so-cua-toi/{ref}/thanh-toan", s.requireCitizen(s.payStart))
	citizen("GET /ho-so-cua-toi/{ref}/bien-lai/{pay}", s.requireCitizen(s.payReceipt))
	citizen("GET /ho-so-cua-toi/{ref}/ket-qua/{id}", s.requireCitizen(s.myResult))
	citizen("GET /ho-so-cua-toi/{ref}/van-ban/{id}", s.requireCitizen(s.myLetter))
	citizen("POST /ho-so-cua-toi/{ref}/danh-gia", s.requireCitizen(s.myRate))
	citizen("GET /ho-so-cua-toi/{ref}/khao-sat", s.requireCitizen(s.mySurvey))
	citizen("POST /ho-so-cua-toi/{ref}/khao-sat", s.requireCitizen(s.mySurveySubmit))
	citizen("GET /khao-sat", s.surveyByCode)
	citizen("POST /khao-sat", s.surveyByCodeSubmit)
	citizen("POST /ho-so-cua-toi/{ref}/rut", s.requireCitizen(s.myWithdraw))
	citizen("POST /ho-so-cua-toi/{ref}/bo-sung", s.requireCitizen(s.mySupplementSubmit))
	citizen("POST /ho-so-cua-toi/{ref}/bo-sung/tep", s.requireCitizen(s.mySupplementUpload))
	citizen("GET /ho-so-cua-toi/{ref}/bo-sung/{file}", s.requireCitizen(s.mySupplementFile))
	citizen("POST /ho-so-cua-toi/{ref}/bo-sung/{file}/xoa", s.requireCitizen(s.mySupplementRemove))
	citizen("GET /thanh-toan/ket-qua", s.requireCitizen(s.payReturn))
	citizen("GET /tra-cuu", s.lookupShow)
	citizen("POST /tra-cuu", s.lookupSubmit)
	citizen("GET /xac-thuc/{id}", s.verifyShow)
	citizen("GET /ly-lich-tu-phap", s.requireCitizen(s.jrPortalForm))
	citizen("POST /ly-lich-tu-phap", s.requireCitizen(s.jrPortalSubmit))
	citizen("POST /xac-thuc/{id}", s.verifyUpload)
	public("POST /api/v1/lookup", s.apiLookup)
	public("POST /api/v1/payments/callback", s.apiPaymentCallback)
	officer("POST /api/v1/dossiers/{code}/results", auth.HandleDossier, s.apiResultIssue)
	officer("GET /api/v1/dossiers/{code}/files", auth.ViewDossiers, s.apiDossierFiles)
	officer("GET /api/v1/dossiers/{code}/files/{file}", auth.ViewDossiers, s.apiDossierFile)
	if s.portalCfg != nil {
		for prefix, h := range s.portalCfg.Mounts {
			mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), h))
		}
	}
	officer("GET /api/v1/reports/tthc", auth.ViewReports, s.apiReportTTHC)
	officer("GET /api/v1/reports/index", auth.ViewReports, s.apiReportIndex)

	// Judicial records: the figures API and the public verification.
	if jr := s.jrScreens; jr != nil {
		officer("GET /api/v1/lltp/figures", auth.ViewReports, jr.APIFigures)
		public("GET /api/v1/lltp/verify/{id}", jr.VerifyPublic)
		public("GET /xac-thuc/lltp/{id}", jr.VerifyPublic)
		public("POST /xac-thuc/lltp/{id}", jr.VerifyUpload)
	}

	// Grassroots mediation (web/mediationweb), only when the register is on.
	// A commune officer's scope is their commune (mediationScope).
	if m := s.medScreens; m != nil {
		officer("GET /admin/hoa-giai", auth.ViewMediation, m.Dashboard)
		officer("GET /admin/hoa-giai/xuat/{format}", auth.ViewMediation, m.Export)
		officer("GET /admin/hoa-giai/vu-viec", auth.ViewMediation, m.Cases)
		officer("GET /admin/hoa-giai/vu-viec/moi", auth.KeepMediation, m.NewCase)
		officer("POST /admin/hoa-giai/vu-viec/moi", auth.KeepMediation, m.CreateCase)
		officer("GET /admin/hoa-giai/vu-viec/{id}", auth.ViewMediation, m.Case)
		officer("POST /admin/hoa-giai/vu-viec/{id}", auth.KeepMediation, m.UpdateCase)
		officer("POST /admin/hoa-giai/vu-viec/{id}/thu-lao", auth.KeepMediation, m.PayCase)
		officer("GET /admin/hoa-giai/to", auth.ViewMediation, m.Teams)
		officer("POST /admin/hoa-giai/to", auth.KeepMediation, m.CreateTeam)
		officer("GET /admin/hoa-giai/to/{id}", auth.ViewMediation, m.Team)
		officer("POST /admin/hoa-giai/to/{id}/hoa-giai-vien", auth.KeepMediation, m.Recognise)
		officer("POST /admin/hoa-giai/to/{id}/hoa-giai-vien/{mid}/thoi", auth.KeepMediation, m.Dismiss)
		officer("GET /admin/hoa-giai/clb", auth.ViewMediation, m.Clubs)
		officer("POST /admin/hoa-giai/clb", auth.KeepMediation, m.CreateClub)
		officer("GET /admin/hoa-giai/clb/{id}", auth.ViewMediation, m.Club)
		officer("POST /admin/hoa-giai/clb/{id}/sinh-hoat", auth.KeepMediation, m.AddClubActivity)
		officer("GET /api/v1/mediation/report", auth.ViewMediation, m.APIReport)
		officer("GET /api/v1/mediation/cases", auth.ViewMediation, m.APICases)
		officer("GET /api/v1/admin-units", auth.ViewDashboard, m.APIAdminUnits)
	}

	// State legal aid (web/legalaidweb and portal_legalaid.go), only when
	// the register is on. Figures without personal data for whoever reads
	// reports; the book for the centre, the leaders and the auditors.
	if l := s.laScreens; l != nil {
		officer("GET /admin/tro-giup-phap-ly", auth.LegalAidFigures, l.Dashboard)
		officer("GET /admin/tro-giup-phap-ly/xuat/{format}", auth.LegalAidFigures, l.Export)
		officer("GET /admin/tro-giup-phap-ly/vu-viec", auth.ViewLegalAid, l.Cases)
		officer("GET /admin/tro-giup-phap-ly/vu-viec/moi", auth.KeepLegalAid, l.NewCase)
		officer("POST /admin/tro-giup-phap-ly/vu-viec/moi", auth.KeepLegalAid, l.CreateCase)
		officer("GET /admin/tro-giup-phap-ly/vu-viec/{id}", auth.ViewLegalAid, l.Case)
		officer("POST /admin/tro-giup-phap-ly/vu-viec/{id}/{action}", auth.KeepLegalAid, l.Act)
		officer("GET /admin/tro-giup-phap-ly/vu-viec/{id}/tai-lieu/{doc}", auth.ViewLegalAid, l.Document)
		officer("GET /admin/tro-giup-phap-ly/nguoi-thuc-hien", auth.ViewLegalAid, l.Providers)
		officer("POST /admin/tro-giup-phap-ly/nguoi-thuc-hien", auth.KeepLegalAid, l.CreateProvider)
		officer("GET /admin/tro-giup-phap-ly/nguoi-thuc-hien/{id}", auth.ViewLegalAid, l.Provider)
		officer("POST /admin/tro-giup-phap-ly/nguoi-thuc-hien/{id}", auth.KeepLegalAid, l.EditProvider)
		officer("POST /admin/tro-giup-phap-ly/don-vi", auth.KeepLegalAid, l.SaveUnit)
		officer("GET /api/v1/legalaid/report", auth.LegalAidFigures, l.APIReport)
		officer("GET /api/v1/legalaid/groups", auth.LegalAidFigures, l.APIGroups)
		officer("GET /api/v1/legalaid/cases", auth.ViewLegalAid, l.APICases)
		officer("POST /api/v1/legalaid/cases", auth.KeepLegalAid, l.APIRequest)
		citizen := func(pattern string, h handlerFunc) { mux.handle(pattern, CitizenRoute, "", s.citizenRoute(pattern, h)) }
		citizen("GET /tro-giup-phap-ly", s.laPortalHome)
		citizen("POST /tro-giup-phap-ly/tra-cuu", s.laPortalLookup)
		citizen("GET /tro-giup-phap-ly/yeu-cau", s.requireCitizen(s.laPortalForm))
		citizen("POST /tro-giup-phap-ly/yeu-cau", s.requireCitizen(s.laPortalSubmit))
		citizen("GET /tro-giup-phap-ly/cua-toi/{id}", s.requireCitizen(s.laPortalMine))
		citizen("POST /tro-giup-phap-ly/cua-toi/{id}/tai-lieu", s.requireCitizen(s.laPortalUpload))
	}

	// Citizen reception and petitions (web/petitionweb; the portal's pages
	// in portal_petition.go), only when the register is on.
	if pt := s.petScreens; pt != nil {
		officer("GET /admin/don-thu", auth.ViewPetitions, pt.Dashboard)
		officer("GET /admin/don-thu/xuat/{format}", auth.ViewPetitions, pt.Export)
		officer("GET /admin/don-thu/so", auth.ViewPetitions, pt.List)
		officer("GET /admin/don-thu/moi", auth.KeepPetitions, pt.New)
		officer("POST /admin/don-thu/moi", auth.KeepPetitions, pt.Create)
		officer("GET /admin/don-thu/tiep-dan", auth.ViewPetitions, pt.Book)
		officer("POST /admin/don-thu/tiep-dan", auth.KeepPetitions, pt.AddVisit)
		officer("POST /admin/don-thu/tiep-dan/lich", auth.KeepPetitions, pt.AddDay)
		officer("GET /admin/don-thu/tiep-dan/in/{format}", auth.ViewPetitions, pt.PrintBook)
		officer("GET /admin/don-thu/thoi-han", auth.ViewPetitions, pt.Due)
		officer("GET /admin/don-thu/don/{id}", auth.ViewPetitions, pt.Show)
		officer("POST /admin/don-thu/don/{id}/xu-ly", auth.KeepPetitions, pt.Decide)
		officer("POST /admin/don-thu/don/{id}/buoc", auth.KeepPetitions, pt.Act)
		officer("POST /admin/don-thu/don/{id}/nguoi-to-cao", auth.ViewPetitions, pt.Identity)
		officer("GET /admin/don-thu/don/{id}/cong-van", auth.ViewPetitions, pt.Letter)
		officer("GET /admin/don-thu/don/{id}/quyet-dinh", auth.ViewPetitions, pt.Outcome)
		officer("GET /admin/don-thu/toan-tinh", auth.ViewPetitions, pt.Province)
		officer("GET /admin/don-thu/toan-tinh/xuat/{format}", auth.ViewPetitions, pt.ProvinceExport)
		officer("GET /admin/don-thu/toan-tinh/xa/{code}", auth.ViewPetitions, pt.CommuneBook)
		officer("GET /api/v1/petitions/province", auth.ViewPetitions, pt.APIProvince)
		officer("GET /api/v1/petitions", auth.ViewPetitions, pt.APIList)
		officer("POST /api/v1/petitions", auth.KeepPetitions, pt.APICreate)
		officer("GET /api/v1/petitions/report", auth.ViewPetitions, pt.APIReport)
		officer("GET /api/v1/petitions/due", auth.ViewPetitions, pt.APIDue)
		officer("GET /api/v1/petitions/{id}", auth.ViewPetitions, pt.APIGet)
		citizen("GET /don-thu", s.requireCitizen(s.petitionPortal))
		citizen("POST /don-thu", s.requireCitizen(s.petitionPortalSubmit))
		citizen("GET /don-thu/{code}", s.requireCitizen(s.petitionPortalShow))
		citizen("GET /don-thu/{code}/quyet-dinh", s.requireCitizen(s.petitionPortalDecision))
		citizen("POST /tra-cuu-don/quyet-dinh", s.petitionLookupDecision)
		citizen("GET /tra-cuu-don", s.petitionLookup)
		citizen("POST /tra-cuu-don", s.petitionLookup)
	}

	// Legal normative documents (web/legaldocweb), only when the register
	// is on: the back office, the API and the public law book.
	if l := s.ldScreens; l != nil {
		officer("GET /admin/van-ban", auth.ViewLegalDocs, l.Dashboard)
		officer("GET /admin/van-ban/xuat/{format}", auth.ViewLegalDocs, l.Export)
		officer("GET /admin/van-ban/co-so-du-lieu", auth.ViewLegalDocs, l.Documents)
		officer("GET /admin/van-ban/co-so-du-lieu/moi", auth.KeepLegalDocs, l.NewDocument)
		officer("POST /admin/van-ban/co-so-du-lieu/moi", auth.KeepLegalDocs, l.CreateDocument)
		officer("GET /admin/van-ban/co-so-du-lieu/{id}", auth.ViewLegalDocs, l.Document)
		officer("POST /admin/van-ban/co-so-du-lieu/{id}", auth.KeepLegalDocs, l.UpdateDocument)
		officer("POST /admin/van-ban/co-so-du-lieu/{id}/tac-dong", auth.KeepLegalDocs, l.Relate)
		officer("POST /admin/van-ban/co-so-du-lieu/{id}/tac-dong/{rid}/xoa", auth.KeepLegalDocs, l.Unrelate)
		officer("GET /admin/van-ban/du-thao", auth.ViewLegalDocs, l.Tasks)
		officer("GET /admin/van-ban/du-thao/moi", auth.KeepLegalDocs, l.NewTask)
		officer("POST /admin/van-ban/du-thao/moi", auth.KeepLegalDocs, l.CreateTask)
		officer("GET /admin/van-ban/du-thao/{id}", auth.ViewLegalDocs, l.Task)
		officer("GET /admin/van-ban/du-thao/{id}/bao-cao.pdf", auth.ViewLegalDocs, l.ReportPDF)
		officer("POST /admin/van-ban/du-thao/{id}/{action}", auth.KeepLegalDocs, l.AdvanceTask)
		officer("GET /admin/van-ban/kiem-tra", auth.ViewLegalDocs, l.Checks)
		officer("POST /admin/van-ban/kiem-tra", auth.KeepLegalDocs, l.CreateCheck)
		officer("GET /admin/van-ban/kiem-tra/{id}", auth.ViewLegalDocs, l.Check)
		officer("POST /admin/van-ban/kiem-tra/{id}/{action}", auth.KeepLegalDocs, l.AdvanceCheck)
		officer("GET /admin/van-ban/ra-soat", auth.ViewLegalDocs, l.Reviews)
		officer("POST /admin/van-ban/ra-soat", auth.KeepLegalDocs, l.CreateReview)
		officer("GET /admin/van-ban/ra-soat/{id}", auth.ViewLegalDocs, l.Review)
		officer("POST /admin/van-ban/ra-soat/{id}/van-ban", auth.KeepLegalDocs, l.RecordVerdict)
		officer("GET /api/v1/legaldocs/report", auth.ViewLegalDocs, l.APIReport)
		officer("GET /api/v1/legaldocs/documents", auth.ViewLegalDocs, l.APIDocuments)
		officer("GET /api/v1/legaldocs/documents/{id}", auth.ViewLegalDocs, l.APIDocument)
		officer("GET /api/v1/legaldocs/drafts", auth.ViewLegalDocs, l.APITasks)
		public("GET /van-ban", l.PublicDocuments)
		public("GET /van-ban/{id}", l.PublicDocument)
	}

	// Judicial-support practitioners (web/practitionerweb), only when the
	// register is on: the department's registers, reports, vi bằng and
	// checks; the public directory on the portal.
	if p := s.prScreens; p != nil {
		officer("GET /admin/bo-tro-tu-phap", auth.ViewPractitioners, p.Dashboard)
		officer("GET /admin/bo-tro-tu-phap/xuat/{format}", auth.ViewPractitioners, p.Export)
		officer("GET /admin/bo-tro-tu-phap/so-lieu", auth.ViewPractitioners, p.Drill)
		officer("GET /admin/bo-tro-tu-phap/to-chuc", auth.ViewPractitioners, p.Orgs)
		officer("POST /admin/bo-tro-tu-phap/to-chuc", auth.KeepPractitioners, p.CreateOrg)
		officer("GET /admin/bo-tro-tu-phap/to-chuc/{id}", auth.ViewPractitioners, p.Org)
		officer("POST /admin/bo-tro-tu-phap/to-chuc/{id}/thay-doi", auth.KeepPractitioners, p.ChangeOrg)
		officer("POST /admin/bo-tro-tu-phap/to-chuc/{id}/nguoi", auth.KeepPractitioners, p.AddPerson)
		officer("POST /admin/bo-tro-tu-phap/to-chuc/{id}/bao-cao", auth.KeepPractitioners, p.FileReport)
		officer("GET /admin/bo-tro-tu-phap/nguoi", auth.ViewPractitioners, p.People)
		officer("GET /admin/bo-tro-tu-phap/nguoi/{id}", auth.ViewPractitioners, p.Person)
		officer("POST /admin/bo-tro-tu-phap/nguoi/{id}/thay-doi", auth.KeepPractitioners, p.ChangePerson)
		officer("GET /admin/bo-tro-tu-phap/tuoi", auth.ViewPractitioners, p.Age)
		officer("GET /admin/bo-tro-tu-phap/bao-cao", auth.ViewPractitioners, p.Reports)
		officer("GET /admin/bo-tro-tu-phap/bao-cao/xuat/{format}", auth.ViewPractitioners, p.ReportsExport)
		officer("GET /admin/bo-tro-tu-phap/vi-bang", auth.ViewPractitioners, p.ViBangs)
		officer("POST /admin/bo-tro-tu-phap/vi-bang", auth.KeepPractitioners, p.ReceiveViBang)
		officer("GET /admin/bo-tro-tu-phap/kiem-tra", auth.ViewPractitioners, p.Inspections)
		officer("POST /admin/bo-tro-tu-phap/kiem-tra", auth.KeepPractitioners, p.PlanInspection)
		officer("GET /admin/bo-tro-tu-phap/kiem-tra/{id}", auth.ViewPractitioners, p.Inspection)
		officer("POST /admin/bo-tro-tu-phap/kiem-tra/{id}/ket-luan", auth.KeepPractitioners, p.Conclude)
		officer("POST /admin/bo-tro-tu-phap/kiem-tra/{id}/kien-nghi/{n}", auth.KeepPractitioners, p.FollowUp)
		officer("GET /api/v1/practitioners/organisations", auth.ViewPractitioners, p.APIOrgs)
		officer("GET /api/v1/practitioners/organisations/{id}", auth.ViewPractitioners, p.APIOrg)
		officer("GET /api/v1/practitioners/report", auth.ViewPractitioners, p.APIReport)
		officer("GET /api/v1/practitioners/filings", auth.ViewPractitioners, p.APIFilings)
		officer("POST /admin/bo-tro-tu-phap/to-chuc/{id}/ma-bao-cao", auth.KeepPractitioners, p.IssueKey)
		public("GET /to-chuc-hanh-nghe", p.Directory)
		public("GET /to-chuc-hanh-nghe/bao-cao", p.OrgFilingForm)
		public("POST /to-chuc-hanh-nghe/bao-cao", p.OrgFile)
		public("POST /to-chuc-hanh-nghe/bao-cao/so", p.OrgRecord)
	}

	// Emulation and commendation, "Dân vận khéo", administrative reform and
	// the annual report (web/emulationweb), only when the area is on.
	if e := s.emuScreens; e != nil {
		officer("GET /admin/thi-dua", auth.ViewEmulation, e.Dashboard)
		officer("POST /admin/thi-dua/phong-trao", auth.KeepEmulation, e.CreateMovement)
		officer("GET /admin/thi-dua/phong-trao/{id}", auth.ViewEmulation, e.Movement)
		officer("POST /admin/thi-dua/phong-trao/{id}/dang-ky", auth.KeepEmulation, e.Register)
		officer("GET /admin/thi-dua/khen-thuong", auth.ViewEmulation, e.Awards)
		officer("POST /admin/thi-dua/khen-thuong/{id}", auth.KeepEmulation, e.Decide)
		officer("POST /admin/thi-dua/danh-gia", auth.KeepEmulation, e.Evaluate)
		officer("POST /admin/thi-dua/de-nghi", auth.KeepEmulation, e.Propose)
		officer("GET /admin/thi-dua/dan-van-kheo", auth.ViewEmulation, e.Models)
		officer("POST /admin/thi-dua/dan-van-kheo", auth.KeepEmulation, e.CreateModel)
		officer("POST /admin/thi-dua/dan-van-kheo/{id}/cong-nhan", auth.KeepEmulation, e.RecogniseModel)
		officer("GET /admin/cchc", auth.ViewEmulation, e.Reform)
		officer("POST /admin/cchc/nhiem-vu", auth.KeepEmulation, e.CreateTask)
		officer("POST /admin/cchc/nhiem-vu/{id}/danh-gia", auth.KeepEmulation, e.ReviewTask)
		officer("POST /admin/cchc/tu-cham", auth.KeepEmulation, e.SaveCriterion)
		officer("GET /admin/bao-cao-nam", auth.ViewReports, e.Annual)
		officer("POST /admin/bao-cao-nam", auth.WriteAnnualReport, e.SaveAnnual)
		officer("GET /admin/bao-cao-nam/xuat/{format}", auth.ViewReports, e.AnnualExport)
		officer("GET /api/v1/emulation/awards", auth.ViewEmulation, e.APIAwards)
		officer("GET /api/v1/annual-report", auth.ViewReports, e.APIAnnual)
		public("GET /dan-van-kheo/{agency}", e.PublicModels)
	}

	// Online legal-knowledge contests (web/contestweb): the public pages and
	// API a participant uses (signed in by the contest's own HMAC cookie,
	// not an officer's session) and the organisers' screens.
	// Legal dissemination (web/disseminationweb): a commune officer's scope
	// is their commune (mediationScope), the department's the province.
	if d := s.disScreens; d != nil {
		officer("GET /admin/pho-bien", auth.ViewDissemination, d.Dashboard)
		officer("GET /admin/pho-bien/xuat/{format}", auth.ViewDissemination, d.Export)
		officer("GET /admin/pho-bien/hoat-dong", auth.ViewDissemination, d.Activities)
		officer("GET /admin/pho-bien/hoat-dong/moi", auth.KeepDissemination, d.NewActivity)
		officer("POST /admin/pho-bien/hoat-dong/moi", auth.KeepDissemination, d.CreateActivity)
		officer("GET /admin/pho-bien/hoat-dong/{id}", auth.ViewDissemination, d.Activity)
		officer("GET /admin/pho-bien/hoat-dong/{id}/sua", auth.KeepDissemination, d.EditActivity)
		officer("POST /admin/pho-bien/hoat-dong/{id}/sua", auth.KeepDissemination, d.UpdateActivity)
		officer("POST /admin/pho-bien/hoat-dong/{id}/xoa", auth.KeepDissemination, d.DeleteActivity)
		officer("GET /admin/pho-bien/nhan-su", auth.ViewDissemination, d.People)
		officer("POST /admin/pho-bien/nhan-su", auth.KeepDissemination, d.AddPerson)
		officer("POST /admin/pho-bien/nhan-su/{id}/thoi", auth.KeepDissemination, d.EndPerson)
		officer("GET /admin/pho-bien/tai-lieu", auth.ViewDissemination, d.Materials)
		officer("POST /admin/pho-bien/tai-lieu", auth.KeepDissemination, d.AddMaterial)
		officer("GET /admin/pho-bien/tu-sach", auth.ViewDissemination, d.Bookshelves)
		officer("POST /admin/pho-bien/tu-sach", auth.KeepDissemination, d.AddBookshelf)
		officer("GET /admin/pho-bien/ke-hoach", auth.ViewDissemination, d.Plan)
		officer("POST /admin/pho-bien/ke-hoach", auth.KeepDissemination, d.AddTask)
		officer("GET /admin/pho-bien/tiep-can", auth.ViewDissemination, d.Access)
		officer("POST /admin/pho-bien/tiep-can", auth.KeepDissemination, d.SelfAssess)
		officer("POST /admin/pho-bien/tiep-can/{commune}/cong-nhan", auth.KeepDissemination, d.Recognise)
		officer("GET /api/v1/dissemination/report", auth.ViewDissemination, d.APIReport)
	}
	if c := s.contestScreens; c != nil {
		public("GET /thi/{file}", c.Asset)
		public("GET /thi/{code}/{$}", c.Home)
		public("POST /thi/{code}/dang-ky", c.Register)
		public("POST /thi/{code}/dang-nhap", c.SignIn)
		public("POST /thi/{code}/dang-xuat", c.SignOut)
		public("GET /thi/{code}/dinh-danh", c.EIDSignIn)
		public("POST /thi/{code}/dinh-danh", c.EIDRegister)
		public("POST /thi/{code}/vong/{round}/bat-dau", c.Start)
		public("GET /thi/{code}/vong/{round}/ket-qua", c.Results)
		public("GET /thi/{code}/vong/{round}/chung-nhan", c.MyCertificate)
		public("GET /thi/{code}/bai/{id}", c.Paper)
		public("POST /thi/{code}/bai/{id}", c.PaperPost)
		public("POST /api/v1/contests/{code}/rounds/{round}/attempts", c.APIStart)
		public("PUT /api/v1/contests/{code}/attempts/{id}/answers/{pos}", c.APIAnswer)
		public("POST /api/v1/contests/{code}/attempts/{id}/submit", c.APISubmit)
		officer("GET /admin/cuoc-thi", auth.ViewContests, c.Contests)
		officer("POST /admin/cuoc-thi", auth.KeepContests, c.CreateContest)
		officer("GET /admin/cuoc-thi/{id}", auth.ViewContests, c.Contest)
		officer("POST /admin/cuoc-thi/{id}/vong", auth.KeepContests, c.AddRound)
		officer("POST /admin/cuoc-thi/{id}/cau-hoi", auth.KeepContests, c.AddQuestions)
		officer("GET /admin/cuoc-thi/{id}/vong/{round}", auth.ViewContests, c.Round)
		officer("POST /admin/cuoc-thi/{id}/vong/{round}/xep-hang", auth.KeepContests, c.Close)
		officer("POST /admin/cuoc-thi/{id}/vong/{round}/huy", auth.KeepContests, c.Void)
		officer("GET /admin/cuoc-thi/{id}/vong/{round}/xuat.csv", auth.ViewContests, c.Export)
		officer("GET /admin/cuoc-thi/{id}/vong/{round}/chung-nhan.pdf", auth.ViewContests, c.Certificates)
	}

	// The national public-service portal (nationalportal.go, issue 25):
	// the sync report, online dossiers filed on the portal, its catalogue.
	if s.dvcqg != nil {
		officer("GET /admin/dvcqg", auth.ViewDashboard, s.dvcqgShow)
		officer("POST /admin/dvcqg/nhan", auth.ReceiveDossier, s.dvcqgReceive)
		officer("POST /admin/dvcqg/danh-muc", auth.ManageCatalog, s.dvcqgImport)
		officer("POST /admin/dvcqg/mo-phong", auth.ReceiveDossier, s.dvcqgSample)
		officer("POST /admin/dvcqg/{id}/gui-lai", auth.ManageOrg, s.dvcqgRequeue)
	}

	// Result delivery by post and the dossiers' messages (delivery.go,
	// issue 25 items 6 and 7).
	officer("POST /admin/dossiers/{code}/buu-chinh", auth.ReceiveDossier, s.dossierShip)
	officer("POST /admin/dossiers/{code}/buu-chinh/cap-nhat", auth.ReceiveDossier, s.dossierPostRefresh)
	officer("POST /admin/dossiers/{code}/tin-nhan/mo-phong", auth.ReceiveDossier, s.dossierReplySimulate)
	public("POST /api/v1/hooks/messages/{channel}", s.apiMessageHook)

	// Anything else: a Vietnamese 404 (HTML or JSON).
	public("/", s.notFound)

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "Yêu cầu gửi từ trang web khác bị từ chối (bảo vệ chống giả mạo yêu cầu). Vui lòng thao tác trực tiếp trên trang của hệ thống."))
	}))
	return s.outer(cop.Handler(mux))
}

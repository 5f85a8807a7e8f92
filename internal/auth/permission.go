package auth

import "tuphap/internal/org"

// Permission names one thing an officer may do. Routes declare the
// permission they need; Can decides.
type Permission string

const (
	ViewDashboard  Permission = "dashboard.view"  // see the back office home
	ViewOrg        Permission = "org.view"        // list units, agencies, officers
	ManageOrg      Permission = "org.manage"      // create and edit units, agencies, officers
	ViewAudit      Permission = "audit.view"      // read and verify the audit log
	ViewReports    Permission = "report.view"     // statistics of the whole tenant
	ManageCatalog  Permission = "catalog.manage"  // edit the tenant's procedures and calendar
	ViewDossiers   Permission = "dossier.view"    // read dossiers of the tenant
	ReceiveDossier Permission = "dossier.receive" // counter intake at the reception desk
	HandleDossier  Permission = "dossier.handle"  // act on dossiers (each action checks the step's unit and role)
	// ViewConvictions reads and records criminal-record data and issues
	// judicial record certificates; every read is logged with its reason.
	ViewConvictions Permission = "jr.view_convictions"
	// ViewPersonalData reads applicants' ID numbers, phones, e-mail and
	// addresses on the dossiers the officer may see. Statisticians and
	// auditors see dossiers without them (data minimisation, Decree
	// 13/2023/NĐ-CP and Law 91/2025/QH15 on personal data protection).
	ViewPersonalData Permission = "dossier.personal_data"
	// TransferFunction offers a function to another tenant, or accepts one
	// offered (package handover). The head of the agency and the
	// judicial-record officer hold it, not the system administrator; a
	// judicial-record function also needs ViewConvictions.
	TransferFunction Permission = "org.transfer"
	// ViewMediation reads the grassroots mediation register and its figures
	// (the province's, or a commune officer's own commune).
	ViewMediation Permission = "mediation.view"
	// KeepMediation writes the mediation book: teams, mediators, cases.
	KeepMediation Permission = "mediation.keep"
	// LegalAidFigures reads the legal-aid register's figures (no personal
	// data): the dashboard, its exports and the report API.
	LegalAidFigures Permission = "legalaid.figures"
	// ViewLegalAid reads the legal-aid case book: requesters' identities,
	// their eligibility and their matters.
	ViewLegalAid Permission = "legalaid.view"
	// KeepLegalAid writes the legal-aid register: requests, acceptance,
	// assignment, progress, closing, quality, providers.
	KeepLegalAid Permission = "legalaid.keep"
	// ViewPetitions reads the citizen-reception book and the petitions
	// (complaints, denunciations, feedback) and their figures, never a
	// denouncer's identity.
	ViewPetitions Permission = "petition.view"
	// KeepPetitions records petitions, visits and the steps of their cases.
	KeepPetitions Permission = "petition.keep"
	// ViewDenouncer reads a denouncer's identity: the person who resolves
	// denunciations (the head of the agency, Law 25/2018/QH14 Art. 12–15)
	// holds it; the officer a case is assigned to sees that case's too
	// (petition.CanSeeIdentity). Every view is audited.
	ViewDenouncer Permission = "petition.denouncer"
	// ViewLegalDocs reads the legal normative documents register: the law
	// book, drafts, checks, reviews and their figures.
	ViewLegalDocs Permission = "legaldoc.view"
	// KeepLegalDocs writes it: documents and relations, appraisals,
	// opinions, checks and reviews.
	KeepLegalDocs Permission = "legaldoc.keep"
	// ViewPractitioners reads the judicial-support practitioners' registers,
	// their reports, checks and figures (the department's).
	ViewPractitioners Permission = "practitioner.view"
	// KeepPractitioners writes them: registrations and changes, reports
	// entered for an organisation, vi bằng, checks.
	KeepPractitioners Permission = "practitioner.keep"
	// ViewEmulation reads the emulation and commendation register, the
	// "Dân vận khéo" models and the administrative-reform plan.
	ViewEmulation Permission = "emulation.view"
	// KeepEmulation writes them: movements, evaluations, proposals and
	// decisions, models, PAR tasks, reviews and the self-assessment.
	KeepEmulation Permission = "emulation.keep"
	// WriteAnnualReport writes the director's paragraphs of the annual
	// report (its figures come from the registers and are never typed).
	WriteAnnualReport Permission = "annualreport.write"
	// ViewContests reads online contests, their figures and rankings.
	ViewContests Permission = "contest.view"
	// KeepContests creates contests, rounds and questions, ranks rounds
	// and voids entries (the organisers: the dissemination division).
	KeepContests Permission = "contest.keep"
	// ViewDissemination reads the legal dissemination register and figures.
	ViewDissemination Permission = "dissemination.view"
	// KeepDissemination records dissemination activities, lecturers and
	// access-to-law assessments.
	KeepDissemination Permission = "dissemination.keep"
)

// grants maps each role to its permissions. The auditor reads everything and
// changes nothing; only the administrator manages the organisation.
var grants = map[org.Role][]Permission{
	org.Clerk:        {ViewDashboard, ViewDossiers, ReceiveDossier, HandleDossier},
	org.Specialist:   {ViewDashboard, ViewDossiers, HandleDossier},
	org.UnitHead:     {ViewDashboard, ViewOrg, ViewDossiers, HandleDossier},
	org.Director:     {ViewDashboard, ViewOrg, ViewAudit, ViewReports, ViewDossiers, HandleDossier},
	org.Liaison:      {ViewDashboard, ViewDossiers, HandleDossier},
	org.Admin:        {ViewDashboard, ViewOrg, ManageOrg, ViewAudit, ManageCatalog},
	org.Auditor:      {ViewDashboard, ViewOrg, ViewAudit, ViewReports, ViewDossiers},
	org.Statistician: {ViewDashboard, ViewReports, ViewDossiers},
	// Added with judicial records.
	org.JudicialRecordOfficer: {ViewDashboard, ViewDossiers, HandleDossier, ViewConvictions},
	// Added with grassroots mediation: the commune keeps its book; the
	// department's specialists (legal dissemination division) may keep it
	// for a commune and everyone who reads reports reads it.
	org.CommuneOfficer: {ViewDashboard, ViewMediation, KeepMediation},
}

func init() {
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director, org.Auditor, org.Statistician} {
		grants[r] = append(grants[r], ViewMediation)
	}
	grants[org.Specialist] = append(grants[org.Specialist], KeepMediation)
}

// Added with the practitioners' registers: the department's judicial-support
// division (specialists, its head) keeps them; the director, auditors and
// statisticians read them.
func init() {
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director, org.Auditor, org.Statistician} {
		grants[r] = append(grants[r], ViewPractitioners)
	}
	for _, r := range []org.Role{org.Specialist, org.UnitHead} {
		grants[r] = append(grants[r], KeepPractitioners)
	}
}

func init() {
	for _, r := range []org.Role{org.Clerk, org.Specialist, org.UnitHead, org.Director, org.Liaison, org.JudicialRecordOfficer} {
		grants[r] = append(grants[r], ViewPersonalData)
	}
	grants[org.Director] = append(grants[org.Director], TransferFunction)
	grants[org.JudicialRecordOfficer] = append(grants[org.JudicialRecordOfficer], TransferFunction)
}

// Added with legal aid: the centre's officers keep the register; the
// department's leaders and auditors read the book; whoever reads reports
// reads its figures, without the requesters' identities.
func init() {
	grants[org.LegalAidOfficer] = []Permission{ViewDashboard, LegalAidFigures, ViewLegalAid, KeepLegalAid}
	for _, r := range []org.Role{org.Director, org.Auditor} {
		grants[r] = append(grants[r], LegalAidFigures, ViewLegalAid)
	}
	for _, r := range []org.Role{org.UnitHead, org.Statistician} {
		grants[r] = append(grants[r], LegalAidFigures)
	}
}

// Added with citizen reception and petitions.
func init() {
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director, org.Auditor, org.Statistician, org.CommuneOfficer} {
		grants[r] = append(grants[r], ViewPetitions)
	}
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director, org.CommuneOfficer} {
		grants[r] = append(grants[r], KeepPetitions)
	}
	grants[org.Director] = append(grants[org.Director], ViewDenouncer)
}

// Principal is the signed-in officer as the web layer sees it.
type Principal struct {
	TenantID   string
	TenantCode string
	OfficerID  string
	Username   string
	FullName   string
	Role       org.Role
	UnitID     string
	UnitCode   string
	SessionID  string // empty for API tokens
	CSRFToken  string // empty for API tokens
}

// Can reports whether the principal holds the permission.
func (p *Principal) Can(perm Permission) bool {
	if p == nil {
		return false
	}
	for _, g := range grants[p.Role] {
		if g == perm {
			return true
		}
	}
	return false
}

// CanActOnUnit reports whether the principal may act on data owned by unit:
// tenant-wide roles may; unit-bound roles only on their own unit.
func (p *Principal) CanActOnUnit(unitID string) bool {
	if p == nil {
		return false
	}
	switch p.Role {
	case org.Director, org.Admin, org.Auditor, org.Statistician:
		return true
	}
	return unitID != "" && unitID == p.UnitID
}

// Added with legal normative documents: the department's specialists
// (the legal-document division) and its heads keep the register; those
// who read reports, and commune officers (whose documents it holds), read it.
func init() {
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director, org.Auditor, org.Statistician, org.CommuneOfficer} {
		grants[r] = append(grants[r], ViewLegalDocs)
	}
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director} {
		grants[r] = append(grants[r], KeepLegalDocs)
	}
}

// Added with emulation and the annual report (issue 24): the office keeps
// the register (specialists), the director decides and writes the report,
// everyone who reads reports reads them.
func init() {
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director, org.Auditor, org.Statistician} {
		grants[r] = append(grants[r], ViewEmulation)
	}
	grants[org.Specialist] = append(grants[org.Specialist], KeepEmulation)
	grants[org.Director] = append(grants[org.Director], KeepEmulation, WriteAnnualReport)
}

// Added with legal dissemination and contests (issue 23): the department's
// specialists (legal dissemination division) keep both; those who read
// reports read them; a commune keeps its own dissemination activities.
func init() {
	for _, r := range []org.Role{org.Specialist, org.UnitHead, org.Director, org.Auditor, org.Statistician} {
		grants[r] = append(grants[r], ViewContests, ViewDissemination)
	}
	grants[org.Specialist] = append(grants[org.Specialist], KeepContests, KeepDissemination)
	grants[org.CommuneOfficer] = append(grants[org.CommuneOfficer], ViewDissemination, KeepDissemination)
}

// CorrectDossiers is the administrator's audited correction tools (issue
// 25, item 10): moving a departing officer's work, resetting a due date,
// restoring a dossier closed by mistake. The administrator holds it, not
// the director: the director decides on dossiers (approves, acts on a
// step's behalf, stops), and who corrects the record should not be who
// made the decisions it records (separation of duties); the director's
// request is the reason the administrator writes down.
const CorrectDossiers Permission = "dossier.correct"

func init() {
	grants[org.Admin] = append(grants[org.Admin], CorrectDossiers)
}

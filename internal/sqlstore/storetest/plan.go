package storetest

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/gen"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// The query-plan check (issue 17). A package's TestMain calls
// MainWithPlans; every database its tests open with Open or Each then
// reports each statement it runs, with the store methods on the stack.
// When the tests pass, each distinct statement is explained on a database
// of realistic size for its engine (PlanDossiers dossiers with their
// history) and the run fails if a plan reads a whole table that grows
// with traffic. So a new query is checked as soon as a test runs it; a new
// store method needs a test (the web package's run fails if an exported
// store method is neither reached by its tests nor listed in
// OffRequestPath or StoreTested).
//
// SQLite is explained without ANALYZE, as the server runs (it never
// gathers statistics, so its planner assumes large tables); PostgreSQL
// after ANALYZE with sequential scans disabled, so a Seq Scan in a plan
// means no index can serve the statement at all.
//
// The check runs after an unfiltered `go test` of the package, or with
// TUPHAP_PLANS=1 after a filtered one.

// PlanDossiers is the size of the explained database's dossiers table.
const PlanDossiers = 20000

// SmallTables stay small whatever the traffic: a scan of them is fine.
var SmallTables = map[string]string{
	"tenants":             "one row per department",
	"units":               "tens per department",
	"officers":            "hundreds per department",
	"api_tokens":          "a few per department",
	"reception_settings":  "a few versions per department (who receives dossiers)",
	"commune_tenants":     "one per commune of the province (about a hundred)",
	"mediation_teams":     "a province's mediation teams: one per village or residential group (hundreds, about 700 in the seeds' province)",
	"mediation_clubs":     "about one mediation club per commune",
	"counted":             "not a table: the union of three index ranges that MediationStore.Tally groups (its subquery's name)",
	"mediation_mediators": "a province's mediators (about 4,000 in the seeds' province), not growing with traffic",
	"legalaid_units":      "the Legal Aid Centre and its branches: a handful per department",
	"legalaid_providers":  "the centre's officers, collaborators and contracted lawyers: tens to a few hundred per department",
	"legal_reviews":       "a department's review rounds: a few a year",
	"audit_heads":         "one row per department",
	"petition_counters":   "one row per series (KN, TC, PA, DT, CV) and year of a department",
	"petition_schedule":   "a few reception days a month per department",
	"calendar_schedules":  "a few per department and year",
	"calendar_rules":      "a few per department",
	"tenant_procedures":   "the catalogue: hundreds per department",
	"function_transfers":  "one per reorganisation",
	"goose_db_version":    "the migrations",
	"sessions":            "the officers signed in now: expired ones are deleted hourly",
	"report_total":        "one row per group (procedure, unit, channel, late unit) of a department, whatever the years",
	// Added with the practitioners' registers (issue 22).
	"pr_orgs":           "a province's practising organisations: notary offices, law firms, auction, bailiff offices… (a few hundred)",
	"pr_people":         "a province's practitioners: notaries, lawyers, auctioneers, bailiffs… (a few thousand, not growing with traffic)",
	"pr_inspections":    "the department's checks of practising organisations: tens a year",
	"contests":          "a few contests per department and year",
	"contest_rounds":    "a few rounds per contest",
	"contest_questions": "a contest's question bank: hundreds, read once a minute into memory",
	// Added with the legal dissemination register (issue 23).
	"dissem_people":      "a province's legal lecturers and commune communicators (a few thousand, not growing with traffic)",
	"dissem_bookshelves": "legal bookshelves: a few per commune",
	"dissem_materials":   "the materials printed: tens a year per province",
	"dissem_plan_tasks":  "the year's plan tasks: tens per province and commune",
	"access_assessments": "one access-to-law assessment per commune and year",
	// Added with the satisfaction surveys (issue 25 item 9).
	"survey_questionnaires": "a department's questionnaire versions: one per edit, a few a year",
}

// AcceptedScans are the request-path methods allowed to read all of a
// department's rows of a growing table, with why. Keep it short.
var AcceptedScans = map[string]string{
	"ReportStore.IndexExtras":         "the index's national-portal, fee-exemption and digitisation counts (issue 25) read the period's dossiers, only for a tenant that uses those features; to be rolled up like IndexCounts (issue 17)",
	"ReportStore.SurveyIndex":         "whether the department has any survey answer: EXISTS stops at the first row of its range (as IndexExtras' fee exemptions)",
	"ContestStore.ContestAnswerCount": "tuphap bench contest's check after its load: a round's answers counted once, never on a request",
	"AuditStore.VerifyAudit":          "GET /api/v1/audit/verify and tuphap audit verify: recomputes the department's whole hash chain, on an auditor's demand",
	"DossierStore.DossierCounts":      "the dashboard's dossiers by status: an index-only count (dossiers_status_count) of the department's dossiers per view; maintained counters would remove it",
	"HandoverTx.JRConvictionIDs":      "a hand-over (reorganisation) moves all of a department's convictions, once",
	"HandoverTx.JRBanIDs":             "a hand-over (reorganisation) moves all of a department's bankruptcy bans, once",
	"LegalDocStore.Book":              "the legal documents' figures and yearly lists compute every document's validity: the department's law book (a few thousand documents) read without texts, with its relations",
	"MediationStore.Tally":            "the mediation figures: the scan is of the union of three index ranges (received in the period, open at its start, ended in or after it) that the query groups by commune and kind",
	"LegalAidStore.Tally":             "the legal-aid figures: one index range of the department's cases requested by the period's end (legalaid_cases_requested; about 400 a year in a province), grouped by unit, form, field and group",
	"Outbox.OutboxCounts":             "the totals by status on /admin/outbox (administrators only): an index-only count of the department's messages per page view",
	"AuthStore.Tokens":                "an officer's page and GET /api/v1/tokens list API tokens: a few per department (api_tokens is small), sorted",
	// Added with emulation (issue 24).
	"EmulationStore.Movements": "the emulation movements a department launched (a few a year) listed whole on /admin/thi-dua, newest first, in index order",
	"EmulationStore.Models":    "the \"Dân vận khéo\" models of a department (a few a year) listed whole on their page and the public page; the figure's drill-down reads the (tenant_id, recognised_on) range",
}

// OffRequestPath lists the exported store methods that no HTTP request
// reaches (commands, workers, tests), with where they run: their
// statements may scan, and they need no test for the plan check. Every
// other exported method of a sqlstore type must be run by a test.
var OffRequestPath = map[string]string{
	"DB.Ping":                                  "no table (GET /healthz)",
	"SurveyStore.SurveyableDossiers":           "the demo's survey answers (tuphap demo), once",
	"DB.Schema":                                "the schema-parity test (catalogue tables)",
	"AuditStore.AuditHead":                     "tuphap audit anchor",
	"HandoverTx.MoveJRBan":                     "a hand-over (reorganisation), once",
	"JRStore.Within":                           "no SQL of its own (a view of a dossier transaction)",
	"DossierTx.RaiseSeq":                       "tuphap gen and import (RaiseSeqs)",
	"JRStore.SealedValues":                     "tuphap jr rewrap",
	"Tx.UpdateSealed":                          "tuphap jr rewrap",
	"DB.Migrate":                               "serve and migrate at start",
	"DB.CheckSchema":                           "commands at start",
	"DB.SchemaStatus":                          "migrate --status",
	"DB.Close":                                 "no SQL",
	"DB.Engine":                                "no SQL",
	"DB.Now":                                   "no SQL",
	"Tx.Now":                                   "no SQL",
	"DB.Backup":                                "tuphap backup",
	"DossierStore.BulkInsertDossiers":          "tuphap gen, import and serve --demo at start",
	"DossierStore.RaiseSeqs":                   "tuphap gen and import",
	"DB.RawInsertRate":                         "tuphap bench",
	"ReportStore.RebuildReports":               "tuphap report rebuild",
	"ReportStore.EachReportFacts":              "tuphap report rebuild and tests",
	"Outbox.PurgeOutbox":                       "serve's daily retention job",
	"AuthStore.DeleteExpiredSessions":          "serve's hourly clean-up",
	"PortalStore.DeleteExpiredCitizenSessions": "serve's hourly clean-up",
	"DB.ExecForTest":                           "tests",
	"DB.ApplyMigrationForTest":                 "tests",
	"DB.RollbackMigrationForTest":              "tests",
	"OrgStore.CommuneLinks":                    "tuphap tenant communes",
	// The one-stop core's stores (issue 15).
	"DB.Dossiers":                     "no SQL (the one-stop dossiers' store)",
	"DB.Org":                          "no SQL (the organisation's store)",
	"DB.Auth":                         "no SQL (the sign-in's store)",
	"DB.Portal":                       "no SQL (the citizens' portal's store)",
	"DB.Catalog":                      "no SQL (the tenant catalogue's store)",
	"DB.Calendar":                     "no SQL (the calendar's store)",
	"DB.Reports":                      "no SQL (the statistics' store)",
	"DB.Outbox":                       "no SQL (the outbox's store)",
	"DB.Audit":                        "no SQL (the audit log's store)",
	"DB.Handover":                     "no SQL (the hand-overs' store)",
	"DB.Mediation":                    "no SQL (the register's store)",
	"DB.LegalAid":                     "no SQL (the register's store)",
	"DB.LegalDocs":                    "no SQL (the register's store)",
	"DB.Emulation":                    "no SQL (the register's store)",
	"DB.Annual":                       "no SQL (the annual report's store)",
	"MediationStore.Grassroots":       "the demo loader and tests (no screen lists grassroots units yet)",
	"DB.QueryRowForTest":              "tests",
	"DB.Petitions":                    "no SQL (the petition register's store)",
	"PetitionStore.Visit":             "tests (no screen opens a single visit yet; the book lists them with Visits)",
	"DB.RawTableText":                 "tests",
	"DB.PlanScans":                    "the plan check itself",
	"DB.Analyze":                      "the plan check itself",
	"DB.FillHistoryForPlans":          "the plan check itself",
	"DB.Tables":                       "the plan check itself",
	"DB.TableRows":                    "the plan check itself",
	"DossierStore.ExportDossiers":     "tuphap export",
	"Outbox.Claim":                    "the notification worker (indexed: outbox_due)",
	"ContestStore.InsertParticipants": "tuphap bench contest (bulk registration of the load's participants)",
	"ContestStore.InsertAttempts":     "tuphap bench contest (the national round to rank)",
	"OrgTx.EndCredentials":            "no SQL of its own: AuthTx.EndCredentials's statements (the password change reaches them)",
	"DB.Dissemination":                "no SQL (the register's store)",
	"DB.Practitioners":                "no SQL (the register's store)",
	"PractitionerStore.Within":        "no SQL of its own (a view of a dossier transaction)",
	"PractitionerStore.ViBang":        "no screen reads one vi bằng yet; the sqlstore tests read one back",
	"ContestStore.ContestAnswerCount": "tuphap bench contest (the answers stored after the run)",
	"DB.Contests":                     "no SQL (the contests' store)",
	"Outbox.Done":                     "the notification worker",
	"Outbox.Retry":                    "the notification worker",
	"Outbox.Dead":                     "the notification worker",

	// The national portal, fee exemptions, digitised copies (issue 25).
	"DB.NationalPortal":              "no SQL (the national portal's store)",
	"DB.FeeExemptions":               "no SQL (the fee exemptions' store)",
	"DB.Digitised":                   "no SQL (the digitised copies' store)",
	"NationalPortalStore.Within":     "no SQL (the link writer of a dossier transaction)",
	"NationalPortalStore.MarkSynced": "the outbox worker (dvcqg.Sender), after a push",

	// Result delivery by post and the message log (issue 25 items 6, 7).
	"DB.Surveys":                 "no SQL (the satisfaction surveys' store accessor; the web server is handed the store)",
	"DB.Post":                    "no SQL (the consignments' store)",
	"DB.Messages":                "no SQL (the message log)",
	"PostStore.Within":           "no SQL (the consignment writer of a dossier transaction)",
	"PostStore.Created":          "the outbox worker (vnpost.Sender), after the carrier took an order",
	"PostStore.Refused":          "the outbox worker (vnpost.Sender), after the carrier refused an order",
	"PostStore.OpenConsignments": "serve's status poll, every 5 minutes (index postal_consignments_open)",
	"MessageLog.Record":          "the outbox worker (its journal), after each outcome",
	"DB.Signing":                 "no SQL (the officers' signing identities' store, letters and signatures)",
}

// NationalOnly are the store methods whose statements without a tenant
// condition are the national figures of the `tuphap report` command: the
// web server always scopes them by the signed-in officer's tenant, so
// their national form (a read of every department's dossiers) is not on a
// request path.
var NationalOnly = map[string]bool{"ReportStore.ReportDossiers": true, "ReportStore.Report": true, "ReportStore.IndexCounts": true}

// Statement is one distinct SQL statement the tests ran on an engine.
type Statement struct {
	Engine  sqlstore.Engine
	SQL     string
	Args    []any
	Methods map[string]bool // exported sqlstore methods on the stack
}

type recorder struct {
	mu    sync.Mutex
	on    bool
	stmts map[string]*Statement // engine + SQL
	seen  map[string]bool       // every method seen running SQL
}

var rec = &recorder{stmts: map[string]*Statement{}, seen: map[string]bool{}}

const pkgPrefix = "tuphap/internal/sqlstore."

// trace returns the Options.Trace that records for engine e (chained
// before next, if any).
func (r *recorder) trace(e sqlstore.Engine, next sqlstore.Trace) sqlstore.Trace {
	return func(ctx context.Context, q string, args []any) {
		if next != nil {
			next(ctx, q, args)
		}
		methods := storeMethods()
		r.mu.Lock()
		defer r.mu.Unlock()
		for m := range methods {
			r.seen[m] = true
		}
		if !explainable(q) {
			return
		}
		k := string(e) + "\x00" + q
		s := r.stmts[k]
		if s == nil {
			s = &Statement{Engine: e, SQL: q, Args: slices.Clone(args), Methods: map[string]bool{}}
			r.stmts[k] = s
		}
		for m := range methods {
			s.Methods[m] = true
		}
	}
}

// storeMethods names the exported sqlstore methods on the caller's stack,
// as "Type.Method".
func storeMethods() map[string]bool {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	out := map[string]bool{}
	for {
		f, more := frames.Next()
		if rest, ok := strings.CutPrefix(f.Function, pkgPrefix); ok {
			if m := methodName(rest); m != "" {
				out[m] = true
			}
		}
		if !more {
			break
		}
	}
	return out
}

// methodName turns "(*Tx).LockDossier" or "DossierStore.Dossier" into
// "DossierTx.LockDossier" / "DossierStore.Dossier"; anything else (functions,
// closures, unexported) gives "".
func methodName(s string) string {
	s = strings.NewReplacer("(*", "", ")", "").Replace(s)
	parts := strings.Split(s, ".")
	if len(parts) < 2 || !token.IsExported(parts[0]) || !token.IsExported(parts[1]) {
		return ""
	}
	for _, p := range parts[2:] { // closures of the method: func1, func1.2
		if !strings.HasPrefix(p, "func") && strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	return parts[0] + "." + parts[1]
}

func explainable(q string) bool {
	t := strings.ToUpper(strings.TrimSpace(q))
	for _, p := range []string{"SELECT", "WITH", "INSERT", "UPDATE", "DELETE"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// Coverage says which store methods a package's run must account for.
type Coverage int

const (
	// NoCoverage checks plans only.
	NoCoverage Coverage = iota
	// HTTPCoverage (package web): every exported method of a sqlstore type
	// must be reached by the run (so its statements are plan-checked), or
	// be listed in OffRequestPath or StoreTested.
	HTTPCoverage
	// StoreCoverage (package sqlstore): every method of StoreTested must be
	// reached by the run.
	StoreCoverage
)

// StoreTested lists the store methods on a request path that the web
// tests do not reach but the sqlstore tests do (their plans are checked
// there; the sqlstore run fails if one is not reached).
var StoreTested = map[string]bool{
	"OrgStore.OfficerByUsername": true, "Outbox.RequeueOutbox": true,
	"JRTx.AnswerCheck": true, "PortalTx.DeleteFile": true, "DossierTx.EnsureLegacyProcedure": true, "JRTx.InsertCheck": true,
	"CalendarTx.SaveRules": true, "OrgTx.Officer": true, "OrgTx.UpdateOfficer": true, "OrgTx.UpdateUnit": true,
	"AuthTx.SetPassword": true, "AuthTx.TouchSession": true, "HandoverTx.MoveJRConviction": true,
	// Issue 25 (no screen yet for the digitised copies).
	"NationalPortalStore.SyncState": true, "DigitisedStore.InsertCopy": true, "DigitisedStore.OwnerCopies": true,
	"DigitisedStore.DossierCopies": true,
	// The legal documents' report reads a review round whole when it
	// finished in the period; no web test finishes one.
	"LegalDocStore.Review": true,
}

// InGoroutines lists the store methods that run their statements on
// goroutines of their own (Report: its range queries at once on the
// reader pool), so no stack names them. Their statements are checked
// like every statement no method claims (as on a request path), and the
// coverage check takes them as reached.
var InGoroutines = map[string]bool{"ReportStore.Report": true}

// StoreDir is the sqlstore package's directory from a package directory
// of internal/ (the methods HTTPCoverage accounts for are declared there).
const StoreDir = "../sqlstore"

// MainWithPlans runs the package's tests while recording their
// statements, then checks the statements' plans (see above). Use it as
//
//	func TestMain(m *testing.M) { os.Exit(storetest.MainWithPlans(m, storetest.NoCoverage)) }
func MainWithPlans(m *testing.M, cov Coverage) int {
	rec.on = true
	code := m.Run()
	if code != 0 {
		return code
	}
	filtered := flag.Lookup("test.run") != nil && flag.Lookup("test.run").Value.String() != ""
	if filtered && os.Getenv("TUPHAP_PLANS") == "" {
		return 0
	}
	var problems []string
	if !filtered {
		problems = append(problems, coverageProblems(cov)...)
	}
	p, err := CheckPlans(context.Background(), os.Stdout)
	if err != nil {
		problems = append(problems, err.Error())
	}
	problems = append(problems, p...)
	if len(problems) == 0 {
		return 0
	}
	fmt.Println("--- FAIL: query plans (storetest.MainWithPlans, issue 17)")
	for _, p := range problems {
		fmt.Println("    " + strings.ReplaceAll(p, "\n", "\n        "))
	}
	return 1
}

func coverageProblems(cov Coverage) []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []string
	switch cov {
	case StoreCoverage:
		for m := range StoreTested {
			if !rec.seen[m] {
				out = append(out, fmt.Sprintf("store method %s is listed in storetest.StoreTested but no test of package sqlstore runs it", m))
			}
		}
	case HTTPCoverage:
		ms, err := exportedMethods(StoreDir)
		if err != nil {
			return []string{err.Error()}
		}
		for _, m := range ms {
			_, off := OffRequestPath[m]
			if off || StoreTested[m] || InGoroutines[m] || rec.seen[m] || strings.HasPrefix(m[strings.Index(m, ".")+1:], "Transact") {
				continue
			}
			out = append(out, fmt.Sprintf("store method %s is reached by no test of package web, so its query plan is unchecked: "+
				"test the handler that uses it, test it in package sqlstore and list it in storetest.StoreTested, "+
				"or list it in storetest.OffRequestPath with where it runs", m))
		}
	}
	sort.Strings(out)
	return out
}

// Recorded returns the statements recorded so far, by engine then SQL.
func Recorded() []*Statement {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []*Statement
	for _, s := range rec.stmts {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Engine != out[j].Engine {
			return out[i].Engine < out[j].Engine
		}
		return out[i].SQL < out[j].SQL
	})
	return out
}

// CheckPlans explains every recorded statement on a database of realistic
// size per engine and returns one problem per full scan of a table that
// grows with traffic, or of all of a department's rows of one (an index
// searched by tenant_id alone). A walk of a whole index in its order, or
// of the department's part of one, is accepted when the statement has a
// LIMIT (a page of a queue, the latest entries). Statements run only
// by OffRequestPath methods are not checked.
func CheckPlans(ctx context.Context, log io.Writer) ([]string, error) {
	stmts := Recorded()
	var problems []string
	for _, e := range Engines {
		var mine []*Statement
		for _, s := range stmts {
			if s.Engine == e && onRequestPath(s) {
				mine = append(mine, s)
			}
		}
		if len(mine) == 0 {
			continue
		}
		db, done, err := planDB(ctx, e)
		if err != nil {
			return problems, fmt.Errorf("plan database (%s): %w", e, err)
		}
		rows := map[string]int64{}
		tables, err := db.Tables(ctx)
		if err != nil {
			done()
			return problems, err
		}
		for _, t := range tables {
			if rows[t], err = db.TableRows(ctx, t); err != nil {
				done()
				return problems, err
			}
		}
		n := 0
		for _, s := range mine {
			plan, scans, err := db.PlanScans(ctx, s.SQL, planArgs(s))
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: EXPLAIN failed: %v\n%s", e, err, oneLine(s.SQL)))
				continue
			}
			n++
			for _, sc := range scans {
				if _, small := SmallTables[sc.Table]; small {
					continue
				}
				if (sc.Ordered || sc.Tenant) && strings.Contains(strings.ToUpper(s.SQL), "LIMIT") {
					continue
				}
				if sc.Tenant && e == sqlstore.Postgres && rows[sc.Table] == 0 {
					// PostgreSQL plans an empty table with any index that
					// has the department first: its choice means nothing.
					continue
				}
				if sc.Tenant && accepted(s) {
					continue
				}
				what := "full scan"
				if sc.Tenant {
					what = "scan of the department's rows"
				}
				problems = append(problems, fmt.Sprintf("%s: %s of %s by %s\n%s\nplan:\n%s", e, what, sc.Table,
					strings.Join(sortedKeys(s.Methods), ", "), oneLine(s.SQL), plan))
			}
		}
		done()
		fmt.Fprintf(log, "query plans: %d statements explained on %s (%d dossiers)\n", n, e, PlanDossiers)
	}
	return problems, nil
}

// tenantParam is a department condition with its parameter's number.
var tenantParam = regexp.MustCompile(`\btenant_id\s*=\s*\$(\d+)`)

// planArgs are s's arguments with the department of the explained
// database in place of the test's, so that PostgreSQL's estimates (which
// use the values) are those of a department with data.
func planArgs(s *Statement) []any {
	args := slices.Clone(s.Args)
	for _, m := range tenantParam.FindAllStringSubmatch(s.SQL, -1) {
		var n int
		fmt.Sscan(m[1], &n)
		if n >= 1 && n <= len(args) {
			if _, ok := args[n-1].(string); ok {
				args[n-1] = planTenant
			}
		}
	}
	return args
}

// planTenant is the first department of the explained database.
const planTenant = "plan-PLAN-A"

// tenantCond is a condition on the department, as every request has.
var tenantCond = regexp.MustCompile(`\btenant_id\s*(=|IN\b)`)

func accepted(s *Statement) bool {
	if len(s.Methods) == 0 {
		return false
	}
	for m := range s.Methods {
		if _, ok := AcceptedScans[m]; !ok && !strings.HasPrefix(m[strings.Index(m, ".")+1:], "Transact") {
			return false
		}
	}
	return true
}

func onRequestPath(s *Statement) bool {
	national := !tenantCond.MatchString(s.SQL)
	if len(s.Methods) == 0 {
		// Run on a goroutine of its own (InGoroutines: Report, which is
		// NationalOnly too).
		return !national
	}
	for m := range s.Methods {
		if national && NationalOnly[m] {
			continue
		}
		if _, off := OffRequestPath[m]; !off {
			return true
		}
	}
	return false
}

func oneLine(q string) string { return strings.Join(strings.Fields(q), " ") }

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// planDB opens a migrated database of engine e outside any test and fills
// it: two departments, PlanDossiers generated dossiers with their roll-ups,
// an event and an audit entry each.
func planDB(ctx context.Context, e sqlstore.Engine) (*sqlstore.DB, func(), error) {
	var dsn string
	var drop func()
	switch e {
	case sqlstore.SQLite:
		dir, err := os.MkdirTemp("", "tuphap-plans-")
		if err != nil {
			return nil, nil, err
		}
		dsn, drop = "sqlite:"+filepath.Join(dir, "plans.db"), func() { os.RemoveAll(dir) }
	case sqlstore.Postgres:
		base := os.Getenv(EnvPostgres)
		if base == "" {
			return nil, nil, fmt.Errorf("%s is empty", EnvPostgres)
		}
		var err error
		if dsn, drop, err = pgSchema(ctx, base); err != nil {
			return nil, nil, err
		}
	}
	db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
	if err != nil {
		drop()
		return nil, nil, err
	}
	done := func() { db.Close(); drop() }
	if err := fillForPlans(ctx, db); err != nil {
		done()
		return nil, nil, err
	}
	return db, done, nil
}

func fillForPlans(ctx context.Context, db *sqlstore.DB) error {
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	procs, err := gen.Procedures()
	if err != nil {
		return err
	}
	today := calendar.DateOf(time.Now())
	for i, code := range []string{"PLAN-A", "PLAN-B"} {
		ten := org.Tenant{ID: "plan-" + code, Code: code, Name: "Sở Tư pháp " + code, AgencyID: fmt.Sprintf("000.00.00.H%02d", 10+i),
			ProvinceCode: "82", CreatedAt: time.Now().UTC()}
		if err := db.Org().Transact(ctx, func(tx org.Tx) error { return tx.InsertTenant(ctx, ten) }); err != nil {
			return err
		}
		var batch []*dossier.Dossier
		cfg := gen.Config{TenantID: ten.ID, AgencyID: ten.AgencyID, IDPrefix: code + "-", From: today.AddDays(-365), To: today,
			Today: today, Count: PlanDossiers / 2, Seed: uint64(i + 1)}
		err := gen.Dossiers(cfg, procs, func(d *dossier.Dossier) error {
			batch = append(batch, d)
			if len(batch) < 2000 {
				return nil
			}
			err := db.Dossiers().BulkInsertDossiers(ctx, batch)
			batch = batch[:0]
			return err
		})
		if err == nil {
			err = db.Dossiers().BulkInsertDossiers(ctx, batch)
		}
		if err != nil {
			return err
		}
	}
	if err := db.FillHistoryForPlans(ctx); err != nil {
		return err
	}
	if db.Engine() == sqlstore.Postgres {
		return db.Analyze(ctx)
	}
	return nil
}

func pgSchema(ctx context.Context, base string) (string, func(), error) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	schema := fmt.Sprintf("plans_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, err
	}
	dsn := base + "&search_path=" + schema
	if !strings.Contains(base, "?") {
		dsn = base + "?search_path=" + schema
	}
	return dsn, func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}, nil
}

// exportedMethods lists the exported methods ("Type.Method") of the
// exported types declared in dir (non-test files). Transact methods run
// their caller's function and have no SQL of their own.
func exportedMethods(dir string) ([]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	var out []string
	{
		for _, f := range files {
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Recv == nil || !fn.Name.IsExported() {
					continue
				}
				t := fn.Recv.List[0].Type
				if s, ok := t.(*ast.StarExpr); ok {
					t = s.X
				}
				if id, ok := t.(*ast.Ident); ok && id.IsExported() {
					out = append(out, id.Name+"."+fn.Name.Name)
				}
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

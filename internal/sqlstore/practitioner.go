package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/practitioner"
)

// PractitionerStore implements practitioner.Store: the department's
// registers of judicial-support practitioners.
type PractitionerStore struct{ *DB }

// practitionerTx is the register's write transaction.
type practitionerTx struct{ tx *Tx }

var (
	_ practitioner.Store = PractitionerStore{}
	_ practitioner.Tx    = practitionerTx{}
)

// Practitioners returns the practitioners register's store.
func (db *DB) Practitioners() PractitionerStore { return PractitionerStore{db} }

// TransactPractitioner runs fn in a write transaction.
func (s PractitionerStore) TransactPractitioner(ctx context.Context, fn func(practitioner.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(practitionerTx{tx}) })
}

// Within is the register's view of a dossier transaction of this store, so
// that resolving a registration dossier writes the register entry with it.
func (PractitionerStore) Within(tx dossier.Tx) (practitioner.Tx, bool) {
	t, ok := txOf(tx)
	if !ok {
		return nil, false
	}
	return practitionerTx{t}, true
}

func (t practitionerTx) Now() time.Time                                 { return t.tx.Now() }
func (t practitionerTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

func prDay(s string) time.Time {
	p, _ := parseDayCol(s)
	if p == nil {
		return time.Time{}
	}
	return *p
}

const prOrgCols = `id, profession, kind, name, reg_no, registered_on, commune_code, address, head, phone, tax_code, status, successor_id`

func scanPrOrg(sc interface{ Scan(...any) error }) (practitioner.Organisation, error) {
	var o practitioner.Organisation
	var prof, kind, reg, st string
	err := sc.Scan(&o.ID, &prof, &kind, &o.Name, &o.RegNo, &reg, &o.CommuneCode, &o.Address, &o.Head, &o.Phone, &o.TaxCode, &st, &o.SuccessorID)
	o.Profession, o.Kind, o.Status, o.RegisteredOn = practitioner.Profession(prof), practitioner.OrgKind(kind), practitioner.Status(st), prDay(reg)
	return o, mapErr(err)
}

func (t practitionerTx) InsertOrg(ctx context.Context, tenantID string, o practitioner.Organisation) error {
	_, err := t.tx.exec(ctx, `INSERT INTO pr_orgs (tenant_id, `+prOrgCols+`, created_at, search)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		tenantID, o.ID, string(o.Profession), string(o.Kind), o.Name, o.RegNo, isoDay(o.RegisteredOn), o.CommuneCode,
		o.Address, o.Head, o.Phone, o.TaxCode, string(o.Status), o.SuccessorID, t.tx.now, orgSearch(o))
	return err
}

func (t practitionerTx) UpdateOrg(ctx context.Context, tenantID string, o practitioner.Organisation) error {
	return affectOne(t.tx.exec(ctx, `UPDATE pr_orgs SET name = $3, reg_no = $4, commune_code = $5, address = $6, head = $7,
		phone = $8, tax_code = $9, status = $10, successor_id = $11, search = $12 WHERE tenant_id = $1 AND id = $2`,
		tenantID, o.ID, o.Name, o.RegNo, o.CommuneCode, o.Address, o.Head, o.Phone, o.TaxCode, string(o.Status), o.SuccessorID, orgSearch(o)))
}

func (t practitionerTx) OrgByRegNo(ctx context.Context, tenantID, regNo, taxCode string) (practitioner.Organisation, error) {
	if regNo != "" {
		return scanPrOrg(t.tx.queryRow(ctx, `SELECT `+prOrgCols+` FROM pr_orgs WHERE tenant_id = $1 AND reg_no = $2`, tenantID, regNo))
	}
	return scanPrOrg(t.tx.queryRow(ctx, `SELECT `+prOrgCols+` FROM pr_orgs WHERE tenant_id = $1 AND tax_code = $2 AND tax_code <> ''
		ORDER BY registered_on DESC LIMIT 1`, tenantID, taxCode))
}

func (t practitionerTx) LockOrg(ctx context.Context, tenantID, id string) (practitioner.Organisation, error) {
	q := `SELECT ` + prOrgCols + ` FROM pr_orgs WHERE tenant_id = $1 AND id = $2`
	if t.tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	return scanPrOrg(t.tx.queryRow(ctx, q, tenantID, id))
}

const prPersonCols = `id, profession, full_name, birth_date, female, card_no, appointed_on, org_id, status, practising_on`

func scanPrPerson(sc interface{ Scan(...any) error }) (practitioner.Person, error) {
	var p practitioner.Person
	var prof, birth, app, st string
	err := sc.Scan(&p.ID, &prof, &p.FullName, &birth, &p.Female, &p.CardNo, &app, &p.OrgID, &st, &p.PractisingOn)
	p.Profession, p.Status, p.BirthDate, p.AppointedOn = practitioner.Profession(prof), practitioner.Status(st), prDay(birth), prDay(app)
	return p, mapErr(err)
}

func (t practitionerTx) InsertPerson(ctx context.Context, tenantID string, p practitioner.Person) error {
	_, err := t.tx.exec(ctx, `INSERT INTO pr_people (tenant_id, `+prPersonCols+`, created_at, search)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		tenantID, p.ID, string(p.Profession), p.FullName, isoDay(p.BirthDate), p.Female, p.CardNo, isoDay(p.AppointedOn),
		p.OrgID, string(p.Status), p.PractisingOn, t.tx.now, catalog.Fold(p.FullName+" "+p.CardNo))
	return err
}

func (t practitionerTx) UpdatePerson(ctx context.Context, tenantID string, p practitioner.Person) error {
	return affectOne(t.tx.exec(ctx, `UPDATE pr_people SET full_name = $3, birth_date = $4, female = $5, card_no = $6,
		org_id = $7, status = $8, practising_on = $9, search = $10 WHERE tenant_id = $1 AND id = $2`,
		tenantID, p.ID, p.FullName, isoDay(p.BirthDate), p.Female, p.CardNo, p.OrgID, string(p.Status), p.PractisingOn,
		catalog.Fold(p.FullName+" "+p.CardNo)))
}

func (t practitionerTx) LockPerson(ctx context.Context, tenantID, id string) (practitioner.Person, error) {
	q := `SELECT ` + prPersonCols + ` FROM pr_people WHERE tenant_id = $1 AND id = $2`
	if t.tx.db.engine == Postgres {
		q += ` FOR UPDATE`
	}
	return scanPrPerson(t.tx.queryRow(ctx, q, tenantID, id))
}

func (t practitionerTx) InsertEvent(ctx context.Context, tenantID string, e practitioner.Event) error {
	_, err := t.tx.exec(ctx, `INSERT INTO pr_events (tenant_id, id, subject, subject_id, kind, on_day, from_status, to_status,
		decision_no, decision_on, dossier_code, note, officer, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		tenantID, e.ID, string(e.Subject), e.SubjectID, string(e.Kind), isoDay(e.On), string(e.From), string(e.To),
		e.DecisionNo, dayOrEmpty(e.DecisionOn), e.DossierCode, e.Note, e.Officer, t.tx.now)
	return err
}

func (t practitionerTx) SaveFiling(ctx context.Context, tenantID string, f practitioner.Filing) error {
	figs, err := json.Marshal(f.Figures)
	if err != nil {
		return err
	}
	res, err := t.tx.exec(ctx, `UPDATE pr_filings SET figures = $6, filed_at = $7, filed_by = $8, note = $9, late = $10, replaced = replaced + 1
		WHERE tenant_id = $1 AND org_id = $2 AND form = $3 AND year = $4 AND period = $5`,
		tenantID, f.OrgID, f.Form, f.Year, string(f.Period), string(figs), f.FiledAt, f.FiledBy, f.Note, f.Late)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = t.tx.exec(ctx, `INSERT INTO pr_filings (tenant_id, id, org_id, form, year, period, figures, filed_at, filed_by, note, late)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		tenantID, f.ID, f.OrgID, f.Form, f.Year, string(f.Period), string(figs), f.FiledAt, f.FiledBy, f.Note, f.Late)
	return err
}

const prViBangCols = `id, office_id, bailiff_id, no, title, requester, made_on, received_on, registered_on, reg_no, refused`

func scanViBang(sc interface{ Scan(...any) error }) (practitioner.ViBang, error) {
	var v practitioner.ViBang
	var made, rec, reg string
	if err := sc.Scan(&v.ID, &v.OfficeID, &v.BailiffID, &v.No, &v.Title, &v.Requester, &made, &rec, &reg, &v.RegNo, &v.Refused); err != nil {
		return v, mapErr(err)
	}
	v.MadeOn, v.ReceivedOn = prDay(made), prDay(rec)
	v.RegisteredOn, _ = parseDayCol(reg)
	return v, nil
}

func (t practitionerTx) InsertViBang(ctx context.Context, tenantID string, v practitioner.ViBang) error {
	_, err := t.tx.exec(ctx, `INSERT INTO pr_vibang (tenant_id, `+prViBangCols+`, created_at, search)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		tenantID, v.ID, v.OfficeID, v.BailiffID, v.No, v.Title, v.Requester, isoDay(v.MadeOn), isoDay(v.ReceivedOn),
		dayOrEmpty(v.RegisteredOn), v.RegNo, v.Refused, t.tx.now, catalog.Fold(v.No+" "+v.RegNo+" "+v.Title+" "+v.Requester))
	return err
}

func (t practitionerTx) UpdateViBang(ctx context.Context, tenantID string, v practitioner.ViBang) error {
	return affectOne(t.tx.exec(ctx, `UPDATE pr_vibang SET registered_on = $3, reg_no = $4, refused = $5, search = $6 WHERE tenant_id = $1 AND id = $2`,
		tenantID, v.ID, dayOrEmpty(v.RegisteredOn), v.RegNo, v.Refused, catalog.Fold(v.No+" "+v.RegNo+" "+v.Title+" "+v.Requester)))
}

func (t practitionerTx) NextViBangNo(ctx context.Context, tenantID string, year int) (int, error) {
	res, err := t.tx.exec(ctx, `UPDATE pr_vibang_seq SET n = n + 1 WHERE tenant_id = $1 AND year = $2`, tenantID, year)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := t.tx.exec(ctx, `INSERT INTO pr_vibang_seq (tenant_id, year, n) VALUES ($1, $2, 1)`, tenantID, year); err != nil {
			return 0, err
		}
		return 1, nil
	}
	var n int
	err = t.tx.queryRow(ctx, `SELECT n FROM pr_vibang_seq WHERE tenant_id = $1 AND year = $2`, tenantID, year).Scan(&n)
	return n, mapErr(err)
}

type inspectionBody struct {
	Findings        []practitioner.Finding        `json:"findings"`
	Sanctions       []practitioner.Sanction       `json:"sanctions"`
	Recommendations []practitioner.Recommendation `json:"recommendations"`
}

func (t practitionerTx) SaveInspection(ctx context.Context, tenantID string, in practitioner.Inspection) error {
	body, err := json.Marshal(inspectionBody{in.Findings, in.Sanctions, in.Recommendations})
	if err != nil {
		return err
	}
	res, err := t.tx.exec(ctx, `UPDATE pr_inspections SET decision_no = $3, decision_on = $4, team = $5, status = $6, concluded_on = $7, body = $8
		WHERE tenant_id = $1 AND id = $2`, tenantID, in.ID, in.DecisionNo, dayOrEmpty(in.DecisionOn), in.Team, string(in.Status),
		dayOrEmpty(in.ConcludedOn), string(body))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = t.tx.exec(ctx, `INSERT INTO pr_inspections (tenant_id, id, year, org_id, planned, decision_no, decision_on, team, status,
		concluded_on, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		tenantID, in.ID, in.Year, in.OrgID, in.Planned, in.DecisionNo, dayOrEmpty(in.DecisionOn), in.Team, string(in.Status),
		dayOrEmpty(in.ConcludedOn), string(body), t.tx.now)
	return err
}

// ---- reads ----

type whereBuilder struct {
	sb   strings.Builder
	args []any
}

func (w *whereBuilder) add(cond string, v any) {
	w.args = append(w.args, v)
	w.sb.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(w.args))))
}

func (w *whereBuilder) page(limit, offset int) {
	if limit > 0 {
		w.sb.WriteString(" LIMIT " + itoa(limit))
		if offset > 0 {
			w.sb.WriteString(" OFFSET " + itoa(offset))
		}
	}
}

func orgSearch(o practitioner.Organisation) string {
	return catalog.Fold(o.Name + " " + o.RegNo + " " + o.Address + " " + o.TaxCode)
}

// likeOf is the pattern of a look-up in a folded search column.
func likeOf(q string) string { return contains(catalog.Fold(q)) }

// Orgs lists the register's organisations by profession and name.
func (s PractitionerStore) Orgs(ctx context.Context, tenantID string, f practitioner.OrgFilter) ([]practitioner.Organisation, error) {
	w := &whereBuilder{args: []any{tenantID}}
	w.sb.WriteString(`SELECT ` + prOrgCols + ` FROM pr_orgs WHERE tenant_id = $1`)
	if f.Profession != "" {
		w.add("profession = ?", string(f.Profession))
	}
	if f.Kind != "" {
		w.add("kind = ?", string(f.Kind))
	}
	if f.Status != "" {
		w.add("status = ?", string(f.Status))
	}
	if f.CommuneCode != "" {
		w.add("commune_code = ?", f.CommuneCode)
	}
	if strings.TrimSpace(f.Query) != "" {
		l := likeOf(f.Query)
		w.args = append(w.args, l)
		n := "$" + itoa(len(w.args))
		w.sb.WriteString(" AND search LIKE " + n + likeEscape)
	}
	w.sb.WriteString(" ORDER BY profession, name, id")
	w.page(f.Limit, f.Offset)
	rows, err := s.r.QueryContext(ctx, w.sb.String(), w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []practitioner.Organisation
	for rows.Next() {
		o, err := scanPrOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}

// Org returns one organisation.
func (s PractitionerStore) Org(ctx context.Context, tenantID, id string) (practitioner.Organisation, error) {
	return scanPrOrg(s.r.QueryRowContext(ctx, `SELECT `+prOrgCols+` FROM pr_orgs WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// People lists the register's practitioners.
func (s PractitionerStore) People(ctx context.Context, tenantID string, f practitioner.PersonFilter) ([]practitioner.Person, error) {
	w := &whereBuilder{args: []any{tenantID}}
	w.sb.WriteString(`SELECT ` + prPersonCols + ` FROM pr_people WHERE tenant_id = $1`)
	if f.Profession != "" {
		w.add("profession = ?", string(f.Profession))
	}
	if f.Status != "" {
		w.add("status = ?", string(f.Status))
	}
	if f.OrgID != "" {
		w.add("org_id = ?", f.OrgID)
	}
	if strings.TrimSpace(f.Query) != "" {
		l := likeOf(f.Query)
		w.args = append(w.args, l)
		n := "$" + itoa(len(w.args))
		w.sb.WriteString(" AND search LIKE " + n + likeEscape)
	}
	w.sb.WriteString(" ORDER BY profession, full_name, id")
	w.page(f.Limit, f.Offset)
	rows, err := s.r.QueryContext(ctx, w.sb.String(), w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []practitioner.Person
	for rows.Next() {
		p, err := scanPrPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// Person returns one practitioner.
func (s PractitionerStore) Person(ctx context.Context, tenantID, id string) (practitioner.Person, error) {
	return scanPrPerson(s.r.QueryRowContext(ctx, `SELECT `+prPersonCols+` FROM pr_people WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

const prEventCols = `id, subject, subject_id, kind, on_day, from_status, to_status, decision_no, decision_on, dossier_code, note, officer`

func (s PractitionerStore) events(ctx context.Context, q string, args ...any) ([]practitioner.Event, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []practitioner.Event
	for rows.Next() {
		var e practitioner.Event
		var subj, kind, on, from, to, dec string
		if err := rows.Scan(&e.ID, &subj, &e.SubjectID, &kind, &on, &from, &to, &e.DecisionNo, &dec, &e.DossierCode, &e.Note, &e.Officer); err != nil {
			return nil, mapErr(err)
		}
		e.Subject, e.Kind, e.From, e.To, e.On = practitioner.Subject(subj), practitioner.EventKind(kind), practitioner.Status(from), practitioner.Status(to), prDay(on)
		e.DecisionOn, _ = parseDayCol(dec)
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// History lists an entry's events, oldest first.
func (s PractitionerStore) History(ctx context.Context, tenantID string, subject practitioner.Subject, id string) ([]practitioner.Event, error) {
	return s.events(ctx, `SELECT `+prEventCols+` FROM pr_events WHERE tenant_id = $1 AND subject = $2 AND subject_id = $3
		ORDER BY on_day, created_at, id`, tenantID, string(subject), id)
}

// EventsBetween lists the events of days in [from, to] (from zero = all
// before to), for the figures.
func (s PractitionerStore) EventsBetween(ctx context.Context, tenantID string, from, to time.Time) ([]practitioner.Event, error) {
	lo := ""
	if !from.IsZero() {
		lo = isoDay(from)
	}
	return s.events(ctx, `SELECT `+prEventCols+` FROM pr_events WHERE tenant_id = $1 AND on_day >= $2 AND on_day <= $3
		ORDER BY on_day, created_at, id`, tenantID, lo, isoDay(to))
}

func (s PractitionerStore) filings(ctx context.Context, q string, args ...any) ([]practitioner.Filing, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []practitioner.Filing
	for rows.Next() {
		var f practitioner.Filing
		var period, figs string
		if err := rows.Scan(&f.ID, &f.OrgID, &f.Form, &f.Year, &period, &figs, &f.FiledAt, &f.FiledBy, &f.Note, &f.Late, &f.Replaced); err != nil {
			return nil, mapErr(err)
		}
		f.Period, f.FiledAt = practitioner.ReportPeriod(period), f.FiledAt.UTC()
		if err := json.Unmarshal([]byte(figs), &f.Figures); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, mapErr(rows.Err())
}

const prFilingCols = `id, org_id, form, year, period, figures, filed_at, filed_by, note, late, replaced`

// Filings lists the filings of a form, year and period.
func (s PractitionerStore) Filings(ctx context.Context, tenantID, form string, year int, period practitioner.ReportPeriod) ([]practitioner.Filing, error) {
	return s.filings(ctx, `SELECT `+prFilingCols+` FROM pr_filings WHERE tenant_id = $1 AND form = $2 AND year = $3 AND period = $4
		ORDER BY org_id`, tenantID, form, year, string(period))
}

// FilingsOf lists an organisation's filings, newest first.
func (s PractitionerStore) FilingsOf(ctx context.Context, tenantID, orgID string) ([]practitioner.Filing, error) {
	return s.filings(ctx, `SELECT `+prFilingCols+` FROM pr_filings WHERE tenant_id = $1 AND org_id = $2
		ORDER BY year DESC, period DESC`, tenantID, orgID)
}

// ViBangs lists bailiffs' records, newest made first; a text look-up
// without a period reads the last two years.
func (s PractitionerStore) ViBangs(ctx context.Context, tenantID string, f practitioner.ViBangFilter) ([]practitioner.ViBang, error) {
	w := &whereBuilder{args: []any{tenantID}}
	w.sb.WriteString(`SELECT ` + prViBangCols + ` FROM pr_vibang WHERE tenant_id = $1`)
	if f.OfficeID != "" {
		w.add("office_id = ?", f.OfficeID)
	}
	if strings.TrimSpace(f.Query) != "" && f.From == nil {
		// A text look-up reads an index range: the records made in the
		// last two years unless a period is given.
		from := s.DB.Now().AddDate(-2, 0, 0)
		f.From = &from
	}
	if f.From != nil {
		w.add("made_on >= ?", isoDay(*f.From))
	}
	if f.To != nil {
		w.add("made_on <= ?", isoDay(*f.To))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		l := likeOf(q)
		w.args = append(w.args, l)
		n := "$" + itoa(len(w.args))
		w.sb.WriteString(" AND search LIKE " + n + likeEscape)
	}
	w.sb.WriteString(" ORDER BY made_on DESC, id")
	w.page(f.Limit, f.Offset)
	rows, err := s.r.QueryContext(ctx, w.sb.String(), w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []practitioner.ViBang
	for rows.Next() {
		v, err := scanViBang(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

// ViBang returns one record.
func (s PractitionerStore) ViBang(ctx context.Context, tenantID, id string) (practitioner.ViBang, error) {
	return scanViBang(s.r.QueryRowContext(ctx, `SELECT `+prViBangCols+` FROM pr_vibang WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

const prInspCols = `id, year, org_id, planned, decision_no, decision_on, team, status, concluded_on, body`

func scanInspection(sc interface{ Scan(...any) error }) (practitioner.Inspection, error) {
	var in practitioner.Inspection
	var dec, st, conc, body string
	if err := sc.Scan(&in.ID, &in.Year, &in.OrgID, &in.Planned, &in.DecisionNo, &dec, &in.Team, &st, &conc, &body); err != nil {
		return in, mapErr(err)
	}
	in.Status = practitioner.InspectionStatus(st)
	in.DecisionOn, _ = parseDayCol(dec)
	in.ConcludedOn, _ = parseDayCol(conc)
	var b inspectionBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return in, err
	}
	in.Findings, in.Sanctions, in.Recommendations = b.Findings, b.Sanctions, b.Recommendations
	return in, nil
}

// Inspections lists a year's checks.
func (s PractitionerStore) Inspections(ctx context.Context, tenantID string, year int) ([]practitioner.Inspection, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+prInspCols+` FROM pr_inspections WHERE tenant_id = $1 AND year = $2 ORDER BY org_id, id`, tenantID, year)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []practitioner.Inspection
	for rows.Next() {
		in, err := scanInspection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, mapErr(rows.Err())
}

// Inspection returns one check.
func (s PractitionerStore) Inspection(ctx context.Context, tenantID, id string) (practitioner.Inspection, error) {
	return scanInspection(s.r.QueryRowContext(ctx, `SELECT `+prInspCols+` FROM pr_inspections WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (t practitionerTx) SetFilingKey(ctx context.Context, tenantID, orgID, hash string) error {
	return affectOne(t.tx.exec(ctx, `UPDATE pr_orgs SET filing_key = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, orgID, hash))
}

// FilingKey returns the organisation of a registration number and the hash
// of its reporting code.
func (s PractitionerStore) FilingKey(ctx context.Context, tenantID, regNo string) (practitioner.Organisation, string, error) {
	var key string
	var o practitioner.Organisation
	var prof, kind, reg, st string
	err := s.r.QueryRowContext(ctx, `SELECT `+prOrgCols+`, filing_key FROM pr_orgs WHERE tenant_id = $1 AND reg_no = $2
		ORDER BY registered_on DESC LIMIT 1`, tenantID, regNo).
		Scan(&o.ID, &prof, &kind, &o.Name, &o.RegNo, &reg, &o.CommuneCode, &o.Address, &o.Head, &o.Phone, &o.TaxCode, &st, &o.SuccessorID, &key)
	o.Profession, o.Kind, o.Status, o.RegisteredOn = practitioner.Profession(prof), practitioner.OrgKind(kind), practitioner.Status(st), prDay(reg)
	return o, key, mapErr(err)
}

package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/legalaid"
)

// LegalAidStore implements legalaid.Store: the state legal-aid register, in
// the department's tenant.
type LegalAidStore struct{ *DB }

// legalAidTx is the register's write transaction.
type legalAidTx struct{ tx *Tx }

var (
	_ legalaid.Store = LegalAidStore{}
	_ legalaid.Tx    = legalAidTx{}
)

// LegalAid returns the legal-aid register's store.
func (db *DB) LegalAid() LegalAidStore { return LegalAidStore{db} }

// TransactLegalAid runs fn in a write transaction.
func (s LegalAidStore) TransactLegalAid(ctx context.Context, fn func(legalaid.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(legalAidTx{tx}) })
}

func (t legalAidTx) Now() time.Time { return t.tx.Now() }

func (t legalAidTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

func (t legalAidTx) SaveUnit(ctx context.Context, tenantID string, u legalaid.Unit) error {
	_, err := t.tx.exec(ctx, `INSERT INTO legalaid_units (tenant_id, code, name) VALUES ($1, $2, $3)
		ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name`, tenantID, u.Code, u.Name)
	return err
}

func (s LegalAidStore) Units(ctx context.Context, tenantID string) ([]legalaid.Unit, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT code, name FROM legalaid_units WHERE tenant_id = $1 ORDER BY code = 'TT' DESC, code`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legalaid.Unit
	for rows.Next() {
		var u legalaid.Unit
		if err := rows.Scan(&u.Code, &u.Name); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, u)
	}
	return out, mapErr(rows.Err())
}

func (t legalAidTx) InsertProvider(ctx context.Context, tenantID string, p legalaid.Provider) error {
	_, err := t.tx.exec(ctx, `INSERT INTO legalaid_providers (tenant_id, id, kind, full_name, sex, unit_code, organisation, contract_no, from_on, to_on, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, tenantID, p.ID, string(p.Kind), p.FullName, p.Sex, p.UnitCode,
		p.Organisation, p.ContractNo, isoDay(p.From), dayOrEmpty(p.To), t.tx.now)
	return err
}

func (t legalAidTx) UpdateProvider(ctx context.Context, tenantID string, p legalaid.Provider) error {
	return affectOne(t.tx.exec(ctx, `UPDATE legalaid_providers SET kind = $3, full_name = $4, sex = $5, unit_code = $6, organisation = $7,
		contract_no = $8, from_on = $9, to_on = $10 WHERE tenant_id = $1 AND id = $2`, tenantID, p.ID, string(p.Kind), p.FullName, p.Sex,
		p.UnitCode, p.Organisation, p.ContractNo, isoDay(p.From), dayOrEmpty(p.To)))
}

const providerCols = `id, kind, full_name, sex, unit_code, organisation, contract_no, from_on, to_on`

func scanProvider(sc interface{ Scan(...any) error }) (legalaid.Provider, error) {
	var p legalaid.Provider
	var kind, from, to string
	if err := sc.Scan(&p.ID, &kind, &p.FullName, &p.Sex, &p.UnitCode, &p.Organisation, &p.ContractNo, &from, &to); err != nil {
		return p, mapErr(err)
	}
	p.Kind = legalaid.ProviderKind(kind)
	f, err := parseDayCol(from)
	if err != nil {
		return p, err
	}
	if f != nil {
		p.From = *f
	}
	p.To, err = parseDayCol(to)
	return p, err
}

func (s LegalAidStore) Providers(ctx context.Context, tenantID string) ([]legalaid.Provider, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+providerCols+` FROM legalaid_providers WHERE tenant_id = $1 ORDER BY full_name, id`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legalaid.Provider
	for rows.Next() {
		p, err := scanProvider(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

func (s LegalAidStore) Provider(ctx context.Context, tenantID, id string) (legalaid.Provider, error) {
	return scanProvider(s.r.QueryRowContext(ctx, `SELECT `+providerCols+` FROM legalaid_providers WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (t legalAidTx) NextSeq(ctx context.Context, tenantID, unit string, year int) (int, error) {
	var n int
	err := t.tx.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM legalaid_cases WHERE tenant_id = $1 AND unit_code = $2 AND year = $3 AND seq > 0`,
		tenantID, unit, year).Scan(&n)
	return n, mapErr(err)
}

const laCols = `id, ref, unit_code, code, seq, year, channel, requested_on, requester, persons, group_code, proofs, proof_ok, proof_on,
	urgent, extended, form, field, summary, other_party, accepted_on, proof_due, refused_on, reason, provider_id, assigned_on,
	status, status_on, closed_on, ended_on, result, assessment, fee_vnd, portal_sub, pin_hash, received_at`

const laN = 36

func laArgs(tenantID string, c legalaid.Case) ([]any, error) {
	req, err := json.Marshal(c.Requester)
	if err != nil {
		return nil, err
	}
	other, err := json.Marshal(c.OtherParty)
	if err != nil {
		return nil, err
	}
	as, err := json.Marshal(c.Assessment)
	if err != nil {
		return nil, err
	}
	return []any{tenantID, c.ID, c.Ref, c.UnitCode, c.Code, c.Seq, c.Year, string(c.Channel), isoDay(c.RequestedOn), string(req),
		c.Persons, c.Group, c.Proofs, c.ProofOK, dayOrEmpty(c.ProofOn), string(c.Urgent), c.Extended, string(c.Form), string(c.Field),
		c.Summary, string(other), dayOrEmpty(c.AcceptedOn), dayOrEmpty(c.ProofDue), dayOrEmpty(c.RefusedOn), c.Reason, c.ProviderID,
		dayOrEmpty(c.AssignedOn), string(c.Status), dayOrEmpty(c.StatusOn), dayOrEmpty(c.ClosedOn), dayOrEmpty(c.EndedOn), c.Result,
		string(as), c.FeeVND, c.PortalSub, c.PINHash, ts(c.ReceivedAt), c.Assessment.Rating, dayOrEmpty(c.Assessment.On)}, nil
}

const laInsert = `INSERT INTO legalaid_cases (tenant_id, ` + laCols + `, rating, assessed_on) VALUES `

func laPlaceholders(base int) string {
	var b strings.Builder
	b.WriteByte('(')
	for j := 1; j <= laN+3; j++ {
		if j > 1 {
			b.WriteString(", ")
		}
		b.WriteString("$" + itoa(base+j))
	}
	b.WriteByte(')')
	return b.String()
}

func (t legalAidTx) InsertCase(ctx context.Context, tenantID string, c legalaid.Case) error {
	args, err := laArgs(tenantID, c)
	if err != nil {
		return err
	}
	_, err = t.tx.exec(ctx, laInsert+laPlaceholders(0), args...)
	return err
}

// InsertCases inserts cases in multi-row statements (imports, demo).
func (t legalAidTx) InsertCases(ctx context.Context, tenantID string, cs []legalaid.Case) error {
	const batch = 8
	for len(cs) > 0 {
		n := min(batch, len(cs))
		var q strings.Builder
		q.WriteString(laInsert)
		var args []any
		for i, c := range cs[:n] {
			a, err := laArgs(tenantID, c)
			if err != nil {
				return err
			}
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(laPlaceholders(len(args)))
			args = append(args, a...)
		}
		if _, err := t.tx.exec(ctx, q.String(), args...); err != nil {
			return err
		}
		cs = cs[n:]
	}
	return nil
}

func (t legalAidTx) UpdateCase(ctx context.Context, tenantID string, c legalaid.Case) error {
	args, err := laArgs(tenantID, c)
	if err != nil {
		return err
	}
	cols := strings.Split(strings.Join(strings.Fields(laCols), ""), ",")
	cols = append(cols, "rating", "assessed_on")
	var set []string
	for i, col := range cols {
		if col == "id" {
			continue
		}
		set = append(set, col+" = $"+itoa(i+2))
	}
	return affectOne(t.tx.exec(ctx, `UPDATE legalaid_cases SET `+strings.Join(set, ", ")+` WHERE tenant_id = $1 AND id = $2`, args...))
}

func scanLA(sc interface{ Scan(...any) error }) (legalaid.Case, error) {
	var c legalaid.Case
	var channel, req, urgent, form, field, other, status, as string
	var requested, proofOn, accepted, proofDue, refused, assigned, statusOn, closed, ended string
	err := sc.Scan(&c.ID, &c.Ref, &c.UnitCode, &c.Code, &c.Seq, &c.Year, &channel, &requested, &req, &c.Persons, &c.Group, &c.Proofs,
		&c.ProofOK, &proofOn, &urgent, &c.Extended, &form, &field, &c.Summary, &other, &accepted, &proofDue, &refused, &c.Reason,
		&c.ProviderID, &assigned, &status, &statusOn, &closed, &ended, &c.Result, &as, &c.FeeVND, &c.PortalSub, &c.PINHash, &c.ReceivedAt)
	if err != nil {
		return c, mapErr(err)
	}
	c.Channel, c.Urgent, c.Form, c.Field, c.Status = legalaid.Channel(channel), legalaid.Urgent(urgent), legalaid.Form(form), legalaid.Field(field), legalaid.Status(status)
	if err := json.Unmarshal([]byte(req), &c.Requester); err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(other), &c.OtherParty); err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(as), &c.Assessment); err != nil {
		return c, err
	}
	r, err := parseDayCol(requested)
	if err != nil {
		return c, err
	}
	if r != nil {
		c.RequestedOn = *r
	}
	for _, d := range []struct {
		s   string
		dst **time.Time
	}{{proofOn, &c.ProofOn}, {accepted, &c.AcceptedOn}, {proofDue, &c.ProofDue}, {refused, &c.RefusedOn}, {assigned, &c.AssignedOn},
		{statusOn, &c.StatusOn}, {closed, &c.ClosedOn}, {ended, &c.EndedOn}} {
		if *d.dst, err = parseDayCol(d.s); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (s LegalAidStore) Case(ctx context.Context, tenantID, id string) (legalaid.Case, error) {
	return scanLA(s.r.QueryRowContext(ctx, `SELECT `+laCols+` FROM legalaid_cases WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func (s LegalAidStore) CaseByRef(ctx context.Context, tenantID, ref string) (legalaid.Case, error) {
	return scanLA(s.r.QueryRowContext(ctx, `SELECT `+laCols+` FROM legalaid_cases WHERE tenant_id = $1 AND ref = $2`, tenantID, ref))
}

func (s LegalAidStore) list(ctx context.Context, q string, args ...any) ([]legalaid.Case, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legalaid.Case
	for rows.Next() {
		c, err := scanLA(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

func (s LegalAidStore) ProviderCases(ctx context.Context, tenantID, providerID string) ([]legalaid.Case, error) {
	return s.list(ctx, `SELECT `+laCols+` FROM legalaid_cases WHERE tenant_id = $1 AND provider_id = $2 ORDER BY requested_on, id`, tenantID, providerID)
}

func (s LegalAidStore) PortalCases(ctx context.Context, tenantID, subject string) ([]legalaid.Case, error) {
	if subject == "" {
		return nil, nil
	}
	return s.list(ctx, `SELECT `+laCols+` FROM legalaid_cases WHERE tenant_id = $1 AND portal_sub = $2 AND portal_sub <> '' ORDER BY requested_on DESC, id DESC`, tenantID, subject)
}

// Cases lists the book, newest request first, a page at a time.
func (s LegalAidStore) Cases(ctx context.Context, tenantID string, f legalaid.CaseFilter) ([]legalaid.Case, error) {
	var w strings.Builder
	args := []any{tenantID}
	w.WriteString(`SELECT ` + laCols + ` FROM legalaid_cases WHERE tenant_id = $1`)
	arg := func(v any) string { args = append(args, v); return "$" + itoa(len(args)) }
	if f.Unit != "" {
		w.WriteString(" AND unit_code = " + arg(f.Unit))
	}
	if f.Status != "" {
		w.WriteString(" AND status = " + arg(string(f.Status)))
	}
	if f.Form != "" {
		w.WriteString(" AND form = " + arg(string(f.Form)))
	}
	if f.Field != "" {
		w.WriteString(" AND field = " + arg(string(f.Field)))
	}
	if f.Group != "" {
		w.WriteString(" AND group_code = " + arg(f.Group))
	}
	if f.Provider != "" {
		w.WriteString(" AND provider_id = " + arg(f.Provider))
	}
	if f.From != nil {
		w.WriteString(" AND requested_on >= " + arg(isoDay(*f.From)))
	}
	if f.To != nil {
		w.WriteString(" AND requested_on <= " + arg(isoDay(*f.To)))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := contains(strings.ToLower(q))
		w.WriteString(" AND (LOWER(code) LIKE " + arg(like) + likeEscape + " OR LOWER(ref) LIKE " + arg(like) + likeEscape + " OR LOWER(summary) LIKE " + arg(like) + likeEscape + ")")
	}
	if f.ProofMissing {
		w.WriteString(" AND urgent <> '' AND proof_ok = " + arg(false) + " AND proof_due <> '' AND ended_on = ''")
	}
	if f.Counted != "" {
		from, to := isoDay(f.In.From), isoDay(f.In.To)
		in := func(col string) string {
			return "(" + col + " >= " + arg(from) + " AND " + col + " <= " + arg(to) + ")"
		}
		open := func() string {
			return "(accepted_on <> '' AND accepted_on <= " + arg(to) + " AND (ended_on = '' OR ended_on > " + arg(to) + "))"
		}
		switch f.Counted {
		case "requests":
			w.WriteString(" AND " + in("requested_on"))
		case "accepted":
			w.WriteString(" AND " + in("accepted_on"))
		case "carried_over":
			w.WriteString(" AND accepted_on <> '' AND accepted_on < " + arg(from) + " AND (ended_on = '' OR ended_on >= " + arg(from) + ")")
		case "refused":
			w.WriteString(" AND status = 'refused' AND " + in("refused_on"))
		case "closed":
			w.WriteString(" AND status = 'closed' AND " + in("closed_on"))
		case "ended_other":
			w.WriteString(" AND status IN ('stopped', 'withdrawn', 'transferred') AND " + in("ended_on"))
		case "in_progress":
			w.WriteString(" AND " + open())
		case "assessed":
			w.WriteString(" AND rating <> '' AND " + in("assessed_on"))
		case "good", "meets", "fails":
			w.WriteString(" AND rating = " + arg(f.Counted) + " AND " + in("assessed_on"))
		case "proof_missing":
			w.WriteString(" AND " + open() + " AND urgent <> '' AND proof_due <> '' AND (proof_on = '' OR proof_on > " + arg(to) + ")")
		default:
			return nil, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
		}
	}
	if f.After != "" {
		n1, n2 := arg(tenantID), arg(f.After)
		w.WriteString(` AND (requested_on, id) < (SELECT requested_on, id FROM legalaid_cases WHERE tenant_id = ` + n1 + ` AND id = ` + n2 + `)`)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	w.WriteString(` ORDER BY requested_on DESC, id DESC LIMIT ` + arg(limit))
	if f.Offset > 0 && f.After == "" {
		w.WriteString(` OFFSET ` + arg(f.Offset))
	}
	return s.list(ctx, w.String(), args...)
}

// Tally counts the cases of a period by legalaid.Period.Counts, grouped by
// unit, form, field and group, in one pass over the index range of the
// cases requested by the period's last day and not ended (nor assessed)
// before its first.
func (s LegalAidStore) Tally(ctx context.Context, tenantID, unit string, p legalaid.Period) ([]legalaid.Tally, error) {
	from, to := isoDay(p.From), isoDay(p.To)
	args := []any{tenantID, from, to}
	u := ""
	if unit != "" {
		args = append(args, unit)
		u = " AND unit_code = $4"
	}
	in := func(col string) string { return "(" + col + " >= $2 AND " + col + " <= $3)" }
	open := "(accepted_on <> '' AND accepted_on <= $3 AND (ended_on = '' OR ended_on > $3))"
	sum := func(cond string) string { return "SUM(CASE WHEN " + cond + " THEN 1 ELSE 0 END)" }
	q := `SELECT unit_code, form, field, group_code, ` +
		sum(in("requested_on")) + `, ` +
		sum(in("accepted_on")) + `, ` +
		sum("accepted_on <> '' AND accepted_on < $2 AND (ended_on = '' OR ended_on >= $2)") + `, ` +
		sum("status = 'refused' AND "+in("refused_on")) + `, ` +
		sum(open) + `, ` +
		sum("status = 'closed' AND "+in("closed_on")) + `, ` +
		sum("status IN ('stopped', 'withdrawn', 'transferred') AND "+in("ended_on")) + `, ` +
		sum("rating = 'good' AND "+in("assessed_on")) + `, ` +
		sum("rating = 'meets' AND "+in("assessed_on")) + `, ` +
		sum("rating = 'fails' AND "+in("assessed_on")) + `, ` +
		sum(open+" AND urgent <> '' AND proof_due <> '' AND (proof_on = '' OR proof_on > $3)") + `, ` +
		`SUM(CASE WHEN ` + in("accepted_on") + ` THEN persons ELSE 0 END)
		FROM legalaid_cases WHERE tenant_id = $1 AND requested_on <= $3 AND (ended_on = '' OR ended_on >= $2 OR assessed_on >= $2)` + u + `
		GROUP BY unit_code, form, field, group_code ORDER BY unit_code, form, field, group_code`
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	keys := []string{"requests", "accepted", "carried_over", "refused", "in_progress", "closed", "ended_other", "good", "meets", "fails", "proof_missing"}
	var out []legalaid.Tally
	for rows.Next() {
		var t legalaid.Tally
		var form, field string
		n := make([]int, len(keys))
		dst := []any{&t.Unit, &form, &field, &t.Group}
		for i := range n {
			dst = append(dst, &n[i])
		}
		dst = append(dst, &t.Persons)
		if err := rows.Scan(dst...); err != nil {
			return nil, mapErr(err)
		}
		t.Form, t.Field = legalaid.Form(form), legalaid.Field(field)
		t.Counts = map[string]int{}
		for i, k := range keys {
			if n[i] > 0 {
				t.Counts[k] = n[i]
			}
		}
		if a := n[7] + n[8] + n[9]; a > 0 {
			t.Counts["assessed"] = a
		}
		if len(t.Counts) == 0 && t.Persons == 0 {
			continue // in the index range, but counted by no figure
		}
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

func (t legalAidTx) InsertEvent(ctx context.Context, tenantID string, e legalaid.Event) error {
	_, err := t.tx.exec(ctx, `INSERT INTO legalaid_events (tenant_id, id, case_id, at, kind, body, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		tenantID, e.ID, e.CaseID, ts(e.At), e.Kind, e.Text, e.Actor)
	return err
}

func (s LegalAidStore) Events(ctx context.Context, tenantID, caseID string) ([]legalaid.Event, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, case_id, at, kind, body, actor FROM legalaid_events WHERE tenant_id = $1 AND case_id = $2 ORDER BY at, id`, tenantID, caseID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legalaid.Event
	for rows.Next() {
		var e legalaid.Event
		if err := rows.Scan(&e.ID, &e.CaseID, &e.At, &e.Kind, &e.Text, &e.Actor); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

func (t legalAidTx) InsertDocument(ctx context.Context, tenantID string, d legalaid.Document) error {
	_, err := t.tx.exec(ctx, `INSERT INTO legalaid_documents (tenant_id, id, case_id, name, content_type, size, data, proof, by_citizen, added_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, tenantID, d.ID, d.CaseID, d.Name, d.ContentType, d.Size, d.Data, d.Proof, d.ByCitizen, ts(d.AddedAt))
	return err
}

func (s LegalAidStore) Documents(ctx context.Context, tenantID, caseID string) ([]legalaid.Document, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, case_id, name, content_type, size, proof, by_citizen, added_at FROM legalaid_documents
		WHERE tenant_id = $1 AND case_id = $2 ORDER BY added_at, id`, tenantID, caseID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legalaid.Document
	for rows.Next() {
		var d legalaid.Document
		if err := rows.Scan(&d.ID, &d.CaseID, &d.Name, &d.ContentType, &d.Size, &d.Proof, &d.ByCitizen, &d.AddedAt); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

func (s LegalAidStore) Document(ctx context.Context, tenantID, caseID, id string) (legalaid.Document, error) {
	var d legalaid.Document
	err := s.r.QueryRowContext(ctx, `SELECT id, case_id, name, content_type, size, data, proof, by_citizen, added_at FROM legalaid_documents
		WHERE tenant_id = $1 AND case_id = $2 AND id = $3`, tenantID, caseID, id).Scan(&d.ID, &d.CaseID, &d.Name, &d.ContentType, &d.Size, &d.Data, &d.Proof, &d.ByCitizen, &d.AddedAt)
	return d, mapErr(err)
}

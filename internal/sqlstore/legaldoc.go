package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/legaldoc"
)

// LegalDocStore implements legaldoc.Store: the province's law book, drafts,
// checks and reviews, in the department's partition.
type LegalDocStore struct{ *DB }

type legalDocTx struct{ tx *Tx }

var (
	_ legaldoc.Store = LegalDocStore{}
	_ legaldoc.Tx    = legalDocTx{}
)

// LegalDocs returns the legal documents register's store.
func (db *DB) LegalDocs() LegalDocStore { return LegalDocStore{db} }

// TransactLegalDoc runs fn in a write transaction.
func (s LegalDocStore) TransactLegalDoc(ctx context.Context, fn func(legaldoc.Tx) error) error {
	return s.DB.Transact(ctx, func(tx *Tx) error { return fn(legalDocTx{tx}) })
}

func (t legalDocTx) Now() time.Time { return t.tx.Now() }

func (t legalDocTx) Audit(ctx context.Context, e audit.Entry) error { return t.tx.Audit(ctx, e) }

func dayCol(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return isoDay(t)
}

type scanner interface{ Scan(...any) error }

// ---- Documents.

const docCols = `id, kind, number, title, issuer, commune_code, signer, signed_on, published_on, in_force_on, ends_on, gazette, field, body, file`

// docListCols leave the full text out of lists.
const docListCols = `d.id, d.kind, d.number, d.title, d.issuer, d.commune_code, d.signer, d.signed_on, d.published_on, d.in_force_on, d.ends_on, d.gazette, d.field, '', d.file`

func scanDoc(sc scanner) (legaldoc.Document, error) {
	var d legaldoc.Document
	var kind, signed, pub, inf, ends string
	if err := sc.Scan(&d.ID, &kind, &d.Number, &d.Title, &d.Issuer, &d.CommuneCode, &d.Signer, &signed, &pub, &inf, &ends,
		&d.Gazette, &d.Field, &d.Body, &d.File); err != nil {
		return d, mapErr(err)
	}
	d.Kind = legaldoc.Kind(kind)
	var err error
	if p, e := parseDayCol(signed); e == nil && p != nil {
		d.SignedOn = *p
	} else if e != nil {
		return d, e
	}
	if p, e := parseDayCol(inf); e == nil && p != nil {
		d.InForceOn = *p
	} else if e != nil {
		return d, e
	}
	if d.PublishedOn, err = parseDayCol(pub); err != nil {
		return d, err
	}
	if d.EndsOn, err = parseDayCol(ends); err != nil {
		return d, err
	}
	return d, nil
}

func (t legalDocTx) searchText(d legaldoc.Document) string {
	if t.tx.db.engine == SQLite {
		return "" // the FTS5 table keeps it
	}
	return legaldoc.SearchText(d)
}

func (t legalDocTx) InsertDocument(ctx context.Context, tenantID string, d legaldoc.Document) error {
	_, err := t.tx.exec(ctx, `INSERT INTO legal_documents (tenant_id, id, kind, number, title, issuer, commune_code, signer, signed_on,
		published_on, in_force_on, ends_on, gazette, field, body, file, search_text, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		tenantID, d.ID, string(d.Kind), d.Number, d.Title, d.Issuer, d.CommuneCode, d.Signer, dayCol(d.SignedOn),
		dayOrEmpty(d.PublishedOn), dayCol(d.InForceOn), dayOrEmpty(d.EndsOn), d.Gazette, d.Field, d.Body, d.File, t.searchText(d), t.tx.now)
	if err != nil {
		return err
	}
	if t.tx.db.engine == SQLite {
		_, err = t.tx.exec(ctx, `INSERT INTO legal_documents_fts (search_text, tenant_id, doc_id) VALUES ($1, $2, $3)`,
			legaldoc.SearchText(d), tenantID, d.ID)
	}
	return err
}

func (t legalDocTx) UpdateDocument(ctx context.Context, tenantID string, d legaldoc.Document) error {
	if err := affectOne(t.tx.exec(ctx, `UPDATE legal_documents SET kind = $3, number = $4, title = $5, issuer = $6, commune_code = $7,
		signer = $8, signed_on = $9, published_on = $10, in_force_on = $11, ends_on = $12, gazette = $13, field = $14, body = $15,
		file = $16, search_text = $17 WHERE tenant_id = $1 AND id = $2`,
		tenantID, d.ID, string(d.Kind), d.Number, d.Title, d.Issuer, d.CommuneCode, d.Signer, dayCol(d.SignedOn),
		dayOrEmpty(d.PublishedOn), dayCol(d.InForceOn), dayOrEmpty(d.EndsOn), d.Gazette, d.Field, d.Body, d.File, t.searchText(d))); err != nil {
		return err
	}
	if t.tx.db.engine == SQLite {
		if _, err := t.tx.exec(ctx, `DELETE FROM legal_documents_fts WHERE doc_id = $1 AND tenant_id = $2`, d.ID, tenantID); err != nil {
			return err
		}
		_, err := t.tx.exec(ctx, `INSERT INTO legal_documents_fts (search_text, tenant_id, doc_id) VALUES ($1, $2, $3)`,
			legaldoc.SearchText(d), tenantID, d.ID)
		return err
	}
	return nil
}

func (t legalDocTx) DocumentByNumber(ctx context.Context, tenantID, number, issuer string) (legaldoc.Document, error) {
	return scanDoc(t.tx.queryRow(ctx, `SELECT `+docCols+` FROM legal_documents WHERE tenant_id = $1 AND number = $2 AND issuer = $3`, tenantID, number, issuer))
}

// Document returns one document with its full text.
func (s LegalDocStore) Document(ctx context.Context, tenantID, id string) (legaldoc.Document, error) {
	return scanDoc(s.r.QueryRowContext(ctx, `SELECT `+docCols+` FROM legal_documents WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// ftsQuery is the engine's full-text query for the folded terms: every
// word, the last one as a prefix (the user may still be typing it).
func ftsQuery(e Engine, terms []string) string {
	parts := make([]string, len(terms))
	for i, w := range terms {
		switch {
		case e == SQLite && i == len(terms)-1:
			parts[i] = `"` + w + `"*`
		case e == SQLite:
			parts[i] = `"` + w + `"`
		case i == len(terms)-1:
			parts[i] = w + ":*"
		default:
			parts[i] = w
		}
	}
	if e == SQLite {
		return strings.Join(parts, " ")
	}
	return strings.Join(parts, " & ")
}

// Documents lists the law book, newest signed first: a page of a search
// (full text, without diacritics), of a kind, of an issuer, or the
// documents behind the "issued" figure.
func (s LegalDocStore) Documents(ctx context.Context, tenantID string, f legaldoc.DocFilter) ([]legaldoc.Document, error) {
	var w strings.Builder
	args := []any{tenantID}
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	terms := legaldoc.Terms(f.Query)
	switch {
	case len(terms) > 0 && s.engine == SQLite:
		args = append(args, ftsQuery(SQLite, terms))
		w.WriteString(`SELECT ` + docListCols + ` FROM legal_documents_fts x JOIN legal_documents d ON d.tenant_id = x.tenant_id AND d.id = x.doc_id
			WHERE x.tenant_id = $1 AND legal_documents_fts MATCH $2`)
	case len(terms) > 0:
		args = append(args, ftsQuery(Postgres, terms))
		w.WriteString(`SELECT ` + docListCols + ` FROM legal_documents d
			WHERE d.tenant_id = $1 AND d.search_tsv @@ to_tsquery('simple', $2)`)
	default:
		w.WriteString(`SELECT ` + docListCols + ` FROM legal_documents d WHERE d.tenant_id = $1`)
	}
	if f.Kind != "" {
		add("d.kind = ?", string(f.Kind))
	}
	switch f.CommuneCode {
	case "":
	case "-":
		add("d.commune_code = ?", "")
	default:
		add("d.commune_code = ?", f.CommuneCode)
	}
	if f.Field != "" {
		add("d.field = ?", f.Field)
	}
	if f.Counted == "issued" {
		add("d.signed_on >= ?", isoDay(f.In.From))
		add("d.signed_on <= ?", isoDay(f.In.To))
	}
	if f.ByID {
		if f.After != "" {
			add("d.id > ?", f.After)
		}
		w.WriteString(" ORDER BY d.id")
	} else {
		w.WriteString(" ORDER BY d.signed_on DESC, d.id DESC")
	}
	if f.Limit > 0 {
		args = append(args, f.Limit, f.Offset)
		w.WriteString(" LIMIT $" + itoa(len(args)-1) + " OFFSET $" + itoa(len(args)))
	}
	rows, err := s.r.QueryContext(ctx, w.String(), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legaldoc.Document
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// ---- Relations.

func (t legalDocTx) InsertRelation(ctx context.Context, tenantID string, r legaldoc.Relation) error {
	_, err := t.tx.exec(ctx, `INSERT INTO legal_relations (tenant_id, id, kind, source_id, target_id, articles, effective_on, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tenantID, r.ID, string(r.Kind), r.SourceID, r.TargetID,
		strings.Join(r.Articles, "\n"), isoDay(r.EffectiveOn), r.Note, t.tx.now)
	return err
}

func (t legalDocTx) DeleteRelation(ctx context.Context, tenantID, id string) error {
	return affectOne(t.tx.exec(ctx, `DELETE FROM legal_relations WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

func scanRel(sc scanner) (legaldoc.Relation, error) {
	var r legaldoc.Relation
	var kind, arts, eff string
	if err := sc.Scan(&r.ID, &kind, &r.SourceID, &r.TargetID, &arts, &eff, &r.Note); err != nil {
		return r, mapErr(err)
	}
	r.Kind = legaldoc.RelationKind(kind)
	if arts != "" {
		r.Articles = strings.Split(arts, "\n")
	}
	p, err := parseDayCol(eff)
	if err != nil || p == nil {
		return r, err
	}
	r.EffectiveOn = *p
	return r, nil
}

const relCols = `id, kind, source_id, target_id, articles, effective_on, note`

// Relations are those made by or acting on any of ids.
func (s LegalDocStore) Relations(ctx context.Context, tenantID string, ids []string) ([]legaldoc.Relation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{tenantID}
	ph := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		ph[i] = "$" + itoa(i+2)
	}
	in := strings.Join(ph, ", ")
	rows, err := s.r.QueryContext(ctx, `SELECT `+relCols+` FROM legal_relations WHERE tenant_id = $1 AND target_id IN (`+in+`)
		UNION ALL SELECT `+relCols+` FROM legal_relations WHERE tenant_id = $1 AND source_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	// UNION ALL (each side an index range; UNION would merge them through
	// the primary key): a relation between two of ids comes twice.
	var out []legaldoc.Relation
	seen := map[string]bool{}
	for rows.Next() {
		r, err := scanRel(rows)
		if err != nil {
			return nil, err
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out, mapErr(rows.Err())
}

// Book is the whole law book without texts, and every relation: the figures
// and the yearly lists compute every document's validity.
func (s LegalDocStore) Book(ctx context.Context, tenantID string) ([]legaldoc.Document, []legaldoc.Relation, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+docListCols+` FROM legal_documents d WHERE d.tenant_id = $1`, tenantID)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	var docs []legaldoc.Document
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, mapErr(err)
	}
	rrows, err := s.r.QueryContext(ctx, `SELECT `+relCols+` FROM legal_relations WHERE tenant_id = $1`, tenantID)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	defer rrows.Close()
	var rels []legaldoc.Relation
	for rrows.Next() {
		r, err := scanRel(rrows)
		if err != nil {
			return nil, nil, err
		}
		rels = append(rels, r)
	}
	return docs, rels, mapErr(rrows.Err())
}

// ---- Drafts.

const taskCols = `id, type, draft_kind, origin, title, agency, request_no, received_on, complete_on, missing, due_on, assigned_to,
	council, council_note, findings, conclusion, report_no, report_on, response, responded_on, document_id`

func scanTask(sc scanner) (legaldoc.Task, error) {
	var t legaldoc.Task
	var typ, kind, origin, rec, comp, due, rep, resp string
	if err := sc.Scan(&t.ID, &typ, &kind, &origin, &t.Title, &t.Agency, &t.RequestNo, &rec, &comp, &t.Missing, &due, &t.AssignedTo,
		&t.Council, &t.CouncilNote, &t.Findings, &t.Conclusion, &t.ReportNo, &rep, &t.Response, &resp, &t.DocumentID); err != nil {
		return t, mapErr(err)
	}
	t.Type, t.DraftKind, t.Origin = legaldoc.TaskType(typ), legaldoc.Kind(kind), legaldoc.Origin(origin)
	p, err := parseDayCol(rec)
	if err != nil {
		return t, err
	}
	if p != nil {
		t.ReceivedOn = *p
	}
	for _, x := range []struct {
		s   string
		dst **time.Time
	}{{comp, &t.CompleteOn}, {due, &t.DueOn}, {rep, &t.ReportOn}, {resp, &t.RespondedOn}} {
		if *x.dst, err = parseDayCol(x.s); err != nil {
			return t, err
		}
	}
	return t, nil
}

func taskArgs(tenantID string, t legaldoc.Task) []any {
	return []any{tenantID, t.ID, string(t.Type), string(t.DraftKind), string(t.Origin), t.Title, t.Agency, t.RequestNo,
		dayCol(t.ReceivedOn), dayOrEmpty(t.CompleteOn), t.Missing, dayOrEmpty(t.DueOn), t.AssignedTo, t.Council, t.CouncilNote,
		t.Findings, t.Conclusion, t.ReportNo, dayOrEmpty(t.ReportOn), t.Response, dayOrEmpty(t.RespondedOn), t.DocumentID}
}

func (t legalDocTx) InsertTask(ctx context.Context, tenantID string, x legaldoc.Task) error {
	_, err := t.tx.exec(ctx, `INSERT INTO legal_tasks (tenant_id, `+taskCols+`, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
		append(taskArgs(tenantID, x), t.tx.now)...)
	return err
}

func (t legalDocTx) UpdateTask(ctx context.Context, tenantID string, x legaldoc.Task) error {
	return affectOne(t.tx.exec(ctx, `UPDATE legal_tasks SET type = $3, draft_kind = $4, origin = $5, title = $6, agency = $7,
		request_no = $8, received_on = $9, complete_on = $10, missing = $11, due_on = $12, assigned_to = $13, council = $14,
		council_note = $15, findings = $16, conclusion = $17, report_no = $18, report_on = $19, response = $20, responded_on = $21,
		document_id = $22 WHERE tenant_id = $1 AND id = $2`, taskArgs(tenantID, x)...))
}

// Task returns one draft.
func (s LegalDocStore) Task(ctx context.Context, tenantID, id string) (legaldoc.Task, error) {
	return scanTask(s.r.QueryRowContext(ctx, `SELECT `+taskCols+` FROM legal_tasks WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// Tasks lists drafts: the open ones by due day (the dashboard's deadlines),
// the ones behind a figure, or all, newest received first.
func (s LegalDocStore) Tasks(ctx context.Context, tenantID string, f legaldoc.TaskFilter) ([]legaldoc.Task, error) {
	var w strings.Builder
	args := []any{tenantID}
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	w.WriteString(`SELECT ` + taskCols + ` FROM legal_tasks WHERE tenant_id = $1`)
	order := " ORDER BY received_on DESC, id DESC"
	from, to := isoDay(f.In.From), isoDay(f.In.To)
	switch f.Counted {
	case "appraisal_received":
		add("type = ?", string(legaldoc.TaskAppraisal))
		add("received_on >= ?", from)
		add("received_on <= ?", to)
	case "appraisal_reported", "appraisal_late", "proposal_reported", "opinion_given":
		typ := map[string]legaldoc.TaskType{"appraisal_reported": legaldoc.TaskAppraisal, "appraisal_late": legaldoc.TaskAppraisal,
			"proposal_reported": legaldoc.TaskProposal, "opinion_given": legaldoc.TaskOpinion}[f.Counted]
		add("report_on >= ?", from)
		add("report_on <= ?", to)
		add("type = ?", string(typ))
		if f.Counted == "appraisal_late" {
			w.WriteString(" AND due_on <> '' AND report_on > due_on")
		}
		order = " ORDER BY report_on DESC, id DESC"
	case "appraisal_open":
		add("type = ?", string(legaldoc.TaskAppraisal))
		add("received_on <= ?", to)
		add("(report_on = '' OR report_on > ?)", to)
	case "":
	default:
		return nil, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
	}
	if f.Type != "" {
		add("type = ?", string(f.Type))
	}
	if f.Open {
		w.WriteString(" AND report_on = ''")
		order = " ORDER BY due_on = '', due_on, received_on, id"
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, contains(q))
		n := itoa(len(args))
		w.WriteString(" AND (title LIKE $" + n + likeEscape + " OR agency LIKE $" + n + likeEscape + ")")
	}
	w.WriteString(order)
	if f.Limit > 0 {
		args = append(args, f.Limit, f.Offset)
		w.WriteString(" LIMIT $" + itoa(len(args)-1) + " OFFSET $" + itoa(len(args)))
	}
	return s.queryTasks(ctx, w.String(), args...)
}

func (s LegalDocStore) queryTasks(ctx context.Context, q string, args ...any) ([]legaldoc.Task, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legaldoc.Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

// TasksTouching are the drafts received by the period's end whose report
// was not out before its start: all a figure of the period can count.
func (s LegalDocStore) TasksTouching(ctx context.Context, tenantID string, p legaldoc.Period) ([]legaldoc.Task, error) {
	return s.queryTasks(ctx, `SELECT `+taskCols+` FROM legal_tasks WHERE tenant_id = $1 AND received_on <= $2
		AND (report_on = '' OR report_on >= $3)`, tenantID, isoDay(p.To), isoDay(p.From))
}

// ---- Checks.

const lcheckCols = `id, mode, document_id, doc_number, doc_title, issuer, commune_code, received_on, checked_on, findings, proposed,
	notice_no, response, responded_on, outcome, closed_on`

func scanCheck(sc scanner) (legaldoc.Check, error) {
	var c legaldoc.Check
	var mode, rec, chk, fs, resp, closed string
	if err := sc.Scan(&c.ID, &mode, &c.DocumentID, &c.DocNumber, &c.DocTitle, &c.Issuer, &c.CommuneCode, &rec, &chk, &fs, &c.Proposed,
		&c.NoticeNo, &c.Response, &resp, &c.Outcome, &closed); err != nil {
		return c, mapErr(err)
	}
	c.Mode = legaldoc.CheckMode(mode)
	if err := json.Unmarshal([]byte(fs), &c.Findings); err != nil {
		return c, err
	}
	p, err := parseDayCol(rec)
	if err != nil {
		return c, err
	}
	if p != nil {
		c.ReceivedOn = *p
	}
	for _, x := range []struct {
		s   string
		dst **time.Time
	}{{chk, &c.CheckedOn}, {resp, &c.RespondedOn}, {closed, &c.ClosedOn}} {
		if *x.dst, err = parseDayCol(x.s); err != nil {
			return c, err
		}
	}
	return c, nil
}

func checkArgs(tenantID string, c legaldoc.Check) ([]any, error) {
	fs := c.Findings
	if fs == nil {
		fs = []legaldoc.Finding{}
	}
	b, err := json.Marshal(fs)
	if err != nil {
		return nil, err
	}
	return []any{tenantID, c.ID, string(c.Mode), c.DocumentID, c.DocNumber, c.DocTitle, c.Issuer, c.CommuneCode, dayCol(c.ReceivedOn),
		dayOrEmpty(c.CheckedOn), string(b), c.Proposed, c.NoticeNo, c.Response, dayOrEmpty(c.RespondedOn), c.Outcome,
		dayOrEmpty(c.ClosedOn), c.Unlawful()}, nil
}

func (t legalDocTx) InsertCheck(ctx context.Context, tenantID string, c legaldoc.Check) error {
	args, err := checkArgs(tenantID, c)
	if err != nil {
		return err
	}
	_, err = t.tx.exec(ctx, `INSERT INTO legal_checks (tenant_id, `+lcheckCols+`, unlawful, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`, append(args, t.tx.now)...)
	return err
}

func (t legalDocTx) UpdateCheck(ctx context.Context, tenantID string, c legaldoc.Check) error {
	args, err := checkArgs(tenantID, c)
	if err != nil {
		return err
	}
	return affectOne(t.tx.exec(ctx, `UPDATE legal_checks SET mode = $3, document_id = $4, doc_number = $5, doc_title = $6, issuer = $7,
		commune_code = $8, received_on = $9, checked_on = $10, findings = $11, proposed = $12, notice_no = $13, response = $14,
		responded_on = $15, outcome = $16, closed_on = $17, unlawful = $18 WHERE tenant_id = $1 AND id = $2`, args...))
}

// Check returns one check.
func (s LegalDocStore) Check(ctx context.Context, tenantID, id string) (legaldoc.Check, error) {
	return scanCheck(s.r.QueryRowContext(ctx, `SELECT `+lcheckCols+` FROM legal_checks WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// Checks lists checks, newest received first, or those behind a figure.
func (s LegalDocStore) Checks(ctx context.Context, tenantID string, f legaldoc.CheckFilter) ([]legaldoc.Check, error) {
	var w strings.Builder
	args := []any{tenantID}
	add := func(cond string, v any) {
		args = append(args, v)
		w.WriteString(" AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args))))
	}
	w.WriteString(`SELECT ` + lcheckCols + ` FROM legal_checks WHERE tenant_id = $1`)
	order := " ORDER BY received_on DESC, id DESC"
	switch f.Counted {
	case "checked", "unlawful":
		add("checked_on >= ?", isoDay(f.In.From))
		add("checked_on <= ?", isoDay(f.In.To))
		if f.Counted == "unlawful" {
			add("unlawful = ?", true)
		}
		order = " ORDER BY checked_on DESC, id DESC"
	case "":
	default:
		return nil, apperr.Field("counted", "Chỉ tiêu không hợp lệ.")
	}
	if f.Mode != "" {
		add("mode = ?", string(f.Mode))
	}
	if f.DocumentID != "" {
		add("document_id = ?", f.DocumentID)
	}
	w.WriteString(order)
	if f.Limit > 0 {
		args = append(args, f.Limit, f.Offset)
		w.WriteString(" LIMIT $" + itoa(len(args)-1) + " OFFSET $" + itoa(len(args)))
	}
	rows, err := s.r.QueryContext(ctx, w.String(), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legaldoc.Check
	for rows.Next() {
		c, err := scanCheck(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// ---- Reviews.

const reviewCols = `id, kind, title, year, cut_off, started_on, finished_on, items`

func scanReview(sc scanner) (legaldoc.Review, error) {
	var r legaldoc.Review
	var kind, cut, start, fin, items string
	if err := sc.Scan(&r.ID, &kind, &r.Title, &r.Year, &cut, &start, &fin, &items); err != nil {
		return r, mapErr(err)
	}
	r.Kind = legaldoc.ReviewKind(kind)
	if err := json.Unmarshal([]byte(items), &r.Items); err != nil {
		return r, err
	}
	var err error
	if r.CutOff, err = parseDayCol(cut); err != nil {
		return r, err
	}
	if r.FinishedOn, err = parseDayCol(fin); err != nil {
		return r, err
	}
	p, err := parseDayCol(start)
	if err != nil || p == nil {
		return r, err
	}
	r.StartedOn = *p
	return r, nil
}

func reviewArgs(tenantID string, r legaldoc.Review) ([]any, error) {
	items := r.Items
	if items == nil {
		items = []legaldoc.ReviewItem{}
	}
	b, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	return []any{tenantID, r.ID, string(r.Kind), r.Title, r.Year, dayOrEmpty(r.CutOff), dayCol(r.StartedOn), dayOrEmpty(r.FinishedOn), string(b)}, nil
}

func (t legalDocTx) InsertReview(ctx context.Context, tenantID string, r legaldoc.Review) error {
	args, err := reviewArgs(tenantID, r)
	if err != nil {
		return err
	}
	_, err = t.tx.exec(ctx, `INSERT INTO legal_reviews (tenant_id, `+reviewCols+`, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, append(args, t.tx.now)...)
	return err
}

func (t legalDocTx) UpdateReview(ctx context.Context, tenantID string, r legaldoc.Review) error {
	args, err := reviewArgs(tenantID, r)
	if err != nil {
		return err
	}
	return affectOne(t.tx.exec(ctx, `UPDATE legal_reviews SET kind = $3, title = $4, year = $5, cut_off = $6, started_on = $7,
		finished_on = $8, items = $9 WHERE tenant_id = $1 AND id = $2`, args...))
}

// Review returns one review round with its items.
func (s LegalDocStore) Review(ctx context.Context, tenantID, id string) (legaldoc.Review, error) {
	return scanReview(s.r.QueryRowContext(ctx, `SELECT `+reviewCols+` FROM legal_reviews WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// ReviewsOf lists the rounds with a verdict on documentID, newest first,
// each with that document's items only. Items are kept as JSON in their
// round; the rounds are few (a handful a year), so the match is a LIKE on
// the JSON, confirmed item by item after decoding.
func (s LegalDocStore) ReviewsOf(ctx context.Context, tenantID, documentID string) ([]legaldoc.Review, error) {
	key, err := json.Marshal(legaldoc.ReviewItem{DocumentID: documentID})
	if err != nil {
		return nil, err
	}
	// {"DocumentID":"…","Verdict":… → the fragment up to the ID's closing quote.
	frag := string(key[1 : strings.Index(string(key), `",`)+1])
	rows, err := s.r.QueryContext(ctx, `SELECT `+reviewCols+` FROM legal_reviews WHERE tenant_id = $1 AND items LIKE $2`+likeEscape+`
		ORDER BY started_on DESC, id DESC`, tenantID, contains(frag))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legaldoc.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		mine := r.Items[:0]
		for _, it := range r.Items {
			if it.DocumentID == documentID {
				mine = append(mine, it)
			}
		}
		if r.Items = mine; len(mine) > 0 {
			out = append(out, r)
		}
	}
	return out, mapErr(rows.Err())
}

// Reviews lists the rounds, newest first, without their items.
func (s LegalDocStore) Reviews(ctx context.Context, tenantID string) ([]legaldoc.Review, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, kind, title, year, cut_off, started_on, finished_on, '[]' FROM legal_reviews
		WHERE tenant_id = $1 ORDER BY started_on DESC, id DESC`, tenantID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []legaldoc.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

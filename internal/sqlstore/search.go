package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

// DossierSearch selects dossiers for the officers' search (issue 14 item
// 3): any status, finished ones included. Every condition is a plain
// column of an index (tenant_id leads each), and visibility is part of
// the query, so a page is never short.
type DossierSearch struct {
	Code      string // exact dossier code
	IDNumber  string // exact applicant ID number
	Name      string // start of the applicant's name, folded (catalog.Fold)
	Procedure string // procedure ID or national code
	Status    dossier.Status
	Unit      string // the handling unit (unit_code)
	// ReceivedFrom/To and DueFrom/To bound the acceptance and due days
	// (inclusive; zero: open).
	ReceivedFrom, ReceivedTo, DueFrom, DueTo calendar.Date
	// Overdue keeps the dossiers not finished whose due time is before Now.
	Overdue bool
	Now     time.Time
	// VisibleTo, when set, keeps the dossiers with a step in that unit
	// (dossier_units): what a unit's officer may read. AllVisible says
	// the officer reads every dossier of the tenant; with neither, nothing.
	VisibleTo  string
	AllVisible bool
	// Sort: "due" (soonest due first), "received" (newest first),
	// "received_asc", "code".
	Sort          string
	Limit, Offset int
}

// SearchDossiers returns a page of the dossiers f selects.
func (db DossierStore) SearchDossiers(ctx context.Context, tenantID string, f DossierSearch) ([]dossier.Dossier, error) {
	if !f.AllVisible && f.VisibleTo == "" {
		return nil, nil
	}
	where := `tenant_id = $1`
	args := []any{tenantID}
	arg := func(v any) string { args = append(args, v); return "$" + itoa(len(args)) }
	if f.Code != "" {
		where += ` AND code = ` + arg(f.Code) + ` AND code <> ''` // the partial index dossiers_code
	}
	if f.IDNumber != "" {
		where += ` AND applicant_id = ` + arg(f.IDNumber)
	}
	if key := searchKey(f.Name); key != "" {
		where += ` AND applicant_key LIKE ` + arg(key+"%")
	}
	if f.Procedure != "" {
		p := arg(f.Procedure)
		where += ` AND (procedure_id = ` + p + ` OR procedure_code = ` + p + `)`
	}
	if f.Status != 0 {
		where += ` AND status = ` + arg(int(f.Status))
	}
	if f.Unit != "" {
		where += ` AND unit_code = ` + arg(f.Unit)
	}
	if !f.ReceivedFrom.IsZero() {
		where += ` AND accepted_day >= ` + arg(f.ReceivedFrom.String())
	}
	if !f.ReceivedTo.IsZero() {
		where += ` AND accepted_day <> '' AND accepted_day <= ` + arg(f.ReceivedTo.String())
	}
	if !f.DueFrom.IsZero() {
		where += ` AND due_day >= ` + arg(f.DueFrom.String())
	}
	if !f.DueTo.IsZero() {
		where += ` AND due_day <> '' AND due_day <= ` + arg(f.DueTo.String())
	}
	if f.Overdue {
		where += ` AND finished_at IS NULL AND returned_at IS NULL AND due_at < ` + arg(ts(f.Now))
	}
	if !f.AllVisible {
		where += ` AND id IN (SELECT dossier_id FROM dossier_units WHERE tenant_id = $1 AND unit_code = ` + arg(f.VisibleTo) + `)`
	}
	// The sort walks an index ((tenant_id, due_day, id) or (tenant_id,
	// accepted_day, id)), reading no more rows than the page needs. A
	// lookup by code, ID number or name is answered by its own index and
	// sorts its few rows: the sort key is then an expression, which keeps
	// SQLite's planner from walking the whole tenant in sort order.
	col := func(c string) string { return c }
	if f.Code != "" || f.IDNumber != "" || searchKey(f.Name) != "" {
		col = func(c string) string { return c + ` || ''` }
	}
	order := ` ORDER BY ` + col("due_day") + `, id`
	switch f.Sort {
	case "received":
		order = ` ORDER BY ` + col("accepted_day") + ` DESC, id DESC`
	case "received_asc":
		order = ` ORDER BY ` + col("accepted_day") + `, id`
	case "code":
		order = ` ORDER BY code, id`
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	q := `SELECT ` + dossierCols + ` FROM dossiers WHERE ` + where + order + ` LIMIT ` + arg(f.Limit) + ` OFFSET ` + arg(min(max(f.Offset, 0), 1_000_000))
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []dossier.Dossier
	for rows.Next() {
		d, err := scanDossier(rows, tenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// searchKey folds a name typed in the search box as applicant_key is
// folded, keeping only letters, digits and single spaces, so that it
// holds no LIKE wildcard.
func searchKey(s string) string {
	var b strings.Builder
	for _, r := range catalog.Fold(s) {
		if r == ' ' || ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// backfillSearch folds the applicant names of dossiers stored before
// migration 00011, a batch at a time; later rows are folded as they are
// written. It runs after every migration and finds nothing to do once done.
func (db *DB) backfillSearch(ctx context.Context) error {
	for {
		rows, err := db.r.QueryContext(ctx, `SELECT tenant_id, id, data_json FROM dossiers WHERE applicant_key IS NULL LIMIT 500`)
		if err != nil {
			return mapErr(err)
		}
		type row struct{ tenant, id, key string }
		var batch []row
		for rows.Next() {
			var r row
			var js string
			if err := rows.Scan(&r.tenant, &r.id, &js); err != nil {
				rows.Close()
				return mapErr(err)
			}
			var d struct {
				Applicant struct {
					FullName string `json:"full_name"`
				} `json:"applicant"`
			}
			_ = json.Unmarshal([]byte(js), &d) // a row that does not parse gets an empty key
			r.key = catalog.Fold(d.Applicant.FullName)
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return mapErr(err)
		}
		if len(batch) == 0 {
			return nil
		}
		if err := db.Transact(ctx, func(tx *Tx) error {
			for _, r := range batch {
				if _, err := tx.exec(ctx, `UPDATE dossiers SET applicant_key = $3 WHERE tenant_id = $1 AND id = $2`, r.tenant, r.id, r.key); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
}

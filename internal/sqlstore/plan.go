package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// Query plans: the test helper storetest.MainWithPlans records what the
// store runs (Options.Trace) and asks the engine how it would run each
// statement on a database of realistic size. These are its engine-specific
// parts.

var (
	// SQLite: "SCAN dossiers" (every row) or "SCAN dossiers USING INDEX x"
	// (every entry of an index, in its order).
	sqliteScan = regexp.MustCompile(`^SCAN (\w+)(?: AS \w+)?( USING (?:COVERING )?INDEX \w+)?$`)
	// SQLite: an index searched by the department alone reads all its rows.
	sqliteTenant = regexp.MustCompile(`^SEARCH (\w+)(?: AS \w+)? USING (?:COVERING )?(?:INDEX (\w+)|PRIMARY KEY) \(tenant_id=\?\)$`)
	// PostgreSQL: a sequential scan, or an index scan with no condition.
	pgSeqScan   = regexp.MustCompile(`Seq Scan on (\w+)`)
	pgIndexScan = regexp.MustCompile(`Index (?:Only )?Scan(?: Backward)? using (\w+) on (\w+)`)
)

// Scan is a full read of a table that a statement's plan contains.
type Scan struct {
	Table string
	// Ordered is a walk of a whole index in its order (SQLite "SCAN t
	// USING INDEX", PostgreSQL an index scan without a condition): cheap
	// only when the statement stops early (LIMIT).
	Ordered bool
	// Tenant is a read of all of one department's rows (an index searched
	// by tenant_id alone): a full scan for a department with years of
	// data, cheap only when the statement stops early (LIMIT).
	Tenant bool
}

// PlanScans asks the engine for q's plan (EXPLAIN QUERY PLAN on SQLite;
// EXPLAIN with sequential scans disabled on PostgreSQL, so a Seq Scan in
// the plan means no index can serve the statement) and returns the plan's
// text and its full scans. The statement is not run.
func (db *DB) PlanScans(ctx context.Context, q string, args []any) (plan string, scans []Scan, err error) {
	if db.engine == SQLite {
		rows, err := db.r.QueryContext(ctx, `EXPLAIN QUERY PLAN `+q, args...)
		if err != nil {
			return "", nil, err
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				return "", nil, err
			}
			fmt.Fprintln(&b, detail)
			if m := sqliteScan.FindStringSubmatch(detail); m != nil {
				scans = append(scans, Scan{Table: m[1], Ordered: m[2] != ""})
			} else if m := sqliteTenant.FindStringSubmatch(detail); m != nil && !db.partialIndex(ctx, m[2]) {
				scans = append(scans, Scan{Table: m[1], Tenant: true})
			}
		}
		return b.String(), scans, rows.Err()
	}
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		return "", nil, err
	}
	rows, err := tx.QueryContext(ctx, `EXPLAIN `+q, args...)
	if err != nil {
		return "", nil, err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return "", nil, err
		}
		lines = append(lines, l)
	}
	if err := rows.Err(); err != nil {
		return "", nil, err
	}
	for i, l := range lines {
		if m := pgSeqScan.FindStringSubmatch(l); m != nil {
			scans = append(scans, Scan{Table: m[1]})
		} else if m := pgIndexScan.FindStringSubmatch(l); m != nil {
			switch cond := pgCond(lines, i); {
			case cond == "":
				scans = append(scans, Scan{Table: m[2], Ordered: true})
			case pgTenantOnly.MatchString(cond) && !db.partialIndex(ctx, m[1]):
				scans = append(scans, Scan{Table: m[2], Tenant: true})
			}
		}
	}
	return strings.Join(lines, "\n"), scans, nil
}

// partialIndex reports whether the named index has a WHERE clause (it
// holds only some rows: the pending ones, say), so that searching it by
// the department alone reads only those.
func (db *DB) partialIndex(ctx context.Context, name string) bool {
	if name == "" {
		return false
	}
	q := `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1`
	if db.engine == Postgres {
		q = `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`
	}
	var def sql.NullString
	if err := db.r.QueryRowContext(ctx, q, name).Scan(&def); err != nil {
		return false
	}
	return strings.Contains(strings.ToUpper(def.String), " WHERE ")
}

// pgTenantOnly is an index condition on the department alone.
var pgTenantOnly = regexp.MustCompile(`^\(tenant_id = [^()]*\)$`)

// pgCond returns the Index Cond of the plan node on line i (from the
// lines indented under it, before the next node), or "".
func pgCond(lines []string, i int) string {
	indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
	for _, l := range lines[i+1:] {
		t := strings.TrimLeft(l, " ")
		if len(l)-len(t) <= indent || strings.HasPrefix(t, "->") {
			return ""
		}
		if c, ok := strings.CutPrefix(t, "Index Cond: "); ok {
			return c
		}
	}
	return ""
}

// Analyze gathers the planner's statistics (ANALYZE).
func (db *DB) Analyze(ctx context.Context) error {
	_, err := db.w.ExecContext(ctx, `ANALYZE`)
	return mapErr(err)
}

// FillHistoryForPlans gives the history tables of a test database the
// size of its dossiers': one event, one audit entry and one delivered
// message per dossier. Only
// for the query-plan test's throwaway database.
func (db *DB) FillHistoryForPlans(ctx context.Context) error {
	return db.Transact(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO dossier_events (tenant_id, dossier_id, seq, at, action, actor, from_status, to_status)
			SELECT tenant_id, id, 1, created_at, 'accept', 'plan', 0, status FROM dossiers`); err != nil {
			return mapErr(err)
		}
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO outbox (tenant_id, id, channel, recipient, body, msg_key, status, next_attempt_at, created_at)
			SELECT tenant_id, id, 'sms', '0912345678', 'plan', 'plan:' || id, 'sent', created_at, created_at FROM dossiers`); err != nil {
			return mapErr(err)
		}
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO audit_log (tenant_id, seq, at, actor, action, object, prev_hash, hash)
			SELECT tenant_id, 1000000 + ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY id), created_at, 'plan', 'dossier.accept', id, '', '' FROM dossiers`)
		return mapErr(err)
	})
}

// Tables lists the database's tables.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.engine == Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`
	}
	rows, err := db.r.QueryContext(ctx, q)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, n)
	}
	return out, mapErr(rows.Err())
}

// TableRows counts a table's rows (the plan check's table sizes).
func (db *DB) TableRows(ctx context.Context, table string) (int64, error) {
	var n int64
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n)
	return n, mapErr(err)
}

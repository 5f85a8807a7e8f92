package sqlstore

import (
	"context"
	"strings"

	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
)

// BulkInsertDossiers stores many new dossiers in one transaction with
// multi-row inserts, and adds them to the statistics' roll-ups in the same
// transaction, with the given audit entries (one describing the batch). It
// is for generated and migrated data: no events, no outbox.
func (db DossierStore) BulkInsertDossiers(ctx context.Context, ds []*dossier.Dossier, entries ...audit.Entry) error {
	if len(ds) == 0 {
		return nil
	}
	if db.engine == SQLite {
		// A large page cache keeps the indexes' hot pages in memory while
		// the load lasts; the writer's own limit comes back afterwards
		// (even when ctx is cancelled), or a server that bulk-loads once
		// (serve --demo) would keep 256 MiB of cache for good.
		if _, err := db.w.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return mapErr(err)
		}
		defer db.w.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -`+itoa(db.cacheKiB))
	}
	const cols = 34
	const per = 100 // rows per statement; full chunks reuse one prepared statement
	stmtFor := func(n int) string {
		var b strings.Builder
		b.WriteString(`INSERT INTO dossiers (tenant_id, id, code, procedure_id, procedure_code, field_code, channel, status,
		applicant_id, submitted_at, accepted_at, accepted_day, due_at, due_day, finished_at, finished_day, returned_at, ended,
		step_unit, step_role, step_due_at, late_unit, supplement_count, paid_online, lookup_pin, data_json, created_at, updated_at, unit_code, fee, rating, applicant_key,
				answer_due_at, answered_at) VALUES `)
		b.WriteString(db.valuesList(n, cols))
		return b.String()
	}
	return db.DB.Transact(ctx, func(tx *Tx) error {
		full, err := tx.tx.PrepareContext(ctx, stmtFor(per))
		if err != nil {
			return mapErr(err)
		}
		defer full.Close()
		r, acc := rollup{}, acceptRollup{}
		var units []any // tenant_id, unit_code, dossier_id of dossier_units
		args := make([]any, 0, per*cols)
		for len(ds) > 0 {
			n := min(per, len(ds))
			args = args[:0]
			for _, d := range ds[:n] {
				row, err := dossierRow(d)
				if err != nil {
					return err
				}
				args = append(args, row...)
				f := factsOf(d)
				r.add(f, +1)
				acc.add(f, +1)
				seen := map[string]bool{}
				for _, st := range d.Steps {
					if st.UnitCode != "" && !seen[st.UnitCode] {
						seen[st.UnitCode] = true
						units = append(units, d.TenantID, st.UnitCode, d.ID)
					}
				}
			}
			if n == per {
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.tx.ExecContext(ctx, stmtFor(n), args...)
			}
			if err != nil {
				return mapErr(err)
			}
			ds = ds[n:]
		}
		for len(units) > 0 {
			n := min(300, len(units)/3)
			if _, err := tx.tx.ExecContext(ctx, `INSERT INTO dossier_units (tenant_id, unit_code, dossier_id) VALUES `+db.valuesList(n, 3)+
				` ON CONFLICT (tenant_id, unit_code, dossier_id) DO NOTHING`, units[:3*n]...); err != nil {
				return mapErr(err)
			}
			units = units[3*n:]
		}
		for _, e := range entries {
			if err := tx.Audit(ctx, e); err != nil {
				return err
			}
		}
		if err := r.insertAll(ctx, tx); err != nil {
			return err
		}
		return acc.upsert(ctx, tx)
	})
}

// valuesList returns n rows of cols placeholders: "?" on SQLite (numbered
// parameters cost SQLite quadratic time in long statements), "$N" on
// PostgreSQL.
func (db *DB) valuesList(n, cols int) string {
	var b strings.Builder
	k := 0
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := 0; j < cols; j++ {
			if j > 0 {
				b.WriteByte(',')
			}
			k++
			if db.engine == SQLite {
				b.WriteByte('?')
			} else {
				b.WriteByte('$')
				b.WriteString(itoa(k))
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// RaiseSeqs makes sure each day's code sequence of an agency is at least
// the given number (after a bulk load of dossiers with codes).
func (db DossierStore) RaiseSeqs(ctx context.Context, tenantID, agencyID string, last map[calendar.Date]int) error {
	return db.DB.Transact(ctx, func(tx *Tx) error {
		for day, n := range last {
			if err := (DossierTx{tx}).RaiseSeq(ctx, tenantID, agencyID, day, n); err != nil {
				return err
			}
		}
		return nil
	})
}

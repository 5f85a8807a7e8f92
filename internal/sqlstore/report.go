package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/report"
)

// Statistics (Biểu 06/VPCP/KSTT) are read from two roll-up tables kept in
// the same transaction as every change of a dossier: report_daily and
// report_monthly count, per (tenant, day or month, procedure, field, unit,
// channel, unit at fault), the dossiers accepted that day and the dossiers
// that ended that day by class (early, on time, late). A dossier's class is
// fixed once it ends, so every figure of a period [FROM, TO] is a difference
// of prefix sums:
//
//	received in period (by channel) = A(≤TO) − A(<FROM)
//	carried over                    = A(<FROM) − E(<FROM)
//	resolved (by class)             = E(≤TO) − E(<FROM)
//	in progress                     = A(≤TO) − E(≤TO)
//
// where A counts accepted and E ended dossiers by day. A prefix sum reads
// the monthly rows of the whole months before the day and the daily rows of
// its own month. The split of "in progress" into overdue and within time
// reads the dossiers themselves through the small partial index
// dossiers_overdue (open dossiers and dossiers that ended after their due
// day). docs/architecture.md, "Statistics", has the reasoning.

// reportFacts are the dossier columns the statistics read.
const reportFacts = `tenant_id, accepted_day, due_day, finished_day, ended, channel, procedure_code, field_code, unit_code, late_unit,
	fee, paid_online, rating, supplement_count, submitted_at, answer_due_at, answered_at`

func scanFacts(row interface{ Scan(...any) error }) (report.Facts, error) {
	var f report.Facts
	var fee int64
	var supplements int
	var submitted time.Time
	var due, answered sql.NullTime
	err := row.Scan(&f.TenantID, &f.Accepted, &f.Due, &f.Finished, &f.Ended, &f.Channel, &f.Procedure, &f.Field, &f.Unit, &f.LateUnit,
		&fee, &f.PaidOnline, &f.Rating, &supplements, &submitted, &due, &answered)
	f.Fee, f.Multi = fee > 0, supplements > 1
	f.Submitted, f.Acceptance = acceptanceFacts(f.Ended, submitted, fromNull(due), fromNull(answered))
	return f, mapErr(err)
}

// acceptanceFacts are the day of an online submission and its class
// against the limit for the desk's answer: none without a limit, or for a
// dossier handed over with its function (the receiver never answered it).
func acceptanceFacts(ended string, submitted time.Time, due, answered *time.Time) (string, report.AcceptanceClass) {
	switch {
	case due == nil || ended == string(dossier.EndTransferred):
		return "", ""
	case answered == nil:
		return dayOf(submitted), report.AcceptWaiting
	case answered.After(*due):
		return dayOf(submitted), report.AcceptLate
	}
	return dayOf(submitted), report.AcceptOnTime
}

// factsOf reads the statistics' facts of a dossier as dossierRow stores them.
func factsOf(d *dossier.Dossier) report.Facts {
	f := report.Facts{TenantID: d.TenantID, Ended: string(d.Ended), Channel: string(d.Channel),
		Procedure: d.ProcedureCode, Field: d.FieldCode, Unit: d.Unit(), LateUnit: d.LateUnit,
		Fee: d.Fee > 0, PaidOnline: d.PaidOnline, Rating: ratingOf(d), Multi: len(d.Supplements) > 1}
	var due, answered *time.Time
	if d.Channel == catalog.ChannelOnline {
		due, answered = d.AnswerDueAt, d.Answered()
	}
	f.Submitted, f.Acceptance = acceptanceFacts(f.Ended, d.SubmittedAt, due, answered)
	f.Accepted = acceptedDay(d)
	if due := d.StatDue(); due != nil {
		f.Due = dayOf(*due)
	}
	if d.FinishedAt != nil {
		f.Finished = dayOf(*d.FinishedAt)
	}
	return f
}

// endedOnTimeSQL is report.EndedOnTime as an SQL list.
var endedOnTimeSQL = "'" + strings.Join(report.EndedOnTime, "', '") + "'"

func dayOf(t time.Time) string { return calendar.DateOf(t).String() }

// acceptedDay is the day the dossier entered this tenant's books: the day
// of acceptance, or, for a dossier received with a function handed over
// (package handover), the day of the hand-over.
func acceptedDay(d *dossier.Dossier) string {
	if d.AcceptedAt == nil {
		return ""
	}
	day := dayOf(*d.AcceptedAt)
	if in := d.Extra["transferred_in"]; in > day {
		return in
	}
	return day
}

// rollKey is one roll-up row's key (day is 'YYYY-MM-DD').
type rollKey struct {
	tenant, day, proc, field, unit, channel, lateUnit string
}

// rollVal is one roll-up row's counters: the form's (accepted, and ended
// by class), then the index's (on the acceptance day: bearing a fee, paid
// online, asked for a supplement more than once; on the end day: rated,
// rated not satisfied, and, of those asked more than once, ended at all
// and ended early or on time).
type rollVal struct {
	accepted, early, onTime, late                int64
	feeBearing, paidOnline, multiAcc             int64
	rated, dissatisfied, multiEnd, multiGoodEnds int64
}

// rollCounters are rollVal's columns, in its order.
const rollCounters = `accepted, early, on_time, late, fee_bearing, paid_online, multi_acc, rated, dissatisfied, multi_end, multi_good`

func (v *rollVal) fields() []*int64 {
	return []*int64{&v.accepted, &v.early, &v.onTime, &v.late, &v.feeBearing, &v.paidOnline, &v.multiAcc,
		&v.rated, &v.dissatisfied, &v.multiEnd, &v.multiGoodEnds}
}

func (v rollVal) plus(w rollVal) rollVal {
	a, b := v.fields(), w.fields()
	for i := range a {
		*a[i] += *b[i]
	}
	return v
}

func (v rollVal) zero() bool { return v == rollVal{} }

// rollup accumulates signed contributions of dossiers to the roll-ups.
type rollup map[rollKey]rollVal

// add adds (sign +1) or removes (sign −1) one dossier's contribution: one
// accepted on its acceptance day, one ended (by class) on its end day.
func (r rollup) add(f report.Facts, sign int64) {
	if !f.Counted() {
		return
	}
	k := rollKey{tenant: f.TenantID, day: f.Accepted, proc: f.Procedure, field: f.Field, unit: f.Unit, channel: f.Channel}
	v := r[k]
	v.accepted += sign
	if f.Fee {
		v.feeBearing += sign
		if f.PaidOnline {
			v.paidOnline += sign
		}
	}
	if f.Multi {
		v.multiAcc += sign
	}
	r[k] = v
	end := f.EndDay()
	if end == "" {
		return
	}
	k.day = end
	cls := f.EndClass()
	if cls == report.Late {
		k.lateUnit = f.LateUnit
	}
	v = r[k]
	switch cls {
	case report.Early:
		v.early += sign
	case report.OnTime:
		v.onTime += sign
	case report.Late:
		v.late += sign
	}
	if f.Rating != 0 {
		v.rated += sign
		if f.Rating < 0 {
			v.dissatisfied += sign
		}
	}
	if f.Multi {
		v.multiEnd += sign
		if cls == report.Early || cls == report.OnTime {
			v.multiGoodEnds += sign
		}
	}
	r[k] = v
}

// levels are the roll-up tables: the table, its period column and the
// length of the period's prefix of a day ('YYYY-MM-DD').
var levels = []struct {
	table, col string
	n          int
}{{"report_daily", "day", 10}, {"report_monthly", "month", 7}, {"report_yearly", "year", 4}, {"report_total", "span", 0}}

// byLevel folds a daily rollup into a level's periods.
func (r rollup) byLevel(n int) rollup {
	if n == 10 {
		return r
	}
	out := rollup{}
	for k, v := range r {
		if v.zero() {
			continue
		}
		k.day = k.day[:n]
		out[k] = out[k].plus(v)
	}
	return out
}

// upsert adds the non-zero deltas to the daily, monthly and yearly rows.
func (r rollup) upsert(ctx context.Context, tx *Tx) error {
	for _, l := range levels {
		for k, v := range r.byLevel(l.n) {
			if v.zero() {
				continue
			}
			if err := upsertRoll(ctx, tx, l.table, l.col, k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func upsertRoll(ctx context.Context, tx *Tx, table, dayCol string, k rollKey, v rollVal) error {
	return insertRolls(ctx, tx, table, dayCol, []rollKey{k}, rollup{k: v})
}

// rollDossier applies the change of one dossier's contribution, from old
// (nil for a new dossier) to new, in the caller's transaction.
func (tx *Tx) rollDossier(ctx context.Context, old *report.Facts, new report.Facts) error {
	if old != nil && *old == new {
		return nil
	}
	r, acc := rollup{}, acceptRollup{}
	if old != nil {
		r.add(*old, -1)
		acc.add(*old, -1)
	}
	r.add(new, +1)
	acc.add(new, +1)
	if err := r.upsert(ctx, tx); err != nil {
		return err
	}
	return acc.upsert(ctx, tx)
}

// storedFacts reads the facts of a dossier as stored now.
func (tx *Tx) storedFacts(ctx context.Context, tenantID, id string) (report.Facts, error) {
	return scanFacts(tx.tx.QueryRowContext(ctx, `SELECT `+reportFacts+` FROM dossiers WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// ReportStore reads the official statistics and their drill-down lists,
// the service-quality index's counts, and rebuilds the roll-ups.
type ReportStore struct{ *DB }

// Reports returns the statistics' store.
func (db *DB) Reports() ReportStore { return ReportStore{db} }

// RebuildReports recomputes a tenant's roll-ups (all tenants when tenantID
// is empty) from the dossiers, one tenant per transaction with an audit
// entry by actor: for imports that wrote dossiers by other means, or to
// repair.
func (db ReportStore) RebuildReports(ctx context.Context, by audit.Actor, tenantID string) error {
	tenants := []string{tenantID}
	if tenantID == "" {
		var err error
		if tenants, err = db.tenantIDs(ctx); err != nil {
			return err
		}
	}
	for _, t := range tenants {
		err := db.Transact(ctx, func(tx *Tx) error {
			for _, table := range []string{"report_daily", "report_monthly", "report_yearly", "report_total", "acceptance_daily"} {
				if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE tenant_id = $1`, t); err != nil {
					return err
				}
			}
			// Every dossier: online submissions never accepted count in
			// the acceptance roll-up.
			rows, err := tx.tx.QueryContext(ctx, `SELECT `+reportFacts+` FROM dossiers WHERE tenant_id = $1`, t)
			if err != nil {
				return mapErr(err)
			}
			r, acc := rollup{}, acceptRollup{}
			for rows.Next() {
				f, err := scanFacts(rows)
				if err != nil {
					rows.Close()
					return err
				}
				r.add(f, +1)
				acc.add(f, +1)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return mapErr(err)
			}
			if err := r.insertAll(ctx, tx); err != nil {
				return err
			}
			if err := acc.upsert(ctx, tx); err != nil {
				return err
			}
			return tx.Audit(ctx, audit.Entry{TenantID: t, ActorID: by.ID, Actor: by.Name, IP: by.IP, Action: "report.rebuild",
				Object: "report_rollups", Detail: "tính lại số liệu thống kê"})
		})
		if err != nil {
			return fmt.Errorf("rebuild reports of %s: %w", t, err)
		}
	}
	return nil
}

// insertAll writes a whole rollup (daily, monthly, yearly) with multi-row
// inserts that add to existing rows.
func (r rollup) insertAll(ctx context.Context, tx *Tx) error {
	for _, l := range levels {
		rows := r.byLevel(l.n)
		keys := make([]rollKey, 0, len(rows))
		for k, v := range rows {
			if !v.zero() {
				keys = append(keys, k)
			}
		}
		if err := insertRolls(ctx, tx, l.table, l.col, keys, rows); err != nil {
			return err
		}
	}
	return nil
}

// insertRolls adds the rows of keys to a roll-up table, many a statement.
func insertRolls(ctx context.Context, tx *Tx, table, dayCol string, keys []rollKey, vals rollup) error {
	sort.Slice(keys, func(i, j int) bool { return keys[i].day < keys[j].day })
	counters := strings.Split(rollCounters, ", ")
	cols := 7 + len(counters)
	per := 800 / cols // well under both engines' parameter limits
	var set []string
	for _, c := range counters {
		set = append(set, c+" = "+table+"."+c+" + excluded."+c)
	}
	for len(keys) > 0 {
		n := min(per, len(keys))
		var b strings.Builder
		b.WriteString(`INSERT INTO ` + table + ` (tenant_id, ` + dayCol + `, procedure_code, field_code, unit_code, channel, late_unit, ` +
			rollCounters + `) VALUES `)
		args := make([]any, 0, n*cols)
		b.WriteString(tx.db.valuesList(n, cols))
		for _, k := range keys[:n] {
			v := vals[k]
			args = append(args, k.tenant, k.day, k.proc, k.field, k.unit, k.channel, k.lateUnit)
			for _, f := range v.fields() {
				args = append(args, *f)
			}
		}
		b.WriteString(` ON CONFLICT (tenant_id, ` + dayCol + `, procedure_code, field_code, unit_code, channel, late_unit) DO UPDATE SET ` +
			strings.Join(set, ", "))
		if _, err := tx.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

func (db ReportStore) tenantIDs(ctx context.Context) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM tenants ORDER BY id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, id)
	}
	return out, mapErr(rows.Err())
}

// ReportScope selects the dossiers of a report.
type ReportScope struct {
	TenantID string // "" for all tenants (the national report)
	report.Filter
}

// where returns the scope's conditions and arguments, numbered from next.
func (s ReportScope) where(args []any) (string, []any) {
	q := ""
	if s.TenantID != "" {
		args = append(args, s.TenantID)
		q += ` AND tenant_id = $` + itoa(len(args))
	}
	if s.Unit != "" {
		args = append(args, s.Unit)
		q += ` AND unit_code = $` + itoa(len(args))
	}
	if s.Field != "" {
		args = append(args, s.Field)
		q += ` AND field_code = $` + itoa(len(args))
	}
	return q, args
}

// prefix holds the prefix sums of one group: accepted and ended by class,
// before FROM ([0]) and up to TO ([1]).
type prefix struct {
	acc           [2]int64
	early, onTime [2]int64
	late          [2]int64
}

type groupKey struct {
	report.Key
	channel, lateUnit string
}

// Report computes the Biểu 06 report of period p from the roll-ups.
func (db ReportStore) Report(ctx context.Context, s ReportScope, p report.Period) (report.Report, error) {
	if err := p.Validate(); err != nil {
		return report.Report{}, err
	}
	// P(FROM) fills the first column of each group, P(TO+1) the second.
	// Each prefix sum reads the fewest rows: a date in the last two years
	// is the all-time total minus the rows on and after it (often none),
	// an older one the rows before it. Range queries shared by both sums
	// run once; all run at once on the reader pool with the overdue count.
	recent := calendar.NewDate(calendar.DateOf(db.Now()).Year-1, time.January, 1)
	parts := map[rangeKey]*[2]int64{}
	for c, x := range []calendar.Date{p.From, p.To.AddDays(1)} {
		ranges, sign := prefixRanges(x), int64(1)
		if !x.Before(recent) {
			ranges, sign = suffixRanges(x), -1
			addRange(parts, rangeKey{table: "report_total"}, c, 1)
		}
		for _, r := range ranges {
			addRange(parts, r, c, sign)
		}
	}
	groups := map[groupKey]*prefix{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, len(parts)+1)
	// At most half the reader pool: a report must not keep look-ups and
	// dossier pages waiting for a connection (issue 17).
	sem := make(chan struct{}, db.reportConns)
	var overdue map[report.Key]int64
	for r, signs := range parts {
		if *signs == [2]int64{} {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			q, args := r.query(s)
			local := map[groupKey]*prefix{}
			if err := scanInto(ctx, db.DB, local, q, args, *signs); err != nil {
				errs <- err
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for k, v := range local {
				g := groups[k]
				if g == nil {
					groups[k] = v
					continue
				}
				for j := 0; j < 2; j++ {
					g.acc[j] += v.acc[j]
					g.early[j] += v.early[j]
					g.onTime[j] += v.onTime[j]
					g.late[j] += v.late[j]
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		sem <- struct{}{}
		defer func() { <-sem }()
		var err error
		if overdue, err = db.overdue(ctx, s, p); err != nil {
			errs <- err
		}
	}()
	wg.Wait()
	close(errs)
	if err, failed := <-errs; failed {
		return report.Report{}, err
	}
	return assemble(p, s.TenantID == "", groups, overdue), nil
}

// rangeKey is a range of one roll-up table: col loOp lo AND col hiOp hi.
type rangeKey struct {
	table, col, loOp, lo, hiOp, hi string
}

func addRange(m map[rangeKey]*[2]int64, r rangeKey, c int, sign int64) {
	if m[r] == nil {
		m[r] = &[2]int64{}
	}
	m[r][c] += sign
}

// prefixRanges are the rows of the days before x: the years before x's
// year, the months of its year before its month, the days of its month
// before it.
func prefixRanges(x calendar.Date) []rangeKey {
	d := x.String()
	y, m := d[:4], d[:7]
	return []rangeKey{
		{"report_yearly", "year", ">=", "0000", "<", y},
		{"report_monthly", "month", ">=", y + "-01", "<", m},
		{"report_daily", "day", ">=", m + "-01", "<", d},
	}
}

// suffixRanges are the rows of x and the days after it: the days of x's
// month from x, the months of its year after its month, the years after.
func suffixRanges(x calendar.Date) []rangeKey {
	d := x.String()
	y, m := d[:4], d[:7]
	return []rangeKey{
		{"report_daily", "day", ">=", d, "<=", m + "-31"},
		{"report_monthly", "month", ">", m, "<=", y + "-12"},
		{"report_yearly", "year", ">", y, "<=", "9999"},
	}
}

const rollCols = `tenant_id, procedure_code, field_code, unit_code, channel, late_unit`

// query is the range's grouped sums within the scope.
func (r rangeKey) query(s ReportScope) (string, []any) {
	var where string
	var args []any
	if r.col != "" {
		where = ` AND ` + r.col + ` ` + r.loOp + ` $1 AND ` + r.col + ` ` + r.hiOp + ` $2`
		args = []any{r.lo, r.hi}
	}
	cond, args := s.where(args)
	return `SELECT ` + rollCols + `, SUM(accepted), SUM(early), SUM(on_time), SUM(late) FROM ` + r.table +
		` WHERE 1=1` + where + cond + ` GROUP BY ` + rollCols, args
}

// scanInto adds the rows of a range query to groups, times the sign of
// each prefix column.
func scanInto(ctx context.Context, db *DB, groups map[groupKey]*prefix, q string, args []any, signs [2]int64) error {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k groupKey
		var acc, early, onTime, late int64
		if err := rows.Scan(&k.Tenant, &k.Procedure, &k.Field, &k.Unit, &k.channel, &k.lateUnit, &acc, &early, &onTime, &late); err != nil {
			return mapErr(err)
		}
		g := groups[k]
		if g == nil {
			g = &prefix{}
			groups[k] = g
		}
		for i, sg := range signs {
			g.acc[i] += sg * acc
			g.early[i] += sg * early
			g.onTime[i] += sg * onTime
			g.late[i] += sg * late
		}
	}
	return mapErr(rows.Err())
}

// overdue counts, by key, the dossiers in progress at the end of TO whose
// due day is before TO.
func (db ReportStore) overdue(ctx context.Context, s ReportScope, p report.Period) (map[report.Key]int64, error) {
	cond, args := s.where([]any{p.To.String()})
	rows, err := db.r.QueryContext(ctx, `SELECT tenant_id, procedure_code, field_code, unit_code, COUNT(*) FROM dossiers
		WHERE accepted_day <> '' AND ended <> 'refused' AND due_day <> ''
		AND (ended = '' OR finished_day > due_day OR accepted_day > due_day)`+cond+`
		AND due_day < $1 AND accepted_day <= $1 AND (ended = '' OR finished_day > $1)
		GROUP BY tenant_id, procedure_code, field_code, unit_code`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[report.Key]int64{}
	for rows.Next() {
		var k report.Key
		var n int64
		if err := rows.Scan(&k.Tenant, &k.Procedure, &k.Field, &k.Unit, &n); err != nil {
			return nil, mapErr(err)
		}
		out[k] += n
	}
	return out, mapErr(rows.Err())
}

// assemble turns prefix sums and overdue counts into the report.
func assemble(p report.Period, multi bool, groups map[groupKey]*prefix, overdue map[report.Key]int64) report.Report {
	b := report.NewBuilder(p, multi)
	open := map[report.Key]int64{}
	for k, g := range groups {
		var f report.Figures
		in := g.acc[1] - g.acc[0]
		if k.channel == "online" {
			f.Received.Online = in
		} else {
			f.Received.DirectPostal = in
		}
		f.Received.CarriedOver = g.acc[0] - g.early[0] - g.onTime[0] - g.late[0]
		f.Resolved.Early = g.early[1] - g.early[0]
		f.Resolved.OnTime = g.onTime[1] - g.onTime[0]
		f.Resolved.Late = g.late[1] - g.late[0]
		open[k.Key] += g.acc[1] - g.early[1] - g.onTime[1] - g.late[1]
		b.Add(k.Key, f)
		b.AddLate(k.Tenant, k.lateUnit, f.Resolved.Late)
	}
	for k, n := range open {
		od := overdue[k]
		b.Add(k, report.Figures{InProgress: report.InProgress{WithinTime: n - od, Overdue: od}})
	}
	return b.Report()
}

// EachReportFacts calls fn with the statistics' facts of every dossier of a
// tenant (all tenants when tenantID is empty): the form counts those ever
// accepted (Facts.Counted), the acceptance report every online submission.
func (db ReportStore) EachReportFacts(ctx context.Context, tenantID string, fn func(report.Facts) error) error {
	q, args := `SELECT `+reportFacts+` FROM dossiers WHERE 1=1`, []any{}
	if tenantID != "" {
		q += ` AND tenant_id = $1`
		args = append(args, tenantID)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFacts(rows)
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// Measures are the report's numbers a drill-down lists the dossiers of.
var Measures = []string{"received", "online", "direct_postal", "carried_over", "resolved", "early", "on_time", "late",
	"in_progress", "within_time", "overdue"}

// endDaySQL is report.Facts.EndDay in SQL.
const endDaySQL = `(CASE WHEN ended = '' THEN '' WHEN finished_day = '' OR finished_day < accepted_day THEN accepted_day ELSE finished_day END)`

// measureSQL returns the condition of a measure with FROM as $1 and TO as $2
// (report.Classify in SQL).
func measureSQL(m string) (string, bool) {
	const ed = endDaySQL
	resolved := ed + ` <> '' AND ` + ed + ` >= $1 AND ` + ed + ` <= $2`
	inProgress := `(` + ed + ` = '' OR ` + ed + ` > $2)`
	conds := map[string]string{
		"online":        `accepted_day >= $1 AND channel = 'online'`,
		"direct_postal": `accepted_day >= $1 AND channel <> 'online'`,
		"carried_over":  `accepted_day < $1 AND (` + ed + ` = '' OR ` + ed + ` >= $1)`,
		"received":      `(accepted_day >= $1 OR ` + ed + ` = '' OR ` + ed + ` >= $1)`,
		"resolved":      resolved,
		"early":         resolved + ` AND ended NOT IN (` + endedOnTimeSQL + `) AND due_day <> '' AND ` + ed + ` < due_day`,
		"on_time":       resolved + ` AND (ended IN (` + endedOnTimeSQL + `) OR due_day = '' OR ` + ed + ` = due_day)`,
		"late":          resolved + ` AND ended NOT IN (` + endedOnTimeSQL + `) AND due_day <> '' AND ` + ed + ` > due_day`,
		"in_progress":   inProgress,
		"within_time":   inProgress + ` AND (due_day = '' OR due_day >= $2)`,
		"overdue":       inProgress + ` AND due_day <> '' AND due_day < $2`,
	}
	c, ok := conds[m]
	return c, ok
}

// ReportDossier is one line of a drill-down list.
type ReportDossier struct {
	ID, Code, Procedure, Field, Channel string
	Status                              dossier.Status
	Accepted, Due, Finished, Ended      string
	Unit, LateUnit                      string
}

// ReportDossiers lists the dossiers behind one number of the report (a
// measure, optionally of one procedure and of one unit at fault), by
// acceptance day, with their total count.
func (db ReportStore) ReportDossiers(ctx context.Context, s ReportScope, p report.Period, measure, procedure, lateUnit string, limit, offset int) ([]ReportDossier, int, error) {
	cond, ok := measureSQL(measure)
	if !ok {
		return nil, 0, apperr.Field("measure", "Chỉ tiêu không hợp lệ.")
	}
	if err := p.Validate(); err != nil {
		return nil, 0, err
	}
	where, args := s.where([]any{p.From.String(), p.To.String()})
	where = ` FROM dossiers WHERE CAST($1 AS TEXT) <> '' AND accepted_day <> '' AND ended <> 'refused' AND accepted_day <= $2 AND ` + cond + where
	if procedure != "" {
		args = append(args, procedure)
		where += ` AND procedure_code = $` + itoa(len(args))
	}
	if lateUnit != "" {
		args = append(args, lateUnit)
		where += ` AND late_unit = $` + itoa(len(args))
	}
	var total int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where, args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err)
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	args = append(args, limit, max(offset, 0))
	rows, err := db.r.QueryContext(ctx, `SELECT id, code, procedure_code, field_code, channel, status, accepted_day, due_day, finished_day,
		ended, unit_code, late_unit`+where+` ORDER BY accepted_day, code LIMIT $`+itoa(len(args)-1)+` OFFSET $`+itoa(len(args)), args...)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer rows.Close()
	var out []ReportDossier
	for rows.Next() {
		var d ReportDossier
		var st int
		if err := rows.Scan(&d.ID, &d.Code, &d.Procedure, &d.Field, &d.Channel, &st, &d.Accepted, &d.Due, &d.Finished,
			&d.Ended, &d.Unit, &d.LateUnit); err != nil {
			return nil, 0, mapErr(err)
		}
		d.Status = dossier.Status(st)
		out = append(out, d)
	}
	return out, total, mapErr(rows.Err())
}

// IndexCounts counts what the service-quality index needs beyond the form:
// fee-bearing dossiers received in the period and those paid online, the
// ratings of dossiers resolved in the period, and the dossiers asked for a
// supplement more than once that ended early or on time in the period or
// are in progress within time at its end. All but the last part are
// differences of prefix sums of the roll-ups, as for the form; the dossiers
// in progress and overdue are read through the small partial index
// dossiers_overdue.
func (db ReportStore) IndexCounts(ctx context.Context, s ReportScope, p report.Period) (report.IndexCounts, error) {
	var c report.IndexCounts
	if err := p.Validate(); err != nil {
		return c, err
	}
	sums, err := db.prefixSums(ctx, s, p, []string{"fee_bearing", "paid_online", "dissatisfied", "rated", "multi_good", "multi_acc", "multi_end"})
	if err != nil {
		return c, err
	}
	in := func(i int) int64 { return sums[1][i] - sums[0][i] }
	c.FeeBearing, c.PaidOnline, c.Dissatisfied, c.Rated = in(0), in(1), in(2), in(3)
	// In progress at the end of TO: accepted by TO, not ended by TO.
	open := sums[1][5] - sums[1][6]
	cond, args := s.where([]any{p.To.String()})
	var overdue int64
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`+db.indexedBy("dossiers_overdue")+`
		WHERE accepted_day <> '' AND ended <> 'refused' AND due_day <> ''
		AND (ended = '' OR finished_day > due_day OR accepted_day > due_day)`+cond+`
		AND due_day < $1 AND accepted_day <= $1 AND (ended = '' OR finished_day > $1) AND supplement_count > 1`, args...).Scan(&overdue); err != nil {
		return c, mapErr(err)
	}
	c.MultiSupplement = in(4) + open - overdue
	return c, nil
}

// IndexExtras adds to c what the national portal's sync log, the fee
// exemptions and the digitised copies give the index (1.4, 3.6's
// denominator, group 4), for a tenant that uses them. Unlike IndexCounts
// these still read the period's dossiers one by one (a follow-up of
// issue 17 rolls them up); for a tenant that uses none of them they read
// one row each.
func (db ReportStore) IndexExtras(ctx context.Context, s ReportScope, p report.Period, c *report.IndexCounts) error {
	var err error
	// Indicator 1.4 from the national portal's sync log (nationalportal.go).
	c.SyncReceived, c.Synced, c.SyncOn, err = db.syncCounts(ctx, s, p)
	if err != nil {
		return err
	}
	// Exempt dossiers owe no fee: counted apart, out of 3.6's denominator
	// (feeexemption.go).
	if c.FeeExempt, err = db.exemptCount(ctx, s, p.From.String(), p.To.String()); err != nil {
		return err
	}
	c.FeeBearing = max(0, c.FeeBearing-c.FeeExempt)
	// Group 4 from the digitised copies (digitised.go).
	c.DigitResolved, c.DigitResult, c.DigitBoth, c.DigitReused, c.DigitOn, err = db.digitisedCounts(ctx, s, p.From.String(), p.To.String())
	return err
}

// prefixSums sums roll-up counters over the days before FROM ([0]) and up
// to TO ([1]), within the scope, reading the fewest rows as Report does.
func (db ReportStore) prefixSums(ctx context.Context, s ReportScope, p report.Period, counters []string) ([2][]int64, error) {
	out := [2][]int64{make([]int64, len(counters)), make([]int64, len(counters))}
	recent := calendar.NewDate(calendar.DateOf(db.Now()).Year-1, time.January, 1)
	parts := map[rangeKey]*[2]int64{}
	for c, x := range []calendar.Date{p.From, p.To.AddDays(1)} {
		ranges, sign := prefixRanges(x), int64(1)
		if !x.Before(recent) {
			ranges, sign = suffixRanges(x), -1
			addRange(parts, rangeKey{table: "report_total"}, c, 1)
		}
		for _, r := range ranges {
			addRange(parts, r, c, sign)
		}
	}
	sel := make([]string, len(counters))
	for i, c := range counters {
		sel[i] = "COALESCE(SUM(" + c + "), 0)"
	}
	for r, signs := range parts {
		if *signs == [2]int64{} {
			continue
		}
		var where string
		var args []any
		if r.col != "" {
			where = ` AND ` + r.col + ` ` + r.loOp + ` $1 AND ` + r.col + ` ` + r.hiOp + ` $2`
			args = []any{r.lo, r.hi}
		}
		cond, args := s.where(args)
		vals := make([]int64, len(counters))
		dest := make([]any, len(counters))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := db.r.QueryRowContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+r.table+` WHERE 1=1`+where+cond, args...).Scan(dest...); err != nil {
			return out, mapErr(err)
		}
		for c := 0; c < 2; c++ {
			for i, v := range vals {
				out[c][i] += signs[c] * v
			}
		}
	}
	return out, nil
}

// MonthTotals are the trend's figures of one calendar month: the dossiers
// received new in it by channel group and those resolved in it by class,
// as the month's Biểu 06 total row states them.
type MonthTotals struct {
	Month                report.Period
	Online, DirectPostal int64
	Early, OnTime, Late  int64
	OnTimeRate           *float64
}

// MonthlyTrend returns the totals of each whole calendar month from first
// to last (both the first day of their month), read in one query from the
// monthly roll-up: a month's received and resolved counts are its own rows,
// not differences of prefix sums, so the twelve points of the reports
// page's trend cost one range of report_monthly instead of twelve reports
// (issue 17, the --demo soak). Equal to Report(month).Total for every
// month (TestMonthlyTrendEqualsReports).
func (db ReportStore) MonthlyTrend(ctx context.Context, s ReportScope, first, last calendar.Date) ([]MonthTotals, error) {
	if first.Day != 1 || last.Day != 1 || last.Before(first) {
		return nil, fmt.Errorf("sqlstore: MonthlyTrend takes the first days of two months in order, not %s and %s", first, last)
	}
	key := func(d calendar.Date) string { return d.String()[:7] }
	cond, args := s.where([]any{key(first), key(last)})
	rows, err := db.r.QueryContext(ctx, `SELECT month, channel = 'online', SUM(accepted), SUM(early), SUM(on_time), SUM(late)
		FROM report_monthly WHERE month >= $1 AND month <= $2`+cond+` GROUP BY month, channel = 'online'`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	byMonth := map[string]*MonthTotals{}
	for rows.Next() {
		var m string
		var online bool
		var acc, early, onTime, late int64
		if err := rows.Scan(&m, &online, &acc, &early, &onTime, &late); err != nil {
			return nil, mapErr(err)
		}
		t := byMonth[m]
		if t == nil {
			t = &MonthTotals{}
			byMonth[m] = t
		}
		if online {
			t.Online += acc
		} else {
			t.DirectPostal += acc
		}
		t.Early, t.OnTime, t.Late = t.Early+early, t.OnTime+onTime, t.Late+late
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	var out []MonthTotals
	for d := first; !d.After(last); d = report.Month(d).To.AddDays(1) {
		t := MonthTotals{}
		if x := byMonth[key(d)]; x != nil {
			t = *x
		}
		t.Month = report.Month(d)
		t.OnTimeRate = report.Rate(t.Early+t.OnTime, t.Early+t.OnTime+t.Late)
		out = append(out, t)
	}
	return out, nil
}

package sqlstore_test

import (
	"context"
	"os"
	"testing"
	"time"

	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"

	"tuphap/internal/sqlstore/storetest"
)

// TestMain checks the query plans of every statement the package's tests
// run, and that every exported store method is run by a test
// (storetest.MainWithPlans; docs/architecture.md, Query plans).
func TestMain(m *testing.M) { os.Exit(storetest.MainWithPlans(m, storetest.StoreCoverage)) }

// TestPlanReach runs the store methods that HTTP handlers reach but the
// web tests do not (storetest.StoreTested), so that MainWithPlans checks
// their statements' plans. Their behaviour is tested through the services
// that use them; here only the SQL matters, so the answers (not found, a
// missing parent row) are not checked.
func TestPlanReach(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Now().UTC()
		calls := []func(tx *sqlstore.Tx) error{
			func(tx *sqlstore.Tx) error { _, err := sqlstore.OrgTx{Tx: tx}.Officer(ctx, "t", "o"); return err },
			func(tx *sqlstore.Tx) error {
				return sqlstore.OrgTx{Tx: tx}.UpdateOfficer(ctx, org.Officer{TenantID: "t", ID: "o"})
			},
			func(tx *sqlstore.Tx) error {
				return sqlstore.OrgTx{Tx: tx}.UpdateUnit(ctx, org.Unit{TenantID: "t", ID: "u"})
			},
			func(tx *sqlstore.Tx) error { return sqlstore.AuthTx{Tx: tx}.SetPassword(ctx, "t", "o", "h") },
			func(tx *sqlstore.Tx) error { return sqlstore.AuthTx{Tx: tx}.TouchSession(ctx, "t", "h", now, now) },
			func(tx *sqlstore.Tx) error {
				return sqlstore.JRTx{Tx: tx}.AnswerCheck(ctx, judicialrecord.CheckRow{TenantID: "t", DossierID: "d", Seq: 1, SentAt: now, DueAt: now})
			},
			func(tx *sqlstore.Tx) error {
				return sqlstore.HandoverTx{DossierTx: sqlstore.DossierTx{Tx: tx}}.MoveJRConviction(ctx, "t", "t2", "c", "i", "s")
			},
			func(tx *sqlstore.Tx) error {
				return sqlstore.JRTx{Tx: tx}.InsertCheck(ctx, &judicialrecord.CheckRow{TenantID: "t", DossierID: "d", SentAt: now, DueAt: now})
			},
		}
		db.Org().OfficerByUsername(ctx, "t", "u")
		for _, call := range calls {
			db.Transact(ctx, call)
		}
	})
}

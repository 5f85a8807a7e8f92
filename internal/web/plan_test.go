package web

import (
	"os"
	"testing"

	"tuphap/internal/sqlstore/storetest"
)

// TestMain checks the query plan of every statement the HTTP handlers'
// tests run on a database of realistic size, and that every exported
// store method is reached by them or listed as off the request path
// (storetest.MainWithPlans; docs/architecture.md, Query plans).
func TestMain(m *testing.M) { os.Exit(storetest.MainWithPlans(m, storetest.HTTPCoverage)) }

package web_test

import (
	"testing"

	"tuphap/internal/adminunit"
	"tuphap/internal/mediation"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// enableMediation turns the mediation register on in a test server.
func enableMediation(t testing.TB, s *web.Server, db *sqlstore.DB) {
	t.Helper()
	units, err := adminunit.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s.EnableMediation(&web.Mediation{Service: &mediation.Service{Store: db.Mediation(), InProvince: units.InProvince, CommuneName: units.NameOn},
		Clubs: db.Mediation(), Units: units})
}

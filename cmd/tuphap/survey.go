package main

import (
	"context"
	"io"

	"tuphap/internal/demo"
	"tuphap/internal/org"
	"tuphap/internal/survey"
)

// loadSurveyDemo answers the satisfaction survey for a few hundred of the
// demo department's returned dossiers, spread over its year.
func loadSurveyDemo(ctx context.Context, a *app, t org.Tenant, out io.Writer) error {
	codes, err := a.db.Surveys().SurveyableDossiers(ctx, t.ID, 20*demo.SurveyCount)
	if err != nil {
		return err
	}
	svc := &survey.Service{Store: a.db.Surveys(), Dossiers: a.db.Dossiers(), Now: a.db.Now}
	return demo.LoadSurveys(ctx, svc, t.ID, codes, out)
}

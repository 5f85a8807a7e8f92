package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/report"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/survey"
)

// Satisfaction surveys on both engines: a dossier is surveyed once, after
// its result is returned, with the questionnaire in force; an edited
// questionnaire is a new version and the earlier answer keeps its own; the
// quarter's results and the index's counts (5.3, 5.4: a dossier rated and
// surveyed "not satisfied" counts once) come from the stored answers.
func TestSurveys(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, eng sqlstore.Engine) {
		e := newDossierEnv(t, eng)
		ctx := context.Background()
		svc := &survey.Service{Store: e.db.Surveys(), Dossiers: e.db.Dossiers(), Now: e.clock.Now}
		desk := audit.Actor{ID: "o1", Name: "motcua"}
		code := nationalCode(t, "notary.card_issue")
		returned := func(rate *bool) dossier.Dossier {
			d, err := e.svc.Intake(ctx, clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: code, Channel: catalog.ChannelDirect, Applicant: applicant})
			if err != nil {
				t.Fatal(err)
			}
			e.clock.Add(48 * time.Hour) // two days from acceptance to the result
			d = e.act(t, clerk, d, dossier.ActForward, dossier.Input{})
			d = e.act(t, specialist, d, dossier.ActForward, dossier.Input{})
			d = e.act(t, head, d, dossier.ActForward, dossier.Input{})
			d = e.act(t, director, d, dossier.ActForward, dossier.Input{})
			if d.Fee > 0 {
				if d, err = e.svc.CollectFee(ctx, clerk, e.tenant.ID, d.Code, "Sở Tư pháp", (&ereceipt.Simulator{Now: e.clock.Now}).Issue); err != nil {
					t.Fatal(err)
				}
			}
			d = e.act(t, clerk, d, dossier.ActReturn, dossier.Input{})
			if rate != nil {
				d = e.act(t, clerk, d, dossier.ActRate, dossier.Input{Satisfied: rate})
			}
			return d
		}
		open, err := e.svc.Intake(ctx, clerk, e.tenant.ID, dossier.IntakeRequest{Procedure: code, Channel: catalog.ChannelDirect, Applicant: applicant})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Submit(ctx, desk, e.tenant.ID, open.Code, survey.Counter, 0, map[string]int{"officer.1": 5}, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("a dossier in progress surveyed: %v", err)
		}
		no := false
		d1, d2 := returned(nil), returned(&no)
		a1, err := svc.Submit(ctx, desk, e.tenant.ID, d1.Code, survey.Counter, 1, map[string]int{"officer.1": 5, "officer.2": 4, "feedback.1": 4, "feedback.2": 2, "result.1": 0}, "Tốt")
		if err != nil || a1.Version != 1 || a1.By != "motcua" || a1.Unit == "" {
			t.Fatalf("answer 1: %+v %v", a1, err)
		}
		if _, err := svc.Submit(ctx, desk, e.tenant.ID, d1.Code, survey.Portal, 0, map[string]int{"officer.1": 1}, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("a second answer: %v", err)
		}
		if _, err := svc.Submit(ctx, desk, e.tenant.ID, d2.Code, survey.Portal, 0, map[string]int{"nope": 1}, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("an unknown question: %v", err)
		}
		// The department edits the questionnaire: version 2.
		names, lines := map[survey.GroupCode]string{}, map[survey.GroupCode]string{}
		for _, g := range survey.Default().Groups {
			names[g.Code], lines[g.Code] = g.Name, g.Questions[0].Text
		}
		lines[survey.Officer] += "\nCông chức không gây phiền hà"
		q2, err := svc.Edit(ctx, desk, e.tenant.ID, "Phiếu khảo sát 2027", names, lines)
		if err != nil || q2.Version != 2 {
			t.Fatalf("edit: %+v %v", q2, err)
		}
		if _, err := svc.Submit(ctx, desk, e.tenant.ID, d2.Code, survey.Portal, 1, map[string]int{"officer.1": 1}, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("answering an outdated version: %v", err)
		}
		a2, err := svc.Submit(ctx, desk, e.tenant.ID, d2.Code, survey.Portal, 2, map[string]int{"officer.1": 1, "officer.2": 2, "feedback.1": 5}, "")
		if err != nil || a2.Version != 2 || a2.By != "" {
			t.Fatalf("answer 2: %+v %v", a2, err)
		}
		// d3 is not rated but surveyed "not satisfied" (average below 3).
		d3 := returned(nil)
		if _, err := svc.Submit(ctx, desk, e.tenant.ID, d3.Code, survey.Portal, 2, map[string]int{"result.1": 2}, ""); err != nil {
			t.Fatal(err)
		}
		vs, err := svc.Versions(ctx, e.tenant.ID)
		if err != nil || len(vs) != 2 || vs[2].Groups[2].Questions[1].Text != "Công chức không gây phiền hà" || vs[1].Title != survey.Default().Title {
			t.Fatalf("versions %+v %v", vs, err)
		}
		got, err := e.db.Surveys().Answer(ctx, e.tenant.ID, d1.ID)
		if err != nil || got.Version != 1 || got.Scores["officer.2"] != 4 || got.Comment != "Tốt" || got.Channel != survey.Counter {
			t.Fatalf("stored answer %+v %v", got, err)
		}
		q := survey.QuarterOf(calendar.DateOf(e.clock.Now()))
		res, err := svc.Results(ctx, e.tenant.ID, q)
		if err != nil || res.Total.Surveys != 3 || res.Total.Counter != 1 || res.Total.Dissatisfied != 2 {
			t.Fatalf("results %+v %v", res.Total, err)
		}
		// officer: 5, 4, 1, 2 → 2 of 4 satisfied.
		if off := res.Total.Groups[2]; off.Tally != (survey.Tally{Answered: 4, Satisfied: 2, Sum: 12}) || off.Name != "Sự phục vụ của công chức" {
			t.Errorf("officer group %+v", off)
		}
		if res, err := svc.Results(ctx, e.tenant.ID, q.Prev()); err != nil || res.Total.Surveys != 0 {
			t.Errorf("previous quarter %+v %v", res.Total, err)
		}
		// The index: d2 is rated and surveyed "not satisfied": counted once,
		// as rated; d3 only surveyed "not satisfied".
		p := report.Period{From: calendar.DateOf(e.clock.Now().Add(-30 * 24 * time.Hour)), To: calendar.DateOf(e.clock.Now())}
		scope := sqlstore.ReportScope{TenantID: e.tenant.ID}
		var c report.IndexCounts
		if err := e.db.Reports().SurveyIndex(ctx, scope, p, &c); err != nil {
			t.Fatal(err)
		}
		// 2.2: three dossiers resolved two days after acceptance.
		if !c.ResolvedDaysOn || c.ResolvedN != 3 || c.ResolvedDays != 6 {
			t.Errorf("resolution days %d over %d dossiers, want 6 over 3", c.ResolvedDays, c.ResolvedN)
		}
		if !c.SurveyOn || c.SurveyDisliked != 1 || c.FeedbackAnswered != 3 || c.FeedbackSatisfied != 2 {
			t.Errorf("survey counts %+v", c)
		}
		if err := e.db.Reports().SurveyIndex(ctx, sqlstore.ReportScope{TenantID: e.tenant.ID, Filter: report.Filter{Unit: "NONE"}}, p, &c); err != nil ||
			c.FeedbackAnswered != 0 {
			t.Errorf("scoped to another unit: %+v %v", c, err)
		}
		if _, err := e.db.Audit().VerifyAudit(ctx, e.tenant.ID); err != nil {
			t.Fatal(err)
		}
	})
}

package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/survey"
)

// SurveyCount is about how many satisfaction surveys the demo department
// collected over its year of dossiers.
const SurveyCount = 300

// LoadSurveys answers the satisfaction survey for up to SurveyCount of the
// returned dossiers (codes, spread over them), each a few hours after its result was
// returned: most on the portal, some on paper at the counter, mostly
// satisfied with a few unhappy applicants, so that every quarter of the
// results page reads like a real one.
func LoadSurveys(ctx context.Context, svc *survey.Service, tenantID string, codes []string, out io.Writer) error {
	rng := rand.New(rand.NewPCG(2026, 9))
	q := survey.Default()
	n, step := 0, max(1, len(codes)/SurveyCount)
	for i := 0; i < len(codes) && n < SurveyCount; i += step {
		code := codes[i]
		d, err := svc.Dossiers.Dossier(ctx, tenantID, code)
		if err != nil {
			return err
		}
		if d.ReturnedAt == nil {
			continue
		}
		at := d.ReturnedAt.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
		one := *svc
		one.Now = func() time.Time { return at }
		unhappy := rng.IntN(100) < 8
		scores := map[string]int{}
		for _, g := range q.Groups {
			for _, qu := range g.Questions {
				switch r := rng.IntN(100); {
				case g.Code == survey.Feedback && r < 35:
					// Many applicants never gave feedback: not applicable.
				case unhappy:
					scores[qu.Code] = 1 + rng.IntN(3)
				case r < 55:
					scores[qu.Code] = 5
				case r < 88:
					scores[qu.Code] = 4
				case r < 97:
					scores[qu.Code] = 3
				default:
					scores[qu.Code] = 2
				}
			}
		}
		ch, by := survey.Portal, audit.Actor{Name: "Người nộp hồ sơ"}
		if rng.IntN(100) < 30 {
			ch, by = survey.Counter, audit.Actor{Name: "motcua"}
		}
		comment := ""
		if unhappy {
			comment = "Phải đi lại nhiều lần, hướng dẫn chưa rõ."
		}
		if _, err := one.Submit(ctx, by, tenantID, code, ch, 0, scores, comment); err != nil {
			return fmt.Errorf("demo survey %s: %w", code, err)
		}
		n++
	}
	fmt.Fprintf(out, "Đã nạp %d phiếu khảo sát mức độ hài lòng.\n", n)
	return nil
}

package legaldoc

import (
	"time"
)

// Period is a reporting period, both days included.
type Period struct{ From, To time.Time }

func (p Period) in(t *time.Time) bool {
	return t != nil && !dateOf(*t).Before(p.From) && !dateOf(*t).After(p.To)
}

// Counted names the figures a list can be drilled into, with the
// definition TaskCounts, CheckCounts and DocCounts give them.
var Counted = map[string]string{
	"appraisal_received": "dự thảo nhận thẩm định",
	"appraisal_reported": "dự thảo đã thẩm định (đã gửi báo cáo)",
	"appraisal_late":     "báo cáo thẩm định gửi quá hạn",
	"appraisal_open":     "dự thảo đang thẩm định cuối kỳ",
	"proposal_reported":  "đề nghị xây dựng nghị quyết đã thẩm định",
	"opinion_given":      "dự thảo đã góp ý",
	"checked":            "văn bản đã kiểm tra",
	"unlawful":           "văn bản phát hiện trái pháp luật",
	"issued":             "văn bản QPPL ban hành",
}

// TaskCounts lists the figures of p a task counts in:
//   - appraisal_received: an appraisal received in the period;
//   - appraisal_reported: an appraisal whose report went out in the period
//     (the seeds' "thẩm định 60 dự thảo");
//   - appraisal_late: of those, the ones sent after their due day;
//   - appraisal_open: received by the period's end, report not out by then;
//   - proposal_reported, opinion_given: a proposal appraised, an opinion
//     sent, in the period.
func (p Period) TaskCounts(t Task) []string {
	var out []string
	switch t.Type {
	case TaskAppraisal:
		if p.in(&t.ReceivedOn) {
			out = append(out, "appraisal_received")
		}
		if p.in(t.ReportOn) {
			out = append(out, "appraisal_reported")
			if t.DueOn != nil && t.ReportOn.After(*t.DueOn) {
				out = append(out, "appraisal_late")
			}
		}
		if !t.ReceivedOn.After(p.To) && (t.ReportOn == nil || t.ReportOn.After(p.To)) {
			out = append(out, "appraisal_open")
		}
	case TaskProposal:
		if p.in(t.ReportOn) {
			out = append(out, "proposal_reported")
		}
	case TaskOpinion:
		if p.in(t.ReportOn) {
			out = append(out, "opinion_given")
		}
	}
	return out
}

// CheckCounts: a check done (its checking day) in the period, and unlawful
// when it found unlawful content.
func (p Period) CheckCounts(c Check) []string {
	if !p.in(c.CheckedOn) {
		return nil
	}
	if c.Unlawful() {
		return []string{"checked", "unlawful"}
	}
	return []string{"checked"}
}

// DocCounts: a document signed in the period.
func (p Period) DocCounts(d Document) []string {
	if p.in(&d.SignedOn) {
		return []string{"issued"}
	}
	return nil
}

// KindCount is a figure broken down by kind of document.
type KindCount struct {
	Kind            Kind
	Issued, InForce int
	Appraised       int
}

// Figures are the register's figures for a period, from records.
type Figures struct {
	From, To string
	// Appraisal of drafts.
	AppraisalReceived, AppraisalReported, AppraisalLate, AppraisalOpen int
	// OnTimeRate is reported on time ÷ reported (numerator and denominator
	// kept above).
	OnTimeRate       *float64
	ProposalReported int
	// Opinions given, by origin.
	OpinionGiven int
	ByOrigin     map[Origin]int
	// Checking.
	Checked, Unlawful, CheckClosed int
	ByMode                         map[CheckMode]int
	// Review: documents reviewed in rounds finished in the period, and
	// their verdicts.
	Reviewed  int
	ByVerdict map[Verdict]int
	// The law book: documents signed in the period, and the standing of
	// the whole book on the period's last day.
	Issued   int
	ByKind   []KindCount
	ByStatus map[Status]int
	// Province / commune split of the issued documents.
	IssuedProvince, IssuedCommunes int
}

// Compute computes the figures of p from the register's records.
func Compute(p Period, tasks []Task, checks []Check, reviews []Review, g *Graph) Figures {
	f := Figures{From: p.From.Format("2006-01-02"), To: p.To.Format("2006-01-02"),
		ByOrigin: map[Origin]int{}, ByMode: map[CheckMode]int{}, ByVerdict: map[Verdict]int{}, ByStatus: map[Status]int{}}
	kinds := map[Kind]*KindCount{}
	for _, k := range Kinds {
		kinds[k] = &KindCount{Kind: k}
	}
	for _, t := range tasks {
		for _, c := range p.TaskCounts(t) {
			switch c {
			case "appraisal_received":
				f.AppraisalReceived++
			case "appraisal_reported":
				f.AppraisalReported++
				if kc := kinds[t.DraftKind]; kc != nil {
					kc.Appraised++
				}
			case "appraisal_late":
				f.AppraisalLate++
			case "appraisal_open":
				f.AppraisalOpen++
			case "proposal_reported":
				f.ProposalReported++
			case "opinion_given":
				f.OpinionGiven++
				f.ByOrigin[t.Origin]++
			}
		}
	}
	f.OnTimeRate = Percent(f.AppraisalReported-f.AppraisalLate, f.AppraisalReported)
	for _, c := range checks {
		cs := p.CheckCounts(c)
		if len(cs) == 0 {
			continue
		}
		f.Checked++
		f.ByMode[c.Mode]++
		if c.Unlawful() {
			f.Unlawful++
		}
		if p.in(c.ClosedOn) {
			f.CheckClosed++
		}
	}
	for _, r := range reviews {
		if !p.in(r.FinishedOn) {
			continue
		}
		for _, it := range r.Items {
			f.Reviewed++
			f.ByVerdict[it.Verdict]++
		}
	}
	if g != nil {
		for _, d := range g.Docs {
			st := g.ValidityOn(d.ID, p.To).Status
			if st != StatusNotYet || !d.SignedOn.After(p.To) {
				f.ByStatus[st]++
			}
			kc := kinds[d.Kind]
			if kc != nil && st.Applies() {
				kc.InForce++
			}
			if len(p.DocCounts(d)) > 0 {
				f.Issued++
				if kc != nil {
					kc.Issued++
				}
				if d.CommuneCode != "" {
					f.IssuedCommunes++
				} else {
					f.IssuedProvince++
				}
			}
		}
	}
	for _, k := range Kinds {
		f.ByKind = append(f.ByKind, *kinds[k])
	}
	return f
}

// Percent is num ÷ den in percent, nil when den is 0.
func Percent(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	v := float64(num) * 100 / float64(den)
	return &v
}

package survey

import "sort"

// GroupResult is one criterion group's result: the share of satisfied
// answers (SIPAS's index of the group) and the average score out of 5.
type GroupResult struct {
	Code    GroupCode `json:"code"`
	Name    string    `json:"name"`
	Tally   Tally     `json:"tally"`
	Percent *float64  `json:"satisfied_percent"`
	Mean    *float64  `json:"mean_score"`
}

// Row is one unit's (or the total's) results for a quarter.
type Row struct {
	Unit    string        `json:"unit"`
	Surveys int64         `json:"surveys"`
	Portal  int64         `json:"portal"`
	Counter int64         `json:"counter"`
	Groups  []GroupResult `json:"groups"`
	// Index is the satisfaction index: the average of the groups'
	// satisfied shares that have answers (SIPAS), one decimal.
	Index *float64 `json:"index"`
	// Dissatisfied counts the answers "not satisfied" overall.
	Dissatisfied int64 `json:"dissatisfied"`
}

// Results are a quarter's results per unit and for the whole department.
type Results struct {
	Quarter string `json:"quarter"`
	Label   string `json:"label"`
	Rows    []Row  `json:"units"`
	Total   Row    `json:"total"`
	// Method says how the figures are computed.
	Method string `json:"method"`
	// Province, for a department with commune tenants attached: one row
	// per agency (the department's total first, Unit naming the agency)
	// and ProvinceTotal over them all (Combine).
	Province      []Row `json:"province,omitempty"`
	ProvinceTotal *Row  `json:"province_total,omitempty"`
}

// Combine adds rows up into one (a province of its department and
// communes): counts and tallies are summed, shares, averages and the index
// recomputed from the sums, never averaged.
func Combine(unit string, rows []Row) Row {
	out := Row{Unit: unit}
	tallies := map[GroupCode]Tally{}
	names := map[GroupCode]string{}
	for _, r := range rows {
		out.Surveys += r.Surveys
		out.Portal += r.Portal
		out.Counter += r.Counter
		out.Dissatisfied += r.Dissatisfied
		for _, g := range r.Groups {
			t := tallies[g.Code]
			t.add(g.Tally)
			tallies[g.Code] = t
			if names[g.Code] == "" {
				names[g.Code] = g.Name
			}
		}
	}
	var sum float64
	var n int
	for _, c := range Groups {
		t := tallies[c]
		name := names[c]
		if name == "" {
			name = GroupName(c)
		}
		gr := GroupResult{Code: c, Name: name, Tally: t, Percent: t.Percent(), Mean: t.Mean()}
		if gr.Percent != nil {
			sum += *gr.Percent
			n++
		}
		out.Groups = append(out.Groups, gr)
	}
	if n > 0 {
		idx := float64(int64(sum/float64(n)*10+0.5)) / 10
		out.Index = &idx
	}
	return out
}

// Method is the results' definition, printed under the table.
const Method = "Tỷ lệ hài lòng của nhóm = số câu trả lời \"hài lòng\" hoặc \"rất hài lòng\" ÷ số câu trả lời có đánh giá của nhóm; " +
	"chỉ số hài lòng = trung bình tỷ lệ hài lòng của các nhóm có câu trả lời; điểm trung bình trên thang 5 mức."

// Compute tallies the answers of a quarter by unit with the questionnaire
// version each was answered with (versions: by number; an answer whose
// version is missing counts under the default questionnaire's groups).
func Compute(q Quarter, versions map[int]Questionnaire, answers []Answer) Results {
	res := Results{Quarter: q.String(), Label: q.Label(), Method: Method}
	names := map[GroupCode]string{}
	latest := 0
	for v, qn := range versions {
		if v >= latest {
			latest = v
			for _, g := range qn.Groups {
				names[g.Code] = g.Name
			}
		}
	}
	for _, c := range Groups {
		if names[c] == "" {
			names[c] = GroupName(c)
		}
	}
	type acc struct {
		row    Row
		tallys map[GroupCode]Tally
	}
	byUnit := map[string]*acc{}
	total := &acc{tallys: map[GroupCode]Tally{}}
	for _, a := range answers {
		qn, ok := versions[a.Version]
		if !ok {
			qn = Default()
		}
		u := byUnit[a.Unit]
		if u == nil {
			u = &acc{row: Row{Unit: a.Unit}, tallys: map[GroupCode]Tally{}}
			byUnit[a.Unit] = u
		}
		for _, x := range []*acc{u, total} {
			x.row.Surveys++
			if a.Channel == Counter {
				x.row.Counter++
			} else {
				x.row.Portal++
			}
			if Dissatisfied(a.Scores) {
				x.row.Dissatisfied++
			}
			for g, t := range qn.Tallies(a.Scores) {
				cur := x.tallys[g]
				cur.add(t)
				x.tallys[g] = cur
			}
		}
	}
	finish := func(x *acc) Row {
		r := x.row
		var sum float64
		var n int
		for _, c := range Groups {
			t := x.tallys[c]
			gr := GroupResult{Code: c, Name: names[c], Tally: t, Percent: t.Percent(), Mean: t.Mean()}
			if gr.Percent != nil {
				sum += *gr.Percent
				n++
			}
			r.Groups = append(r.Groups, gr)
		}
		if n > 0 {
			idx := float64(int64(sum/float64(n)*10+0.5)) / 10
			r.Index = &idx
		}
		return r
	}
	for _, u := range byUnit {
		res.Rows = append(res.Rows, finish(u))
	}
	sort.Slice(res.Rows, func(i, j int) bool { return res.Rows[i].Unit < res.Rows[j].Unit })
	res.Total = finish(total)
	return res
}
